"""tools/analysis_tools/analyze_logs.py: curves of a run's scalars."""
import json

import pytest
from tool_loader import load_tool

from grsim_mm.study.plots import scalar_curve, step_unit

tool = load_tool('analyze_logs')


def write_run(run_dir):
    """Two epochs of two iterations, a validation after each epoch."""
    vis = run_dir / 'vis_data'
    vis.mkdir(parents=True)
    records = [
        dict(lr=1e-3, loss=1.0, epoch=1, iter=1, step=1),
        dict(lr=1e-3, loss=0.8, epoch=1, iter=2, step=2),
        dict(mIoU=40.0, OA=70.0, step=1),
        dict(lr=5e-4, loss=0.6, epoch=2, iter=3, step=3),
        dict(lr=5e-4, loss=0.2, epoch=2, iter=4, step=4),
        dict(mIoU=55.0, OA=80.0, step=2),
    ]
    (vis / 'scalars.json').write_text(
        ''.join(json.dumps(r) + '\n' for r in records))
    return records


def test_curves_are_epoch_means_and_validation_points(tmp_path, capsys):
    run = tmp_path / 'work' / '20250101_120000'
    records = write_run(run)
    assert scalar_curve(records, 'loss') == ([1, 2], [0.9, 0.4])
    assert scalar_curve(records, 'mIoU') == ([1, 2], [40.0, 55.0])
    assert step_unit(records) == 'epoch'
    out = tmp_path / 'curves.png'
    # a work dir (its latest run), a run dir and the file itself
    for run_arg in (tmp_path / 'work', run, run / 'vis_data' /
                    'scalars.json'):
        tool.main([str(run_arg), '--keys', 'loss', 'mIoU', '--out',
                   str(out)])
        assert out.read_bytes()[:4] == b'\x89PNG'
        out.unlink()
    tool.main([str(run), '--list'])
    assert 'lr, loss, mIoU, OA' in capsys.readouterr().out


def test_clear_errors(tmp_path):
    run = tmp_path / 'run'
    write_run(run)
    with pytest.raises(SystemExit, match=r"logged no \['mAP'\]; it has: "
                       'lr, loss, mIoU, OA'):
        tool.main([str(run), '--keys', 'mAP'])
    with pytest.raises(SystemExit, match='2 labels for 1 runs'):
        tool.main([str(run), '--legend', 'a', 'b'])
    with pytest.raises(SystemExit, match='nowhere: no such file'):
        tool.main([str(tmp_path / 'nowhere')])
