"""mmengine checkpoints load with weights_only=True; anything else is refused."""
import collections

import numpy as np
import pytest
import torch
from mmengine.logging import HistoryBuffer, MessageHub
from mmengine.runner.checkpoint import _load_checkpoint

import grsim_mm  # noqa: F401  (installs the safe loader)


class Foreign:
    """An arbitrary class: unpickling it could run arbitrary code."""


def test_message_hub_state_round_trips(tmp_path):
    hub = MessageHub.get_instance('safe_load_test')
    for i in range(3):
        hub.update_scalar('train/loss', np.float64(1.5 - i))
    hub.update_info('iter', np.int64(7))
    hub.update_info('lr', np.float32(0.5))
    ckpt = dict(
        meta=dict(seed=np.int64(3), dtype=np.dtype('float32')),
        state_dict=collections.OrderedDict(w=torch.ones(2)),
        message_hub=hub.state_dict())
    path = tmp_path / 'ckpt.pth'
    torch.save(ckpt, path)

    loaded = _load_checkpoint(str(path), map_location='cpu')
    buffer = loaded['message_hub']['log_scalars']['train/loss']
    assert isinstance(buffer, HistoryBuffer)
    np.testing.assert_allclose(buffer.data[0], [1.5, 0.5, -0.5])
    assert loaded['message_hub']['runtime_info']['iter'] == 7
    assert loaded['meta']['dtype'] == np.dtype('float32')
    torch.testing.assert_close(loaded['state_dict']['w'], torch.ones(2))


def test_foreign_object_is_refused_with_file_name(tmp_path):
    path = tmp_path / 'evil.pth'
    torch.save(dict(state_dict={}, payload=Foreign()), path)
    with pytest.raises(RuntimeError, match=r'Refusing to load checkpoint .*'
                       r'evil\.pth.*Foreign'):
        _load_checkpoint(str(path), map_location='cpu')


def test_missing_and_corrupt_files(tmp_path):
    with pytest.raises(FileNotFoundError, match='nothere.pth'):
        _load_checkpoint(str(tmp_path / 'nothere.pth'))
    bad = tmp_path / 'truncated.pth'
    bad.write_bytes(b'PK\x03\x04 not a real archive')
    with pytest.raises(RuntimeError, match='truncated.pth'):
        _load_checkpoint(str(bad))
