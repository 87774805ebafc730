# RSISC's 3 x 3 jigsaw on EuroSAT all bands: the 2 x 2 leaf with the 3 x 3
# puzzle (images resized to 230 px, the centre 225 px cut into cells of 75
# px, 1000 permutations of maximal Hamming distance).
_base_ = './rsisc-jigsaw2x2_r50_1xb256-400e_eurosat-ms.py'
model = dict(head=dict(num_tiles=9, num_classes=1000))
train_dataloader = dict(dataset=dict(pipeline=_base_.jigsaw3x3_pipeline))
