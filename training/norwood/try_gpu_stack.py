"""Experiment (not part of the fit): the stacker (fit_grader.py, without the mask-pattern model) with
try_gpu.py's image branch in place of the shipped one. Each photo's score is the branch's expected level
index: out of fold for train people (oof-*.json), from the all-train ensemble for test people
(final-*.json). Writes params and report to /tmp, never to models/.
Measured 2026-11-22 with full:320:30:3 against the shipped branch's cnn-oof, same zones, embeddings and
folds: CV fused 55.1 % / 93.6 % / QWK 0.872 for both; held-out fused 55 % / 90 % / 0.854 for both.

  cd training/norwood && /usr/bin/python3 try_gpu_stack.py <zones.jsonl> <oof-*.json> <final-*.json>
"""
import json
import shutil
import sys

import numpy as np

import fit_grader as G
from common import HEAD_VIEWS, ROOT


def expected_index(p):
    return float(np.dot(p, np.arange(len(p))))


def main():
    zones, oof, final = sys.argv[1:4]
    scores_oof = {k: [expected_index(p)] * len(HEAD_VIEWS) for k, p in json.load(open(oof)).items()}
    scores_final = {k: [expected_index(p)] * len(HEAD_VIEWS) for k, p in json.load(open(final)).items()}
    G.load_level_scores = lambda keys, fid: np.array([scores_final[k] for k in keys])  # test people's scores
    json.dump(scores_oof, open('/tmp/gpu-stack-oof.json', 'w'))
    shutil.copy(f'{ROOT}/models/norwood-grader/params.json', '/tmp/gpu-stack-params.json')
    sys.argv = ['fit_grader.py', zones, '/tmp/gpu-stack-oof.json', '/tmp/gpu-stack-params.json', '/tmp/gpu-stack-report.json']
    G.main()


if __name__ == '__main__':
    main()
