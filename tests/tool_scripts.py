"""The scripts of ``tools/`` as modules, for tests that call their functions.

``tools/`` is not a package (mmseg and mmpretrain keep it so), so a script
is loaded from its path. pytest puts this directory on ``sys.path`` with the
suite's conftest, so any test can ``from tool_scripts import load_tool``.
"""
import importlib.util
import os.path as osp
from types import ModuleType

TOOLS_DIR = osp.join(osp.dirname(osp.dirname(osp.abspath(__file__))), 'tools')


def load_tool(relpath: str) -> ModuleType:
    """``tools/<relpath>`` as a fresh module, e.g. ``load_tool('predict.py')``
    or ``load_tool('analysis_tools/get_flops.py')``."""
    path = osp.join(TOOLS_DIR, relpath)
    if not osp.isfile(path):
        raise FileNotFoundError(f'no tool script {path}')
    name = 'tool_' + osp.splitext(relpath)[0].replace('/', '_')
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
