# Fine-tuning schedule of the GLCNet reference code:
# Adam lr 1e-4, betas (0.9, 0.99), weight decay 1e-5 on every parameter,
# lr x0.98 after every epoch, 150 epochs. The batch size (16) lives in the
# fine-tuning configs next to the dataloaders.
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(
        type='Adam', lr=1e-4, betas=(0.9, 0.99), weight_decay=1e-5))
param_scheduler = [
    dict(type='ExponentialLR', gamma=0.98, by_epoch=True)
]

# Validation on the model-selection split every epoch (the checkpoint hook
# that keeps the best one is set in the fine-tuning configs, because the
# runtime base already defines default_hooks).
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=150, val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
