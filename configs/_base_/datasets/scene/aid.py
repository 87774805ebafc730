# AID (Xia et al., IEEE TGRS 2017): 10 000 RGB JPEG of 600 px in 30 class
# folders at the root of the archive (data/AID/Airport/...), 220 to 420 a
# class; RSISC and TOV train on 80 % of each class.
#   python tools/make_scene_splits.py data/AID --preset aid
_base_ = './rsi_scene.py'
num_classes = 30
dataset_args = dict(
    data_root='data/AID/', data_prefix='', preset='aid', input_size=224)
# RSISC's and TOV's Normalize(0.5, 0.5) of [0, 1] images, every band
band_stats = dict(mean=[127.5] * 3, std=[127.5] * 3)
data_preprocessor = dict(num_classes=num_classes, **band_stats)
train_dataloader = dict(dataset=dataset_args)
val_dataloader = dict(dataset=dataset_args)
test_dataloader = dict(dataset=dataset_args)
