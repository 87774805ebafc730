# STICL (T-SC-STICL moco/loader.py TwoCropsTransform_sti): MoCo v2 whose
# key view (inputs[1]), with probability 0.1, first has its colours moved
# onto those of another random image of the unlabelled set by exact optimal
# transport (OTSceneTransfer), then the view's normal augmentation. The
# other image comes from SceneTransferDataset, which a leaf wraps around
# the dataset setting's loader:
#   train_dataloader = dict(dataset=dict(
#       _delete_=True, type='SceneTransferDataset',
#       dataset=dict(_base_.train_dataloader.dataset,
#                    pipeline=_base_.sticl_v1_pipeline)))
_base_ = './mocov2_r50.py'
scene_transfer = dict(type='OTSceneTransfer', prob=0.1, num_samples=1000)
# the released README command: MoCo v1 augmentation
sticl_v1_pipeline = [
    dict(type='LoadRasterImageFromFile'),
    dict(type='MultiView', num_views=[1, 1],
         transforms=[_base_.mocov1_view,
                     [scene_transfer] + _base_.mocov1_view]),
    dict(type='PackInputs'),
]
# with --aug-plus: MoCo v2 augmentation
sticl_v2_pipeline = [
    sticl_v1_pipeline[0],
    dict(sticl_v1_pipeline[1],
         transforms=[_base_.mocov2_view,
                     [scene_transfer] + _base_.mocov2_view]),
    sticl_v1_pipeline[2],
]
# For any band count and dtype (ours): the MoCo v2 set without RGB colour
# jitter (mocov2_ms_view), the key moved into another scene in band space.
# OTSceneTransfer clips to the dataset setting's value range.
sticl_ms_pipeline = [
    sticl_v1_pipeline[0],
    dict(sticl_v1_pipeline[1],
         transforms=[_base_.mocov2_ms_view,
                     [scene_transfer] + _base_.mocov2_ms_view]),
    sticl_v1_pipeline[2],
]
