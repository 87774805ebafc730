# RSISC's central-hole inpainting on the unlabelled AID images (all but the
# test ones), 224 px. See docs/scene_classification.md.
_base_ = ['../_base_/models/rsisc-inpainting_r50.py',
          '../_base_/datasets/scene/aid_pretrain.py',
          '../_base_/schedules/adam-cosine_400e_rsisc.py']
train_dataloader = dict(dataset=dict(pipeline=_base_.pretext_pipeline))
