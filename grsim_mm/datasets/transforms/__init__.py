from .loading import LoadRasterAnnotations, LoadRasterImageFromFile

__all__ = ['LoadRasterImageFromFile', 'LoadRasterAnnotations']
