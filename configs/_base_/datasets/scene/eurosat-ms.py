# EuroSAT all bands (Helber et al., IEEE JSTARS 2019): 27 000 GeoTIFF of
# 64 px with the 13 Sentinel-2 bands as uint16 reflectance x 10000, in file
# order B01 ... B12, B8A (the preset's band_names; B04, B03, B02 are bands
# 3, 2, 1), 10 class folders under the archive's
# ds/images/remote_sensing/otherDatasets/sentinel_2/tif/; 80 % of each class
# for training, at 64 px as in RSISC (the preset's input_size). Normalised
# with the mean and std of every band (the preset's, in file band order).
#   python tools/make_scene_splits.py data/EuroSATallBands --preset eurosat-ms
_base_ = './rsi_scene.py'
band_stats = dict(
    mean=[
        1354.40546513, 1118.24399958, 1042.92983953, 947.62620298,
        1199.47283961, 1999.79090914, 2369.22292565, 2296.82608323,
        732.08340178, 12.11327804, 1819.01027855, 1118.92391149, 2594.14080798
    ],
    std=[
        245.71762908, 333.00778264, 395.09249139, 593.75055589, 566.4170017,
        861.18399006, 1086.63139075, 1117.98170791, 404.91978886, 4.77584468,
        1002.58768311, 761.30323499, 1231.58581042
    ])
data_preprocessor = dict(num_classes=10, **band_stats)
train_dataloader = val_dataloader = test_dataloader = dict(dataset=dict(
    data_root='data/EuroSATallBands/',
    data_prefix='ds/images/remote_sensing/otherDatasets/sentinel_2/tif',
    preset='eurosat-ms'))
