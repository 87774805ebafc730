# GLCNet pretraining as intended by the reference code: ResNet-50 OS16 on all
# 13,824 ISPRS Potsdam training tiles (4 bands), two 224 px views with four
# 48 px window pairs, 400 epochs of Adam with cosine decay.
# 8 GPUs x 32 = 256 samples per step, the reference batch; SyncBN and the
# negatives gathered over all GPUs give the BN statistics and the 2B - 2
# negatives of that single 256 batch.
_base_ = [
    '../_base_/models/glcnet_r50-os16.py',
    '../_base_/datasets/potsdam-rgbir_pretrain.py',
    '../_base_/schedules/adam-cosine_400e.py',
]
train_dataloader = dict(
    dataset=dict(pipeline=[
        dict(type='LoadRasterImageFromFile'),
        dict(type='PairedViews', crop_size=224, window_size=48),
        dict(type='PackInputs', algorithm_keys=['windows', 'window_valid']),
    ]))
