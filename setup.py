"""Installation script of grsim_mm.

The heavy dependencies (torch, mmcv built with ops) are installed by
``tools/setup_env.sh``; ``pip install -e .`` only installs this package and
its pure-Python requirements.
"""
import os.path as osp

from setuptools import find_packages, setup


def get_version() -> str:
    version_file = osp.join(osp.dirname(__file__), 'grsim_mm', 'version.py')
    scope: dict = {}
    with open(version_file, encoding='utf-8') as f:
        exec(compile(f.read(), version_file, 'exec'), scope)
    return scope['__version__']


def parse_requirements(fname: str = 'requirements.txt') -> list:
    path = osp.join(osp.dirname(__file__), fname)
    with open(path, encoding='utf-8') as f:
        lines = (line.split('#', 1)[0].strip() for line in f)
        return [line for line in lines if line]


if __name__ == '__main__':
    setup(
        name='grsim_mm',
        version=get_version(),
        description='Self-supervised contrastive learning for remote-sensing '
        'segmentation on the OpenMMLab stack',
        long_description=open('README.md', encoding='utf-8').read(),
        long_description_content_type='text/markdown',
        keywords='remote sensing, self-supervised, contrastive, segmentation',
        packages=find_packages(exclude=('configs', 'tools', 'tests')),
        include_package_data=True,
        # the GLCNet authors' jigsaw permutation set
        package_data={'grsim_mm.datasets': ['data/*.npy']},
        python_requires='>=3.9',
        license='Apache License 2.0',
        install_requires=parse_requirements(),
        classifiers=[
            'Programming Language :: Python :: 3',
            'Topic :: Scientific/Engineering :: Image Recognition',
        ],
        zip_safe=False,
    )
