# The scene demo data (python tools/make_scene_demo_data.py ->
# data/scene_demo/): 6 classes of 50 GeoTIFF of 32 px with the 13 bands of
# EuroSAT all bands, in images/<class>/, with the lists of seeds 0, 1 and 2
# (60 % for training, 5 selection images a class, 5 and 20 labelled images a
# class). Normalised with the mean and std of every band (the preset's);
# small batches for a CPU.
_base_ = './rsi_scene.py'
band_stats = dict(
    mean=[
        675.1, 763.7, 1009.2, 930.0, 1306.4, 2022.8, 2477.5, 2706.8, 2623.8,
        60.5, 2240.8, 1615.2, 2675.1
    ],
    std=[
        397.5, 401.0, 383.2, 637.0, 615.2, 930.3, 1279.4, 1427.4, 1373.6, 51.7,
        1113.3, 994.9, 1407.6
    ])
data_preprocessor = dict(num_classes=6, **band_stats)
train_dataloader = val_dataloader = test_dataloader = dict(
    batch_size=16,
    num_workers=2,
    dataset=dict(
        data_root='data/scene_demo/', data_prefix='images',
        preset='scene-demo'))
