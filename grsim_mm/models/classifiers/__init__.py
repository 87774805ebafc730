from .rsi_image_classifier import RSIImageClassifier

__all__ = ['RSIImageClassifier']
