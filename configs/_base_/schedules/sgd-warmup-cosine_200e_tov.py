# TOV's pretraining schedule (a reconstruction: TOV released no pretraining
# code): MoCo v2's SGD lr 0.03, momentum 0.9, weight decay 1e-4 at a total
# batch of 256, a linear warm-up over the first 10 epochs (from 0.1 % of
# the lr, per iteration), then cosine decay to 0 over the remaining epochs.
# Stage 1 (natural images) runs it for 200 epochs; stage 2 (remote-sensing
# images) starts it afresh (new optimiser state, new warm-up) for 800
# epochs, the released model's.
_base_ = './sgd-cosine_300e_sticl.py'
warmup_epochs = 10
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', eta_min=0., by_epoch=True,
         begin=warmup_epochs),
]
train_cfg = dict(max_epochs=200)
