"""Pure helpers of the study API."""
import argparse

from mmengine.config import DictAction

from grsim_mm.study import cfg_options_to_args, format_results, slug


def test_cfg_options_survive_the_command_line():
    options = {'a.b': (64, 64), 'c': [1, 2], 'd': 'x/y.pth', 'e': 0.5,
               'f': True, 'g': 3}
    parser = argparse.ArgumentParser()
    parser.add_argument('--cfg-options', nargs='+', action=DictAction)
    args = parser.parse_args(cfg_options_to_args(options))
    assert args.cfg_options == options
    assert cfg_options_to_args(None) == []


def test_format_results_and_slug():
    table = format_results(
        {'GLCNet': {'OA': 86.123, 'Kappa': 70.3}, 'random init': {'OA': 1}})
    assert table.splitlines() == [
        '| method | OA | Kappa | mIoU |', '|---|---:|---:|---:|',
        '| GLCNet | 86.12 | 70.30 | - |', '| random init | 1.00 | - | - |']
    assert slug('random init') == 'random_init'
