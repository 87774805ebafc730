# AID (Xia et al., IEEE TGRS 2017): 10 000 RGB JPEG of 600 px in 30 class
# folders at the root of the archive (data/AID/Airport/...), 220 to 420 a
# class; RSISC and TOV train on 80 % of each class and resize to 224 px (the
# preset's input_size).
#   python tools/make_scene_splits.py data/AID --preset aid
_base_ = './rsi_scene.py'
band_stats = _base_.rgb_half_stats
data_preprocessor = dict(num_classes=30, **band_stats)
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(
    data_root='data/AID/', preset='aid'))
