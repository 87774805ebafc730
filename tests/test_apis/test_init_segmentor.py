"""init_segmentor gives the model the config's data preprocessor."""
import numpy as np
import torch

from grsim_mm.apis import init_segmentor, predict_windows

from inference_helpers import seg_config


def test_model_follows_the_top_level_data_preprocessor():
    """A config in the dataset-setting style: the preprocessor (5 bands)
    at the top level, the model without one and without in_channels."""
    torch.manual_seed(0)
    cfg = seg_config(dict(type='IdentityTestBackbone'), 5, in_channels=5,
                     mean=10.0, std=2.0)
    cfg.data_preprocessor = cfg.model.pop('data_preprocessor')
    cfg.model.type = 'RSIEncoderDecoder'
    cfg.model.backbone = dict(type='ResNetV1c', depth=18, stem_channels=8,
                              base_channels=8, num_stages=1, strides=(1, ),
                              dilations=(1, ), out_indices=(0, ),
                              norm_cfg=dict(type='BN'))
    cfg.model.decode_head.in_channels = 8
    cfg.model.decode_head.channels = 8
    model = init_segmentor(cfg)
    assert model.backbone.stem[0].in_channels == 5
    torch.testing.assert_close(model.data_preprocessor.mean.flatten(),
                               torch.full((5, ), 10.0))
    logits = predict_windows(model, [np.zeros((5, 16, 16), np.uint8)])
    assert logits.shape == (1, 3, 16, 16)
