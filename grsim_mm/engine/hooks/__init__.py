from .grass_stage_hook import GraSSStageHook
from .train_loss_checkpoint_hook import TrainLossCheckpointHook

__all__ = ['GraSSStageHook', 'TrainLossCheckpointHook']
