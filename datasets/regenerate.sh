#!/bin/sh
# Regenerates every dataset artefact from ../shared (nothing from ../shared is stored in the repo):
#   split.json (committed; stable), the teacher cache, bootstrapped labels + contact sheets,
#   the synthetic-scar evaluation set (scars-eval.json committed), the tiny test model.
# Usage: sh datasets/regenerate.sh   (from the repository root; about 15 min on 2 idle cores)
set -eu
PY=/usr/bin/python3
$PY datasets/make_split.py
npm run build
node dist/datasets/teacher-cache.js
$PY datasets/bootstrap_labels.py --jobs 2
$PY datasets/make_scar_eval.py
$PY datasets/make_scar_eval.py --people train   # the set the scar report rules were chosen on (eval:scars --people train)
$PY training/make_tiny_onnx.py
echo "datasets regenerated; contact sheets in datasets/cache/sheets/"
