"""Importing grsim_mm registers every component, cleanly."""
import json
import subprocess
import sys

import pytest

CHECK = r"""
import json, warnings
warnings.simplefilter('always')
with warnings.catch_warnings(record=True) as caught:
    import grsim_mm
ours = [f'{w.filename}:{w.lineno}: {w.message}' for w in caught
        if 'grsim_mm' in w.filename.replace('\\', '/').split('/site-packages/')[-1]]
print(json.dumps(ours))
"""

EXPECTED = {
    'mmseg': {
        'TRANSFORMS': [
            'LoadRasterImageFromFile', 'LoadRasterAnnotations',
            'RandomShiftScaleAspect', 'RGBHSVJitter', 'SpectralJitter'
        ],
        'DATASETS': ['RSISegDataset'],
        'METRICS': ['RSISegMetric', 'RSSegMetric'],
        'MODELS':
        ['DeepLabV3PlusHead', 'RSIEncoderDecoder', 'MultiScaleFusionHead'],
        'HOOKS': ['RSISegVisualizationHook'],
        'VISUALIZERS': ['RSISegLocalVisualizer'],
    },
    'mmpretrain': {
        'TRANSFORMS': [
            'LoadRasterImageFromFile', 'LoadRasterAnnotations', 'GLCViews',
            'PairedViews', 'NeighbourTiles', 'SamplePosition',
            'OTSceneTransfer'
        ],
        'DATASETS': [
            'RSIUnlabeledDataset', 'RSISceneDataset', 'GeoBalancedDataset',
            'SceneTransferDataset'
        ],
        'METRICS': ['RSISceneMetric'],
        'MODELS': [
            'GLCNet', 'GlobalStyleHead', 'GlobalContrastHead',
            'LocalMatchingHead', 'DecoupledNTXentLoss', 'NTXentLoss', 'SSCCL',
            'FNCCLoss', 'GraSS', 'RiSSNet', 'GFCNet',
            'MultiPositiveInfoNCELoss', 'GeoFeatureCorrectedNTXentLoss',
            'LaST', 'RSIImageClassifier'
        ],
        'HOOKS': ['GraSSStageHook', 'TeacherTempWarmupHook'],
    },
    'mmengine': {
        'HOOKS': ['FiniteCheckHook', 'SeedScheduleHook'],
    },
}


def test_import_emits_no_warnings_from_our_code():
    proc = subprocess.run([sys.executable, '-c', CHECK], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == []


@pytest.mark.parametrize('scope,registry,name', [
    (scope, registry, name) for scope, registries in EXPECTED.items()
    for registry, names in registries.items() for name in names
])
def test_component_is_registered(scope, registry, name):
    import importlib

    import grsim_mm  # noqa: F401
    module = importlib.import_module(f'{scope}.registry')
    found = getattr(module, registry).get(name)
    assert found is not None
    assert found.__module__.startswith('grsim_mm.')
