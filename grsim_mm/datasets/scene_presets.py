"""Facts of the remote-sensing scene-classification datasets.

A preset is what a config needs to know about a dataset and should write
only once: the classes in label order, the image size and band layout, the
usual train/test protocol, and the per-band normalisation.

``classes`` are the class folder names of the released archive in Python's
``sorted`` order, which is the order ``RSISceneDataset`` gives labels when it
reads class folders; a preset therefore never disagrees with the folders.
Note that ``sorted`` puts upper case before lower case, so WHU-RS19's
``footballField`` and ``railwayStation`` come last.

``train_ratio`` is the fraction of each class used for training in the usual
protocol (the rest is the test split); None means the release has its own
split folders (``split_dirs``). ``input_size`` is the network input side of
the few-label protocols (TOV: 224, 64 for EuroSAT). RGB presets normalise
with mean 127.5 and std 127.5, the ``Normalize(0.5, 0.5)`` of the TOV and
RSISC code on ``[0, 1]`` images.

The EuroSAT all-bands GeoTIFFs hold the 13 Sentinel-2 bands in the order
B01 ... B12 followed by B8A (not in wavelength order); ``rgb_bands`` are the
0-based indices of B04, B03, B02 in that order.
"""
import copy
from typing import Dict, Optional, Sequence, Tuple

_RGB = ('R', 'G', 'B')
_UINT8_RANGE = (0, 255)


def _classes(*names: str) -> Tuple[str, ...]:
    return tuple(sorted(names))


def _preset(classes: Tuple[str, ...],
            image_size: Tuple[int, int],
            images_per_class: Optional[Dict[str, int]],
            train_ratio: Optional[float],
            input_size: int,
            band_names: Sequence[str] = _RGB,
            dtype: str = 'uint8',
            value_range: Tuple[float, float] = _UINT8_RANGE,
            mean: Optional[Sequence[float]] = None,
            std: Optional[Sequence[float]] = None,
            **extra) -> dict:
    n = len(band_names)
    if images_per_class is not None:
        assert set(images_per_class) == set(classes)
    return dict(
        classes=classes,
        image_size=image_size,
        images_per_class=images_per_class,
        num_images=(sum(images_per_class.values())
                    if images_per_class else extra.pop('num_images', None)),
        train_ratio=train_ratio,
        input_size=input_size,
        num_bands=n,
        band_names=tuple(band_names),
        dtype=dtype,
        value_range=value_range,
        mean=list(mean) if mean is not None else [127.5] * n,
        std=list(std) if std is not None else [127.5] * n,
        **extra)


UCM_CLASSES = _classes(
    'agricultural', 'airplane', 'baseballdiamond', 'beach', 'buildings',
    'chaparral', 'denseresidential', 'forest', 'freeway', 'golfcourse',
    'harbor', 'intersection', 'mediumresidential', 'mobilehomepark',
    'overpass', 'parkinglot', 'river', 'runway', 'sparseresidential',
    'storagetanks', 'tenniscourt')

AID_IMAGES_PER_CLASS = {
    'Airport': 360, 'BareLand': 310, 'BaseballField': 220, 'Beach': 400,
    'Bridge': 360, 'Center': 260, 'Church': 240, 'Commercial': 350,
    'DenseResidential': 410, 'Desert': 300, 'Farmland': 370, 'Forest': 250,
    'Industrial': 390, 'Meadow': 280, 'MediumResidential': 290,
    'Mountain': 340, 'Park': 350, 'Parking': 390, 'Playground': 370,
    'Pond': 420, 'Port': 380, 'RailwayStation': 260, 'Resort': 290,
    'River': 410, 'School': 300, 'SparseResidential': 300, 'Square': 330,
    'Stadium': 290, 'StorageTanks': 360, 'Viaduct': 420
}

NWPU_CLASSES = _classes(
    'airplane', 'airport', 'baseball_diamond', 'basketball_court', 'beach',
    'bridge', 'chaparral', 'church', 'circular_farmland', 'cloud',
    'commercial_area', 'dense_residential', 'desert', 'forest', 'freeway',
    'golf_course', 'ground_track_field', 'harbor', 'industrial_area',
    'intersection', 'island', 'lake', 'meadow', 'medium_residential',
    'mobile_home_park', 'mountain', 'overpass', 'palace', 'parking_lot',
    'railway', 'railway_station', 'rectangular_farmland', 'river',
    'roundabout', 'runway', 'sea_ice', 'ship', 'snowberg',
    'sparse_residential', 'stadium', 'storage_tank', 'tennis_court',
    'terrace', 'thermal_power_station', 'wetland')

EUROSAT_IMAGES_PER_CLASS = {
    'AnnualCrop': 3000, 'Forest': 3000, 'HerbaceousVegetation': 3000,
    'Highway': 2500, 'Industrial': 2500, 'Pasture': 2000,
    'PermanentCrop': 2500, 'Residential': 3000, 'River': 2500,
    'SeaLake': 3000
}
# File order of the EuroSAT all-bands GeoTIFFs.
EUROSAT_MS_BANDS = ('B01', 'B02', 'B03', 'B04', 'B05', 'B06', 'B07', 'B08',
                    'B09', 'B10', 'B11', 'B12', 'B8A')
# Per-band mean and std of the all-bands release in file order, as
# published with torchgeo's EuroSAT data module (reflectance x 10000).
EUROSAT_MS_MEAN = (1354.40546513, 1118.24399958, 1042.92983953,
                   947.62620298, 1199.47283961, 1999.79090914,
                   2369.22292565, 2296.82608323, 732.08340178, 12.11327804,
                   1819.01027855, 1118.92391149, 2594.14080798)
EUROSAT_MS_STD = (245.71762908, 333.00778264, 395.09249139, 593.75055589,
                  566.4170017, 861.18399006, 1086.63139075, 1117.98170791,
                  404.91978886, 4.77584468, 1002.58768311, 761.30323499,
                  1231.58581042)

PATTERNNET_CLASSES = _classes(
    'airplane', 'baseball_field', 'basketball_court', 'beach', 'bridge',
    'cemetery', 'chaparral', 'christmas_tree_farm', 'closed_road',
    'coastal_mansion', 'crosswalk', 'dense_residential', 'ferry_terminal',
    'football_field', 'forest', 'freeway', 'golf_course', 'harbor',
    'intersection', 'mobile_home_park', 'nursing_home', 'oil_gas_field',
    'oil_well', 'overpass', 'parking_lot', 'parking_space', 'railway',
    'river', 'runway', 'runway_marking', 'shipping_yard', 'solar_panel',
    'sparse_residential', 'storage_tank', 'swimming_pool', 'tennis_court',
    'transformer_station', 'wastewater_treatment_plant')

WHU_RS19_CLASSES = _classes(
    'Airport', 'Beach', 'Bridge', 'Commercial', 'Desert', 'Farmland',
    'footballField', 'Forest', 'Industrial', 'Meadow', 'Mountain', 'Park',
    'Parking', 'Pond', 'Port', 'railwayStation', 'Residential', 'River',
    'Viaduct')

# The 46 classes as the official list names them (its spellings kept,
# e.g. "Lrregular farmland", "Parting lot"); the archive's folder names
# could not be checked, so pass ``classes`` or let the folders decide.
RSD46_CLASSES = _classes(
    'Airplane', 'Airport', 'Artificial dense forest land',
    'Artificial sparse forest land', 'Bare land', 'Basketball court',
    'Blue structured factory building', 'Building', 'Construction site',
    'Cross river bridge', 'Crossroads', 'Dense tall building', 'Dock',
    'Fish pond', 'Footbridge', 'Graff', 'Grassland',
    'Low scattered building', 'Lrregular farmland',
    'Medium density scattered building',
    'Medium density structured building', 'Natural dense forest land',
    'Natural sparse forest land', 'Oil tank', 'Overpass', 'Parting lot',
    'Plastic greenhouse', 'Playground', 'Railway',
    'Red structured factory building', 'Refinery', 'Regular farmland',
    'Scattered blue roof factory building',
    'Scattered red roof factory building', 'Sewage plant-type-one',
    'Sewage plant-type-two', 'Ship', 'Solar power station',
    'Sparse residential area', 'Square', 'Steelworks', 'Storage land',
    'Tennis court', 'Thermal power plant', 'Vegetable plot', 'Water')

DEMO_CLASSES = _classes('bare_soil', 'cropland', 'forest', 'grassland',
                        'urban', 'water')

SCENE_PRESETS: Dict[str, dict] = {
    # UC Merced Land Use: 256 x 256 TIFF (a few are 1-2 px smaller),
    # 0.3 m, 100 images a class, under UCMerced_LandUse/Images/<class>/.
    'ucm':
    _preset(UCM_CLASSES, (256, 256), {c: 100 for c in UCM_CLASSES}, 0.5,
            224, data_prefix='Images', extension='.tif'),
    # AID: 600 x 600 JPEG, 220-420 images a class.
    'aid':
    _preset(_classes(*AID_IMAGES_PER_CLASS), (600, 600),
            AID_IMAGES_PER_CLASS, 0.8, 224, extension='.jpg'),
    # NWPU-RESISC45: 256 x 256 JPEG, 700 images a class.
    'nwpu-resisc45':
    _preset(NWPU_CLASSES, (256, 256), {c: 700 for c in NWPU_CLASSES}, 0.8,
            224, extension='.jpg'),
    # EuroSAT RGB: 64 x 64 JPEG of Sentinel-2 B04, B03, B02 (folder 2750/).
    'eurosat-rgb':
    _preset(_classes(*EUROSAT_IMAGES_PER_CLASS), (64, 64),
            EUROSAT_IMAGES_PER_CLASS, 0.8, 64, data_prefix='2750',
            extension='.jpg'),
    # EuroSAT all bands: 64 x 64 uint16 GeoTIFF, 13 bands in file order.
    'eurosat-ms':
    _preset(_classes(*EUROSAT_IMAGES_PER_CLASS), (64, 64),
            EUROSAT_IMAGES_PER_CLASS, 0.8, 64, band_names=EUROSAT_MS_BANDS,
            dtype='uint16', value_range=(0, 10000), mean=EUROSAT_MS_MEAN,
            std=EUROSAT_MS_STD, rgb_bands=(3, 2, 1),
            data_prefix='ds/images/remote_sensing/otherDatasets/sentinel_2/'
            'tif', extension='.tif'),
    # PatternNet: 256 x 256 JPEG, 800 images a class.
    'patternnet':
    _preset(PATTERNNET_CLASSES, (256, 256),
            {c: 800 for c in PATTERNNET_CLASSES}, 0.8, 224,
            data_prefix='images', extension='.jpg'),
    # WHU-RS19: 600 x 600 JPEG, about 50 images a class (950 in the first
    # release, 1005 in the one most often distributed); no split in the
    # TOV/RSISC code, 0.6 is the most common training share elsewhere.
    'whu-rs19':
    _preset(WHU_RS19_CLASSES, (600, 600), None, 0.6, 224,
            extension='.jpg'),
    # RSD46-WHU: 256 x 256, about 117 000 images, 500-3000 a class, with
    # its own train and test folders.
    'rsd46-whu':
    _preset(RSD46_CLASSES, (256, 256), None, None, 224, num_images=117000,
            split_dirs=('train', 'test')),
    # The generated demo data (``tools/make_scene_demo_data.py``): 6
    # classes x 50 images of 32 x 32 px; per-band statistics of the
    # default dataset (seed 0).
    'scene-demo':
    _preset(DEMO_CLASSES, (32, 32), {c: 50 for c in DEMO_CLASSES}, 0.6, 32,
            band_names=EUROSAT_MS_BANDS, dtype='uint16',
            value_range=(0, 10000), rgb_bands=(3, 2, 1),
            mean=(675.1, 763.7, 1009.2, 930.0, 1306.4, 2022.8, 2477.5,
                  2706.8, 2623.8, 60.5, 2240.8, 1615.2, 2675.1),
            std=(397.5, 401.0, 383.2, 637.0, 615.2, 930.3, 1279.4, 1427.4,
                 1373.6, 51.7, 1113.3, 994.9, 1407.6),
            data_prefix='images', extension='.tif'),
    'scene-demo-rgb':
    _preset(DEMO_CLASSES, (32, 32), {c: 50 for c in DEMO_CLASSES}, 0.6, 32,
            mean=(79.3, 85.6, 64.8), std=(52.2, 30.6, 32.6),
            data_prefix='images', extension='.jpg'),
}


def get_scene_preset(name: str) -> dict:
    """Return a copy of the named scene-dataset preset."""
    if name not in SCENE_PRESETS:
        raise KeyError(f'unknown scene dataset preset {name!r}; available: '
                       f'{sorted(SCENE_PRESETS)}')
    return copy.deepcopy(SCENE_PRESETS[name])
