"""Validation and test overlays of multispectral segmentation tiles."""
import os.path as osp
from typing import Optional, Sequence, Tuple

import numpy as np
from mmseg.engine.hooks import SegVisualizationHook
from mmseg.registry import HOOKS

from ...datasets.raster_io import nodata_mask, read_raster
from ...visualization import RSISegLocalVisualizer, display_rgb


@HOOKS.register_module()
class RSISegVisualizationHook(SegVisualizationHook):
    """:class:`SegVisualizationHook` for tiles of any band count and dtype.

    mmseg's hook re-reads each image with OpenCV, which takes 8-bit
    pictures of 1, 3 or 4 channels: a 13-band tile crashes it and of a
    4-band one it shows the first three bands, whatever the dataset's
    ``bands`` selects. This hook re-reads the tile through rasterio with the
    sample's ``bands`` and ``window`` (``test_meta_keys`` of the dataset
    settings carry both), checks that it has the bands the model was given,
    and hands it with its nodata mask to the visualizer, which chooses the
    display bands and stretches them (:class:`RSISegLocalVisualizer`; other
    visualizers get the default display picture).

    Args:
        draw, interval, show, wait_time, backend_args: As
            :class:`SegVisualizationHook`.
        test_out_dir: In test runs, write one ``<tile>.png`` per tile into
            this folder, relative to the run directory
            (``work_dir/<timestamp>/``) unless absolute, instead of giving
            the pictures to the visualizer's backends.
    """

    def __init__(self,
                 draw: bool = False,
                 interval: int = 50,
                 show: bool = False,
                 wait_time: float = 0.,
                 backend_args: Optional[dict] = None,
                 test_out_dir: Optional[str] = None) -> None:
        super().__init__(draw, interval, show, wait_time, backend_args)
        self.test_out_dir = test_out_dir

    def _after_iter(self,
                    runner,
                    batch_idx: int,
                    data_batch: dict,
                    outputs: Sequence,
                    mode: str = 'val') -> None:
        if not self.draw or mode == 'train':
            return
        if not self.every_n_inner_iters(batch_idx, self.interval):
            return
        inputs = (data_batch or {}).get('inputs')
        for i, output in enumerate(outputs):
            expected = None if inputs is None else int(inputs[i].shape[0])
            image, valid = self.read_image(output, expected)
            stem = osp.splitext(osp.basename(output.img_path))[0]
            out_file = None
            if mode == 'test' and self.test_out_dir is not None:
                out_file = osp.join(runner.log_dir, self.test_out_dir,
                                    f'{stem}.png')
            kwargs = dict(valid_mask=valid)
            if not isinstance(self._visualizer, RSISegLocalVisualizer):
                meta = self._visualizer.dataset_meta or {}
                image = display_rgb(image, meta.get('band_names'),
                                    valid=valid)
                kwargs = {}
            self._visualizer.add_datasample(
                f'{mode}_{osp.basename(output.img_path)}',
                image,
                data_sample=output,
                show=self.show,
                wait_time=self.wait_time,
                out_file=out_file,
                # runner.iter would build the train loop, hence the
                # training data, in a test run; the hub knows the iteration
                step=runner.message_hub.get_info('iter', 0),
                **kwargs)

    @staticmethod
    def read_image(output, expected_bands: Optional[int] = None
                   ) -> Tuple[np.ndarray, Optional[np.ndarray]]:
        """``(H, W, C)`` image of a sample as the model saw it (native
        dtype) and its valid-pixel mask (None without nodata)."""
        path = output.img_path
        data, meta = read_raster(path, bands=output.get('bands'),
                                 window=output.get('window'))
        if expected_bands is not None and data.shape[0] != expected_bands:
            raise ValueError(
                f'{path}: {data.shape[0]} bands read for display, but the '
                f'model input has {expected_bands}; add "bands" (and '
                '"window") to the meta_keys of PackSegInputs, as '
                'test_meta_keys of configs/_base_/datasets/rsi_seg.py do')
        valid = (None if meta['nodata'] is None else
                 ~nodata_mask(data, meta['nodata']))
        return np.ascontiguousarray(data.transpose(1, 2, 0)), valid
