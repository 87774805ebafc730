# SimCLR as the released FALSE and GraSS code configures VISSL: both views
# in one batch through the ResNet-50 at output stride 32, the global average
# pool of layer4 (2048-d), the projector Linear(2048, 2048) ->
# Linear(2048, 128) with no ReLU (VISSL's one-layer MLP blocks skip their
# activation), the standard NT-Xent with tau 0.5 over the gathered batch.
# Every parameter is trained, so DDP needs no search for unused ones. The
# checkpoint initialises the segmentor's backbone (init mode 'backbone').
_base_ = './encoders/r50-os32.py'
model = dict(
    type='SegSimCLR',
    embed_from='stage',
    head=dict(
        type='GlobalContrastHead', in_channels=2048, hid_channels=2048,
        out_channels=128, nonlinear=False,
        loss=dict(type='NTXentLoss', gather_negatives=True)))
