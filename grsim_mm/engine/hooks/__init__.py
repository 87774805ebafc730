from .train_loss_checkpoint_hook import TrainLossCheckpointHook

__all__ = ['TrainLossCheckpointHook']
