# EuroSAT RGB (Helber et al., IEEE JSTARS 2019): 27 000 JPEG of 64 px,
# Sentinel-2 B04, B03, B02, 10 class folders under data/EuroSAT/2750/;
# 80 % of each class for training, input 64 as in TOV and RSISC.
#   python tools/make_scene_splits.py data/EuroSAT --preset eurosat-rgb
_base_ = './rsi_scene.py'
num_classes = 10
dataset_args = dict(
    data_root='data/EuroSAT/',
    data_prefix='2750',
    preset='eurosat-rgb',
    input_size=64)
# RSISC's and TOV's Normalize(0.5, 0.5) of [0, 1] images, every band
band_stats = dict(mean=[127.5] * 3, std=[127.5] * 3)
data_preprocessor = dict(num_classes=num_classes, **band_stats)
train_dataloader = dict(dataset=dataset_args)
val_dataloader = dict(dataset=dataset_args)
test_dataloader = dict(dataset=dataset_args)
