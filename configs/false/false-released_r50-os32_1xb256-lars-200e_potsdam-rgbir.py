# FALSE with the settings of the released code, on the 4-band Potsdam tiles:
# VISSL's SimCLR (ResNet-50 at output stride 32, pooled layer4, projector
# without ReLU), FNCCLoss with its released defaults, SimCLR's views, 256
# images a step on one GPU, LARS and the released warm-restart schedule for
# 200 epochs. Fine-tune with the frozen-encoder probe of the paper's code:
# configs/finetune/deeplabv3plus-fcnaux_r50-os16-frozen_false-released_*.
_base_ = [
    '../_base_/models/simclr-vissl_r50-os32.py',
    '../_base_/datasets/potsdam-rgbir_pretrain.py',
    '../_base_/schedules/sgd-lars-warmrestart_200e.py',
]
model = dict(head=dict(loss=dict(type='FNCCLoss')))
train_dataloader = dict(
    batch_size=256, dataset=dict(pipeline=_base_.simclr_pipeline))
