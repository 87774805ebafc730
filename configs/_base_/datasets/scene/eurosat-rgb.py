# EuroSAT RGB (Helber et al., IEEE JSTARS 2019): 27 000 JPEG of 64 px,
# Sentinel-2 B04, B03, B02, 10 class folders under data/EuroSAT/2750/; 80 %
# of each class for training, at 64 px as in TOV and RSISC (the preset's
# input_size).
#   python tools/make_scene_splits.py data/EuroSAT --preset eurosat-rgb
_base_ = './rsi_scene.py'
band_stats = _base_.rgb_half_stats
data_preprocessor = dict(num_classes=10, **band_stats)
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(
    data_root='data/EuroSAT/', data_prefix='2750', preset='eurosat-rgb'))
