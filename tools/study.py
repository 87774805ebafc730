"""Run a study: pretrain -> fine-tune -> test -> one table and a report.

``python tools/study.py --preset main`` is the main job (``make demo``);
the logic lives in :mod:`grsim_mm.cli.study` (also runnable as
``python -m grsim_mm.cli.study``); ``--help`` lists presets and options.
"""
from grsim_mm.cli.study import main

if __name__ == '__main__':
    main()
