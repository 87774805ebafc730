# STICL on the 13-band uint16 scene demo data (32 px) on a CPU: ResNet-18,
# a queue of 256 keys, 2 epochs of batch 32 (10 iterations), the MoCo v2
# views for any band count and the key view moved into another scene with
# probability 0.1. See docs/methods/sticl.md.
_base_ = ['../_base_/models/sticl_r50.py',
          '../_base_/datasets/scene/scene-demo_pretrain.py',
          '../_base_/schedules/sgd-cosine_2e_sticl.py']
model = dict(backbone=dict(depth=18), queue_len=256)
train_dataloader = dict(dataset=dict(
    _delete_=True,
    type='SceneTransferDataset',
    dataset=dict(_base_.train_dataloader.dataset,
                 pipeline=_base_.sticl_ms_pipeline)))
