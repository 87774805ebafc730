# RiSSNet (Li et al., Remote Sensing 2023), reconstructed (see
# docs/methods/rissnet.md) on the shared encoder: the image-level projector
# (channel means of the ASPP output, MLP 256 -> 256 -> 64, one pass per
# view) plus 8 neighbour windows of each sample within 1.5 window sides in
# its scene (the 8-neighbourhood on a tile grid), ranked by 1 - cos without
# gradient (current network, BatchNorm running statistics untouched); the 2
# closest are relaxed positives of the multi-positive InfoNCE (SupCon's
# L_out, tau 0.5, negatives gathered over all GPUs), after 40 epochs of
# plain SimCLR. A leaf reads the neighbours before its views:
#   [load, neighbour_tiles, views, neighbour_pack]
_base_ = './encoders/r50-os16_deeplabv3plus.py'
model = dict(
    type='RiSSNet',
    num_relaxed=2,
    threshold=None,
    feature_loss='cosine',
    ranking_encoder='current',
    warmup_epochs=40,
    global_head=dict(_base_.global_projector, loss=dict(
        type='MultiPositiveInfoNCELoss', temperature=0.5,
        form='mean_of_logs', gather_negatives=True)))
neighbour_tiles = dict(type='NeighbourTiles', num_neighbours=8, radius=1.5)
neighbour_pack = dict(type='PackInputs', algorithm_keys=['neighbour_valid'])
# the decoder below the ASPP is not trained
model_wrapper_cfg = _base_.find_unused_wrapper
