"""Every config parses and builds its model, and follows the config rules:
the model takes its band count and normalisation from the dataset setting,
and no method config inherits another method's config."""
import ast
import glob
import os.path as osp

import pytest
from mmengine.config import Config
from mmengine.registry import DefaultScope, init_default_scope

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
CONFIGS = sorted(
    osp.relpath(path, osp.join(REPO, 'configs'))
    for path in glob.glob(osp.join(REPO, 'configs', '**', '*.py'),
                          recursive=True)
    if '_base_' not in path)


def _bases(path: str) -> list:
    """The ``_base_`` entries of a config file, as written."""
    for node in ast.parse(open(path).read()).body:
        if isinstance(node, ast.Assign) and node.targets[0].id == '_base_':
            value = ast.literal_eval(node.value)
            return value if isinstance(value, list) else [value]
    return []


@pytest.mark.parametrize('name', CONFIGS)
def test_config_builds_its_model(name):
    import grsim_mm  # noqa: F401
    cfg = Config.fromfile(osp.join(REPO, 'configs', name))
    model_cfg = dict(cfg.model)
    # as mmengine's Runner does: the model takes the dataset setting's
    # preprocessor when it has none
    model_cfg.setdefault('data_preprocessor', cfg.data_preprocessor)
    scope = cfg.default_scope
    with DefaultScope.overwrite_default_scope(scope):
        init_default_scope(scope)
        from mmengine.registry import MODELS
        model = MODELS.build(model_cfg)
    bands = len(cfg.data_preprocessor['mean'])
    state = model.state_dict()
    # a ResNet's first convolution, or a ViT's or Swin's patch embedding
    stem = state.get('backbone.conv1.weight',
                     state.get('backbone.patch_embed.projection.weight'))
    assert stem.shape[1] == bands
    assert list(model.data_preprocessor.mean.flatten()) == list(
        cfg.data_preprocessor['mean'])


@pytest.mark.parametrize('name', CONFIGS)
def test_methods_inherit_settings_not_other_methods(name):
    folder = name.split(osp.sep)[0]
    for base in _bases(osp.join(REPO, 'configs', name)):
        if base.startswith('../_base_/'):
            continue
        # a variant inherits a config of its own folder and method
        assert base.startswith('./'), base
        method = osp.basename(base).split('_')[0].split('-')[0]
        own = osp.basename(name).split('_')[0].split('-')[0]
        assert folder == 'finetune' or method == own, (name, base)


def test_model_bases_carry_no_band_count_or_normalisation():
    for path in glob.glob(osp.join(REPO, 'configs', '_base_', 'models', '**',
                                   '*.py'), recursive=True):
        text = open(path).read()
        assert 'in_channels=4' not in text and 'mean=' not in text, path
        assert 'data_preprocessor=dict' not in text, path
