"""Stage 1b of the Norwood fit: the mask-pattern model (models/norwood-mask-cnn), a small CNN that reads a
photo's segmentation in the canonical frame (turned upright by the geometry's orientation, right profiles
mirrored to face left, stretched to 64 x 64; planes background, skin, hair, scar) and gives, for each head
view, a distribution over the major levels (cumulative-logit ordinal head per view). The zone features
of the stacker summarise the masks on a 4 x 4 grid; this reads their shape (hairline, crown patch, bridge).

- 5 person-grouped folds inside the train split, SEEDS networks each -> out-of-fold distributions of
  every train photo (datasets/cache/norwood/maskcnn-oof-<config>.json), for the stacker (fit_grader.py);
- SEEDS networks on all train people -> models/norwood-mask-cnn/model.onnx (their mean, with a mirrored
  copy averaged in for the symmetric views) and its predictions for every photo
  (datasets/cache/norwood/maskcnn-final-<config>.json), so the fit can score the held-out people as the
  runtime will.
Skipped when the card already carries this config (masks, split, labels, settings) and both caches exist.

  /usr/bin/python3 training/norwood/train_mask_cnn.py <segmenter id> [--force]
"""
import hashlib
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import CACHE, HEAD_VIEWS, ROOT, grouped_folds, metrics, read_jsonl, read_split

LEVELS = [2, 3, 4, 5, 6, 7]
CONFIG = {'size': 64, 'channels': [16, 32, 48, 64], 'dropout': 0.3, 'epochs': 30, 'batch': 32, 'lr': 3e-3,
          'weightDecay': 1e-3, 'seeds': 3, 'augment': 'mirror (front, top, back), scale +-10 %, shift +-8 %'}
SYMMETRIC = [1.0 if v in ('front', 'top', 'back') else 0.0 for v in HEAD_VIEWS]
OUT_DIR = os.path.join(ROOT, 'models', 'norwood-mask-cnn')


def read_mask(seg_id, key):
    """Working-grid probabilities [4, h, w] from the mask cache (datasets/norwood/mask-cache.ts)."""
    b = open(os.path.join(CACHE, f'masks-{seg_id}', key + '.u8'), 'rb').read()
    w, h = int.from_bytes(b[0:2], 'little'), int.from_bytes(b[2:4], 'little')
    return np.frombuffer(b[4:], np.uint8).reshape(4, h, w).astype(np.float32) / 255


def canonical_input(planes, orientation, view, size):
    """The runtime's src/vision/norwood/pattern-input.ts: counter-clockwise quarter-turns, mirror for
    right profiles, bilinear (half-pixel centres, no antialias) stretch to size x size."""
    a = np.rot90(planes, orientation // 90, axes=(1, 2))
    if view == 'right':
        a = a[:, :, ::-1]
    t = torch.from_numpy(np.ascontiguousarray(a))[None]
    return F.interpolate(t, size=(size, size), mode='bilinear', align_corners=False)[0].numpy()


class PatternNet(nn.Module):
    def __init__(self, channels, dropout):
        super().__init__()
        layers, cin = [], 4
        for co in channels:
            layers += [nn.Conv2d(cin, co, 3, padding=1, bias=False), nn.BatchNorm2d(co), nn.ReLU(),
                       nn.Conv2d(co, co, 3, padding=1, bias=False), nn.BatchNorm2d(co), nn.ReLU(), nn.MaxPool2d(2)]
            cin = co
        self.features = nn.Sequential(*layers)
        self.drop = nn.Dropout(dropout)
        self.score = nn.Linear(cin * 4, len(HEAD_VIEWS))
        self.thresholds = nn.Parameter(torch.tensor([[-2.0, -1.0, 0.0, 1.0, 2.0]] * len(HEAD_VIEWS)))

    def all_views(self, x):
        """[N, 4, S, S] -> level probabilities per view [N, 5, 6]."""
        h = F.avg_pool2d(self.features(x), 2).flatten(1)  # 4 x 4 -> 2 x 2 cells, kept apart
        s = self.score(self.drop(h))
        th = torch.sort(self.thresholds, 1)[0]
        cum = torch.sigmoid(th[None] - s[:, :, None])  # P(level <= j)
        n = x.shape[0]
        cum = torch.cat([torch.zeros(n, len(HEAD_VIEWS), 1), cum, torch.ones(n, len(HEAD_VIEWS), 1)], 2)
        return (cum[:, :, 1:] - cum[:, :, :-1]).clamp_min(1e-6)


class Ensemble(nn.Module):
    """What ships: the mean of the members' distributions, each averaged with its mirrored input for the
    symmetric views (front, top, back)."""

    def __init__(self, nets, size):
        super().__init__()
        self.nets = nn.ModuleList(nets)
        self.register_buffer('rev', torch.arange(size - 1, -1, -1))
        self.register_buffer('sym', torch.tensor(SYMMETRIC)[None, :, None])

    def forward(self, x):
        xm = x.index_select(3, self.rev)
        out = 0
        for net in self.nets:
            p, pm = net.all_views(x), net.all_views(xm)
            out = out + self.sym * (p + pm) / 2 + (1 - self.sym) * p
        return out / len(self.nets)


def augment(x, v):
    n = x.shape[0]
    flip = (torch.rand(n) < 0.5) & (torch.tensor(SYMMETRIC)[v] > 0)
    x = torch.where(flip[:, None, None, None], x.flip(3), x)
    theta = torch.zeros(n, 2, 3)
    sc = 1 + (torch.rand(n) - 0.5) * 0.2
    theta[:, 0, 0] = sc
    theta[:, 1, 1] = sc
    theta[:, :, 2] = (torch.rand(n, 2) - 0.5) * 0.16
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, align_corners=False, padding_mode='border')


def train_net(X, V, Y, W, seed):
    torch.manual_seed(seed)
    net = PatternNet(CONFIG['channels'], CONFIG['dropout'])
    opt = torch.optim.AdamW(net.parameters(), CONFIG['lr'], weight_decay=CONFIG['weightDecay'])  # OneCycleLR sets the schedule
    bs = CONFIG['batch']
    steps = CONFIG['epochs'] * ((len(X) + bs - 1) // bs)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, CONFIG['lr'], total_steps=steps)
    Xt, Vt, Yt, Wt = (torch.from_numpy(a) for a in (X, V, Y, W))
    for _ in range(CONFIG['epochs']):
        net.train()
        perm = torch.randperm(len(X))
        for b in range(0, len(X), bs):
            j = perm[b:b + bs]
            p = net.all_views(augment(Xt[j], Vt[j]))[torch.arange(len(j)), Vt[j]]
            loss = -(torch.log(p[torch.arange(len(j)), Yt[j]]) * Wt[j]).sum() / Wt[j].sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    return net.eval()


def predict(model, X, V):
    with torch.no_grad():
        return model(torch.from_numpy(X)).numpy()[np.arange(len(X)), V]


def config_id(seg_id, rows, train):
    h = hashlib.sha256(json.dumps([CONFIG, seg_id, sorted(train), [(r['key'], r['level'], r['given']['orientation']) for r in rows]]).encode())
    return h.hexdigest()[:12]


def main():
    seg_id = sys.argv[1]
    force = '--force' in sys.argv
    rows = read_jsonl(os.path.join(CACHE, f'zones-{seg_id}.jsonl'))
    train, test = read_split()
    cid = config_id(seg_id, rows, train)
    card_path = os.path.join(OUT_DIR, 'card.json')
    oof_path = os.path.join(CACHE, f'maskcnn-oof-{cid}.json')
    final_path = os.path.join(CACHE, f'maskcnn-final-{cid}.json')
    card = json.load(open(card_path)) if os.path.exists(card_path) else {}
    if not force and card.get('config') == cid and os.path.exists(oof_path) and os.path.exists(final_path):
        print(f'mask-pattern model {cid} is up to date')
        return
    t0 = time.time()
    S = CONFIG['size']
    X = np.stack([canonical_input(read_mask(seg_id, r['key']), r['given']['orientation'], r['view'], S) for r in rows]).astype(np.float32)
    V = np.array([HEAD_VIEWS.index(r['view']) for r in rows])
    Y = np.array([LEVELS.index(r['level']) for r in rows])
    subj = np.array([r['subject'] for r in rows])
    ok = np.array([bool(r['given']['assessable']) for r in rows])
    groups = {}
    for i, r in enumerate(rows):
        groups.setdefault((r['subject'], r['view']), []).append(i)
    W = np.array([1 / len(groups[(r['subject'], r['view'])]) for r in rows], np.float32)
    in_train = np.isin(subj, train)
    folds = grouped_folds(list(subj[in_train]), list(np.array(LEVELS)[Y][in_train]), k=5)
    oof = {}
    for fi, f in enumerate(folds):
        te = np.where(np.isin(subj, list(f)) & ok)[0]
        tr = np.where(in_train & ~np.isin(subj, list(f)) & ok)[0]
        ens = Ensemble([train_net(X[tr], V[tr], Y[tr], W[tr], s) for s in range(CONFIG['seeds'])], S).eval()
        for i, p in zip(te, predict(ens, X[te], V[te])):
            oof[rows[i]['key']] = [round(float(x), 6) for x in p]
        print(f'fold {fi + 1}/5 done ({time.time() - t0:.0f} s)', flush=True)
    tr = np.where(in_train & ok)[0]
    ens = Ensemble([train_net(X[tr], V[tr], Y[tr], W[tr], s) for s in range(CONFIG['seeds'])], S).eval()
    print(f'final fit done ({time.time() - t0:.0f} s)', flush=True)
    final = {r['key']: [round(float(x), 6) for x in p] for r, p in zip(rows, predict(ens, X, V))}
    os.makedirs(OUT_DIR, exist_ok=True)
    path = os.path.join(OUT_DIR, 'model.onnx')
    with torch.no_grad():
        torch.onnx.export(ens, torch.zeros(1, 4, S, S), path, input_names=['x'], output_names=['probs'],
                          opset_version=13, dynamic_axes={'x': {0: 'n'}, 'probs': {0: 'n'}})
    json.dump(oof, open(oof_path, 'w'))
    json.dump(final, open(final_path, 'w'))
    # out-of-fold quality of the model alone (per photo; fused = equal-weight log pool per person)
    keys = [r['key'] for r in rows]
    sel = np.array([k in oof for k in keys])
    P = np.array([oof[k] if k in oof else [np.nan] * 6 for k in keys])
    pred = np.array(LEVELS)[np.nan_to_num(P).argmax(1)]
    yl = np.array(LEVELS)[Y]
    alone = {'perPhoto': metrics(yl[sel], pred[sel])}
    for vi, v in enumerate(HEAD_VIEWS):
        m = sel & (V == vi)
        alone[v] = metrics(yl[m], pred[m])
    fused_pred, fused_true = [], []
    for s in sorted(set(subj[in_train])):
        idx = [i for i in np.where(subj == s)[0] if sel[i]]
        if not idx:
            continue
        L = np.zeros(6)
        for vi in range(len(HEAD_VIEWS)):
            g = [i for i in idx if V[i] == vi]
            for i in g:
                L += np.log(P[i]) / len(g)
        fused_pred.append(LEVELS[int(np.argmax(L))])
        fused_true.append(int(yl[idx[0]]))
    alone['fusedEqualWeights'] = metrics(fused_true, fused_pred)
    rnd = lambda d: {k: (round(x, 4) if isinstance(x, float) else x) for k, x in d.items()}
    card = {
        'name': 'norwood-mask-cnn',
        'task': 'Norwood major level (2..7) from the shape of one photo\'s hair / skin masks: a distribution per head view; the grader (models/norwood-grader) multiplies it into its own per-photo distribution',
        'architecture': f'{len(CONFIG["channels"])} blocks of two 3x3 conv + BN + ReLU and a 2x2 max-pool (channels {CONFIG["channels"]}), 2x2 average pool kept as 4 cells, dropout, linear -> 5 per-view scores; cumulative-logit ordinal head per view; {CONFIG["seeds"]} members averaged, symmetric views (front, top, back) averaged with the mirrored input',
        'input': {
            'name': 'x', 'size': S, 'planes': ['background', 'skin', 'hair', 'scar'],
            'layout': f'float32 [N, 4, {S}, {S}]: the segmentation\'s class probabilities on the geometry working grid (longer side 128), turned counter-clockwise by the geometry\'s orientation, right profiles mirrored (face to the left), stretched to {S} x {S} by bilinear interpolation with half-pixel centres',
        },
        'output': 'probs: float32 [N, 5, 6] = for each view (front, top, left, right, back), P(level 2..7); read the row of the photo\'s view',
        'levels': LEVELS,
        'views': HEAD_VIEWS,
        'version': cid,
        'file': 'model.onnx',
        'bytes': os.path.getsize(path),
        'sha256': hashlib.sha256(open(path, 'rb').read()).hexdigest(),
        'config': cid,
        'training': CONFIG,
        'segmenter': seg_id,
        'data': f'../shared/data/hairloss-levels: masks of the {len(train)} train people of datasets/split.json (all their photos, each (person, view) weighted 1 in total); the {len(test)} test people never seen',
        'oof': f'datasets/cache/norwood/maskcnn-oof-{cid}.json (5 person-grouped folds inside the train split)',
        'metrics': {'alone5FoldCvByPerson': {k: rnd(v) for k, v in alone.items()},
                    'note': 'the model alone, out of fold on the train people; with the stacker and held out: models/norwood-grader/card.json'},
        'reproduce': f'/usr/bin/python3 training/norwood/train_mask_cnn.py {seg_id} --force  (or the whole fit: sh training/norwood/fit.sh)',
        'license': 'trained by us on CC BY 4.0 data (see models/norwood-grader/card.json data.source)',
    }
    json.dump(card, open(card_path, 'w'), indent=2)
    print('alone (OOF):', json.dumps({k: rnd(v) for k, v in alone.items() if k in ('perPhoto', 'fusedEqualWeights')}))
    print('wrote', path, card['sha256'], f'({time.time() - t0:.0f} s)')


if __name__ == '__main__':
    main()
