# Jigsaw baseline of the GLCNet paper (reference self_mode 5) on Potsdam:
# flip and rotation, spectral jitter, a 225 px puzzle of 3 x 3 cells of
# 75 px, a random 64 px tile per cell resized to 75 px, shuffled by one of
# the authors' 1000 permutations; each puzzle position in its own pass
# through the network, so BatchNorm normalises it alone, as the reference
# does (see docs/methods/baselines.md).
_base_ = [
    '../_base_/models/jigsaw_r50-os16.py',
    '../_base_/datasets/potsdam-rgbir_pretrain.py',
    '../_base_/schedules/adam-cosine_400e.py',
]
model = dict(per_slot_bn=True)
train_dataloader = dict(
    dataset=dict(pipeline=[
        dict(type='LoadRasterImageFromFile'),
        *_base_.flip_rot90,
        dict(
            type='SpectralJitter',
            prob=0.8,
            brightness=0.1,
            contrast=0.1,
            salt_prob=0.001),
        _base_.jigsaw_tiles,
        _base_.jigsaw_pack,
    ]))
