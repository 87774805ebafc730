# TOV's linear-probe schedule (tov_finetune_cls.bash, main_cls.py): RSISC's
# with Adam lr 4e-3 and PyTorch's default betas (0.9, 0.999), validation
# every 2 epochs; 200 epochs, cosine to 0, no weight decay, batch 64.
_base_ = './adam-cosine_200e_rsisc-cls.py'
optim_wrapper = dict(optimizer=dict(lr=4e-3, betas=(0.9, 0.999)))
train_cfg = dict(val_interval=2)
