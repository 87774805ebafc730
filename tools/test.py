"""Evaluate a checkpoint on the test split of its config.

The logic lives in :mod:`grsim_mm.cli.test` (also runnable as
``python -m grsim_mm.cli.test``); ``--help`` lists the options.
"""
from grsim_mm.cli.test import main

if __name__ == '__main__':
    main()
