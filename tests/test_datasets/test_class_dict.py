"""A class_dict.txt's header decides the channel order of its colours."""
import numpy as np
import pytest

from grsim_mm.datasets import RSISegDataset, read_class_dict

BLUE, YELLOW = (0, 0, 255), (255, 255, 0)


def write_dict(path, header, rows):
    lines = [header] if header is not None else []
    lines += [f'{name},{a},{b},{c}' for name, (a, b, c) in rows]
    path.write_text('\n'.join(lines) + '\n')
    return str(path)


def test_bgr_header_is_honoured(tmp_path):
    # building is blue: B=255, G=0, R=0 in a B,G,R dictionary
    path = write_dict(tmp_path / 'class_dict.txt', 'Class Name,B,G,R',
                      [('building', (255, 0, 0)), ('car', (0, 255, 255))])
    meta = read_class_dict(path)
    assert meta['palette'] == [list(BLUE), list(YELLOW)]


@pytest.mark.parametrize('header', ['name,r,g,b', 'Class Name,Red,Green,Blue',
                                    ' name , R , G , B ', None])
def test_rgb_headers_and_no_header(tmp_path, header):
    path = write_dict(tmp_path / 'class_dict.txt', header,
                      [('building', BLUE), ('car', YELLOW)])
    assert read_class_dict(path)['palette'] == [list(BLUE), list(YELLOW)]


def test_any_channel_order(tmp_path):
    path = write_dict(tmp_path / 'class_dict.txt', 'name,g,b,r',
                      [('car', (255, 0, 255))])
    assert read_class_dict(path)['palette'] == [list(YELLOW)]


@pytest.mark.parametrize('header', ['name,c1,c2,c3', 'name,R,R,B',
                                    'name,value', 'name,r,g,b_or_nir'])
def test_ambiguous_header_is_refused(tmp_path, header):
    path = write_dict(tmp_path / 'class_dict.txt', header,
                      [('building', BLUE)])
    with pytest.raises(ValueError, match=r'class_dict\.txt(.|\n)*channel '
                       r'order(.|\n)*name,r,g,b'):
        read_class_dict(path)


def test_bgr_dictionary_decodes_colour_labels(tmp_path, tif_writer):
    """End to end: a B,G,R dictionary and RGB label files give the classes
    of the colours, not of their mirror images."""
    (tmp_path / 'img').mkdir()
    (tmp_path / 'lbl').mkdir()
    write_dict(tmp_path / 'class_dict.txt', 'name,B,G,R',
               [('building', (255, 0, 0)), ('car', (0, 255, 255))])
    rgb = np.zeros((3, 4, 4), np.uint8)
    rgb[:, :2] = np.array(BLUE, np.uint8)[:, None, None]
    rgb[:, 2:] = np.array(YELLOW, np.uint8)[:, None, None]
    tif_writer(tmp_path / 'img' / 'a.tif', np.zeros((3, 4, 4), np.uint8))
    tif_writer(tmp_path / 'lbl' / 'a.tif', rgb)
    dataset = RSISegDataset(
        data_root=str(tmp_path),
        data_prefix=dict(img_path='img', seg_map_path='lbl'),
        pipeline=[dict(type='LoadRasterImageFromFile'),
                  dict(type='LoadRasterAnnotations')])
    assert dataset.metainfo['classes'] == ('building', 'car')
    label = dataset[0]['gt_seg_map']
    assert (label[:2] == 0).all() and (label[2:] == 1).all()
