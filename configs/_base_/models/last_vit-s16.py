# LaST (Wang et al., IEEE GRSL 2022), reconstructed on DINO's recipe (Caron
# et al., ICCV 2021) since only the abstract is published: a ViT-S/16
# student and its EMA teacher (momentum 0.996 -> 1, cosine), DINO's head
# (MLP 384-2048-2048-256, GELU, L2 norm, weight-normalised 256 -> 65536 with
# the magnitude fixed at 1), student temperature 0.1, teacher temperature
# 0.04 (warmed up by the schedule's TeacherTempWarmupHook), centre momentum
# 0.9. The teacher sees the 2 global crops, the student all 10; every
# student crop is aligned to each teacher global crop of another view (the
# abstract's "global-local crop and scale alignment"). See
# docs/methods/last.md for which parts are the paper's.
_base_ = './encoders/vit-s16.py'
model = dict(
    type='LaST',
    num_global_crops=2,
    teacher_momentum=0.996,
    teacher_momentum_end=1.,
    head=dict(type='SelfDistillHead', out_dim=65536, hidden_dim=2048,
              bottleneck_dim=256, norm_last_layer=True),
    loss=dict(type='SelfDistillLoss', student_temp=0.1, teacher_temp=0.04,
              center_momentum=0.9))

# DINO's views, band-agnostic (any band count and dtype): 2 global crops of
# 224 px from 40-100 % of the image, 8 local crops of 96 px from 5-40 %,
# bicubic; flip; per-band brightness and contrast jitter (p 0.8; per-band
# factors also move the spectral signature, the stand-in for hue and
# saturation); one band as grey (p 0.2); Gaussian blur with sigma drawn in
# [0.1, 2] at every call, p 1.0 / 0.1 / 0.5; solarisation on the data's
# value range, second global crop only (p 0.2). Leaves with other sizes
# rebuild the views from these pieces (see the demo leaf).
global_crop = dict(type='RandomResizedCrop', scale=224,
                   crop_ratio_range=(0.4, 1.), interpolation='bicubic',
                   backend='cv2')
local_crop = dict(global_crop, scale=96, crop_ratio_range=(0.05, 0.4))
num_local_crops = 8
colour = [
    dict(type='RandomFlip', prob=0.5, direction='horizontal'),
    dict(type='SpectralJitter', prob=0.8, brightness=0.4, contrast=0.4,
         salt_prob=0.),
    dict(type='RandomGrey', prob=0.2),
]
blur = dict(type='RandomSigmaBlur', sigma_range=(0.1, 2.))
global_1 = [*colour, dict(blur, prob=1.0)]
global_2 = [*colour, dict(blur, prob=0.1),
            dict(type='RangeSolarize', threshold=0.5, prob=0.2)]
local = [*colour, dict(blur, prob=0.5)]
multicrop_pipeline = [
    dict(type='LoadRasterImageFromFile'),
    dict(type='MultiView', num_views=[1, 1, num_local_crops],
         transforms=[[global_crop, *global_1], [global_crop, *global_2],
                     [local_crop, *local]]),
    dict(type='PackInputs'),
]
