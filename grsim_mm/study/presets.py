"""Named studies of the command line. Every config path a preset uses is
in :data:`CONFIGS`, the one table to update when configs are renamed."""
from dataclasses import dataclass
from typing import Callable, Dict

from .engine import RANDOM_INIT, Study, method_name

#: Config of each role, relative to the directory the study runs in.
CONFIGS = {
    # pretraining on the generated demo data
    'glcnet_demo': 'configs/glcnet/glcnet_r18-os16_1xb16-2e_demo.py',
    'ssccl_demo': 'configs/ssccl/ssccl_r18-os16_1xb16-2e_demo.py',
    'simclr_demo': 'configs/baselines/simclr_r18-os16_1xb16-2e_demo.py',
    'mocov2_demo': 'configs/baselines/mocov2_r18-os16_1xb16-2e_demo.py',
    'densecl_demo': 'configs/baselines/densecl_r18-os16_1xb16-2e_demo.py',
    'inpainting_demo':
    'configs/baselines/inpainting_r18-os16_1xb16-2e_demo.py',
    'jigsaw_demo': 'configs/baselines/jigsaw_r18-os16_1xb16-2e_demo.py',
    'false_demo': 'configs/false/false_r18-os16_1xb16-2e_demo.py',
    'grass_demo': 'configs/grass/grass_r18-os16_1xb16-2e_demo.py',
    'rissnet_demo': 'configs/rissnet/rissnet_r18-os16_1xb16-2e_demo.py',
    'gfcnet_demo': 'configs/gfcnet/gfcnet_r18-os16_1xb16-2e_demo.py',
    # fine-tuning on the demo data, 1 % of the labels
    'finetune_glcnet_demo':
    'configs/finetune/deeplabv3plus_r18-os16_glcnet_1xb8-40e_demo-1pct.py',
    'finetune_random_demo':
    'configs/finetune/deeplabv3plus_r18-os16_random_1xb8-40e_demo-1pct.py',
    # GFCNet's own fine-tuning: the multi-scale fusion head
    'finetune_gfcnet_demo':
    'configs/finetune/msfusion_r18-os16_gfcnet_1xb8-40e_demo-1pct.py',
    # the paper's protocol on ISPRS Potsdam
    'glcnet_potsdam':
    'configs/glcnet/glcnet_r50-os16_8xb32-400e_potsdam-rgbir.py',
    'finetune_glcnet_potsdam':
    'configs/finetune/'
    'deeplabv3plus_r50-os16_glcnet_1xb16-150e_potsdam-rgbir-1pct.py',
    'finetune_random_potsdam':
    'configs/finetune/'
    'deeplabv3plus_r50-os16_random_1xb16-150e_potsdam-rgbir-1pct.py',
}
DEMO_METHODS = ('glcnet_demo', 'ssccl_demo', 'simclr_demo', 'mocov2_demo',
                'densecl_demo', 'inpainting_demo', 'jigsaw_demo',
                'false_demo', 'grass_demo', 'rissnet_demo', 'gfcnet_demo')
#: Methods whose own fine-tuning differs from the shared one.
OWN_FINETUNE = ('gfcnet', )
DEMO_ROOT = 'data/demo'

#: ``--quick``: 4 pretraining steps of 16 tiles, 6 fine-tuning epochs (12
#: steps) with validation every 3; enough to exercise every stage, not to
#: rank methods.
QUICK_PRETRAIN = {
    'train_cfg.max_epochs': 1,
    'train_dataloader.dataset.indices': 64,
    'train_dataloader.num_workers': 0,
    'train_dataloader.persistent_workers': False,
}
QUICK_FINETUNE = {'train_cfg.max_epochs': 6, 'train_cfg.val_interval': 3}

PAPER_PROTOCOL = (
    'Protocol of the GLCNet paper (Li et al., IEEE TGRS 2022), as in its '
    'reference code: self-supervised pretraining on the unlabelled '
    "training tiles, DeepLabV3+ fine-tuned on 1% of the labels ('trainR1', "
    "backbone + ASPP initialised from GLCNet), tested on 'val'; OA and "
    "Cohen's Kappa from the global confusion matrix, standard mIoU. Model "
    "selection: best mIoU on 'trainSel', disjoint from the training and "
    'test lists (the reference code selected on the test list).')
METHODS_PROTOCOL = (
    'Protocol of the GLCNet paper: self-supervised pretraining on the '
    'unlabelled training tiles, DeepLabV3+ fine-tuned with backbone and '
    'ASPP initialised from each method, model selection on trainSel, '
    'test on val. GFCNet is fine-tuned its own way, with the multi-scale '
    'fusion head (backbone and ASPP initialised likewise).')


#: Seeds of the main job's fine-tunes: the verdict needs their spread.
MAIN_SEEDS = (0, 1, 2)


def _main(dataset: str, description: str, data_root, jobs: int,
          demo: bool) -> Study:
    """GLCNet against random init at 1 % of the labels, fine-tuned with
    three seeds from one pretraining."""
    return Study(
        name=f'Main job ({dataset})',
        description=PAPER_PROTOCOL + ' ' + description,
        pretrain_configs={'GLCNet': CONFIGS[f'glcnet_{dataset}']},
        finetune_config=CONFIGS[f'finetune_glcnet_{dataset}'],
        finetune_configs={RANDOM_INIT: CONFIGS[f'finetune_random_{dataset}']},
        fractions=(1, ),
        seeds=MAIN_SEEDS,
        pretrain_once=True,
        data_root=data_root,
        jobs=jobs,
        compare=('GLCNet', RANDOM_INIT),
        predictions=True,
        make_demo_data=demo)


def main_demo() -> Study:
    # Two fine-tunes side by side share a small CPU better than one
    # two-threaded run after the other.
    return _main(
        'demo', 'Data: the generated demo dataset, ResNet-18 and short '
        'schedules so a CPU finishes in minutes.', DEMO_ROOT, 2, True)


def main_potsdam() -> Study:
    return _main(
        'potsdam', 'Data: ISPRS Potsdam, R-G-B-NIR, ResNet-50 OS16, 400 '
        'pretraining and 150 fine-tuning epochs.', None, 1, False)


def methods_demo() -> Study:
    """Every pretraining method, one shared fine-tuning config but for the
    methods that define their own (GFCNet's multi-scale fusion head)."""
    return Study(
        pretrain_configs={method_name(CONFIGS[k]): CONFIGS[k]
                          for k in DEMO_METHODS},
        finetune_config=CONFIGS['finetune_glcnet_demo'],
        finetune_configs={m: CONFIGS[f'finetune_{m}_demo']
                          for m in OWN_FINETUNE},
        # the released GraSS code does not tell its warm-up: say ours
        description=METHODS_PROTOCOL + ' GraSS: 1 epoch of instance-'
        'discrimination warm-up, then 1 of gradient-guided sampling.',
        data_root=DEMO_ROOT,
        make_demo_data=True)


@dataclass(frozen=True)
class Preset:
    """A named study: what it is, where it writes, how it is built."""
    help: str
    work_dir: str
    build: Callable[[], Study]


PRESETS: Dict[str, Preset] = {
    'main': Preset(
        'the main job on the demo data (make demo): GLCNet vs random init '
        'at 1%, curves and predictions', 'work_dirs/main_job', main_demo),
    'main-potsdam': Preset(
        'the main job with the paper\'s Potsdam configs (days on GPUs)',
        'work_dirs/main_job_potsdam', main_potsdam),
    'methods': Preset(
        'every pretraining method x label fractions x seeds on the demo '
        'data, one table and a bar chart', 'work_dirs/study', methods_demo),
}
