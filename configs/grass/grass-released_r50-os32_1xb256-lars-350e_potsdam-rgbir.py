# GraSS with the settings of the released code, on the 4-band Potsdam tiles:
# VISSL's SimCLR (ResNet-50 at output stride 32, so 7 x 7 layer4 heat maps;
# pooled layer4, projector without ReLU, NT-Xent tau 0.5), SimCLR's views,
# 256 images a step on one GPU, LARS and the released warm-restart schedule
# for 350 epochs, of which the first 100 are the warm-up (the released code
# does not tell its length).
_base_ = [
    '../_base_/models/simclr-vissl_r50-os32.py',
    '../_base_/datasets/potsdam-rgbir_pretrain.py',
    '../_base_/schedules/sgd-lars-warmrestart_350e.py',
]
model = dict(type='GraSS')
train_dataloader = dict(
    batch_size=256, dataset=dict(pipeline=_base_.simclr_pipeline))
custom_hooks = [
    *_base_.custom_hooks,
    dict(type='GraSSStageHook', warmup_epochs=100)]
