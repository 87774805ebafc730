# DINO's ViT-S/16 schedule for LaST (Caron et al. 2021, main_dino.py), 100
# epochs: AdamW, lr 5e-4 per 256 images (the scene pretraining settings'
# batch; --auto-scale-lr rescales it), 10 epochs of linear warm-up, then
# cosine to 1e-6; weight decay cosine from 0.04 to 0.4 on the weights only
# (no decay on biases and norms; the ratio keeps them at 0); the norm of all
# gradients clipped at 3.0 (DINO clips each parameter at 3.0); the head's
# last layer frozen during the first epoch; the teacher temperature warmed
# up linearly from 0.04 to 0.07 over 30 epochs. The standard hooks (a
# resumable last checkpoint every 10 epochs) and the runtime (which keeps
# the lowest-loss checkpoint too) are those of every pretraining schedule.
_base_ = './adam-cosine_400e.py'
max_epochs = 100
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='AdamW', lr=5e-4, betas=(0.9, 0.999),
                   weight_decay=0.04),
    paramwise_cfg=dict(norm_decay_mult=0., bias_decay_mult=0.),
    clip_grad=dict(max_norm=3.0))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0, end=10,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', eta_min=1e-6, by_epoch=True, begin=10,
         end=max_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingParamScheduler', param_name='weight_decay',
         eta_min_ratio=10., by_epoch=True, begin=0, end=max_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs)
custom_hooks = [
    *_base_.custom_hooks,
    dict(type='TeacherTempWarmupHook', start_temp=0.04, end_temp=0.07,
         warmup=30),
    dict(type='FreezeLastLayerHook', end=1),
]
