# RSISC's relative-position task (Jigsawer, ClassfyDataJigsaw): which
# permutation shuffled the tiles. The image is resized to 155 px, its centre
# 150 px cut into 2 x 2 cells of 75 px and a random 64 px tile taken in each
# (all 24 permutations); every tile runs through the shared ResNet-50, is
# pooled to 2 x 2 and embedded to 512, and the 4 embeddings are classified
# through a 2048-wide layer. Before tiling: a flip and right angle (p 0.5),
# a per-band brightness and contrast jitter (p 0.8) and grey (p 0.2).
# jigsaw3x3_pipeline is the 3 x 3 puzzle (230 px, centre 225, 1000
# permutations).
_base_ = './encoders/r50.py'
model = dict(
    type='SceneJigsaw',
    head=dict(type='JigsawHead', num_tiles=4, num_classes=24, pool=2,
              tile_channels=512, hid_channels=2048, dropout=0.1))
jigsaw_augment = [
    dict(type='RandomRot90Flip', prob=0.5),
    dict(type='BandBrightnessContrast', brightness=0.4, contrast=0.4,
         prob=0.8),
    dict(type='RandomMeanGrey', prob=0.2),
]
jigsaw_tiles = dict(
    type='JigsawTiles', cell_size=75, tile_size=64, out_size=None)
jigsaw_pack = dict(type='PackInputs', algorithm_keys=['jigsaw_label'])
pretext_pipeline = [
    dict(type='LoadRasterImageFromFile'),
    dict(type='SceneResize', size=155),
    dict(type='CenterCrop', crop_size=150), *jigsaw_augment,
    dict(jigsaw_tiles, grid=2, num_permutations=24), jigsaw_pack
]
jigsaw3x3_pipeline = [
    dict(type='LoadRasterImageFromFile'),
    dict(type='SceneResize', size=230),
    dict(type='CenterCrop', crop_size=225), *jigsaw_augment,
    dict(jigsaw_tiles, grid=3, num_permutations=1000), jigsaw_pack
]
