#!/usr/bin/env bash
# Rebuild the shipped default NER model (src/wirenlp/models/nl_wire_ner) from ../shared data.
# Needs: Debian frog 0.20-2+b3 + frogdata 0.18-2; Python packages pinned in requirements.lock.
# Seeded end to end; about 35-50 minutes on 2 cores (see docs/model-card.md).
set -euo pipefail
cd "$(dirname "$0")"
PY="${PYTHON:-python}"
DATA="${WIRENLP_SHARED_DATA:-../../shared/data}"
if [ ! -d "$DATA" ]; then
  echo "training/run.sh: needs the shared data at $(cd .. && pwd)/../shared/data, which is absent" >&2
  exit 1
fi
VARIANT_ARGS="${VARIANT_ARGS:-}"
start=$(date +%s)
# pinned Python packages (requirements.lock) and Debian frog/frogdata versions;
# WIRENLP_TRAIN_ANY_VERSIONS=1 goes on after a mismatch (the weights will then differ)
"$PY" check_env.py --frog

echo "== 1/5 Frog silver labels on ud-dutch"
if [ ! -s corpus/ud_frog.jsonl ] || [ "${REFROG:-0}" = 1 ]; then
  "$PY" frog_label.py "$DATA/text/ud-dutch/sentences.jsonl" corpus/ud_frog.jsonl --jobs 2
fi
echo "== 2/5 ruler patterns"
"$PY" make_patterns.py
echo "== 3/5 corpus (silver + Europeana + substitution + datelines)"
# shellcheck disable=SC2086
# v3's data: no templates (finetune.sh adds them); VARIANT_ARGS may override
"$PY" build_corpus.py --out corpus/final --per-templates 0 --org-templates 0 --neg-templates 0 \
  $VARIANT_ARGS
echo "== 4/5 train"
"$PY" -m spacy train config.cfg --paths.train corpus/final/train.spacy \
  --paths.dev corpus/final/dev.spacy --output output/final
echo "== 5/5 assemble + evaluate"
"$PY" assemble.py --trained output/final/model-last
"$PY" evaluate_dev.py ../src/wirenlp/models/nl_wire_ner --json output/final/scores.json
echo "recipe took $(( $(date +%s) - start )) s"
