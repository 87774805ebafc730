# PatternNet (Zhou et al., ISPRS J. 2018): 30 400 RGB JPEG of 256 px, 38
# class folders of 800 under data/PatternNet/images/; TOV trains on 80 % of
# each class at 224 px (the preset's input_size).
#   python tools/make_scene_splits.py data/PatternNet --preset patternnet
_base_ = './rsi_scene.py'
band_stats = _base_.rgb_half_stats
data_preprocessor = dict(num_classes=38, **band_stats)
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(
    data_root='data/PatternNet/', data_prefix='images', preset='patternnet'))
