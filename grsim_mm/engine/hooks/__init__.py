from .freeze_last_layer_hook import FreezeLastLayerHook
from .teacher_temp_warmup_hook import TeacherTempWarmupHook
from .train_loss_checkpoint_hook import TrainLossCheckpointHook

__all__ = [
    'TrainLossCheckpointHook', 'TeacherTempWarmupHook', 'FreezeLastLayerHook'
]
