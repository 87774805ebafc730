"""A dataset wrapper that hands every sample a second, random image of the
same dataset: the "other scene" of STICL's optimal-transport view."""
import copy
from typing import Union

import numpy as np
from mmcv.transforms import Compose
from mmengine.dataset import BaseDataset, force_full_init
from mmpretrain.registry import DATASETS

from .transforms.photometric import SCENE_TRANSFER_KEY


@DATASETS.register_module()
class SceneTransferDataset:
    """Add ``results['scene_transfer_img']`` to every sample of a dataset.

    The other image is a uniformly random sample of the wrapped dataset
    (possibly the sample itself, as in the released code), drawn with
    numpy's global generator and loaded by the first ``load_steps``
    transforms of the wrapped dataset's own pipeline, so it has the bands,
    band order, window size and dtype of the image it meets in
    :class:`~grsim_mm.datasets.transforms.OTSceneTransfer`. Wrapping keeps
    the dataset and its pipeline untouched and works for any dataset:
    unlabelled tiles, random scene windows or a scene-classification set.

    Args:
        dataset: The dataset or its config; its pipeline is the full
            training pipeline.
        load_steps: Number of leading pipeline transforms that load an
            image (the loader, plus e.g. a resize the transport must see).
        lazy_init: As in mmengine's dataset wrappers.
    """

    def __init__(self,
                 dataset: Union[BaseDataset, dict],
                 load_steps: int = 1,
                 lazy_init: bool = False) -> None:
        if isinstance(dataset, dict):
            dataset = DATASETS.build(dataset)
        if not isinstance(dataset, BaseDataset):
            raise TypeError('SceneTransferDataset wraps a BaseDataset or its '
                            f'config, got {type(dataset).__name__}')
        transforms = dataset.pipeline.transforms
        if not 1 <= load_steps < len(transforms):
            raise ValueError(
                f'load_steps={load_steps} must name the leading loading '
                f'transforms of a pipeline of {len(transforms)} steps and '
                'leave the rest (the views) to the sample')
        self.dataset = dataset
        self.load_steps = load_steps
        self.load_pipeline = Compose(transforms[:load_steps])
        self._metainfo = dataset.metainfo
        self._fully_initialized = False
        if not lazy_init:
            self.full_init()

    @property
    def metainfo(self) -> dict:
        return copy.deepcopy(self._metainfo)

    def full_init(self) -> None:
        if self._fully_initialized:
            return
        self.dataset.full_init()
        self._fully_initialized = True

    @force_full_init
    def __len__(self) -> int:
        return len(self.dataset)

    @force_full_init
    def get_data_info(self, idx: int) -> dict:
        return self.dataset.get_data_info(idx)

    def load_other(self) -> np.ndarray:
        """Load a uniformly random image of the dataset."""
        other = self.dataset.get_data_info(np.random.randint(len(self)))
        loaded = self.load_pipeline(other)
        if loaded is None or 'img' not in loaded:
            raise RuntimeError(
                f'The first {self.load_steps} pipeline steps produced no '
                f"image for {other.get('img_path')}; load_steps must cover "
                'the loader')
        return loaded['img']

    @force_full_init
    def __getitem__(self, idx: int) -> dict:
        for _ in range(self.dataset.max_refetch + 1):
            results = self.get_data_info(idx)
            results[SCENE_TRANSFER_KEY] = self.load_other()
            data = self.dataset.pipeline(results)
            if data is not None:
                return data
            idx = np.random.randint(len(self))
        raise RuntimeError(
            f'The pipeline returned None {self.dataset.max_refetch + 1} '
            'times in a row; check the images and the transforms')
