# NWPU-RESISC45 (Cheng et al., Proc. IEEE 2017): 31 500 RGB JPEG of 256 px,
# 45 class folders of 700 at the root (data/NWPU-RESISC45/airplane/...);
# RSISC and TOV train on 80 % of each class, at 224 px (the preset's
# input_size).
#   python tools/make_scene_splits.py data/NWPU-RESISC45 --preset nwpu-resisc45
_base_ = './rsi_scene.py'
band_stats = _base_.rgb_half_stats
data_preprocessor = dict(num_classes=45, **band_stats)
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(
    data_root='data/NWPU-RESISC45/', preset='nwpu-resisc45'))
