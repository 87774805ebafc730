# LoveDA Rural: the layout and facts of loveda-urban.py in the Rural
# folders; 1366 training and 992 validation images.
_base_ = './loveda-urban.py'

train_dataloader = dict(dataset=dict(data_root='data/loveDA/Train/Rural/'))
val_dataloader = dict(dataset=dict(data_root='data/loveDA/Val/Rural/'))
test_dataloader = val_dataloader
