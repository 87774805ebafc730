# STICL on the unlabelled AID images (all but the test ones), as the
# released README command: MoCo with the MLP projector, MoCo v1
# augmentation, the key view moved into another spatial-temporal scene
# with probability 0.1, SGD 0.03 with cosine decay, batch 256, 300 epochs.
# See docs/methods/sticl.md.
_base_ = ['../_base_/models/sticl_r50.py',
          '../_base_/datasets/scene/aid_pretrain.py',
          '../_base_/schedules/sgd-cosine_300e_sticl.py']
train_dataloader = dict(dataset=dict(
    _delete_=True,
    type='SceneTransferDataset',
    dataset=dict(_base_.train_dataloader.dataset,
                 pipeline=_base_.sticl_v1_pipeline)))
