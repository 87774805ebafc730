# TOV's stage-2 schedule: the stage-1 schedule (warm-up, cosine) restarted
# for 800 epochs, as long as the released TOV-RS-balanced model trained.
_base_ = './sgd-warmup-cosine_200e_tov.py'
train_cfg = dict(max_epochs=800)
