# Runtime common to every run: how it is launched, logged, checkpointed and
# seeded. selfsup_runtime.py, seg_runtime.py and cls_runtime.py add the scope
# and the visualizer; the schedules set the hooks' intervals and what a
# checkpoint is judged by.
custom_imports = dict(imports=['grsim_mm'], allow_failed_imports=False)

env_cfg = dict(
    cudnn_benchmark=True,
    mp_cfg=dict(mp_start_method='fork', opencv_num_threads=0),
    dist_cfg=dict(backend='nccl'),
)
vis_backends = [dict(type='LocalVisBackend')]
# True (or --cfg-options tensorboard=True) also logs scalars and validation
# images as TensorBoard events in work_dir/<timestamp>/vis_data/ (read by
# tools/train.py and tools/test.py; see docs/visualisation.md).
tensorboard = False
log_level = 'INFO'
load_from = None
resume = False
randomness = dict(seed=0)
# The standard hooks: a log line every 10 iterations and one checkpoint kept
# (every 10 epochs). Safety of every run: a non-finite loss or non-finite
# weights stop the training before any checkpoint is written, so the last
# good one survives; random states follow (seed, epoch, iteration, worker),
# so --resume continues exactly as the uninterrupted run would.
default_hooks = dict(
    timer=dict(type='IterTimerHook'),
    logger=dict(type='LoggerHook', interval=10),
    param_scheduler=dict(type='ParamSchedulerHook'),
    checkpoint=dict(
        type='CheckpointHook', by_epoch=True, interval=10, max_keep_ckpts=1),
    sampler_seed=dict(type='DistSamplerSeedHook'),
    finite_check=dict(type='FiniteCheckHook'),
    seed_schedule=dict(type='SeedScheduleHook'))
