#!/usr/bin/env bash
# Create (or complete) the project virtual environment at .venv/.
#
# Idempotent: a finished environment is detected by a stamp file that records
# the hash of this script, so re-running it costs a second.  mmcv has no wheel
# for modern torch, so it is compiled once with its ops and the wheel is cached
# outside the checkout (GRSIM_WHEEL_CACHE, default ~/.cache/grsim_mm/wheels);
# later environments on the same machine install it in seconds.
#
# Environment knobs:
#   PYTHON             interpreter used to create the venv (default python3)
#   GRSIM_VENV         venv location (default <repo>/.venv)
#   GRSIM_WHEEL_CACHE  where the compiled mmcv wheel is kept
#   MMCV_FORCE_CUDA=1  build mmcv's CUDA ops as well (GPU machine with nvcc)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${GRSIM_VENV:-$repo/.venv}"
cache="${GRSIM_WHEEL_CACHE:-$HOME/.cache/grsim_mm/wheels}"
python="${PYTHON:-python3}"
stamp="$venv/.grsim_stamp"
want="$(sha256sum "$repo/tools/setup_env.sh" "$repo/requirements.txt" | sha256sum | cut -c1-16)"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi

log() { printf '[setup_env %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
start=$(date +%s)

if [[ ! -x "$venv/bin/python" ]]; then
  log "creating virtual environment at $venv"
  "$python" -m venv "$venv"
fi
pip=("$venv/bin/python" -m pip install --progress-bar off)
# torch's extension builder looks for ninja on PATH; without it mmcv's ops
# compile one file at a time.
export PATH="$venv/bin:$PATH"

log "installing torch 2.13.0 / torchvision 0.28.0"
# '===' pins the exact public release so that a locally cached '+cpu' build,
# which has no matching torchvision, is never chosen.
"${pip[@]}" 'torch===2.13.0' 'torchvision==0.28.0'
"${pip[@]}" 'setuptools<70' wheel ninja

mmcv_version=2.1.0
if [[ "${MMCV_FORCE_CUDA:-0}" == 1 ]]; then flavour=cuda; else flavour=cpu; fi
mmcv_dir="$cache/mmcv-$mmcv_version-torch2.13.0-$flavour"
if ! "$venv/bin/python" -c "import mmcv.ops" 2>/dev/null; then
  if ! ls "$mmcv_dir"/mmcv-*.whl >/dev/null 2>&1; then
    log "building mmcv $mmcv_version with ops (about 11 minutes on 2 cores, once per machine)"
    mkdir -p "$mmcv_dir"
    MMCV_WITH_OPS=1 FORCE_CUDA="${MMCV_FORCE_CUDA:-0}" MAX_JOBS="${MAX_JOBS:-$(nproc)}" \
      "$venv/bin/python" -m pip wheel --no-build-isolation --no-deps --progress-bar off \
      -w "$mmcv_dir" "mmcv==$mmcv_version"
  fi
  log "installing cached mmcv wheel from $mmcv_dir"
  "${pip[@]}" --no-deps "$mmcv_dir"/mmcv-*.whl
fi

log "installing the OpenMMLab stack and test tools"
"${pip[@]}" -r "$repo/requirements.txt"
"${pip[@]}" --no-deps -e "$repo"

"$venv/bin/python" -c "import mmcv.ops, mmseg, mmpretrain, rasterio, grsim_mm" \
  || { log "the environment does not import cleanly"; exit 1; }
echo "$want" > "$stamp"
log "environment ready in $(( $(date +%s) - start )) s"
