"""Train a model from a config, as mmseg's and mmpretrain's tools/train.py.

The logic lives in :mod:`grsim_mm.cli.train` (also runnable as
``python -m grsim_mm.cli.train``); ``--help`` lists the options.
"""
from grsim_mm.cli.train import main

if __name__ == '__main__':
    main()
