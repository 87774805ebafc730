# STICL's linear probe (SGD 0.01, 150 epochs, lr x0.1 at 80 and 120, batch
# 256, N = 20 labelled images a class) on the 13 bands of EuroSAT, from the
# multispectral STICL checkpoint. EuroSAT's images are 64 px, so training
# crops and evaluation resize to 64 px (the setting's input size) instead of
# the released 224 px centre crop.
_base_ = ['../_base_/models/linear-cls_r50.py',
          '../_base_/datasets/scene/eurosat-ms.py',
          '../_base_/schedules/sgd-step_150e_sticl-cls.py']
train_dataloader = dict(
    batch_size=256, dataset=dict(pipeline=_base_.sticl_train_pipeline))
model = dict(init_cfg=dict(
    checkpoint='work_dirs/sticl-ms_r50_1xb256-300e_eurosat-ms/'
    'best_loss_*.pth'))
