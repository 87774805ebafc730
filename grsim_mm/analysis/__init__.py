"""What the analysis tools compute: the complexity of a config's model and
the scalars a run logged (``tools/analysis_tools/`` only parse arguments and
print)."""
from .complexity import (config_bands, input_shape, model_complexity,
                         set_bands)
from .scalars import NOT_CURVES, check_keys, logged_keys

__all__ = [
    'NOT_CURVES', 'check_keys', 'config_bands', 'input_shape', 'logged_keys',
    'model_complexity', 'set_bands'
]
