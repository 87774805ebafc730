"""The study engine: pretrain -> fine-tune -> test grids, one results table,
one report writer and one plot style. ``tools/study.py`` is its command
line; :data:`PRESETS` holds the named studies (the main job is ``main``).
"""
from .engine import RANDOM_INIT, Study, data_root_options, method_name
from .launch import (ENTRY_POINTS, StageError, cfg_options_to_args,
                     entry_point_command, run_entry_point, test, train)
from .outputs import (find_checkpoint, latest_run_dir, read_scalars,
                      read_test_metrics)
from .plots import figure, method_colours, plot_bars, plot_curves
from .predictions import plot_predictions
from .presets import CONFIGS, PRESETS, Preset
from .progress import Progress
from .report import write_report
from .table import (format_results, format_table, slug, summarise,
                    verdict)
from .tasks import (FRACTION_SPLITS, PAPER_METRICS, SEG_LOADERS,
                    SEGMENTATION, Task, labels_text)

__all__ = [
    'CONFIGS', 'ENTRY_POINTS', 'FRACTION_SPLITS', 'PAPER_METRICS',
    'PRESETS', 'Preset', 'Progress', 'RANDOM_INIT', 'SEGMENTATION',
    'SEG_LOADERS', 'StageError', 'Study', 'Task', 'cfg_options_to_args',
    'data_root_options', 'entry_point_command', 'figure',
    'find_checkpoint', 'format_results', 'format_table', 'labels_text',
    'latest_run_dir', 'method_colours', 'method_name', 'plot_bars',
    'plot_curves', 'plot_predictions', 'read_scalars', 'read_test_metrics',
    'run_entry_point', 'slug', 'summarise', 'test', 'train', 'verdict',
    'write_report'
]
