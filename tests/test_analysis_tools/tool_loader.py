"""Loading the scripts of tools/analysis_tools/ in tests."""
import os.path as osp
from types import ModuleType

from tool_scripts import load_tool as _load_script

REPO_ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
PRETRAIN = 'configs/glcnet/glcnet_r18-os16_1xb16-2e_demo.py'
FINETUNE = ('configs/finetune/'
            'deeplabv3plus_r18-os16_glcnet_1xb8-40e_demo-1pct.py')


def load_tool(name: str) -> ModuleType:
    """A script of tools/analysis_tools/ as a module."""
    return _load_script(f'analysis_tools/{name}.py')
