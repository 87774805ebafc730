"""Select a representative, homogeneous subset of a candidate pool.

Embeds every file of the pool with the backbone of a toolbox checkpoint
(global average pooling of the last stage), clusters the embeddings with
k-means and writes a list of ``--size`` files drawn as evenly as possible
across the clusters (model-guided sampling of G-RSIM). The logic lives in
``grsim_mm.utils.feature_selection``.

    python tools/select_samples.py pool.txt --checkpoint moco.pth \
        --mean 123.7 116.3 103.5 --std 58.4 57.1 57.4 --size 5000 \
        --clusters 50 --out selected.txt
    # mmseg's ResNet of a segmentation checkpoint, 4 bands
    python tools/select_samples.py pool.txt --checkpoint glcnet.pth \
        --scope mmseg --backbone-args depth=50 in_channels=4 \
        --mean 86 92 85 98 --std 35 35 36 36 --size 1000 --out sel.txt
"""
import argparse
import os.path as osp
import sys
from typing import List, Optional, Sequence

import numpy as np
from mmengine.config import DictAction
from mmengine.registry import DefaultScope

from grsim_mm.utils.feature_selection import (WITHIN, backbone_state,
                                              embed_images, load_backbone,
                                              select_evenly)
from grsim_mm.utils.safe_load import load_local_checkpoint


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('pool', help='text file, one image path a line')
    parser.add_argument('--root',
                        default='',
                        help='folder the pool paths are relative to')
    parser.add_argument('--checkpoint', required=True)
    parser.add_argument('--backbone',
                        default='ResNet',
                        help='registered backbone type')
    parser.add_argument('--backbone-args',
                        nargs='+',
                        action=DictAction,
                        default={},
                        help='backbone arguments, key=value '
                        '(default depth=50)')
    parser.add_argument('--scope',
                        default='mmpretrain',
                        choices=['mmpretrain', 'mmseg'],
                        help='registry of the backbone type')
    parser.add_argument('--prefix',
                        help='key prefix of the backbone '
                        "weights (default: 'backbone.' if present)")
    parser.add_argument('--mean',
                        type=float,
                        nargs='+',
                        required=True,
                        help="per-band mean of the pretraining's "
                        'data preprocessor')
    parser.add_argument('--std', type=float, nargs='+', required=True)
    parser.add_argument('--bands',
                        type=int,
                        nargs='+',
                        help='0-based bands to read (default all)')
    parser.add_argument('--size',
                        type=int,
                        required=True,
                        help='number of files to select')
    parser.add_argument('--clusters',
                        type=int,
                        help='k of k-means (default min(size, 50))')
    parser.add_argument('--within',
                        choices=WITHIN,
                        default='random',
                        help='pick a cluster\'s members at random or '
                        'nearest to its centre first')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--batch-size', type=int, default=16)
    parser.add_argument('--out', required=True, help='selected list')
    parser.add_argument('--save-embeddings',
                        help='also save embeddings and cluster labels (.npz)')
    return parser.parse_args(argv)


def read_pool(pool: str, root: str) -> List[str]:
    with open(pool, encoding='utf-8') as f:
        names = [line.strip() for line in f if line.strip()]
    if not names:
        raise ValueError(f'{pool}: the candidate list is empty')
    paths = [osp.join(root, n) for n in names]
    missing = [p for p in paths if not osp.isfile(p)]
    if missing:
        raise FileNotFoundError(f'{pool}: {len(missing)} listed files do not '
                                f'exist, e.g. {missing[0]}')
    return names


def main(argv: Optional[Sequence[str]] = None) -> None:
    args = parse_args(argv)
    if len(args.mean) != len(args.std):
        raise ValueError(f'--mean has {len(args.mean)} values and --std '
                         f'{len(args.std)}; give one per band')
    names = read_pool(args.pool, args.root)
    if not 1 <= args.size <= len(names):
        raise ValueError(f'--size {args.size} must lie in 1..{len(names)}, '
                         'the pool size')
    clusters = args.clusters or min(args.size, 50)

    if args.scope == 'mmseg':
        from mmseg.registry import MODELS
    else:
        from mmpretrain.registry import MODELS
    cfg = dict(type=args.backbone, depth=50)
    cfg.update(args.backbone_args)
    with DefaultScope.overwrite_default_scope(args.scope):
        backbone = MODELS.build(cfg)
    state = backbone_state(load_local_checkpoint(args.checkpoint, 'cpu'),
                           args.prefix, args.checkpoint)
    load_backbone(backbone, state, args.checkpoint)

    print(f'Embedding {len(names)} files with {args.backbone} from '
          f'{args.checkpoint}')
    feats = embed_images(backbone, [osp.join(args.root, n) for n in names],
                         args.mean, args.std, args.bands, args.batch_size)
    selected, labels = select_evenly(feats, args.size, clusters, args.within,
                                     args.seed)
    with open(args.out, 'w', encoding='utf-8') as f:
        f.writelines(names[i] + '\n' for i in selected)
    if args.save_embeddings:
        np.savez(args.save_embeddings,
                 embeddings=feats,
                 labels=labels,
                 selected=selected,
                 names=np.array(names))
    counts = np.bincount(labels[selected], minlength=clusters)
    print(
        f'\nWrote {len(selected)} of {len(names)} files to {args.out}; '
        f'per cluster (pool -> selected): ' + ', '.join(
            f'{n}->{c}'
            for n, c in zip(np.bincount(labels, minlength=clusters), counts)),
        file=sys.stdout)


if __name__ == '__main__':
    main()
