# The fine-tuning schedule shortened to 40 epochs for the demo data on a CPU:
# the same optimiser and decay, validation every 2 epochs, one checkpoint at
# the end besides the best one.
_base_ = './adam-exp_150e_finetune.py'
max_epochs = 40
train_cfg = dict(max_epochs=max_epochs, val_interval=2)
default_hooks = dict(
    logger=dict(interval=2), checkpoint=dict(interval=max_epochs))
