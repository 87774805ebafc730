# UC Merced Land Use (Yang and Newsam, 2010): 2 100 RGB TIFF of 256 px (a few
# are 1 or 2 px smaller), 0.3 m, 21 classes of 100 images in
# data/UCMerced_LandUse/Images/<class>/; TOV trains on half of each class.
#   python tools/make_scene_splits.py data/UCMerced_LandUse --preset ucm
_base_ = './rsi_scene.py'
num_classes = 21
dataset_args = dict(
    data_root='data/UCMerced_LandUse/',
    data_prefix='Images',
    preset='ucm',
    input_size=224)
# RSISC's and TOV's Normalize(0.5, 0.5) of [0, 1] images, every band
band_stats = dict(mean=[127.5] * 3, std=[127.5] * 3)
data_preprocessor = dict(num_classes=num_classes, **band_stats)
train_dataloader = dict(dataset=dataset_args)
val_dataloader = dict(dataset=dataset_args)
test_dataloader = dict(dataset=dataset_args)
