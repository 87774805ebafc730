"""Named studies of the command line. Every config path a preset uses comes
from :data:`~grsim_mm.study.config_paths.CONFIGS`."""
from dataclasses import dataclass
from typing import Callable, Dict, Optional

from .config_paths import CONFIGS, RSISC_TASKS
from .engine import RANDOM_INIT, Study, method_name
from .tasks import SCENE

DEMO_METHODS = ('glcnet_demo', 'ssccl_demo', 'simclr_demo', 'mocov2_demo',
                'densecl_demo', 'inpainting_demo', 'jigsaw_demo',
                'false_demo', 'grass_demo', 'rissnet_demo', 'gfcnet_demo')
#: Methods whose own fine-tuning differs from the shared one.
OWN_FINETUNE = ('gfcnet', )
DEMO_ROOT = 'data/demo'
SCENE_DEMO_ROOT = 'data/scene_demo'
#: The segmentation methods judged on scene classification.
SEG_METHODS = ('glcnet', 'ssccl', 'simclr', 'mocov2', 'densecl')

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


#: Row of the ImageNet-supervised initialisation; offline without the
#: weights, the study leaves it out and says so.
IMAGENET_ROW = 'ImageNet'


def _main(dataset: str, description: str, data_root, jobs: int,
          demo: bool, rows: Optional[Dict[str, str]] = None) -> Study:
    """GLCNet against random init at 1 % of the labels, fine-tuned with
    three seeds from one pretraining; ``rows``: further rows of their own
    (row -> fine-tuning config)."""
    return Study(
        name=f'Main job ({dataset})',
        description=PAPER_PROTOCOL + ' ' + description,
        pretrain_configs={'GLCNet': CONFIGS[f'glcnet_{dataset}']},
        finetune_config=CONFIGS[f'finetune_glcnet_{dataset}'],
        finetune_configs={RANDOM_INIT: CONFIGS[f'finetune_random_{dataset}'],
                          **(rows or {})},
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
        'pretraining and 150 fine-tuning epochs. ImageNet: torchvision\'s '
        'ImageNet-supervised ResNet-50, stem inflated to the 4 bands.', None,
        1, False, rows={IMAGENET_ROW: CONFIGS['finetune_imagenet_potsdam']})


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


RSISC_PROTOCOL = (
    "RSISC's protocol (Tao et al., IEEE GRSL 2020, as in its released "
    'code): self-supervised pretraining on the unlabelled images (all but '
    'the test split), linear probe of the frozen ResNet (Adam, cosine, batch '
    '64) on k labelled images a class, the epoch with the best OA on the '
    'selection split tested on the test split (the code selected on its '
    "evaluation split). OA, AA (mean recall) and Cohen's Kappa x 100.")
#: How the RSISC studies on AID probe every pretraining: 5 and 20 labelled
#: images a class, 3 seeds, one pretraining per row.
RSISC_AID_PROBE = dict(
    finetune_config=CONFIGS['rsisc_linear_aid'],
    fractions=('5/class', '20/class'),
    seeds=(0, 1, 2),
    pretrain_once=True)
SCENE_DEMO = (' Data: the generated scene demo (6 classes, 13 bands, '
              '32 px), ResNet-18 and short schedules so a CPU finishes in '
              'minutes.')


def _rsisc_rows(dataset: str) -> Dict[str, str]:
    return {method_name(CONFIGS[f'rsisc_{t}_{dataset}']):
            CONFIGS[f'rsisc_{t}_{dataset}'] for t in RSISC_TASKS}


def scene_demo() -> Study:
    """RSISC's pretext signals compared on the scene demo data."""
    return Study(
        name='Pretext signals of RSISC (scene demo)',
        description=RSISC_PROTOCOL + SCENE_DEMO,
        task=SCENE,
        pretrain_configs=_rsisc_rows('demo'),
        finetune_config=CONFIGS['rsisc_linear_demo'],
        fractions=('5/class', '20/class'),
        data_root=SCENE_DEMO_ROOT,
        compare=('rsisc-simclr', RANDOM_INIT),
        predictions=True,
        jobs=2,
        make_demo_data=True)


def scene_amount_demo() -> Study:
    """RSISC's SimCLR on growing shares of the unlabelled demo images."""
    return Study(
        name='Amount of pretraining data (scene demo)',
        description=RSISC_PROTOCOL + ' SimCLR pretrained on nested shares of '
        'the unlabelled images (the pretrain_p lists).' + SCENE_DEMO,
        task=SCENE,
        **_amount_rows('demo'),
        finetune_config=CONFIGS['rsisc_linear_demo'],
        fractions=('20/class', ),
        data_root=SCENE_DEMO_ROOT,
        make_demo_data=True)


def _amount_rows(dataset: str) -> dict:
    config = CONFIGS[f'rsisc_simclr_{dataset}']
    shares = {f'SimCLR {p}%': f'pretrain_p{p}' for p in (10, 25, 50)}
    return dict(
        pretrain_configs={**{row: config for row in shares},
                          'SimCLR 100%': config},
        row_pretrain_options={
            row: {'train_dataloader.dataset.split': split}
            for row, split in shares.items()})


def scene_seg_demo() -> Study:
    """Segmentation pretrainings judged on scene classification."""
    return Study(
        name='Segmentation pretraining on scene classification (demo)',
        description='Each segmentation method pretrained on the segmentation '
        "demo tiles (R, G, B, NIR); its ResNet-18 judged by TOV's linear probe "
        'on the RGB scene demo (the R, G, B input channels of the first '
        'convolution kept), 20 labelled images a class, model selection on '
        'the selection split.',
        task=SCENE,
        pretrain_configs={method_name(CONFIGS[f'{m}_demo']):
                          CONFIGS[f'{m}_demo'] for m in SEG_METHODS},
        finetune_config=CONFIGS['seg_linear_demo'],
        fractions=('20/class', ),
        demo_data=(('segmentation', DEMO_ROOT),
                   ('scene-rgb', 'data/scene_demo_rgb')),
        predictions=True)


def rsisc_signal() -> Study:
    return Study(
        name='Pretext signals of RSISC (AID)',
        description=RSISC_PROTOCOL + ' Data: AID, ResNet-50, 400 pretraining '
        'and 200 probe epochs.',
        task=SCENE, pretrain_configs=_rsisc_rows('aid'),
        **RSISC_AID_PROBE, compare=('rsisc-simclr', RANDOM_INIT))


def rsisc_domain() -> Study:
    return Study(
        name='Domain of the pretraining data (RSISC)',
        description=RSISC_PROTOCOL + ' SimCLR pretrained on AID and on '
        'NWPU-RESISC45, each probed on both.',
        task=SCENE,
        pretrain_configs={'SimCLR on AID': CONFIGS['rsisc_simclr_aid'],
                          'SimCLR on NWPU-RESISC45':
                          CONFIGS['rsisc_simclr_nwpu-resisc45']},
        datasets={'AID': CONFIGS['scene_aid'],
                  'NWPU-RESISC45': CONFIGS['scene_nwpu-resisc45']},
        **RSISC_AID_PROBE)


def rsisc_amount() -> Study:
    return Study(
        name='Amount of pretraining data (RSISC, AID)',
        description=RSISC_PROTOCOL + ' SimCLR pretrained on nested shares of '
        'the unlabelled AID images (the pretrain_p lists).',
        task=SCENE, **_amount_rows('aid'),
        **RSISC_AID_PROBE)


def seg_on_ucm() -> Study:
    return Study(
        name='Segmentation pretraining on scene classification (UC Merced)',
        description='Each segmentation method pretrained on ISPRS Potsdam '
        "(R, G, B, NIR); its ResNet-50 judged by TOV's linear probe on UC "
        'Merced (R, G, B input channels of the first convolution kept).',
        task=SCENE,
        pretrain_configs={method_name(CONFIGS[k]): CONFIGS[k] for k in (
            'glcnet_potsdam_r50', 'ssccl_potsdam', 'simclr_potsdam',
            'mocov2_potsdam', 'densecl_potsdam')},
        finetune_config=CONFIGS['seg_linear_ucm'],
        fractions=('5/class', '20/class', '50/class', '100/class'),
        seeds=(0, 1, 2), pretrain_once=True)


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
        'the main job with the paper\'s Potsdam configs and the ImageNet '
        'row (days on GPUs)',
        'work_dirs/main_job_potsdam', main_potsdam),
    'methods': Preset(
        'every pretraining method x label fractions x seeds on the demo '
        'data, one table and a bar chart', 'work_dirs/study', methods_demo),
    'scene': Preset(
        "the scene line on the scene demo: RSISC's pretext tasks vs random "
        'init by linear probe at 5 and 20 labels a class, confusion '
        'matrices', 'work_dirs/scene_study', scene_demo),
    'scene-amount': Preset(
        'RSISC SimCLR on 10/25/50/100% of the unlabelled scene demo',
        'work_dirs/scene_amount', scene_amount_demo),
    'scene-seg': Preset(
        'the segmentation methods (demo) judged by a linear probe on the '
        'RGB scene demo', 'work_dirs/scene_seg', scene_seg_demo),
    'rsisc-signal': Preset(
        "RSISC's pretext tasks on AID (days on GPUs)",
        'work_dirs/rsisc_signal', rsisc_signal),
    'rsisc-domain': Preset(
        'SimCLR pretrained on AID and NWPU-RESISC45, probed on both',
        'work_dirs/rsisc_domain', rsisc_domain),
    'rsisc-amount': Preset(
        'SimCLR on 10/25/50/100% of the unlabelled AID images',
        'work_dirs/rsisc_amount', rsisc_amount),
    'seg-on-ucm': Preset(
        'the Potsdam segmentation pretrainings judged on UC Merced',
        'work_dirs/seg_on_ucm', seg_on_ucm),
}
