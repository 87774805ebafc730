"""Aggregation and rendering of the method comparison table."""
import os.path as osp

import numpy as np
import pytest

from grsim_mm.study import Study as MethodStudy
from grsim_mm.study import format_table, method_name, plot_bars, summarise


def _records():
    runs = {('ssccl', 1): [(80., 0.70, 50.), (82., 0.74, 54.)],
            ('random init', 1): [(70., 0.55, 40.), (71., 0.57, 43.)],
            ('ssccl', 5): [(90., 0.85, 70.)]}
    records = []
    for (method, fraction), values in runs.items():
        for seed, (oa, kappa, miou) in enumerate(values):
            records.append(dict(method=method, fraction=fraction, seed=seed,
                                metrics=dict(OA=oa, Kappa=kappa, mIoU=miou,
                                             aAcc=0.)))
    return records


def test_summary_mean_and_sample_std_over_seeds():
    summary = summarise(_records())
    mean, std, n = summary[('ssccl', 1)]['Kappa']
    assert (mean, n) == (pytest.approx(0.72), 2)
    assert std == pytest.approx(np.std([0.70, 0.74], ddof=1))
    assert summary[('ssccl', 5)]['OA'] == (90., 0., 1)
    assert list(summary) == [('ssccl', 1), ('random init', 1), ('ssccl', 5)]


def test_table_rows_and_cells(tmp_path):
    summary = summarise(_records())
    lines = format_table(summary).splitlines()
    assert lines[0] == '| method | labels | OA | Kappa | mIoU |'
    assert lines[2] == '| ssccl | 1% | 81.00 ± 1.41 | 0.72 ± 0.03 | ' \
                       '52.00 ± 2.83 |'
    assert lines[4] == '| ssccl | 5% | 90.00 | 0.85 | 70.00 |'
    plot_bars(summary, str(tmp_path / 'bars.png'))
    assert osp.getsize(tmp_path / 'bars.png') > 1000


def test_study_grid_and_names():
    study = MethodStudy(
        pretrain_configs={'a': 'x.py', 'b': 'y.py'}, finetune_config='f.py',
        fractions=(1, 10), seeds=(0, 1, 2))
    # 3 seeds x 2 pretrainings + 3 seeds x 2 fractions x 3 rows x (ft, test)
    assert study.num_stages() == 6 + 36
    assert study.methods == ['a', 'b', 'random init']
    assert method_name('configs/ssccl/ssccl_r18-os16_1xb16-2e_demo.py') == \
        'ssccl'
    with pytest.raises(ValueError, match='fractions'):
        MethodStudy(pretrain_configs={}, finetune_config='f.py',
                    fractions=(3, ))
