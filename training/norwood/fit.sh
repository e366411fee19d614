#!/bin/sh
# The whole Norwood fit in one command, re-runnable: every step skips what is already cached.
# The segmenter is the shipped one (models/scalp-seg/model.onnx through ScalpSegmenter) when it exists,
# else the teacher (SEGMENTER=teacher|scalp-seg forces one). With the image level branch already trained
# (it reads pixels, not masks, so a new segmenter does not retrain it), a re-fit takes a few minutes.
#   sh training/norwood/fit.sh            THREADS=1 by default: the machine is shared
set -e
cd "$(dirname "$0")/../.."
export THREADS="${THREADS:-1}"
PY=/usr/bin/python3
npx tsc -p tsconfig.build.json || true   # other people's type errors must not stop the fit; dist/ is still written
$PY training/norwood/train_cnn.py                       # image level branch (5 folds + final), skipped when current
SEGMENTER=teacher node dist/datasets/norwood/cache-masks.js   # the teacher's masks pick the non-head crops
node dist/datasets/norwood/cache-masks.js               # masks of every labelled photo (the shipped segmenter)
node dist/datasets/norwood/cache-features.js            # embeddings + level scores of every labelled photo
sh datasets/non-head-photos/fetch.sh                    # everyday non-head pictures from Debian packages
node dist/datasets/norwood/cache-nonhead.js             # the non-head set, segmented and embedded
node dist/datasets/norwood/cache-framed.js              # tilted and trimmed copies for the orientation fit
SEG=$(node dist/datasets/norwood/segmenter-id.js)
CACHE=datasets/cache/norwood
PARAMS=models/norwood-grader/params.json
node dist/datasets/norwood/dump-orient.js "$SEG"
$PY training/norwood/fit_geometry.py "$SEG" train "$PARAMS"
node dist/datasets/norwood/dump-zones.js "$SEG" "$PARAMS" "$CACHE/zones-$SEG.jsonl"
$PY training/norwood/train_mask_cnn.py "$SEG"                 # mask-pattern model (reads the canonical masks), skipped when current
MCNN=$($PY -c "import json; print(json.load(open('models/norwood-mask-cnn/card.json'))['config'])")
OOF=$(ls -t $CACHE/cnn-oof-*.json | head -1)
$PY training/norwood/fit_grader.py "$CACHE/zones-$SEG.jsonl" "$OOF" "$PARAMS" models/norwood-grader/report.json \
  "$CACHE/maskcnn-oof-$MCNN.json" "$CACHE/maskcnn-final-$MCNN.json"
$PY training/norwood/write_card.py "$SEG"
echo "fit done: $PARAMS (segmenter $SEG). Evaluate with: npm run eval:norwood"
