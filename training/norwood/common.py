"""Shared helpers of the Norwood fit: data loading, person-grouped folds, metrics, small torch fitters.
Every split here is by person (subject), never by photo: a person's views are highly correlated."""
import json
import os
import random
from collections import defaultdict

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
CACHE = os.path.join(ROOT, 'datasets', 'cache', 'norwood')
MODEL_DIR = os.path.join(ROOT, 'models', 'norwood-grader')
SHARED = os.environ.get('SMP_SHARED_DIR', os.path.join(ROOT, '..', 'shared'))
LEVELS_DIR = os.path.join(SHARED, 'data', 'hairloss-levels')
HEAD_VIEWS = ['front', 'top', 'left', 'right', 'back']
EMB_DIM = 624
torch.set_num_threads(int(os.environ.get('THREADS', '1')))


def read_jsonl(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def read_split():
    with open(os.path.join(ROOT, 'datasets', 'split.json')) as f:
        s = json.load(f)
    return s['train'], s['test']


def feature_id():
    import hashlib
    with open(os.path.join(ROOT, 'models', 'norwood-features', 'model.onnx'), 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()[:12]


def feature_rows(keys, fid):
    """[N, 4, 624 + levelDim] float32: the cached output rows of the feature model, per quarter-turn."""
    with open(os.path.join(ROOT, 'models', 'norwood-features', 'card.json')) as f:
        width = EMB_DIM + json.load(f)['input'].get('levelDim', 0)
    out = np.zeros((len(keys), 4, width), np.float32)
    d = os.path.join(CACHE, f'features-{fid}')
    for i, k in enumerate(keys):
        out[i] = np.fromfile(os.path.join(d, k + '.f32'), dtype=np.float32).reshape(4, width)
    return out


def load_embeddings(keys, fid):
    """[N, 4, 624] float32: per photo, the embeddings of its 4 counter-clockwise quarter-turns."""
    return feature_rows(keys, fid)[:, :, :EMB_DIM]


def load_level_scores(keys, fid):
    """[N, 5] float32: the level scores per view, mean over the 4 quarter-turns (as the runtime does)."""
    return feature_rows(keys, fid)[:, :, EMB_DIM:].mean(1)


def grouped_folds(subjects, levels, k=5, seed=7):
    """Person-level folds stratified by level: list of sets of subjects."""
    by_level = defaultdict(list)
    for s, l in sorted(set(zip(subjects, levels))):
        by_level[l].append(s)
    rng = random.Random(seed)
    folds = [set() for _ in range(k)]
    i = 0
    for l in sorted(by_level):
        people = by_level[l]
        rng.shuffle(people)
        for s in people:
            folds[i % k].add(s)
            i += 1
    return folds


def standardiser(x, eps=1e-6):
    mean = x.mean(0)
    scale = x.std(0) + eps
    return mean, scale


def lbfgs(params, closure, iters=200):
    opt = torch.optim.LBFGS(params, lr=1, max_iter=iters, history_size=20, line_search_fn='strong_wolfe')
    opt.step(closure)


def qwk(y, p, labels):
    """Quadratic weighted kappa between integer labels y and predictions p."""
    idx = {l: i for i, l in enumerate(labels)}
    n = len(labels)
    O = np.zeros((n, n))
    for a, b in zip(y, p):
        O[idx[a], idx[b]] += 1
    W = np.array([[(i - j) ** 2 for j in range(n)] for i in range(n)]) / (n - 1) ** 2
    E = np.outer(O.sum(1), O.sum(0)) / max(1, O.sum())
    den = (W * E).sum()
    return 1 - (W * O).sum() / den if den > 0 else 0.0


def metrics(y, p, labels=(1, 2, 3, 4, 5, 6, 7)):
    y = np.asarray(y)
    p = np.asarray(p)
    return {
        'n': int(len(y)),
        'exact': float((y == p).mean()) if len(y) else 0.0,
        'withinOne': float((np.abs(y - p) <= 1).mean()) if len(y) else 0.0,
        'qwk': float(qwk(y, p, list(labels))),
    }


def linear_json(classes, mean, scale, W, b):
    r = lambda a: [round(float(v), 6) for v in a]
    return {'classes': list(classes), 'mean': r(mean), 'scale': r(scale), 'weights': [r(w) for w in W], 'bias': r(b)}
