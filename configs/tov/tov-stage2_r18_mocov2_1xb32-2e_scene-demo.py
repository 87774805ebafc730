# Stage 2 of TOV's learning path shortened for a CPU: the 13-band scene demo
# images, the stage-1 demo backbone with its RGB stem inflated to 13 bands
# (B04, B03, B02 are red, green, blue), a fresh queue of 256 keys and a
# fresh projector, the schedule restarted (2 epochs, one of warm-up).
# MoCo v2's colour jitter is for 8-bit RGB, so the views are its set for any
# band count. tools/train_tov.py chains it after
# tov-stage1_r18_mocov2_1xb32-2e_scene-demo-rgb.py.
_base_ = ['../_base_/models/mocov2_r50.py',
          '../_base_/datasets/scene/scene-demo_pretrain.py',
          '../_base_/schedules/sgd-warmup-cosine_2e_tov.py']
tov_method = 'mocov2'
model = dict(
    backbone=dict(depth=18),
    queue_len=256,
    init_cfg=dict(
        type='PretrainedBackbone',
        checkpoint='work_dirs/tov-stage1_r18_mocov2_1xb32-2e_scene-demo-rgb/'
        'epoch_2.pth',
        rgb_bands=(3, 2, 1)))
train_dataloader = dict(dataset=dict(pipeline=_base_.mocov2_ms_pipeline))
