# The RGB scene demo data (python tools/make_scene_demo_data.py --variant
# rgb -> data/scene_demo_rgb/): the demo scenes as 3-band JPEG of B04, B03,
# B02, in the layout of the 13-band demo, like the RGB scene datasets. The
# setting of the 13-band demo with these images and statistics.
_base_ = './scene-demo.py'
band_stats = dict(mean=[79.3, 85.6, 64.8], std=[52.2, 30.6, 32.6])
data_preprocessor = dict(**band_stats)
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(
    data_root='data/scene_demo_rgb/', preset='scene-demo-rgb'))
