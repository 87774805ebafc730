# WHU-RS19 (Xia et al., 2010): about 50 RGB JPEG of 600 px in each of 19
# class folders at the root (data/WHU-RS19/Airport/...); neither TOV nor
# RSISC uses it, 60 % for training is the usual share.
#   python tools/make_scene_splits.py data/WHU-RS19 --preset whu-rs19
_base_ = './rsi_scene.py'
num_classes = 19
dataset_args = dict(
    data_root='data/WHU-RS19/',
    data_prefix='',
    preset='whu-rs19',
    input_size=224)
# RSISC's and TOV's Normalize(0.5, 0.5) of [0, 1] images, every band
band_stats = dict(mean=[127.5] * 3, std=[127.5] * 3)
data_preprocessor = dict(num_classes=num_classes, **band_stats)
train_dataloader = dict(dataset=dataset_args)
val_dataloader = dict(dataset=dataset_args)
test_dataloader = dict(dataset=dataset_args)
