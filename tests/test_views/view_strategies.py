"""Hypothesis strategies and helpers shared by the view tests."""
import numpy as np
from hypothesis import strategies as st

FLIPS = (None, 'horizontal', 'vertical', 'diagonal')


def coordinate_image(h: int, w: int) -> np.ndarray:
    """float32 tile whose bands hold each pixel's own column and row, so any
    bilinear view of it shows the source coordinates it sampled."""
    rows, cols = np.mgrid[0:h, 0:w].astype(np.float32)
    return np.stack([cols, rows], axis=-1)


@st.composite
def crops(draw, h: int, w: int, min_side: int = 1):
    cw = draw(st.integers(min(min_side, w), w))
    ch = draw(st.integers(min(min_side, h), h))
    x1 = draw(st.integers(0, w - cw))
    y1 = draw(st.integers(0, h - ch))
    return (x1, y1, x1 + cw, y1 + ch)


@st.composite
def view_params(draw, h: int, w: int, size=None, min_side: int = 1):
    """Random geometric parameters of one view of an ``h x w`` tile."""
    if size is None:
        size = (draw(st.integers(8, 160)), draw(st.integers(8, 160)))
    return dict(crop=draw(crops(h, w, min_side)),
                size=size,
                flip=draw(st.sampled_from(FLIPS)),
                rot90=draw(st.integers(0, 3)))
