# The RGB scene demo data (python tools/make_scene_demo_data.py --variant
# rgb -> data/scene_demo_rgb/): the demo scenes as 3-band JPEG of B04, B03,
# B02, like the RGB scene datasets. Sized for a CPU.
_base_ = './rsi_scene.py'
num_classes = 6
dataset_args = dict(
    data_root='data/scene_demo_rgb/',
    data_prefix='images',
    preset='scene-demo-rgb',
    input_size=32)
# the preset's mean and std of every band, in file band order
band_stats = dict(mean=[79.3, 85.6, 64.8], std=[52.2, 30.6, 32.6])
data_preprocessor = dict(num_classes=num_classes, **band_stats)
train_dataloader = dict(batch_size=16, num_workers=2, dataset=dataset_args)
val_dataloader = dict(batch_size=32, num_workers=2, dataset=dataset_args)
test_dataloader = dict(batch_size=32, num_workers=2, dataset=dataset_args)
