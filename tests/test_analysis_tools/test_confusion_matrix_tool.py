"""tools/analysis_tools/confusion_matrix.py redraws a saved matrix."""
import numpy as np
import pytest
from tool_loader import load_tool

from grsim_mm.evaluation.metrics.confusion_files import write_confusion_csv

tool = load_tool('confusion_matrix')


def test_plot_from_a_saved_matrix(tmp_path, capsys):
    path = str(tmp_path / 'seg_confusion_matrix.csv')
    write_confusion_csv(path, np.array([[8, 2, 0], [1, 3, 0], [0, 0, 0]]),
                        ['road', 'tree', 'car'])
    tool.main([path, '--title', 'test'])
    png = tmp_path / 'seg_confusion_matrix.png'
    assert png.read_bytes()[:4] == b'\x89PNG'
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:4] == ['  road   80.00', '  tree   75.00',
                          '  car   absent']
    tool.main([path, '--counts', '--out', str(tmp_path / 'counts.pdf')])
    assert (tmp_path / 'counts.pdf').read_bytes()[:4] == b'%PDF'


def test_errors_name_the_file(tmp_path):
    bad = tmp_path / 'bad.csv'
    bad.write_text('true \\ predicted,a,b\na,1,x\nb,0,1\n')
    with pytest.raises(SystemExit, match='bad.csv: non-numeric count'):
        tool.main([str(bad)])
    with pytest.raises(SystemExit, match='missing.csv'):
        tool.main([str(tmp_path / 'missing.csv')])
