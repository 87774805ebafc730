# NWPU-RESISC45 (Cheng et al., Proc. IEEE 2017): 31 500 RGB JPEG of 256 px,
# 45 class folders of 700 at the root (data/NWPU-RESISC45/airplane/...);
# RSISC and TOV train on 80 % of each class.
#   python tools/make_scene_splits.py data/NWPU-RESISC45 --preset nwpu-resisc45
_base_ = './rsi_scene.py'
num_classes = 45
dataset_args = dict(
    data_root='data/NWPU-RESISC45/',
    data_prefix='',
    preset='nwpu-resisc45',
    input_size=224)
# RSISC's and TOV's Normalize(0.5, 0.5) of [0, 1] images, every band
band_stats = dict(mean=[127.5] * 3, std=[127.5] * 3)
data_preprocessor = dict(num_classes=num_classes, **band_stats)
train_dataloader = dict(dataset=dataset_args)
val_dataloader = dict(dataset=dataset_args)
test_dataloader = dict(dataset=dataset_args)
