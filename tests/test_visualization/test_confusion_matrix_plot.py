"""The confusion-matrix figure and its CSV."""
import numpy as np
import pytest

from grsim_mm.evaluation.metrics.confusion_files import (read_confusion_csv,
                                                         write_confusion_csv)
from grsim_mm.visualization import (draw_confusion_matrix, normalise_rows,
                                    plot_confusion_matrix)


def test_rows_are_shares_of_the_true_class():
    matrix = np.array([[3, 1, 0], [0, 0, 0], [2, 2, 4]])
    shares = normalise_rows(matrix)
    np.testing.assert_allclose(shares[0], [0.75, 0.25, 0])
    assert np.isnan(shares[1]).all()  # a class absent from the labels
    np.testing.assert_allclose(shares[2], [0.25, 0.25, 0.5])


def test_csv_round_trip_and_figure(tmp_path):
    matrix = np.array([[5, 1], [0, 7]])
    path = str(tmp_path / 'm.csv')
    write_confusion_csv(path, matrix, ['low vegetation', 'tree'])
    again, names = read_confusion_csv(path)
    np.testing.assert_array_equal(again, matrix)
    assert names == ['low vegetation', 'tree']
    png = tmp_path / 'm.png'
    plot_confusion_matrix(again, names, str(png))
    assert png.read_bytes()[:8] == b'\x89PNG\r\n\x1a\n'
    with pytest.raises(ValueError, match=r'shape \(2, 2\) for 3 class'):
        plot_confusion_matrix(matrix, ['a', 'b', 'c'], str(png))


def test_malformed_csv_names_the_file(tmp_path):
    path = tmp_path / 'bad.csv'
    path.write_text('true \\ predicted,a,b\na,1,2\n')
    with pytest.raises(ValueError, match='bad.csv: 2 classes in the header '
                       'but 1 rows'):
        read_confusion_csv(str(path))


def test_figure_shows_row_shares_with_class_names_on_both_axes():
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    names = ['road', 'tree', 'car']
    matrix = np.array([[6, 2, 0], [0, 0, 0], [1, 1, 2]])
    fig, ax = plt.subplots()
    try:
        draw_confusion_matrix(ax, matrix, names)
        shown = ax.images[0].get_array()
        np.testing.assert_allclose(shown.data[[0, 2]],
                                   [[75, 25, 0], [25, 25, 50]])
        assert shown.mask[1].all() and not shown.mask[[0, 2]].any()
        assert [t.get_text() for t in ax.get_xticklabels()] == names
        assert [t.get_text() for t in ax.get_yticklabels()] == names
        assert ax.get_xlabel() == 'predicted class'
        assert ax.get_ylabel() == 'true class'
        # one number per cell of a present class, none for the absent row
        assert sorted(t.get_text() for t in ax.texts) == sorted(
            ['75.0', '25.0', '0.0', '25.0', '25.0', '50.0'])
        ax.clear()
        counts = draw_confusion_matrix(ax, matrix, names, normalise=False)
        np.testing.assert_array_equal(counts, matrix)
    finally:
        plt.close(fig)
