# Colourisation of RSISC, with the colour image as target on the unlabelled
# NWPU-RESISC45 images (all but the test ones), 224 px. See
# docs/scene_classification.md.
_base_ = ['../_base_/models/rsisc-colorization_r50.py',
          '../_base_/datasets/scene/nwpu-resisc45_pretrain.py',
          '../_base_/schedules/adam-cosine_400e_rsisc.py']
train_dataloader = dict(dataset=dict(pipeline=_base_.pretext_pipeline))
