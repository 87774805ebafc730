# Segmentation datasets in mmseg's img_dir/{train,val} + ann_dir/{train,val}
# layout (no split lists): train on train, select and test on val, one large
# image a validation batch.
_base_ = './rsi_seg.py'
train_dataloader = dict(
    batch_size=8,
    drop_last=False,
    dataset=dict(
        split=None,
        data_prefix=dict(
            img_path='img_dir/train', seg_map_path='ann_dir/train')))
val_dataloader = dict(
    batch_size=1,
    dataset=dict(
        split=None,
        data_prefix=dict(img_path='img_dir/val', seg_map_path='ann_dir/val')))
test_dataloader = val_dataloader
