# RSD46-WHU (Long et al., IEEE TGRS 2017): about 117 000 RGB images of
# 256 px, 46 classes, with its own training and test folders
# (data/RSD46-WHU/{train,test}/<class>/), as TOV uses them. Building the
# loaders only checks that the files exist (opening 117 000 headers takes
# about a minute; see check_files).
#   python tools/make_scene_splits.py data/RSD46-WHU --preset rsd46-whu
_base_ = './rsi_scene.py'
num_classes = 46
dataset_args = dict(
    data_root='data/RSD46-WHU/',
    data_prefix='',
    preset='rsd46-whu',
    input_size=224,
    check_files='exists')
# RSISC's and TOV's Normalize(0.5, 0.5) of [0, 1] images, every band
band_stats = dict(mean=[127.5] * 3, std=[127.5] * 3)
data_preprocessor = dict(num_classes=num_classes, **band_stats)
train_dataloader = dict(dataset=dataset_args)
val_dataloader = dict(dataset=dataset_args)
test_dataloader = dict(dataset=dataset_args)
