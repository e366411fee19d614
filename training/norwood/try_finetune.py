"""Experiment (not part of the fit): does fine-tuning more of the encoder, on augmented images, give a
better image level score than the shipped level branch?

Both run on the same 5 person-grouped folds of the 78 train people (the folds train_cnn.py uses), in
one run, and print out-of-fold metrics per photo, per view and fused per person (mean log-probability
over each view's photos, summed over views):
  - shipped: train_cnn.py's recipe, b4 + 576-ch head trained on the cached frozen stride-16 maps
    (8 variants: 4 quarter-turns x mirror), 15 epochs, seed 0;
  - deeper: the encoder's b2..b4 and the head trained end to end on the photos (b0/b1 frozen), with a
    random crop (80-100 % of the side), brightness / contrast / colour-cast jitter, mirror and quarter
    turn; scored on the centre crop, mean of the 4 quarter-turns.
Measured 2026-11-22 (2 cores; one run of this script, 16 minutes): deeper per photo 34.1 % exact / 76.7 %
within one / QWK 0.732, fused 35.9 / 71.8 / 0.728; shipped 35.9 / 73.4 / 0.725, fused 34.6 / 73.1 / 0.741.
(The stacker, with the masks and the mask-pattern model, takes the shipped branch to 59 % fused.)
At 320 px the first fold was no better (41.3 % against 43.6 % at 224). Not taken: within the noise of 78
people, for 4x the training time and a model that no longer shares the frozen embedding.

  /usr/bin/python3 training/norwood/try_finetune.py [size=224] [epochs=15] [lr=0.001]
"""
import hashlib
import json
import os
import sys
import time

import cv2
import numpy as np
import torch
import torch.nn as nn

from common import HEAD_VIEWS, LEVELS_DIR, grouped_folds, metrics, read_split
import features_model as FM
from cnn import LEVELS, MEAN, STD, LevelHead, M_hswish, compute_f16, head_scores, train_head
from train_cnn import labelled

ARGS = dict(a.split('=', 1) for a in sys.argv[1:])
SIZE = int(ARGS.get('size', 224))
EPOCHS = int(ARGS.get('epochs', 15))
LR = float(ARGS.get('lr', 1e-3))
PAD = int(SIZE * 1.14)  # stored side: room for the random crop


def train_rows():
    rows = labelled()
    train, _ = read_split()
    return rows, np.array([r['subject'] in set(train) for r in rows])


def row_arrays(rows):
    """Level, person, view index and weight per photo; each (person, view) weighs 1 in all."""
    count = {}
    for r in rows:
        count[(r['subject'], r['view'])] = count.get((r['subject'], r['view']), 0) + 1
    return (np.array([int(r['level']) for r in rows]), np.array([r['subject'] for r in rows]),
            np.array([HEAD_VIEWS.index(r['view']) for r in rows]),
            np.array([1 / count[(r['subject'], r['view'])] for r in rows], np.float32))


def to_tensor(batch):
    """uint8 / float HWC batch -> normalised float NCHW."""
    x = np.asarray(batch, np.float32) / 255
    return torch.from_numpy(((x - MEAN) / STD).transpose(0, 3, 1, 2).copy())


def augment(im, rng):
    c = int(PAD * rng.uniform(0.8, 1.0))
    x0, y0 = rng.integers(0, PAD - c + 1, 2)
    out = cv2.resize(im[y0:y0 + c, x0:x0 + c], (SIZE, SIZE), interpolation=cv2.INTER_AREA).astype(np.float32)
    out = out * rng.uniform(0.8, 1.2) + rng.uniform(-20, 20)
    out = out * rng.uniform(0.92, 1.08, 3)
    if rng.random() < 0.5:
        out = out[:, ::-1]
    return np.clip(np.rot90(out, rng.integers(0, 4)), 0, 255)


def centre(im):
    m = (PAD - SIZE) // 2
    return im[m:m + SIZE, m:m + SIZE]


class Deeper(nn.Module):
    """Frozen stem, b0, b1; trainable b2, b3 and the level head (its own b4 + 576-ch head)."""

    def __init__(self):
        super().__init__()
        self.enc = FM.FeatureNet().encoder
        self.head = LevelHead(self.enc)
        for p in self.enc.parameters():
            p.requires_grad_(False)
        for p in list(self.enc.b2.parameters()) + list(self.enc.b3.parameters()):
            p.requires_grad_(True)

    def forward(self, x):
        e = self.enc
        with torch.no_grad():
            z = e.b1(e.b0(M_hswish(e.conv_stem(x))))
        return self.head(e.b3(e.b2(z)))


def fit_deeper(images, vi, y, w, tr, seed=0, batch=32):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    net = Deeper()
    h = net.head
    groups = [
        (list(net.enc.b2.parameters()) + list(net.enc.b3.parameters()), LR * 0.1),
        (list(h.b4.parameters()) + list(h.conv_head.parameters()), LR * 0.3),
        (list(h.score.parameters()) + [h.thresholds], LR),
    ]
    opt = torch.optim.AdamW([{'params': p, 'lr': lr} for p, lr in groups], weight_decay=1e-4)
    steps = EPOCHS * ((len(tr) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[lr for _, lr in groups], total_steps=steps, pct_start=0.2)
    yt = torch.tensor([LEVELS.index(l) for l in y])
    vt = torch.from_numpy(vi).long()
    wt = torch.from_numpy(w)
    net.train()
    for ep in range(EPOCHS):
        t0 = time.time()
        order = tr[rng.permutation(len(tr))]
        for s in range(0, len(tr), batch):
            idx = order[s:s + batch]
            p = h.level_probs(net(to_tensor([augment(images[i], rng) for i in idx])), vt[idx])
            loss = -(torch.log(p[torch.arange(len(idx)), yt[idx]]) * wt[idx]).sum() / wt[idx].sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(f'    epoch {ep + 1}/{EPOCHS} {time.time() - t0:.0f} s', flush=True)
    return net.eval()


def deeper_probs(net, images, vi, te):
    out = np.zeros((len(te), len(LEVELS)))
    with torch.no_grad():
        for j in range(0, len(te), 16):
            ii = te[j:j + 16]
            x = to_tensor([np.rot90(centre(images[i]), k) for i in ii for k in range(4)])
            s = net(x).reshape(len(ii), 4, -1).mean(1)
            out[j:j + len(ii)] = net.head.level_probs(s, torch.from_numpy(vi[ii])).numpy()
    return out


def report(name, P, y, subj, vi):
    pred = np.array(LEVELS)[P.argmax(1)]
    res = {'photo': metrics(y, pred, LEVELS)}
    for v, view in enumerate(HEAD_VIEWS):
        res[view] = metrics(y[vi == v], pred[vi == v], LEVELS)
    truth, fused = [], []
    for s in sorted(set(subj)):
        m = subj == s
        L = sum(np.log(P[m & (vi == v)]).mean(0) for v in range(len(HEAD_VIEWS)) if (m & (vi == v)).any())
        truth.append(y[m][0])
        fused.append(LEVELS[int(np.argmax(L))])
    res['fused'] = metrics(truth, fused, LEVELS)
    print(name, json.dumps({k: {m: round(x, 3) for m, x in d.items() if m != 'n'} for k, d in res.items()}), flush=True)


def main():
    torch.set_num_threads(int(os.environ.get('THREADS', '2')))
    all_rows, in_train = train_rows()
    f16_all = compute_f16([r['file'] for r in all_rows], 'encoder-' + hashlib.sha256(open(FM.TEACHER, 'rb').read()).hexdigest()[:12])
    rows = [r for r, t in zip(all_rows, in_train) if t]
    f16 = np.asarray(f16_all)[in_train]
    y, subj, vi, w = row_arrays(rows)
    images = np.stack([cv2.resize(cv2.cvtColor(cv2.imread(os.path.join(LEVELS_DIR, r['file'])), cv2.COLOR_BGR2RGB), (PAD, PAD),
                                  interpolation=cv2.INTER_AREA) for r in rows])
    folds = grouped_folds(list(subj), list(y), k=5)
    P_ship = np.zeros((len(rows), len(LEVELS)))
    P_deep = np.zeros((len(rows), len(LEVELS)))
    for fi, f in enumerate(folds):
        te = np.where(np.isin(subj, list(f)))[0]
        tr = np.where(~np.isin(subj, list(f)))[0]
        t0 = time.time()
        head = train_head(f16[tr], vi[tr], y[tr], w[tr], epochs=15)
        with torch.no_grad():
            P_ship[te] = head.level_probs(torch.from_numpy(head_scores(head, f16, te)), torch.from_numpy(vi[te])).numpy()
        t1 = time.time()
        P_deep[te] = deeper_probs(fit_deeper(images, vi, y, w, tr), images, vi, te)
        print(f'fold {fi + 1}/5: shipped {t1 - t0:.0f} s, deeper {time.time() - t1:.0f} s', flush=True)
    report('shipped', P_ship, y, subj, vi)
    report('deeper ', P_deep, y, subj, vi)


if __name__ == '__main__':
    main()
