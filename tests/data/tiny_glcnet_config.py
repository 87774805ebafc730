# GLCNet with random views, shrunk for seconds-long CPU runs in the tool
# tests: 1/8-width ResNet-18 OS16, 32 px views with two 8 px window pairs,
# 2 epochs of 8 tiles in batches of 2 loaded by 2 persistent workers. The
# tiles are set from the command line:
#   --cfg-options train_dataloader.dataset.data_root=DIR
_base_ = '../../configs/glcnet/glcnet_r18-os16_1xb16-2e_demo.py'
model = dict(
    backbone=dict(stem_channels=8, base_channels=8),
    decode_head=dict(channels=16, c1_channels=8, num_classes=16),
    global_head=dict(in_channels=16, hid_channels=16, out_channels=16),
    local_head=dict(in_channels=16, hid_channels=16, out_channels=16))
train_dataloader = dict(
    batch_size=2,
    num_workers=2,
    persistent_workers=True,
    dataset=dict(
        data_root=None,
        split=None,
        indices=None,
        positions=None,
        tile_grid=None,
        data_prefix=dict(img_path='img'),
        pipeline=[
            dict(type='LoadRasterImageFromFile'),
            dict(type='PairedViews', crop_size=32, window_size=8,
                 num_windows=2),
            dict(
                type='PackInputs',
                algorithm_keys=['windows', 'window_valid']),
        ]))
default_hooks = dict(
    logger=dict(interval=1), checkpoint=dict(max_keep_ckpts=-1))
# no lowest-loss checkpoint: each save formats the config (seconds)
custom_hooks = []
