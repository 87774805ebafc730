"""Labelled remote-sensing scenes for classification, in any raster format."""
import os
import os.path as osp
import time
from collections import Counter
from typing import Dict, List, Optional, Sequence, Tuple, Union

from mmengine.logging import print_log
from mmpretrain.datasets import BaseDataset
from mmpretrain.registry import DATASETS

from .raster_io import raster_info, read_raster
from .scene_presets import get_scene_preset

IMAGE_EXTENSIONS = ('.tif', '.tiff', '.jpg', '.jpeg', '.png', '.bmp')
CHECK_MODES = ('none', 'exists', 'header', 'full')
ValueRange = Union[Tuple[float, float], Sequence[Tuple[float, float]]]


def read_class_file(path: str) -> Tuple[str, ...]:
    """Class names, one a line, in label order."""
    if not osp.isfile(path):
        raise FileNotFoundError(f'{path}: class file not found')
    with open(path, encoding='utf-8-sig') as f:
        names = [line.strip() for line in f if line.strip()]
    if not names:
        raise ValueError(f'{path}: class file is empty')
    repeated = [n for n, c in Counter(names).items() if c > 1]
    if repeated:
        raise ValueError(f'{path}: class file repeats {repeated}')
    return tuple(names)


def scan_class_folders(root: str, extensions: Sequence[str] = IMAGE_EXTENSIONS
                       ) -> Dict[str, List[str]]:
    """Images of every class folder under ``root``, as paths relative to
    ``root`` (sorted, sub-folders of a class included).

    Raises:
        FileNotFoundError: ``root`` is not a folder.
        ValueError: An image lies directly in ``root`` (it has no class) or
            a class folder holds no image.
    """
    if not osp.isdir(root):
        raise FileNotFoundError(f'{root}: image folder not found')
    extensions = tuple(e.lower() for e in extensions)
    classes, stray = [], []
    for entry in sorted(os.listdir(root)):
        if entry.startswith('.'):
            continue
        if osp.isdir(osp.join(root, entry)):
            classes.append(entry)
        elif entry.lower().endswith(extensions):
            stray.append(entry)
    if stray:
        raise ValueError(
            f'{osp.join(root, stray[0])}: image outside any class folder '
            f'({len(stray)} such files); move it into its class folder or '
            'list the images in an ann_file')
    if not classes:
        raise ValueError(f'{root}: no class folders found')
    found = {}
    for name in classes:
        files = []
        for folder, dirs, names in os.walk(osp.join(root, name)):
            dirs[:] = sorted(d for d in dirs if not d.startswith('.'))
            rel = osp.relpath(folder, root)
            files += [
                osp.join(rel, n) for n in sorted(names)
                if n.lower().endswith(extensions) and not n.startswith('.')
            ]
        if not files:
            raise ValueError(
                f'{osp.join(root, name)}: empty class folder (no '
                f'{"/".join(extensions)} file); remove it or add its images')
        found[name] = files
    return found


def read_ann_file(path: str, classes: Optional[Sequence[str]]
                  ) -> List[Tuple[str, Optional[int], Optional[str]]]:
    """Entries ``(relative_path, label or None, class folder or None)``.

    A line is ``relative/path label`` (mmpretrain's ``CustomDataset``
    format) or ``class_folder/.../file`` whose parent folder names its
    class; one file uses one form throughout.
    """
    if not osp.isfile(path):
        raise FileNotFoundError(f'{path}: ann_file not found')
    with open(path, encoding='utf-8-sig') as f:
        lines = [(i, line.strip()) for i, line in enumerate(f, start=1)
                 if line.strip()]
    if not lines:
        raise ValueError(f'{path}: ann_file is empty')
    entries = []
    for line_no, line in lines:
        head, _, tail = line.rpartition(' ')
        if head and tail.lstrip('-').isdigit():
            entries.append((head.strip(), int(tail), None))
        else:
            folder = osp.basename(osp.dirname(line))
            if not folder:
                raise ValueError(
                    f'{path}: line {line_no} "{line}" has neither a label '
                    'nor a class folder')
            entries.append((line, None, folder))
    labelled = {label is not None for _, label, _ in entries}
    if len(labelled) > 1:
        raise ValueError(f'{path}: some lines have a label and some do not; '
                         'use one form for the whole file')
    if classes is not None:
        for (name, label, folder), (line_no, _) in zip(entries, lines):
            if label is not None and not 0 <= label < len(classes):
                raise ValueError(
                    f'{path}: line {line_no} has label {label}, outside '
                    f'0..{len(classes) - 1} of the {len(classes)} classes')
    return entries


@DATASETS.register_module()
class RSISceneDataset(BaseDataset):
    """Scene images with one class label each, any band count and dtype.

    Images are found in one of two ways:

    - **class folders**: every sub-folder of ``data_prefix`` is a class,
      every image inside (sub-folders included) one of its samples;
    - **a list file** ``ann_file``: ``relative/path label`` lines as in
      mmpretrain's ``CustomDataset``, or ``class_folder/file`` lines whose
      parent folder names the class. Paths are relative to ``data_prefix``.

    Class names, in label order, come from ``classes`` (a sequence or a
    class file, one name a line, relative to ``data_root``), else the
    ``preset``, else the sorted class folders. With class folders and given
    names, the folders must match the names exactly.

    Images are read by ``LoadRasterImageFromFile`` (GDAL: GeoTIFF of any
    band count and dtype, JPEG, PNG, ...). The dataset facts ``num_bands``,
    ``bands``, ``value_range`` and ``band_names`` go into every data_info
    and so reach the pipeline; ``band_names`` and ``value_range`` also go
    into the metainfo. ``band_names`` name the bands the samples carry, i.e.
    after the ``bands`` selection.

    ``check_files`` decides what is verified when the dataset is built, so
    that a bad file fails at once with its name instead of mid-training:
    ``'exists'``, ``'header'`` (default; opens each file: readable, the same
    band count and dtype everywhere, ``num_bands`` if given; about 0.5 ms a
    file) or ``'full'`` (also decodes every pixel, catching truncated
    files; slow, for a one-off check). Truncated files always fail when a
    sample is loaded, naming the file.

    Args:
        data_root: Root of ``data_prefix``, ``ann_file`` and a class file.
        data_prefix: Folder of the images (or of the class folders).
        ann_file: Optional list file.
        split: Name of a list in ``split_dir`` (instead of ``ann_file``).
        split_dir: Folder of the split tool's lists, relative to
            ``data_root``.
        preset: Name in ``SCENE_PRESETS``; gives classes and band facts.
        classes: Class names or the path of a class file.
        num_bands: Band count every file must have.
        bands: 0-based bands the loader keeps, in this order.
        value_range: ``(low, high)`` of the data, or one pair per band.
        band_names: Names of the bands the samples carry.
        input_size: Network input side (default: the preset's).
        extensions: Image file extensions of class folders.
        check_files: One of ``'none'``, ``'exists'``, ``'header'``,
            ``'full'``.
        metainfo, **kwargs: As in mmpretrain's ``BaseDataset``.
    """

    def __init__(self,
                 data_root: str = '',
                 data_prefix: Union[str, dict] = '',
                 ann_file: str = '',
                 split: Optional[str] = None,
                 split_dir: str = 'splits/seed0',
                 preset: Optional[str] = None,
                 classes: Union[str, Sequence[str], None] = None,
                 num_bands: Optional[int] = None,
                 bands: Optional[Sequence[int]] = None,
                 value_range: Optional[ValueRange] = None,
                 band_names: Optional[Sequence[str]] = None,
                 input_size: Optional[int] = None,
                 extensions: Sequence[str] = IMAGE_EXTENSIONS,
                 check_files: str = 'header',
                 metainfo: Optional[dict] = None,
                 **kwargs) -> None:
        if check_files not in CHECK_MODES:
            raise ValueError(f'check_files must be one of {CHECK_MODES}, '
                             f'got {check_files!r}')
        facts = get_scene_preset(preset) if preset is not None else {}
        if num_bands is None and bands is None:
            num_bands = facts.get('num_bands')
        if value_range is None:
            value_range = facts.get('value_range')
        if band_names is None and facts.get('band_names'):
            file_names = facts['band_names']
            band_names = ([file_names[b] for b in bands]
                          if bands is not None else file_names)
        self.num_bands = num_bands
        self.bands = None if bands is None else [int(b) for b in bands]
        self.value_range = _check_value_range(value_range)
        self.band_names = None if band_names is None else tuple(band_names)
        self.input_size = (input_size if input_size is not None else
                           facts.get('input_size'))
        self._check_band_facts()
        self.extensions = tuple(e.lower() for e in extensions)
        self.check_files = check_files

        if split is not None:
            if ann_file:
                raise ValueError(f'give split ({split!r}) or ann_file '
                                 f'({ann_file!r}), not both')
            ann_file = _split_file(data_root, split_dir, split)
            if classes is None and 'classes' not in facts:
                classes = osp.join(split_dir, 'classes.txt')
        if isinstance(classes, str):
            path = classes
            if data_root and not osp.isabs(path):
                path = osp.join(data_root, path)
            classes = read_class_file(path)
        metainfo = dict(metainfo or {})
        if classes is not None:
            metainfo.setdefault('classes', tuple(classes))
        elif 'classes' in facts:
            metainfo.setdefault('classes', facts['classes'])
        if self.band_names is not None:
            metainfo.setdefault('band_names', self.band_names)
        if self.value_range is not None:
            metainfo.setdefault('value_range', self.value_range)
        super().__init__(
            ann_file=ann_file,
            metainfo=metainfo,
            data_root=data_root,
            data_prefix=data_prefix,
            **kwargs)

    def _check_band_facts(self) -> None:
        if self.bands is not None:
            if not self.bands:
                raise ValueError('bands must not be empty')
            if self.num_bands is not None and not all(
                    0 <= b < self.num_bands for b in self.bands):
                raise ValueError(
                    f'bands {self.bands} do not exist in files of '
                    f'{self.num_bands} bands (indices are 0-based)')
        out = len(self.bands) if self.bands is not None else self.num_bands
        if self.band_names is not None and out is not None and len(
                self.band_names) != out:
            raise ValueError(
                f'{len(self.band_names)} band_names for {out} bands; '
                'band_names name the bands after the bands selection')
        if (self.value_range is not None
                and isinstance(self.value_range[0], tuple) and out is not None
                and len(self.value_range) != out):
            raise ValueError(f'{len(self.value_range)} per-band value ranges '
                             f'for {out} bands')

    def load_data_list(self) -> List[dict]:
        classes = self._metainfo.get('classes')
        if self.ann_file:
            samples = self._samples_from_ann_file(classes)
            source = self.ann_file
        else:
            samples = self._samples_from_folders(classes)
            source = self.img_prefix
        facts = dict(num_bands=self.num_bands, bands=self.bands,
                     value_range=self.value_range,
                     band_names=self.band_names)
        if self.input_size is not None:
            facts['input_size'] = self.input_size
        data_list = [
            dict(img_path=osp.join(self.img_prefix, rel), gt_label=label,
                 **facts) for rel, label in samples
        ]
        self._check(data_list, source)
        return data_list

    def _samples_from_folders(self, classes: Optional[Sequence[str]]
                              ) -> List[Tuple[str, int]]:
        found = scan_class_folders(self.img_prefix, self.extensions)
        if classes is None:
            classes = tuple(found)
            self._metainfo['classes'] = classes
        elif set(found) != set(classes):
            missing = sorted(set(classes) - set(found))
            extra = sorted(set(found) - set(classes))
            raise ValueError(
                f'{self.img_prefix}: class folders do not match the '
                f'{len(classes)} class names: missing folders {missing}, '
                f'folders that are no class {extra}')
        index = {name: i for i, name in enumerate(classes)}
        return [(rel, index[name]) for name, files in found.items()
                for rel in files]

    def _samples_from_ann_file(self, classes: Optional[Sequence[str]]
                               ) -> List[Tuple[str, int]]:
        entries = read_ann_file(self.ann_file, classes)
        if entries[0][1] is not None:
            if classes is None:
                raise ValueError(
                    f'{self.ann_file}: labels are numbers but no class '
                    'names are known; give classes (names or a class '
                    'file) or a preset')
            return [(rel, label) for rel, label, _ in entries]
        if classes is None:
            classes = tuple(sorted({folder for _, _, folder in entries}))
            self._metainfo['classes'] = classes
        index = {name: i for i, name in enumerate(classes)}
        unknown = sorted({f for _, _, f in entries if f not in index})
        if unknown:
            raise ValueError(f'{self.ann_file}: class folders {unknown} are '
                             f'not among the classes {list(classes)}')
        return [(rel, index[folder]) for rel, _, folder in entries]

    def _check(self, data_list: List[dict], source: str) -> None:
        if self.check_files == 'none':
            return
        start = time.perf_counter()
        layouts: Dict[Tuple[int, str], str] = {}
        for info in data_list:
            path = info['img_path']
            if self.check_files == 'exists':
                if not osp.isfile(path):
                    raise FileNotFoundError(
                        f'{path}: file listed by {source} does not exist')
                continue
            if not osp.isfile(path):
                raise FileNotFoundError(
                    f'{path}: file listed by {source} does not exist')
            header = raster_info(path)
            self._check_header(path, header)
            layouts.setdefault((header['count'], header['dtype']), path)
            if self.check_files == 'full':
                read_raster(path, self.bands)
        if len(layouts) > 1:
            shown = ', '.join(f'{path} ({count} bands, {dtype})'
                              for (count, dtype), path in layouts.items())
            raise ValueError(
                f'{source}: images differ in band count or dtype: {shown}; '
                'a batch needs one layout (convert the odd files, or select '
                'common bands with bands=...)')
        elapsed = time.perf_counter() - start
        if self.check_files != 'exists' and elapsed > 5:
            print_log(f'Checked {len(data_list)} images of {source} in '
                      f"{elapsed:.0f} s (check_files='exists' skips the "
                      'header check)', logger='current')

    def _check_header(self, path: str, header: dict) -> None:
        count = header['count']
        if self.num_bands is not None and count != self.num_bands:
            raise ValueError(
                f'{path}: has {count} bands, but the dataset expects '
                f'{self.num_bands}; fix the file or num_bands')
        if self.bands is not None and max(self.bands) >= count:
            raise ValueError(
                f'{path}: has {count} bands, so bands {self.bands} cannot be '
                'selected (indices are 0-based)')


def _split_file(data_root: str, split_dir: str, split: str) -> str:
    """``split_dir/split.txt``; a clear error naming the split tool when it
    is missing."""
    path = osp.join(split_dir, f'{split}.txt')
    full = osp.join(data_root, path) if data_root else path
    if not osp.isfile(full):
        raise FileNotFoundError(
            f'{full}: split list {split!r} not found; write the lists with '
            f'python tools/make_scene_splits.py {data_root or "DATA_ROOT"} '
            '--preset NAME --seed N (split_dir splits/seedN)')
    return path


def _check_value_range(value_range: Optional[ValueRange]
                       ) -> Optional[ValueRange]:
    """``(low, high)`` or a list of per-band pairs, each increasing."""
    if value_range is None:
        return None
    pairs = value_range
    single = len(pairs) == 2 and all(
        isinstance(v, (int, float)) for v in pairs)
    if single:
        pairs = [pairs]
    out = []
    for pair in pairs:
        if len(pair) != 2 or not float(pair[0]) < float(pair[1]):
            raise ValueError(f'value_range must be (low, high) with low < '
                             f'high, or one such pair per band; got '
                             f'{value_range}')
        out.append((float(pair[0]), float(pair[1])))
    return out[0] if single else tuple(out)
