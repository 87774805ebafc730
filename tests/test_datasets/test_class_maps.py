"""Class maps carry their colour table and class names."""
import numpy as np
import pytest
import rasterio
from PIL import Image
from rasterio.crs import CRS

from grsim_mm.datasets.class_maps import (class_map_suffix, colour_table,
                                          read_class_names, write_class_map)

GEO = (0.5, 0.0, 300000.0, 0.0, -0.5, 5000000.0)


def test_georeferenced_map_with_names_and_offset(tmp_path):
    labels = np.array([[1, 2, 3], [3, 2, 255]], np.uint8)
    path = str(tmp_path / 'map.tif')
    write_class_map(path, labels, ('road', 'roof', 'tree'),
                    [[1, 2, 3], [4, 5, 6], [7, 8, 9]], crs='EPSG:32632',
                    geo=GEO, offset=1)
    with rasterio.open(path) as src:
        np.testing.assert_array_equal(src.read(1), labels)
        assert src.crs == CRS.from_epsg(32632)
        assert tuple(src.transform)[:6] == GEO
        assert src.nodata == 255
        colours = src.colormap(1)
    assert [colours[i] for i in (1, 2, 3, 255)] == [
        (1, 2, 3, 255), (4, 5, 6, 255), (7, 8, 9, 255), (0, 0, 0, 0)]
    # index 0 is not a class when the zero label was reduced
    assert read_class_names(path) == {1: 'road', 2: 'roof', 3: 'tree'}
    assert not (tmp_path / 'map.tif.aux.xml').exists()  # all in the file


def test_plain_map_without_georeference(tmp_path):
    assert class_map_suffix(None, None) == '.png'
    assert class_map_suffix('EPSG:4326', None) == '.tif'
    labels = np.array([[0, 1], [2, 0]])
    path = tmp_path / 'map.png'
    write_class_map(str(path), labels, ('a', 'b', 'c'), [[0, 0, 0]] * 3)
    image = Image.open(path)
    assert image.mode == 'L'
    np.testing.assert_array_equal(np.asarray(image), labels)
    assert sorted(p.name for p in tmp_path.iterdir()) == ['map.png']


def test_bad_maps_are_refused(tmp_path):
    with pytest.raises(ValueError, match='do not fit a uint8 map'):
        write_class_map(str(tmp_path / 'm.tif'), np.array([[0, 300]]), None,
                        [], crs='EPSG:4326')
    with pytest.raises(ValueError, match='reach the nodata label 2'):
        colour_table([[0, 0, 0]] * 3, nodata_label=2)
