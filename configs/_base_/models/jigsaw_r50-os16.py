# Jigsaw baseline of the GLCNet paper (reference self_mode 5) on the shared
# encoder: each of the 9 tiles through backbone + ASPP, pooled to 3 x 3, fc5
# (256), fc6 (1024), a 1000-way permutation classifier, cross-entropy.
_base_ = './encoders/r50-os16_deeplabv3plus.py'
model = dict(
    type='Jigsaw',
    head=dict(
        type='JigsawHead',
        in_channels=256,
        num_tiles=9,
        num_classes=1000,
        pool=3,
        tile_channels=256,
        hid_channels=1024,
        dropout=0.1))
model_wrapper_cfg = _base_.find_unused_wrapper
# Its puzzle (a leaf's views put the dataset's flips and rotations and, on
# Potsdam, a spectral jitter before it): a 225 px puzzle of 3 x 3 cells of
# 75 px, a random 64 px tile per cell resized to 75 px, shuffled by one of
# the authors' 1000 permutations.
jigsaw_tiles = dict(
    type='JigsawTiles', cell_size=75, tile_size=64, out_size=75,
    num_permutations=1000, permutation_set='glcnet')
jigsaw_pack = dict(type='PackInputs', algorithm_keys=['jigsaw_label'])
