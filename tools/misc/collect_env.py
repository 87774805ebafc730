"""Print the versions of the stack, to paste into a bug report."""
from collections import OrderedDict

from mmengine.utils import get_git_hash
from mmengine.utils.dl_utils import collect_env as collect_base_env


def collect_env() -> OrderedDict:
    """Collect the base environment plus the OpenMMLab and GIS packages."""
    import mmcv
    import mmengine
    import mmpretrain
    import mmseg
    import numpy
    import rasterio

    import grsim_mm

    env = collect_base_env()
    env['NumPy'] = numpy.__version__
    env['MMEngine'] = mmengine.__version__
    env['MMCV'] = mmcv.__version__
    try:
        from mmcv.ops import get_compiler_version, get_compiling_cuda_version
        env['MMCV Compiler'] = get_compiler_version()
        env['MMCV CUDA Compiler'] = get_compiling_cuda_version()
    except ImportError as err:
        env['MMCV ops'] = f'not available ({err})'
    env['MMSegmentation'] = mmseg.__version__
    env['MMPretrain'] = mmpretrain.__version__
    env['rasterio'] = rasterio.__version__
    env['GDAL'] = rasterio.__gdal_version__
    env['grsim_mm'] = f'{grsim_mm.__version__}+{get_git_hash()[:7]}'
    return env


def main() -> None:
    for name, value in collect_env().items():
        print(f'{name}: {value}')


if __name__ == '__main__':
    main()
