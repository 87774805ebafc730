"""A tiny 13-band uint16 segmentation dataset and its config.

Sentinel-2-like tiles: reflectance x 10000 with values up to about 4,500,
nodata 0 in a corner, 5 classes; two tiles are georeferenced (UTM), one is
not.
"""
import rasterio
from rasterio.crs import CRS
from rasterio.transform import from_origin

BAND_NAMES = ('coastal', 'blue', 'green', 'red', 're1', 're2', 're3', 'nir',
              'nir2', 'vapour', 'cirrus', 'swir1', 'swir2')
CLASSES = ('water', 'forest', 'crop', 'urban', 'bare')
PALETTE = [[0, 0, 255], [0, 128, 0], [255, 255, 0], [255, 0, 0],
           [128, 128, 128]]
CRS_UTM = CRS.from_epsg(32633)
TILES = {
    'north': from_origin(500000.0, 5800000.0, 10.0, 10.0),
    'south': from_origin(500000.0, 5799680.0, 10.0, 10.0),
    'plain': None,  # no georeference
}
SIZE = 32

CONFIG = '''
default_scope = 'mmseg'
custom_imports = dict(imports=['grsim_mm'], allow_failed_imports=False)
band_names = {band_names!r}
num_bands = len(band_names)
test_meta_keys = ('img_path', 'seg_map_path', 'ori_shape', 'img_shape',
                  'pad_shape', 'scale_factor', 'flip', 'flip_direction',
                  'reduce_zero_label', 'crs', 'geo_transform', 'bands',
                  'window')
norm_cfg = dict(type='BN', requires_grad=True)
model = dict(
    type='EncoderDecoder',
    data_preprocessor=dict(
        type='SegDataPreProcessor', mean=[1500.0] * num_bands,
        std=[900.0] * num_bands, pad_val=0, seg_pad_val=255),
    backbone=dict(
        type='ResNetV1c', depth=18, in_channels=num_bands, stem_channels=8,
        base_channels=8, num_stages=2, strides=(1, 2), dilations=(1, 1),
        out_indices=(1, ), norm_cfg=norm_cfg),
    decode_head=dict(
        type='FCNHead', in_channels=16, channels=8, num_convs=1,
        num_classes={num_classes}, dropout_ratio=0, norm_cfg=norm_cfg,
        loss_decode=dict(type='CrossEntropyLoss')),
    train_cfg=dict(),
    test_cfg=dict(mode='whole'))
test_dataloader = dict(
    batch_size=2,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type='RSISegDataset',
        data_root={root!r},
        data_prefix=dict(img_path='img', seg_map_path='ann'),
        class_dict=None,
        metainfo=dict(classes={classes!r}, palette={palette!r}),
        num_bands=num_bands,
        band_names=band_names,
        value_range=(0, 10000),
        pipeline=[
            dict(type='LoadRasterImageFromFile'),
            dict(type='LoadRasterAnnotations'),
            dict(type='PackSegInputs', meta_keys=test_meta_keys),
        ]))
# a training setup whose data is not there: a test run must not need it
train_dataloader = dict(
    batch_size=2, num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(test_dataloader['dataset'], data_root='absent'))
train_cfg = dict(type='IterBasedTrainLoop', max_iters=1)
optim_wrapper = dict(optimizer=dict(type='SGD', lr=0.01))
test_evaluator = dict(type='RSISegMetric')
test_cfg = dict(type='TestLoop')
default_hooks = dict(
    timer=dict(type='IterTimerHook'),
    logger=dict(type='LoggerHook', interval=1),
    visualization=dict(type='RSISegVisualizationHook'))
visualizer = dict(
    type='RSISegLocalVisualizer', vis_backends=[dict(type='LocalVisBackend')])
env_cfg = dict(dist_cfg=dict(backend='nccl'))
log_level = 'WARNING'
'''


def write_tile(path, data, transform=None, nodata=None):
    profile = dict(driver='GTiff', width=data.shape[2], height=data.shape[1],
                   count=data.shape[0], dtype=data.dtype.name, nodata=nodata)
    if transform is not None:
        profile.update(crs=CRS_UTM, transform=transform)
    with rasterio.open(path, 'w', **profile) as dst:
        dst.write(data)


def write_config(path, root, band_names=BAND_NAMES):
    """The config of the tiles in ``root`` (a test-only setup)."""
    with open(path, 'w') as f:
        f.write(CONFIG.format(band_names=tuple(band_names), root=root,
                              classes=CLASSES, palette=PALETTE,
                              num_classes=len(CLASSES)))
    return str(path)
