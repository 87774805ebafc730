"""Command-line entry points, importable and runnable as modules.

``python -m grsim_mm.cli.train CONFIG`` is ``python tools/train.py CONFIG``
(likewise ``test`` and ``study``): the scripts in ``tools/`` only call these
``main`` functions, so a program that starts the entry points (the study
engine) needs the installed package, not the location of a checkout.
"""
