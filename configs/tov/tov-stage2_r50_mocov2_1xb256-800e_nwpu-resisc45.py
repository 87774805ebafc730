# Stage 2 of TOV's learning path: self-supervised learning continued on
# unlabelled remote-sensing images (here NWPU-RESISC45 but its test images;
# TOV used its own TOV-RS-balanced set, see GeoBalancedDataset for guided
# sampling), keeping the stage-1 backbone: only the backbone is loaded, so
# the queue and the projector start afresh, and the schedule restarts with
# its warm-up. tools/train_tov.py sets the checkpoint to the stage-1 run's
# last one; rgb_bands=(r, g, b) inflates an RGB stem to data with more
# bands. MoCo v2 (tov_method) for 800 epochs. See docs/methods/tov.md.
_base_ = ['../_base_/models/mocov2_r50.py',
          '../_base_/datasets/scene/nwpu-resisc45_pretrain.py',
          '../_base_/schedules/sgd-warmup-cosine_800e_tov.py']
tov_method = 'mocov2'
model = dict(init_cfg=dict(
    type='PretrainedBackbone',
    checkpoint='work_dirs/tov-stage1_r50_mocov2_1xb256-200e_natural-images/'
    'epoch_200.pth'))
train_dataloader = dict(dataset=dict(pipeline=_base_.mocov2_pipeline))
