#!/usr/bin/env bash
# tools/gpu_check.sh - issue #17's GPU measurements, for the next session that has one NVIDIA GPU
# (sized for an H200, <= 8 minutes). Adapted from shared/lab/gpu_check.sh: same wheel carrying,
# but it runs THIS repo's CUDA tests (-m gpu) and bench/bench_sdxl.py (original strategy vs ours
# vs fast mode, time to page 1, VRAM peaks, batch 1 vs the 80+ GB policy's 8, compile time).
#
#   bash tools/gpu_check.sh --prep      here, with PyPI: wheels the GPU machine lacks -> .gpu/whl
#   bash tools/gpu_check.sh --dry-run   print the stages and commands, run nothing
#   bash tools/gpu_check.sh             on the GPU machine, from the repo root
# Output: $OUT/gpu_check.log (or /tmp/gpu_check_out). Each stage is skipped when the time left
# (GPU_CHECK_BUDGET, default 460 s) is shorter than it needs; every stage has its own timeout.
set -uo pipefail

WHEELS=("diffusers==0.42.1" "transformers==5.24.0" "peft==0.21.2" "platformdirs==4.14.8"
        "tomli-w==1.2.0" "regex==2026.11.19")
BUDGET=${GPU_CHECK_BUDGET:-460}
PY=${PYTHON:-python3}
BENCH="-m bench.bench_sdxl --arch full --size 1024 --pages 8"
# name | seconds it needs | timeout | command
STAGES=(
  "A. environment|10|30|nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader; $PY -c 'import torch, diffusers, transformers, peft; print(torch.__version__, torch.version.cuda, diffusers.__version__, transformers.__version__, peft.__version__)'"
  "B. CUDA tests (pytest -m gpu)|60|120|$PY -m pytest -q -m gpu -p no:cacheprovider tests/test_sdxl_cuda.py"
  "C. full-size SDXL: original vs ours vs fast, book, page 1, VRAM peaks (policy batch 8)|150|240|$PY $BENCH --repeat 2"
  "D. batch 4 instead of 8 (same run shape, no fast rows)|80|150|$PY $BENCH --repeat 1 --batch 4 --no-fast"
  "E. regional torch.compile: load = compile + warm-up time, then pages|90|170|$PY $BENCH --repeat 1 --compile --no-fast"
)

if [[ "${1:-}" == "--prep" ]]; then
  root=$(git rev-parse --show-toplevel) || exit 1
  cd "$root" || exit 1
  grep -qx '/.gpu/' .git/info/exclude 2>/dev/null || echo '/.gpu/' >> .git/info/exclude
  mkdir -p .gpu/whl
  python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
    --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 \
    -d .gpu/whl "${WHEELS[@]}" || exit 1
  ls -la .gpu/whl
  exit 0
fi

if [[ "${1:-}" == "--dry-run" ]]; then
  echo "budget ${BUDGET} s"
  for s in "${STAGES[@]}"; do
    IFS='|' read -r name need limit cmd <<< "$s"
    echo "$name  (needs ${need} s, timeout ${limit} s)"
    echo "  \$ $cmd"
  done
  exit 0
fi

T0=$(date +%s)
OUTDIR=${OUT:-/tmp/gpu_check_out}; mkdir -p "$OUTDIR"
exec > >(tee "$OUTDIR/gpu_check.log") 2>&1
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false \
  QT_QPA_PLATFORM=offscreen PYTHONWARNINGS=ignore PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" \
  TORCHINDUCTOR_CACHE_DIR=${TORCHINDUCTOR_CACHE_DIR:-/tmp/inductor}
if [[ -d .gpu/whl ]] && [[ -z "${GPU_CHECK_SKIP_INSTALL:-}" ]]; then
  $PY -m pip install -q --no-index --no-deps --no-compile --target /tmp/site .gpu/whl/*.whl \
    && export PYTHONPATH="/tmp/site:$PYTHONPATH"
fi
left() { echo $(( BUDGET - ($(date +%s) - T0) )); }
for s in "${STAGES[@]}"; do
  IFS='|' read -r name need limit cmd <<< "$s"
  echo; echo "=== $name  (t=$(( $(date +%s) - T0 ))s, left $(left)s)"
  if (( $(left) < need )); then echo "skipped (time)"; continue; fi
  (( limit > $(left) )) && limit=$(left)
  timeout "$limit" bash -c "$cmd" 2>&1 | grep -Ev 'truncated because CLIP|sequence length is longer|it/s\]'
  echo "exit ${PIPESTATUS[0]}"
done
echo; echo "done in $(( $(date +%s) - T0 )) s -> $OUTDIR/gpu_check.log"
