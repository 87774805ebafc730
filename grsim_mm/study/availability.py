"""Whether a row of its own can be fine-tuned here: the weights its config
initialises from must be a local file, or a URL that is cached or
reachable (the ImageNet row downloads its weights on first use)."""
import glob
from typing import Any, Dict, Optional, Sequence

from mmengine.config import Config

from ..utils.imagenet_backbone import checkpoint_unavailable


def init_unavailable(config: str,
                     options: Optional[Dict[str, Any]] = None
                     ) -> Optional[str]:
    """Why the initial weights of ``config`` (with cfg-options
    ``options``) cannot be loaded, or None when they can or when it names
    none."""
    cfg = Config.fromfile(config)
    if options:
        cfg.merge_from_dict(options)
    init = cfg.get('model', {}).get('init_cfg')
    checkpoint = init.get('checkpoint') if isinstance(init, dict) else None
    if not checkpoint:
        return None
    if glob.has_magic(checkpoint) and '://' not in checkpoint:
        return None if glob.glob(checkpoint) else \
            f'no file matches {checkpoint}'
    return checkpoint_unavailable(checkpoint)


def unavailable_rows(configs: Dict[str, str],
                     options: Optional[Dict[str, Any]] = None,
                     compare: Sequence[str] = ()) -> Dict[str, str]:
    """Row -> why, for the rows of ``configs`` (row -> fine-tuning config)
    whose initial weights cannot be loaded, each announced. A row in
    ``compare`` (the verdict's) raises instead of being left out."""
    missing = {}
    for row, config in configs.items():
        reason = init_unavailable(config, options)
        if reason is None:
            continue
        if row in compare:
            raise FileNotFoundError(f'row {row!r} is compared, but its '
                                    f'initial weights cannot be loaded: '
                                    f'{reason}')
        missing[row] = reason
        print(f'==> skipping row {row!r}: its initial weights cannot be '
              f'loaded: {reason}', flush=True)
    return missing
