# RSISC's pretraining schedule (README, main_cls_ss_train.py), shared by its
# pretext tasks: Adam lr 1e-4, betas (0.9, 0.99), weight decay 1e-4 (the
# argparse default, which wins over the configs' 1e-5), cosine decay to 0
# stepped per epoch, 400 epochs at a total batch of 256. The runtime keeps
# the lowest-loss checkpoint (RSISC's '_best', lowest epoch loss).
_base_ = './adam-cosine_400e.py'
optim_wrapper = dict(optimizer=dict(lr=1e-4, weight_decay=1e-4))
param_scheduler = [dict(type='CosineAnnealingLR', eta_min=0., by_epoch=True)]
