"""The study engine: pretrain -> fine-tune -> test grids, one results table,
one report writer and one plot style, for the segmentation and the scene
classification lines. ``tools/study.py`` is its command line;
:data:`PRESETS` holds the named studies (the main job is ``main``).
"""
from .config_paths import CONFIGS
from .demo_data import DEMO_DATA, DEMO_ROOTS, ensure_demo_data
from .engine import RANDOM_INIT, Study, data_root_options, method_name
from .launch import (ENTRY_POINTS, StageError, cfg_options_to_args,
                     entry_point_command, run_entry_point, test, train)
from .outputs import (find_checkpoint, latest_run_dir, read_scalars,
                      read_test_metrics)
from .parallel import run_parallel
from .plots import figure, method_colours, plot_bars, plot_curves
from .predictions import (plot_confusion_matrices, plot_predictions,
                          read_confusion_matrix)
from .presets import PRESETS, Preset
from .progress import Progress
from .report import write_report
from .table import (format_results, format_table, slug, summarise,
                    verdict)
from .tasks import (FRACTION_SPLITS, PAPER_METRICS, SCENE, SCENE_METRICS,
                    SCENE_SPLITS, SEG_LOADERS, SEGMENTATION, TASKS, Task,
                    labels_text, parse_labels)

__all__ = [
    'CONFIGS', 'DEMO_DATA', 'DEMO_ROOTS', 'ENTRY_POINTS', 'FRACTION_SPLITS',
    'PAPER_METRICS', 'PRESETS', 'Preset', 'Progress', 'RANDOM_INIT', 'SCENE',
    'SCENE_METRICS', 'SCENE_SPLITS', 'SEGMENTATION', 'SEG_LOADERS',
    'StageError', 'Study', 'TASKS', 'Task', 'cfg_options_to_args',
    'data_root_options', 'ensure_demo_data', 'entry_point_command', 'figure',
    'find_checkpoint', 'format_results', 'format_table', 'labels_text',
    'latest_run_dir', 'method_colours', 'method_name', 'parse_labels',
    'plot_bars', 'plot_confusion_matrices', 'plot_curves', 'plot_predictions',
    'read_confusion_matrix', 'read_scalars', 'read_test_metrics',
    'run_entry_point', 'run_parallel', 'slug', 'summarise', 'test', 'train',
    'verdict', 'write_report'
]
