# The demo pretraining setting with the two views of the image-level
# contrastive methods (SimCLR, MoCo v2, DenseCL, FALSE, GraSS) as its
# pipeline: demo_pretrain.py's pair_pipeline (96 px views).
_base_ = './demo_pretrain.py'
train_dataloader = dict(dataset=dict(pipeline=_base_.pair_pipeline))
