"""Distributed training on machines without CUDA.

mmengine's ``pytorch`` launcher calls ``torch.cuda.set_device`` and its
default DDP wrapper pins ``device_ids`` to the local GPU, so a ``torchrun``
job on a CPU-only machine (a laptop, a CI runner) fails before training.
Initialising the gloo process group here, before the Runner is built, makes
the Runner skip its own initialisation; the remaining config changes keep
the job device-agnostic.
"""
import copy
import warnings
from typing import Any

import torch
import torch.distributed as dist
from mmengine.config import Config


def revert_sync_bn_cfg(cfg: Any) -> Any:
    """Return a copy of a (nested) config with every SyncBN replaced by BN.

    ``torch.nn.SyncBatchNorm`` only runs on accelerators; on the CPU the
    per-process statistics of BN are the closest equivalent.
    """
    if isinstance(cfg, dict):
        new = type(cfg)()
        for key, value in cfg.items():
            new[key] = revert_sync_bn_cfg(value)
        if isinstance(new.get('type'), str) and \
                new['type'].split('.')[-1] == 'SyncBN':
            new['type'] = new['type'][:-len('SyncBN')] + 'BN'
        return new
    if isinstance(cfg, (list, tuple)):
        return type(cfg)(revert_sync_bn_cfg(v) for v in cfg)
    return copy.copy(cfg)


def setup_cpu_distributed(cfg: Config) -> Config:
    """Adapt a launcher run to the CPU when no CUDA device is present.

    Returns the config unchanged on a CUDA machine. Otherwise the gloo
    process group is initialised from torchrun's environment, DDP is built
    with ``device_ids=None`` and SyncBN becomes BN.
    """
    if torch.cuda.is_available():
        return cfg
    if cfg.launcher != 'pytorch':
        raise RuntimeError(
            f'launcher {cfg.launcher!r} needs CUDA; on a CPU-only machine '
            'use torchrun (tools/dist_train.sh), i.e. --launcher pytorch')
    if not dist.is_initialized():
        dist.init_process_group(backend='gloo')
    cfg.env_cfg.setdefault('dist_cfg', {})['backend'] = 'gloo'
    wrapper = dict(cfg.get('model_wrapper_cfg') or {})
    wrapper.setdefault('type', 'MMDistributedDataParallel')
    wrapper['device_ids'] = None
    cfg.model_wrapper_cfg = wrapper
    reverted = revert_sync_bn_cfg(cfg.model)
    if reverted != cfg.model:
        warnings.warn('SyncBN needs CUDA: using per-process BN on the CPU')
        cfg.model = reverted
    return cfg
