from .rsi_encoder_decoder import RSIEncoderDecoder

__all__ = ['RSIEncoderDecoder']
