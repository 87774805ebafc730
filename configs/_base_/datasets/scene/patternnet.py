# PatternNet (Zhou et al., ISPRS J. 2018): 30 400 RGB JPEG of 256 px, 38
# class folders of 800 under data/PatternNet/images/; TOV trains on 80 %.
#   python tools/make_scene_splits.py data/PatternNet --preset patternnet
_base_ = './rsi_scene.py'
num_classes = 38
dataset_args = dict(
    data_root='data/PatternNet/',
    data_prefix='images',
    preset='patternnet',
    input_size=224)
# RSISC's and TOV's Normalize(0.5, 0.5) of [0, 1] images, every band
band_stats = dict(mean=[127.5] * 3, std=[127.5] * 3)
data_preprocessor = dict(num_classes=num_classes, **band_stats)
train_dataloader = dict(dataset=dataset_args)
val_dataloader = dict(dataset=dataset_args)
test_dataloader = dict(dataset=dataset_args)
