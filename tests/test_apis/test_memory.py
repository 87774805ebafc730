"""Peak memory of scene inference depends on the scene width, not its area.

Measured as the peak resident set size of a fresh process, so everything
counts: numpy, torch and GDAL alike. GDAL's block cache is a separate,
configurable bound (GDAL_CACHEMAX, by default 5 % of the RAM); it is set
small here so that the test measures this package's buffers.
"""
import json
import os
import os.path as osp
import subprocess
import sys

import numpy as np
import rasterio
from rasterio.windows import Window

HERE = osp.dirname(osp.abspath(__file__))
WIDTH, BANDS = 1024, 4
SHORT, TALL = 512, 6144
MB_PER_ROW = WIDTH * BANDS * 4 / 2**20  # float32

CHILD = r'''
import json, resource, sys
import numpy as np
sys.path[:0] = [{here!r}, {here!r} + '/..']  # its helpers, tool_scripts
from inference_helpers import linear_segmentor, write_scene
from grsim_mm.apis import predict_scene

def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

def run(name):
    return predict_scene(model, {tmp!r} + f'/{{name}}.tif',
                         {tmp!r} + f'/{{name}}_map.tif', window=256,
                         overlap=32, progress=False)

model = linear_segmentor(np.eye(2, 4), [0.0, 0.0])
# Warm up on a small scene so that lazily allocated state does not count.
write_scene({tmp!r} + '/small.tif', np.ones((4, 300, 300), 'float32'))
run('small')
peaks = [peak_mb()]
for name in ('short', 'tall'):
    windows = run(name)['windows']
    peaks.append(peak_mb())
print(json.dumps(dict(peaks=peaks, windows=windows)))
'''


def write_scene(path: str, height: int) -> None:
    """A float32 scene of WIDTH x height x BANDS, written strip by strip."""
    profile = dict(driver='GTiff', width=WIDTH, height=height, count=BANDS,
                   dtype='float32', tiled=True, compress='lzw')
    rows = np.arange(512, dtype=np.float32)[:, None] % 7
    strip = np.broadcast_to(rows, (BANDS, 512, WIDTH)) + \
        np.arange(BANDS, dtype=np.float32)[:, None, None]
    with rasterio.open(path, 'w', **profile) as dst:
        for y in range(0, height, 512):
            dst.write(strip, window=Window(0, y, WIDTH, 512))


def test_peak_memory_does_not_grow_with_scene_area(tmp_path):
    tmp = str(tmp_path)
    write_scene(osp.join(tmp, 'short.tif'), SHORT)
    write_scene(osp.join(tmp, 'tall.tif'), TALL)
    env = dict(os.environ, GDAL_CACHEMAX='8')
    proc = subprocess.run(
        [sys.executable, '-c', CHILD.format(here=HERE, tmp=tmp)],
        capture_output=True, text=True, env=env, timeout=600,
        cwd=osp.dirname(osp.dirname(HERE)))
    assert proc.returncode == 0, proc.stderr
    stats = json.loads(proc.stdout.strip().splitlines()[-1])
    warm, short, tall = stats['peaks']
    assert stats['windows'] == 5 * 28
    # The tall scene is 88 MB larger than the short one (96 MB in all):
    # holding it, or any buffer growing with its area, would show here.
    assert tall - short < (TALL - SHORT) * MB_PER_ROW / 8, stats['peaks']
    assert tall - warm < TALL * MB_PER_ROW / 2, stats['peaks']
    with rasterio.open(osp.join(tmp, 'tall_map.tif')) as dst:
        assert dst.shape == (TALL, WIDTH)
        labels = dst.read(1, window=Window(0, TALL - 300, WIDTH, 300))
    # Class 1 (band 2 = band 1 + 1) wins everywhere.
    assert (labels == 1).all()
