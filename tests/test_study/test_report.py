"""The report writer: results.md, results.json and the figures."""
import json
import os.path as osp

import pytest

from grsim_mm.study import RANDOM_INIT, Study, write_report


def fake_run(path, epochs=2, val=True):
    """A Runner work dir with training (and validation) scalars."""
    run = path / '20240101_000000' / 'vis_data'
    run.mkdir(parents=True)
    lines = []
    for epoch in range(1, epochs + 1):
        for it in range(2):
            lines.append(dict(loss=2. / epoch + it, epoch=epoch,
                              iter=2 * epoch + it, step=2 * epoch + it))
        if val:
            lines.append(dict(OA=80. + epoch, Kappa=60. + epoch,
                              mIoU=40. + epoch, step=epoch))
    (run / 'scalars.json').write_text(
        '\n'.join(json.dumps(line) for line in lines))
    return str(path)


def test_report_of_two_rows_over_seeds(tmp_path):
    study = Study(pretrain_configs={'GLCNet': 'configs/g.py'},
                  finetune_config='configs/f.py', seeds=(0, 1),
                  compare=('GLCNet', RANDOM_INIT), name='tiny',
                  description='Two rows, two seeds.')
    kappas = {('GLCNet', 0): 70., ('GLCNet', 1): 74.,
              (RANDOM_INIT, 0): 60., (RANDOM_INIT, 1): 61.}
    records = []
    for (method, seed), kappa in kappas.items():
        ft = fake_run(tmp_path / f'{method}{seed}')
        records.append(dict(
            method=method, fraction=1, seed=seed, checkpoint='x.pth',
            metrics=dict(OA=kappa + 10, Kappa=kappa, mIoU=kappa - 20,
                         mF1=1.5, time=3.),
            work_dirs=dict(finetune=ft, test=ft)))
    result = dict(records=records,
                  pretrain_checkpoints={'GLCNet@seed0': 'p0.pth',
                                        'GLCNet@seed1': 'p1.pth'},
                  pretrain_dirs={'GLCNet@seed0': fake_run(tmp_path / 'p0',
                                                          val=False),
                                 'GLCNet@seed1': str(tmp_path / 'none')},
                  seconds={'pretrain GLCNet (seed 0)': 61.}, total_seconds=90.)
    out = tmp_path / 'report'
    table, conclusion = write_report(study, result, str(out))

    # 72 ± 2.83 vs 60.5 ± 0.71: difference 11.5 exceeds the spread 3.54
    assert '| GLCNet | 1% | 82.00 ± 2.83 | 72.00 ± 2.83 | 52.00 ± 2.83 |' \
        in table
    assert conclusion.startswith('GLCNet beats random init on Kappa at 1% '
                                 'labels (72.00 ± 2.83 vs 60.50 ± 0.71')
    md = (out / 'results.md').read_text()
    assert md.startswith('# tiny: results\n\nTwo rows, two seeds.')
    for text in (table, conclusion, 'mean ± sample std over seeds 0, 1',
                 '| GLCNet | 1% | 1.50 ± 0.00 |',  # other metrics, no time
                 '- GLCNet: pretraining `configs/g.py`, fine-tuning '
                 '`configs/f.py`',
                 '- random init: fine-tuning `configs/f.py`, from random '
                 'weights', '- GLCNet@seed1: `p1.pth`', 'Total time: 1.5 min',
                 '![results](results.png)', '![val_metrics](val_metrics.png)'):
        assert text in md
    assert '| time |' not in md
    for name in ('results', 'pretrain_loss', 'finetune_loss', 'val_metrics'):
        assert osp.getsize(out / f'{name}.png') > 1000
    assert not (out / 'predictions.png').exists()
    saved = json.loads((out / 'results.json').read_text())
    assert saved['summary']['GLCNet@1']['Kappa'] == pytest.approx(
        [72., 8 ** 0.5, 2])
    assert saved['verdict'] == conclusion
    assert saved['study']['seeds'] == [0, 1]
    assert len(saved['records']) == 4
