# TOV's scene linear probe of the TOV demo path (tools/train_tov.py with the
# r18 scene-demo stages) on the 13-band scene demo data, shortened for a
# CPU (30 epochs, batch 16): the frozen ResNet-18 of stage 2, a linear
# layer trained on 20 labelled images a class.
_base_ = ['../_base_/models/linear-cls_r50.py',
          '../_base_/datasets/scene/scene-demo.py',
          '../_base_/schedules/adam-cosine_30e_scene-demo.py']
train_dataloader = dict(dataset=dict(pipeline=_base_.tov_train_pipeline))
model = dict(
    backbone=dict(depth=18),
    init_cfg=dict(checkpoint='work_dirs/tov_demo/stage2/epoch_2.pth'))
