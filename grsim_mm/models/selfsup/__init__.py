from .glcnet import GLCNet

__all__ = ['GLCNet']
