# FALSE (Zhang et al., IEEE GRSL 2022) on the shared encoder: the SimCLR
# baseline (simclr_r50-os16.py: pooled ASPP output, MLP 256 -> 256 -> 64,
# tau 0.5, gathered negatives) with FALSE's loss, FNCCLoss, in place of the
# decoupled NT-Xent. FNCCLoss is the standard NT-Xent (positive in the
# denominator) plus the false-negative calibration, with the released
# defaults (alpha 1, threshold 0.9, one pair per batch, upper triangle, exp
# space). Both views run as one batch, so BatchNorm pools them as in the
# released VISSL code. The matched control without the calibration is
# model.global_head.loss.confidence_weight=0 (exactly NTXentLoss).
_base_ = './simclr_r50-os16.py'
model = dict(
    concat_views=True, global_head=dict(loss=dict(type='FNCCLoss')))
