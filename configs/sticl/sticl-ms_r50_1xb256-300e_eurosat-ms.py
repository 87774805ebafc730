# STICL on the 13 bands of EuroSAT (uint16 reflectance x 10000): the
# released recipe (MoCo with the MLP projector, the key view moved into
# another scene with probability 0.1, SGD 0.03 with cosine decay, batch 256,
# 300 epochs) with the MoCo v2 views for any band count, since the released
# views jitter RGB colours. The transport is in the 13-band space and clips
# to the setting's value range. See docs/methods/sticl.md.
_base_ = ['../_base_/models/sticl_r50.py',
          '../_base_/datasets/scene/eurosat-ms_pretrain.py',
          '../_base_/schedules/sgd-cosine_300e_sticl.py']
train_dataloader = dict(dataset=dict(
    _delete_=True,
    type='SceneTransferDataset',
    dataset=dict(_base_.train_dataloader.dataset,
                 pipeline=_base_.sticl_ms_pipeline)))
