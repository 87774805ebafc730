# AID (Xia et al., IEEE TGRS 2017): 10 000 RGB JPEG of 600 px in 30 class
# folders at the root of the archive (data/AID/Airport/...), 220 to 420 a
# class; RSISC and TOV train on 80 % of each class and resize to 224 px (the
# preset's input_size).
#   python tools/make_scene_splits.py data/AID --preset aid
# The Normalize(0.5, 0.5) of RSISC and TOV on [0, 1] images, every band.
_base_ = './rsi_scene.py'
band_stats = dict(mean=[127.5] * 3, std=[127.5] * 3)
data_preprocessor = dict(num_classes=30, **band_stats)
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(
    data_root='data/AID/', preset='aid'))
