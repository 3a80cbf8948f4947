#!/usr/bin/env bash
# Build the v4 model: fine-tune the v3 weights (from git history) on the v3 recipe's corpus,
# with v3's own labels on ud-dutch as rehearsal data instead of Frog's, plus the person and
# organisation templates (templates.py). Seeded; see docs/model-card.md.
set -euo pipefail
cd "$(dirname "$0")"
PY="${PYTHON:-python}"
V3_COMMIT="${V3_COMMIT:-6aacf47}"  # the commit whose src/wirenlp/models/nl_wire_ner is v3
STEPS="${STEPS:-2000}"
start=$(date +%s)
"$PY" check_env.py
echo "== 1/5 v3 weights from git ($V3_COMMIT), ruler removed"
rm -rf output/v3 && mkdir -p output/v3
git -C .. archive "$V3_COMMIT" src/wirenlp/models/nl_wire_ner | tar -x -C output/v3
"$PY" -c "
import spacy, sys
nlp = spacy.load('output/v3/src/wirenlp/models/nl_wire_ner')
nlp.remove_pipe('entity_ruler')
nlp.to_disk('output/v3_base')
"
echo "== 2/5 rehearsal labels (v3 with its ruler) on ud-dutch"
"$PY" rehearsal_label.py --model output/v3/src/wirenlp/models/nl_wire_ner --out corpus/ud_rehearsal.jsonl
echo "== 3/5 patterns + corpus"
"$PY" make_patterns.py
"$PY" build_corpus.py --rehearsal corpus/ud_rehearsal.jsonl --out corpus/v4 ${VARIANT_ARGS:-}
echo "== 4/5 fine-tune ($STEPS steps)"
"$PY" -m spacy train finetune.cfg --paths.base output/v3_base --paths.train corpus/v4/train.spacy \
  --paths.dev corpus/v4/dev.spacy --training.max_steps "$STEPS" --output output/v4
echo "== 5/5 assemble + evaluate"
"$PY" assemble.py --trained output/v4/model-last
"$PY" evaluate_dev.py ../src/wirenlp/models/nl_wire_ner --json output/v4/scores.json
echo "recipe took $(( $(date +%s) - start )) s"
