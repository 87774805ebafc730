# RSD46-WHU (Long et al., IEEE TGRS 2017): about 117 000 RGB images of
# 256 px, 46 classes, with its own training and test folders
# (data/RSD46-WHU/{train,test}/<class>/), as TOV uses them, at 224 px (the
# preset's input_size). Building the loaders only checks that the files
# exist: opening 117 000 headers takes about a minute (see check_files).
#   python tools/make_scene_splits.py data/RSD46-WHU --preset rsd46-whu
_base_ = './rsi_scene.py'
band_stats = _base_.rgb_half_stats
data_preprocessor = dict(num_classes=46, **band_stats)
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(
    data_root='data/RSD46-WHU/', preset='rsd46-whu', check_files='exists'))
