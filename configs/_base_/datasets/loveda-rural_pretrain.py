# Unlabelled LoveDA Rural for pretraining: the windows of
# loveda-urban_pretrain.py from the 1366 Rural training images.
_base_ = './loveda-urban_pretrain.py'

train_dataloader = dict(
    dataset=dict(
        data_root='data/loveDA/Train/Rural/', samples_per_epoch=16 * 1366))
