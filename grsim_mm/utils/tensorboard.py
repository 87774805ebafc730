"""The ``tensorboard`` switch of the configs.

``configs/_base_/default_runtime.py`` sets ``tensorboard = False``; a
config (or ``--cfg-options tensorboard=True`` on ``tools/train.py`` and
``tools/test.py``) that sets it to True gets mmengine's
``TensorboardVisBackend`` next to the local JSON backend, so losses,
learning rates, validation metrics and the validation images also go to
``work_dir/<timestamp>/vis_data/`` as TensorBoard events
(``tensorboard --logdir work_dirs``). A switch rather than a second
backend in every runtime base: leaves inherit the visualizer, and a
top-level flag is one line to set or override.
"""
import copy

from mmengine.config import Config

BACKEND = 'TensorboardVisBackend'


def apply_tensorboard_switch(cfg: Config) -> Config:
    """Add the TensorBoard backend to ``cfg.visualizer`` when
    ``cfg.tensorboard`` is true; refuse early when TensorBoard is not
    installed, instead of failing at the first logged value."""
    if not cfg.get('tensorboard', False):
        return cfg
    try:
        from torch.utils.tensorboard import SummaryWriter  # noqa: F401
    except ImportError as e:
        raise ImportError(
            'tensorboard=True needs the tensorboard package: pip install '
            'tensorboard (it is in requirements.txt), or set '
            'tensorboard=False') from e
    visualizer = cfg.get('visualizer') or dict(type='Visualizer')
    backends = copy.deepcopy(
        list(visualizer.get('vis_backends') or [dict(type='LocalVisBackend')]))
    if not any(b.get('type') == BACKEND for b in backends):
        backends.append(dict(type=BACKEND))
    visualizer['vis_backends'] = backends
    cfg.visualizer = visualizer
    return cfg
