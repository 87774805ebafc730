"""The config path of every role a study can take, relative to the
directory the study runs in: the one table to update when configs are
renamed. The presets take their configs from here; the other entries give
the scene methods' configs (STICL, TOV, LaST) names that code can use
instead of file names."""
RSISC_TASKS = ('simclr', 'inpainting', 'jigsaw2x2', 'jigsaw3x3',
               'colorization')
SCENE_SETTINGS = 'configs/_base_/datasets/scene/'

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
    # the scene line: RSISC's pretext tasks on the scene demo and on AID,
    # NWPU-RESISC45 (rsisc_<task>_<dataset>), its linear probe, and the
    # linear probe of segmentation pretrainings on RGB scenes
    **{f'rsisc_{task}_demo':
       f'configs/rsisc/rsisc-{task}_r18_1xb32-2e_scene-demo.py'
       for task in RSISC_TASKS},
    **{f'rsisc_{task}_{data}':
       f'configs/rsisc/rsisc-{task}_r50_1xb256-400e_{data}.py'
       for task in RSISC_TASKS for data in ('aid', 'nwpu-resisc45')},
    'rsisc_linear_demo':
    'configs/classification/rsisc-linear_r18_simclr_1xb16-30e_scene-demo.py',
    'rsisc_linear_aid':
    'configs/classification/rsisc-linear_r50_simclr_1xb64-200e_aid.py',
    'seg_linear_demo': 'configs/classification/'
    'tov-linear_r18_seg-pretrained_1xb16-30e_scene-demo-rgb.py',
    'seg_linear_ucm': 'configs/classification/'
    'tov-linear_r50_seg-pretrained_1xb64-200e_ucm.py',
    'scene_aid': SCENE_SETTINGS + 'aid.py',
    'scene_nwpu-resisc45': SCENE_SETTINGS + 'nwpu-resisc45.py',
    'glcnet_potsdam_r50':
    'configs/glcnet/glcnet_r50-os16_8xb32-400e_potsdam-rgbir.py',
    'ssccl_potsdam': 'configs/ssccl/ssccl_r50-os16_8xb32-400e_potsdam-rgbir.py',
    'simclr_potsdam':
    'configs/baselines/simclr_r50-os16_8xb32-400e_potsdam-rgbir.py',
    'mocov2_potsdam':
    'configs/baselines/mocov2_r50-os16_8xb32-400e_potsdam-rgbir.py',
    'densecl_potsdam':
    'configs/baselines/densecl_r50-os16_8xb32-400e_potsdam-rgbir.py',
    # the paper's main baseline: ImageNet-supervised ResNet-50 weights
    'finetune_imagenet_potsdam':
    'configs/finetune/'
    'deeplabv3plus_r50-os16_imagenet_1xb16-150e_potsdam-rgbir-1pct.py',
    # STICL (pretraining, linear probe) and TOV's learning path (stages 1
    # and 2, run by tools/train_tov.py) with its scene and FCN protocols
    'sticl_demo': 'configs/sticl/sticl_r18_1xb32-2e_scene-demo-rgb.py',
    'sticl_aid': 'configs/sticl/sticl_r50_1xb256-300e_aid.py',
    'sticl_augplus_aid':
    'configs/sticl/sticl-augplus_r50_1xb256-300e_aid.py',
    'sticl_linear_demo': 'configs/classification/'
    'sticl-linear_r18_sticl_1xb16-30e_scene-demo-rgb.py',
    'sticl_linear_aid':
    'configs/classification/sticl-linear_r50_sticl_1xb256-150e_aid.py',
    # STICL on 13-band uint16 data, with the views for any band count
    'sticl_ms_demo': 'configs/sticl/sticl-ms_r18_1xb32-2e_scene-demo.py',
    'sticl_ms_eurosat-ms':
    'configs/sticl/sticl-ms_r50_1xb256-300e_eurosat-ms.py',
    'sticl_ms_linear_demo': 'configs/classification/'
    'sticl-linear_r18_sticl-ms_1xb16-30e_scene-demo.py',
    'sticl_ms_linear_eurosat-ms': 'configs/classification/'
    'sticl-linear_r50_sticl-ms_1xb256-150e_eurosat-ms.py',
    'tov_stage1_demo':
    'configs/tov/tov-stage1_r18_mocov2_1xb32-2e_scene-demo-rgb.py',
    'tov_stage2_demo':
    'configs/tov/tov-stage2_r18_mocov2_1xb32-2e_scene-demo.py',
    'tov_stage1':
    'configs/tov/tov-stage1_r50_mocov2_1xb256-200e_natural-images.py',
    'tov_stage2':
    'configs/tov/tov-stage2_r50_mocov2_1xb256-800e_nwpu-resisc45.py',
    'tov_linear_demo':
    'configs/classification/tov-linear_r18_tov_1xb16-30e_scene-demo.py',
    'tov_linear_aid':
    'configs/classification/tov-linear_r50_tov_1xb64-200e_aid.py',
    'tov_fcn_potsdam': 'configs/finetune/'
    'fcn_r50-os8_tov_1xb16-200e_potsdam-rgbir-1pct.py',
    # LaST: pretraining (demo, NWPU-RESISC45, AID; Swin-T and ResNet-50
    # variants), the ViT's linear probe and fine-tuning, and the abstract's
    # claim (LaST at 1.5 % of the labels vs a supervised CNN at 10 %)
    'last_demo': 'configs/last/last_vit-tiny-p8_1xb32-2e_scene-demo.py',
    **{f'last_{data}': f'configs/last/last_vit-s16_1xb256-100e_{data}.py'
       for data in ('aid', 'nwpu-resisc45')},
    'last_swin_nwpu-resisc45':
    'configs/last/last_swin-t_1xb256-100e_nwpu-resisc45.py',
    'last_r50_nwpu-resisc45':
    'configs/last/last_r50_1xb256-100e_nwpu-resisc45.py',
    'last_linear_demo': 'configs/classification/'
    'rsisc-linear_vit-tiny-p8_last_1xb16-30e_scene-demo.py',
    **{f'last_{kind}_{data}': f'configs/classification/'
       f'rsisc-{kind}_vit-s16_last_1xb64-200e_{data}.py'
       for kind in ('linear', 'finetune')
       for data in ('aid', 'nwpu-resisc45')},
    **{f'last_finetune_{data}_1.5pct': f'configs/classification/'
       f'rsisc-finetune_vit-s16_last_1xb64-200e_{data}-1.5pct.py'
       for data in ('aid', 'nwpu-resisc45')},
    **{f'supervised_r50_{data}_10pct': f'configs/classification/'
       f'rsisc-finetune_r50_random_1xb64-200e_{data}-10pct.py'
       for data in ('aid', 'nwpu-resisc45')},
}
