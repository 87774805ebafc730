"""Labelled remote-sensing segmentation dataset."""
import os.path as osp
from typing import List, Optional, Sequence

from mmseg.datasets import BaseSegDataset
from mmseg.registry import DATASETS

from .band_facts import band_facts
from .layout import check_files_exist, read_name_list, split_folder
from .presets import get_preset, read_class_dict


@DATASETS.register_module()
class RSISegDataset(BaseSegDataset):
    """Segmentation tiles in the reference layout or mmseg's layout.

    **Reference layout** (``split`` given): images in
    ``data_root/{train,val}_{dtype}/``, labels of the same name in
    ``data_root/{train,val}_lbl/``, the tiles of a split listed in
    ``{split}_{dtype}.txt`` (and, if present, the identical
    ``{split}_lbl.txt``) under ``list_dir`` (default ``data_root``). Names
    are sorted, images and labels are paired by name.

    **mmseg layout** (``split`` None): ``data_prefix=dict(img_path=...,
    seg_map_path=...)`` and optionally ``ann_file``, exactly as
    ``BaseSegDataset``.

    Classes and label colours come from, in this order: the named
    ``preset`` (see ``presets.py``), else the ``class_dict`` file, and
    entries of ``metainfo`` override either. Labels are decoded by
    ``LoadRasterAnnotations``: 1-band files hold class indices, 3-band files
    colours, decoded with the full colour table passed in each sample's
    ``label_colours``; the class count goes into each sample as
    ``num_classes``, so that index labels are checked against it.

    The band facts (``num_bands``, ``bands``, ``value_range``,
    ``band_names``) go into every data_info, so the loader and the
    photometric transforms follow the dataset setting without restating
    them; ``band_names`` and ``value_range`` also go into the metainfo.

    Args:
        split: Split name of the reference layout, e.g. ``'trainR1'``.
        dtype: Image folder/list suffix of the reference layout.
        list_dir: Folder of the list files; relative paths are taken as
            they are (not joined with ``data_root``), so that lists kept in
            the repository (``data_lists/potsdam``) can serve data stored
            elsewhere. None means ``data_root``.
        preset: Name of a metainfo preset, e.g. ``'potsdam-rgbir'``.
        class_dict: Class dictionary relative to ``data_root``, read when
            no preset is given. Required unless ``metainfo`` has classes.
        num_bands: Band count every image must have.
        bands: 0-based bands to read, in model order.
        value_range: ``(low, high)`` of the image values (or one pair per
            band read): white and black of photometric augmentation.
        band_names: Names of the bands read; without a band selection the
            preset's names by default.
        img_suffix, seg_map_suffix, metainfo, data_root, data_prefix,
        ann_file, **kwargs: As in ``BaseSegDataset``.
    """

    def __init__(self,
                 split: Optional[str] = None,
                 dtype: str = 'RGBIR',
                 list_dir: Optional[str] = None,
                 preset: Optional[str] = None,
                 class_dict: Optional[str] = 'class_dict.txt',
                 num_bands: Optional[int] = None,
                 bands: Optional[Sequence[int]] = None,
                 value_range: Optional[Sequence] = None,
                 band_names: Optional[Sequence[str]] = None,
                 img_suffix: str = '.tif',
                 seg_map_suffix: str = '.tif',
                 metainfo: Optional[dict] = None,
                 data_root: Optional[str] = None,
                 data_prefix: Optional[dict] = None,
                 **kwargs) -> None:
        self.split = split
        self.dtype = dtype
        self.list_dir = list_dir if list_dir is not None else data_root
        if split is not None:
            folder = split_folder(split)
            data_prefix = dict(
                img_path=f'{folder}_{dtype}', seg_map_path=f'{folder}_lbl')
        elif data_prefix is None:
            data_prefix = dict(img_path='', seg_map_path='')
        metainfo = self._resolve_metainfo(preset, class_dict, metainfo,
                                          data_root)
        if band_names is None and bands is None:
            # a preset's names describe the files, hence the bands read
            band_names = metainfo.get('band_names')
        self.band_facts = band_facts(num_bands, bands, value_range,
                                     band_names, type(self).__name__)
        metainfo.update(band_names=self.band_facts['band_names'],
                        value_range=self.band_facts['value_range'])
        self.label_colours = tuple(
            tuple(int(v) for v in c) for c in metainfo.get('palette', ()))
        super().__init__(
            img_suffix=img_suffix,
            seg_map_suffix=seg_map_suffix,
            metainfo=metainfo,
            data_root=data_root,
            data_prefix=data_prefix,
            **kwargs)

    @staticmethod
    def _resolve_metainfo(preset: Optional[str], class_dict: Optional[str],
                          metainfo: Optional[dict],
                          data_root: Optional[str]) -> dict:
        metainfo = dict(metainfo or {})
        if preset is not None:
            base = get_preset(preset)
        elif class_dict is not None:
            path = class_dict
            if data_root and not osp.isabs(path):
                path = osp.join(data_root, path)
            if osp.isfile(path) or 'classes' not in metainfo:
                base = read_class_dict(path)
            else:
                base = {}
        else:
            base = {}
        base.update(metainfo)
        if 'classes' not in base:
            raise ValueError('RSISegDataset needs classes: give a preset, a '
                             'class_dict file or metainfo["classes"]')
        palette = base.get('palette')
        if palette is not None and len(palette) != len(base['classes']):
            raise ValueError(
                f"{len(base['classes'])} classes but {len(palette)} palette "
                'colours; the palette is the colour table of the labels, '
                'one colour per class')
        return base

    def load_data_list(self) -> List[dict]:
        if self.split is None:
            data_list = super().load_data_list()
            source = self.ann_file or self.data_prefix['img_path']
            if not data_list:
                raise ValueError(f'{source}: no {self.img_suffix} images '
                                 'found')
        else:
            data_list = self._load_reference_list()
            source = osp.join(self.list_dir or '',
                              f'{self.split}_{self.dtype}.txt')
        check_files_exist((info['img_path'] for info in data_list), source)
        check_files_exist((info['seg_map_path'] for info in data_list
                           if 'seg_map_path' in info), source)
        num_classes = len(self.metainfo['classes'])
        for info in data_list:
            info['label_colours'] = self.label_colours
            info['num_classes'] = num_classes
            info.update(self.band_facts)
        return data_list

    def _load_reference_list(self) -> List[dict]:
        list_dir = self.list_dir or ''
        img_list = osp.join(list_dir, f'{self.split}_{self.dtype}.txt')
        names = sorted(read_name_list(img_list))
        lbl_list = osp.join(list_dir, f'{self.split}_lbl.txt')
        if osp.isfile(lbl_list) and sorted(read_name_list(lbl_list)) != names:
            raise ValueError(f'{lbl_list}: label list does not name the same '
                             f'files as {img_list}')
        img_dir = self.data_prefix['img_path']
        ann_dir = self.data_prefix['seg_map_path']
        return [
            dict(
                img_path=osp.join(img_dir, name),
                seg_map_path=osp.join(ann_dir, name),
                label_map=self.label_map,
                reduce_zero_label=self.reduce_zero_label,
                seg_fields=[]) for name in names
        ]
