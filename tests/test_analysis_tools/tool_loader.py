"""Loading the scripts of tools/analysis_tools/ in tests."""
import importlib.util
import os.path as osp

REPO_ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
PRETRAIN = 'configs/glcnet/glcnet_r18-os16_1xb16-2e_demo.py'
FINETUNE = ('configs/finetune/'
            'deeplabv3plus_r18-os16_glcnet_1xb8-40e_demo-1pct.py')


def load_tool(name: str):
    """A script of tools/analysis_tools/ as a module."""
    path = osp.join(REPO_ROOT, 'tools', 'analysis_tools', f'{name}.py')
    spec = importlib.util.spec_from_file_location(f'tool_{name}', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
