"""forward_views: per-view passes or one concatenated pass, split back."""
import torch

from grsim_mm.models.utils import forward_views


def _forward(img):
    # a per-image function plus a disabled branch
    return img.sum(dim=1) * 2 + 1, None


def test_concatenated_pass_is_split_back_per_view():
    gen = torch.Generator().manual_seed(0)
    views = [torch.randn(3, 2, 4, 4, generator=gen) for _ in range(2)]
    calls = []

    def counted(img):
        calls.append(img.shape[0])
        return _forward(img)

    separate = forward_views(counted, views)
    assert calls == [3, 3]
    joint = forward_views(counted, views, concat=True)
    assert calls == [3, 3, 6]
    for (a_sep, none_sep), (a_joint, none_joint), view in zip(
            separate, joint, views):
        torch.testing.assert_close(a_joint, view.sum(dim=1) * 2 + 1)
        torch.testing.assert_close(a_joint, a_sep)
        assert none_sep is None and none_joint is None
