# STICL's linear-probe schedule (finetune.py, README: --lr 0.01): SGD lr
# 0.01, momentum 0.9, no weight decay, lr x0.1 at epochs 80 and 120, 150
# epochs, batch 256 (the leaf's). Validation on the selection split every
# epoch keeps the best checkpoint, which the test evaluates (STICL reported
# the best epoch on its evaluation folder).
_base_ = './adam-cosine_200e_rsisc-cls.py'
optim_wrapper = dict(optimizer=dict(
    _delete_=True, type='SGD', lr=0.01, momentum=0.9, weight_decay=0.))
param_scheduler = [
    dict(type='MultiStepLR', milestones=[80, 120], gamma=0.1, by_epoch=True)
]
train_cfg = dict(max_epochs=150)
