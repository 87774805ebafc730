# STICL's linear probe on the RGB scene demo data, shortened for a CPU: the
# frozen ResNet-18 of the STICL demo run, a linear layer trained on 20
# labelled images a class, SGD 0.01 for 30 epochs with lr x0.1 at 16 and 24,
# batch 16; the images resized to the demo's 32 px for evaluation.
_base_ = ['../_base_/models/linear-cls_r50.py',
          '../_base_/datasets/scene/scene-demo-rgb.py',
          '../_base_/schedules/sgd-step_30e_sticl-cls-demo.py']
train_dataloader = dict(dataset=dict(pipeline=_base_.sticl_train_pipeline))
model = dict(
    backbone=dict(depth=18),
    init_cfg=dict(
        checkpoint='work_dirs/sticl_r18_1xb32-2e_scene-demo-rgb/'
        'best_loss_*.pth'))
