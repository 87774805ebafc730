"""Run TOV's two-stage learning path (natural images, then remote-sensing
images) in one command.

The logic lives in :mod:`grsim_mm.cli.train_tov` (also runnable as
``python -m grsim_mm.cli.train_tov``); ``--help`` lists the options.
"""
from grsim_mm.cli.train_tov import main

if __name__ == '__main__':
    main()
