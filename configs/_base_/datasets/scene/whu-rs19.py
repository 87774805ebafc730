# WHU-RS19 (Xia et al., 2010): about 50 RGB JPEG of 600 px in each of 19
# class folders at the root (data/WHU-RS19/Airport/...); neither TOV nor
# RSISC uses it; 60 % for training is the usual share; 224 px input (the
# preset's input_size).
#   python tools/make_scene_splits.py data/WHU-RS19 --preset whu-rs19
_base_ = './rsi_scene.py'
band_stats = _base_.rgb_half_stats
data_preprocessor = dict(num_classes=19, **band_stats)
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(
    data_root='data/WHU-RS19/', preset='whu-rs19'))
