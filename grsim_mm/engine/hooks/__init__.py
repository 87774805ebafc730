from .finite_check_hook import FiniteCheckHook
from .freeze_last_layer_hook import FreezeLastLayerHook
from .grass_stage_hook import GraSSStageHook
from .rsi_seg_visualization_hook import RSISegVisualizationHook
from .seed_schedule_hook import SeedScheduleHook
from .teacher_temp_warmup_hook import TeacherTempWarmupHook
from .train_loss_checkpoint_hook import TrainLossCheckpointHook

__all__ = [
    'GraSSStageHook', 'TrainLossCheckpointHook', 'TeacherTempWarmupHook',
    'FreezeLastLayerHook', 'FiniteCheckHook', 'SeedScheduleHook',
    'RSISegVisualizationHook'
]
