"""The scene dataset presets hold the published facts."""
import pytest

from grsim_mm.datasets import SCENE_PRESETS, get_scene_preset


@pytest.mark.parametrize('name,classes,images,size', [
    ('ucm', 21, 2100, (256, 256)),
    ('aid', 30, 10000, (600, 600)),
    ('nwpu-resisc45', 45, 31500, (256, 256)),
    ('eurosat-rgb', 10, 27000, (64, 64)),
    ('eurosat-ms', 10, 27000, (64, 64)),
    ('patternnet', 38, 30400, (256, 256)),
    ('whu-rs19', 19, None, (600, 600)),
    ('rsd46-whu', 46, 117000, (256, 256)),
])
def test_counts_and_sizes(name, classes, images, size):
    preset = get_scene_preset(name)
    assert len(preset['classes']) == len(set(preset['classes'])) == classes
    assert preset['num_images'] == images
    assert preset['image_size'] == size
    # labels follow the sorted class folders
    assert list(preset['classes']) == sorted(preset['classes'])
    assert len(preset['mean']) == len(preset['std']) == preset['num_bands']


def test_protocol_facts():
    ratios = {k: v['train_ratio'] for k, v in SCENE_PRESETS.items()}
    assert ratios == {
        'ucm': 0.5, 'aid': 0.8, 'nwpu-resisc45': 0.8, 'eurosat-rgb': 0.8,
        'eurosat-ms': 0.8, 'patternnet': 0.8, 'whu-rs19': 0.6,
        'rsd46-whu': None, 'scene-demo': 0.6, 'scene-demo-rgb': 0.6
    }
    assert SCENE_PRESETS['rsd46-whu']['split_dirs'] == ('train', 'test')
    assert SCENE_PRESETS['eurosat-rgb']['input_size'] == 64
    assert SCENE_PRESETS['aid']['images_per_class']['BaseballField'] == 220
    assert SCENE_PRESETS['aid']['images_per_class']['Pond'] == 420


def test_eurosat_band_order():
    ms = get_scene_preset('eurosat-ms')
    assert ms['band_names'] == ('B01', 'B02', 'B03', 'B04', 'B05', 'B06',
                                'B07', 'B08', 'B09', 'B10', 'B11', 'B12',
                                'B8A')
    assert [ms['band_names'][b] for b in ms['rgb_bands']] == ['B04', 'B03',
                                                              'B02']
    assert ms['dtype'] == 'uint16' and ms['num_bands'] == 13
    # B10 (cirrus) is nearly empty, B8A (last) bright like B08
    assert ms['mean'][9] < 20 and ms['mean'][12] > ms['mean'][7]


def test_whu_rs19_lower_case_folders_sort_last():
    assert get_scene_preset('whu-rs19')['classes'][-2:] == (
        'footballField', 'railwayStation')


def test_unknown_and_copy():
    with pytest.raises(KeyError, match='unknown scene dataset preset'):
        get_scene_preset('imagenet')
    preset = get_scene_preset('ucm')
    preset['classes'] = ()
    assert len(SCENE_PRESETS['ucm']['classes']) == 21
