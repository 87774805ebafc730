# UC Merced Land Use (Yang and Newsam, 2010): 2 100 RGB TIFF of 256 px (a few
# are 1 or 2 px smaller), 0.3 m, 21 classes of 100 images in
# data/UCMerced_LandUse/Images/<class>/; TOV trains on half of each class and
# resizes to 224 px (the preset's input_size).
#   python tools/make_scene_splits.py data/UCMerced_LandUse --preset ucm
_base_ = './rsi_scene.py'
band_stats = _base_.rgb_half_stats
data_preprocessor = dict(num_classes=21, **band_stats)
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(
    data_root='data/UCMerced_LandUse/', data_prefix='Images', preset='ucm'))
