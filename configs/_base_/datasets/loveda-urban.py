# LoveDA Urban, one of LoveDA's two domains (GraSS's datasets are Urban,
# Rural and Potsdam), in the layout of the released archives: unzip
# Train.zip and Val.zip into data/loveDA/, which gives
# {Train,Val}/{Urban,Rural}/{images_png,masks_png}/. The facts, classes and
# pipelines are those of loveda.py. Train on Train/Urban (1156 images of
# 1024 px), select the model and test on Val/Urban (677; the test set has
# no public labels).
_base_ = './loveda.py'

domain_prefix = dict(img_path='images_png', seg_map_path='masks_png')
train_dataloader = dict(
    dataset=dict(data_root='data/loveDA/Train/Urban/',
                 data_prefix=domain_prefix))
val_dataloader = dict(
    dataset=dict(data_root='data/loveDA/Val/Urban/',
                 data_prefix=domain_prefix))
test_dataloader = val_dataloader
