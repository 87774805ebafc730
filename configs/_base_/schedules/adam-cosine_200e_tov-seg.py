# TOV's segmentation fine-tuning schedule (segmentation/main_seg.py, whose
# argparse defaults win over its option files): Adam lr 5e-3 with PyTorch's
# betas, weight decay 1e-5, cosine decay to 0 stepped per epoch, 200
# epochs, batch 16 (the dataset setting's), every layer trained, validation
# every 5 epochs keeping the best mIoU on the selection split (TOV tested
# its best validation checkpoint on the test split too).
_base_ = './adam-exp_150e_finetune.py'
optim_wrapper = dict(optimizer=dict(lr=5e-3, betas=(0.9, 0.999)))
param_scheduler = [dict(type='CosineAnnealingLR', eta_min=0., by_epoch=True)]
max_epochs = 200
train_cfg = dict(max_epochs=max_epochs, val_interval=5)
