"""The generated demo datasets a study may need, made when missing."""
import os.path as osp
from typing import Callable, Dict, Tuple


def _make_segmentation(root: str) -> None:
    from grsim_mm.datasets.demo import make_demo_dataset
    make_demo_dataset(root)


def _scene_maker(variant: str) -> Callable[[str], None]:
    def make(root: str) -> None:
        from grsim_mm.datasets.scene_demo import make_scene_demo_dataset
        make_scene_demo_dataset(root, variant=variant)
    return make


#: Kind -> (file whose presence means the data is there, maker).
DEMO_DATA: Dict[str, Tuple[str, Callable[[str], None]]] = {
    'segmentation': ('class_dict.txt', _make_segmentation),
    'scene': ('splits/seed2/test.txt', _scene_maker('ms')),
    'scene-rgb': ('splits/seed2/test.txt', _scene_maker('rgb')),
}
#: Where the configs expect each kind.
DEMO_ROOTS = {'segmentation': 'data/demo', 'scene': 'data/scene_demo',
              'scene-rgb': 'data/scene_demo_rgb'}


def has_demo_data(kind: str, root: str) -> bool:
    return osp.isfile(osp.join(root, DEMO_DATA[kind][0]))


def ensure_demo_data(kind: str, root: str) -> None:
    """Generate the demo dataset ``kind`` at ``root`` unless it is there."""
    if kind not in DEMO_DATA:
        raise KeyError(f'unknown demo data {kind!r}; one of {list(DEMO_DATA)}')
    if has_demo_data(kind, root):
        return
    print(f'==> generating the {kind} demo dataset in {osp.abspath(root)}',
          flush=True)
    DEMO_DATA[kind][1](root)
