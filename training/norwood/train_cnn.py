"""Stage 1 of the Norwood fit: the fine-tuned level branch of models/norwood-features.

- 5 person-grouped folds inside the train split -> out-of-fold level scores of every train photo
  (datasets/cache/norwood/cnn-oof-<config>.json), so the stacker (fit_grader.py) never sees a score
  from a network trained on that person;
- one fit on all train people -> models/norwood-features/model.onnx: input x [N, 3, 224, 224], output
  [N, 629] = frozen embedding (624) ++ the 5 per-view level scores.
Skipped when the ONNX already carries this config and data (card.json "levelBranch.config"); when it does
but the out-of-fold scores are not cached (a fresh machine), only the folds run and the shipped ONNX is
kept, so that a re-run of the fit does not change the shipped bytes (the export is not byte-reproducible).

  /usr/bin/python3 training/norwood/train_cnn.py [--force]
"""
import csv
import hashlib
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn

from common import CACHE, HEAD_VIEWS, LEVELS_DIR, ROOT, grouped_folds, read_split
import features_model as FM
from cnn import LevelHead, M_hswish, compute_f16, head_scores, train_head

CONFIG = {'epochs': 15, 'lr': 1e-3, 'l2': 1e-4, 'seed': 0, 'batch': 32, 'dropout': 0.2, 'variants': '4 turns x mirror'}
OUT_DIR = os.path.join(ROOT, 'models', 'norwood-features')


class Full(nn.Module):
    """The shipped feature model: frozen embedding ++ fine-tuned per-view level scores."""

    def __init__(self, head):
        super().__init__()
        self.enc = FM.FeatureNet().encoder.eval()
        self.head = head.eval()

    def forward(self, x):
        e = self.enc
        y = M_hswish(e.conv_stem(x))
        f16 = e.b3(e.b2(e.b1(e.b0(y))))
        top = M_hswish(e.conv_head(e.b4(f16)))
        emb = torch.cat([top.mean((2, 3)), f16.mean((2, 3))], 1)
        return torch.cat([emb, self.head(f16)], 1)


def labelled():
    with open(os.path.join(LEVELS_DIR, 'labels.csv')) as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        r['view'] = 'top' if r['view'] == 'top-down' else r['view']
        r['key'] = os.path.splitext(os.path.basename(r['file']))[0]
    return rows


def config_id(rows, train):
    h = hashlib.sha256(json.dumps([CONFIG, sorted(train), [(r['file'], r['level']) for r in rows]]).encode()).hexdigest()
    return h[:12]


def main():
    force = '--force' in sys.argv
    rows = labelled()
    train, test = read_split()
    cid = config_id(rows, train)
    card_path = os.path.join(OUT_DIR, 'card.json')
    card = json.load(open(card_path))
    oof_path = os.path.join(CACHE, f'cnn-oof-{cid}.json')
    shipped = card.get('levelBranch', {}).get('config') == cid
    if not force and shipped and os.path.exists(oof_path):
        print(f'level branch {cid} is up to date')
        return
    oof_only = shipped and not force
    # the frozen feature id (encoder only) names the f16 cache; it does not change when the head does
    files = [r['file'] for r in rows]
    f16 = compute_f16(files, 'encoder-' + hashlib.sha256(open(FM.TEACHER, 'rb').read()).hexdigest()[:12])
    y = np.array([int(r['level']) for r in rows])
    subj = np.array([r['subject'] for r in rows])
    vi = np.array([HEAD_VIEWS.index(r['view']) for r in rows])
    groups = {}
    for i, r in enumerate(rows):
        groups.setdefault((r['subject'], r['view']), []).append(i)
    w = np.array([1 / len(groups[(r['subject'], r['view'])]) for r in rows])
    in_train = np.isin(subj, train)
    folds = grouped_folds(list(subj[in_train]), list(y[in_train]), k=5)
    oof = {}
    kw = {k: CONFIG[k] for k in ('epochs', 'lr', 'l2', 'seed', 'batch')}
    for fi, f in enumerate(folds):
        t0 = time.time()
        te = np.where(np.isin(subj, list(f)))[0]
        tr = np.where(in_train & ~np.isin(subj, list(f)))[0]
        head = train_head(f16[tr], vi[tr], y[tr], w[tr], **kw)
        s = head_scores(head, f16, te)
        for j, i in enumerate(te):
            oof[rows[i]['key']] = [round(float(v), 5) for v in s[j]]
        print(f'fold {fi + 1}/5 done in {time.time() - t0:.0f} s', flush=True)
    if oof_only:
        json.dump(oof, open(oof_path, 'w'))
        print(f'level branch {cid}: the shipped ONNX is current; wrote its out-of-fold scores {oof_path}')
        return
    t0 = time.time()
    tr = np.where(in_train)[0]
    head = train_head(f16[tr], vi[tr], y[tr], w[tr], **kw)
    print(f'final fit in {time.time() - t0:.0f} s', flush=True)
    net = Full(head).eval()
    path = os.path.join(OUT_DIR, 'model.onnx')
    with torch.no_grad():
        torch.onnx.export(net, torch.zeros(4, 3, FM.SIZE, FM.SIZE), path, input_names=['x'], output_names=['out'],
                          opset_version=13, dynamic_axes={'x': {0: 'n'}, 'out': {0: 'n'}})
    sha = hashlib.sha256(open(path, 'rb').read()).hexdigest()
    json.dump(oof, open(oof_path, 'w'))
    card['sha256'] = sha
    card['input']['levelDim'] = len(HEAD_VIEWS)
    card['output'] = 'out: float32 [N, 629] = embedding (624: GAP of the frozen 576-ch top ++ GAP of the stride-16 48-ch maps) ++ level scores (5: one per view, front, top, left, right, back; higher = more loss)'
    card['levelBranch'] = {
        'config': cid,
        'training': CONFIG,
        'architecture': 'trainable copy of the encoder\'s last stage (b4 + 576-ch head, initialised from the frozen weights) on the frozen stride-16 maps, GAP, dropout, linear -> 5 per-view scores; cumulative-logit ordinal loss with per-view thresholds',
        'data': f'../shared/data/hairloss-levels, the {len(train)} train people of datasets/split.json (all their photos, each as 8 variants: 4 quarter-turns x mirror); the {len(test)} test people never seen',
        'oof': f'datasets/cache/norwood/cnn-oof-{cid}.json (5 person-grouped folds inside the train split)',
    }
    card['reproduce'] = '/usr/bin/python3 training/norwood/train_cnn.py --force  (or the whole fit: sh training/norwood/fit.sh)'
    json.dump(card, open(card_path, 'w'), indent=2)
    print('wrote', path, sha)


if __name__ == '__main__':
    main()
