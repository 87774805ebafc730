# Pretraining schedule of the GLCNet reference code: Adam lr 1e-3,
# betas (0.9, 0.99), weight decay 1e-5 on every parameter (BN and biases
# included), cosine annealing to 4e-8 stepped once per epoch, 400 epochs.
# The reference scales the lr by the number of GPUs; here the lr belongs to
# the total batch of the config (256), see auto_scale_lr.
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(
        type='Adam', lr=1e-3, betas=(0.9, 0.99), weight_decay=1e-5))
param_scheduler = [
    dict(
        type='CosineAnnealingLR',
        T_max=400,
        eta_min=4e-8,
        by_epoch=True,
        begin=0,
        end=400)
]
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=400)
auto_scale_lr = dict(base_batch_size=256, enable=False)
