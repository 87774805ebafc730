import pytest
import torch.nn as nn

from inference_helpers import tiny_resnet_segmentor


@pytest.fixture(scope='module')
def tiny_model() -> nn.Module:
    return tiny_resnet_segmentor()
