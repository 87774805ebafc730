# LoveDA Urban: the urban images of LoveDA (its 7 classes, RGB, 1024 px; see
# loveda.py) in the layout of the official release, unpacked under
# data/loveDA/: Train/Urban/{images_png,masks_png} to train on,
# Val/Urban/{images_png,masks_png} to select and test on (the test labels are
# not public).
_base_ = './loveda.py'
train_dataloader = dict(
    dataset=dict(_base_.official_layout, data_root='data/loveDA/Train/Urban/'))
val_dataloader = dict(
    dataset=dict(_base_.official_layout, data_root='data/loveDA/Val/Urban/'))
test_dataloader = val_dataloader
