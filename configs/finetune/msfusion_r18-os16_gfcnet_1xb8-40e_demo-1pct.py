# GFCNet's multi-scale fine-tuning (MultiScaleFusionHead) in the 1%
# protocol on the demo data, from configs/gfcnet/gfcnet_r18-os16_1xb16-2e_demo.py.
_base_ = '../_base_/finetune/deeplabv3plus_r18-os16_1xb8-40e_demo-1pct.py'
model = dict(
    decode_head=dict(type='MultiScaleFusionHead', fusion_in_index=(1, 2)),
    init_cfg=dict(
        _base_.pretrained_part,
        checkpoint='work_dirs/gfcnet_r18-os16_1xb16-2e_demo/'
        'best_loss_epoch_*.pth'))
