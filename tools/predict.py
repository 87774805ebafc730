"""Segment georeferenced scenes of any size with a fine-tuned segmentor.

Examples::

    python tools/predict.py CONFIG CHECKPOINT scene.tif --out scene_map.tif
    python tools/predict.py CONFIG CHECKPOINT scenes/ --out maps/ \\
        --window 512 --overlap 128 --blend gaussian --batch-size 8 \\
        --device cuda --probs probs/ --preview previews/
    python tools/predict.py CONFIG CHECKPOINT 'tiles/*_RGBIR.tif' --out maps/

With a folder or a glob, ``--out`` (and ``--probs``/``--preview``) name
folders that receive one file per scene, named after the scene.
"""
import argparse
import os.path as osp
import sys
from typing import List, Optional, Tuple

import torch
from mmengine.config import DictAction

from grsim_mm.apis import BLEND_MODES, find_scenes, init_segmentor, \
    predict_scene
from grsim_mm.apis.band_selection import check_scene_bands, select_bands
from grsim_mm.apis.inference import model_in_channels
from grsim_mm.datasets.raster_io import raster_shape


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description='Sliding-window segmentation of GeoTIFF scenes')
    parser.add_argument('config', help='model config file')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument(
        'input', help='a scene, a folder of scenes or a quoted glob')
    parser.add_argument(
        '--out', required=True,
        help='output GeoTIFF, or a folder when several scenes are given')
    parser.add_argument('--window', type=int, default=512,
                        help='sliding window side in pixels')
    parser.add_argument('--overlap', type=int, default=128,
                        help='pixels shared by neighbouring windows')
    parser.add_argument('--blend', choices=BLEND_MODES, default='gaussian',
                        help='weighting of logits where windows overlap')
    parser.add_argument('--batch-size', type=int, default=4,
                        help='windows per forward pass')
    parser.add_argument(
        '--bands', type=int, nargs='+',
        help='0-based indices of the bands to read, in model order, as the '
        'bands of LoadRasterImageFromFile (default: the bands the config\'s '
        'loader reads, i.e. the dataset setting\'s `bands`; all without '
        'one)')
    parser.add_argument(
        '--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    parser.add_argument('--probs',
                        help='also write float16 class probabilities here')
    parser.add_argument('--preview',
                        help='also write a downsampled colour PNG here')
    parser.add_argument('--preview-size', type=int, default=1024,
                        help='longer side of the preview in pixels')
    parser.add_argument('--overwrite', action='store_true',
                        help='replace existing outputs')
    parser.add_argument(
        '--cfg-options', nargs='+', action=DictAction,
        help='override config settings, e.g. model.test_cfg.mode=whole')
    return parser.parse_args(argv)


def plan_outputs(args: argparse.Namespace
                 ) -> List[Tuple[str, str, Optional[str], Optional[str]]]:
    """(scene, map, probabilities, preview) paths for every scene."""
    scenes = find_scenes(args.input)
    several = len(scenes) > 1 or osp.isdir(args.input) or \
        not osp.exists(args.input)

    def target(dest: Optional[str], scene: str, suffix: str) -> Optional[str]:
        if dest is None or not several:
            return dest
        stem = osp.splitext(osp.basename(scene))[0]
        return osp.join(dest, stem + suffix)

    return [(scene, target(args.out, scene, '.tif'),
             target(args.probs, scene, '.tif'),
             target(args.preview, scene, '.png')) for scene in scenes]


def main(argv: Optional[List[str]] = None) -> None:
    args = parse_args(argv)
    jobs = plan_outputs(args)
    if not args.overwrite:
        # Refuse before loading the model rather than halfway through.
        existing = [p for job in jobs for p in job[1:]
                    if p is not None and osp.exists(p)]
        if existing:
            sys.exit('refusing to overwrite existing outputs (pass '
                     '--overwrite): ' + ', '.join(existing))
    model = init_segmentor(args.config, args.checkpoint, args.device,
                           args.cfg_options)
    selection = select_bands(model.cfg, args.config, args.bands,
                             model_in_channels(model))
    for scene, *_ in jobs:
        check_scene_bands(scene, raster_shape(scene)[0], selection)
    for i, (scene, out, probs, preview) in enumerate(jobs, start=1):
        print(f'[{i}/{len(jobs)}] {scene} -> {out}', flush=True)
        predict_scene(
            model,
            scene,
            out,
            window=args.window,
            overlap=args.overlap,
            blend=args.blend,
            batch_size=args.batch_size,
            bands=selection.bands,
            probs_path=probs,
            preview_path=preview,
            preview_size=args.preview_size,
            overwrite=args.overwrite)


if __name__ == '__main__':
    main()
