"""Experiment (not part of the fit): with a GPU, does fine-tuning the whole encoder, at a larger input
and as an ensemble of seeds, give a better image level score than the shipped level branch?

Same 5 person-grouped folds of the 78 train people as train_cnn.py and try_finetune.py; out-of-fold
metrics per photo, per view and fused per person (try_finetune.report). Augmentation runs on the GPU
(random crop 80-100 % of the side, any rotation, mirror, brightness / contrast / colour cast), so a
model at 384 px takes seconds. Each config is mode:size:epochs:seeds, mode 'full' (every layer
trained, lower rates for earlier stages) or 'deep' (b2..b4 and the head, as try_finetune).
Writes each config's out-of-fold probabilities to OUT (default tmp/) as oof-<config>.json, keyed by
photo, for the stacker. With final=1 it instead fits each config on all train people and writes every
labelled photo's probabilities (final-<config>.json; the test people's are held-out predictions) and
the members' weights (final-<config>-<seed>.pt).

Measured 2026-11-22 on one H100 (the device tool; ../shared's photos carried at 384 px for the final
run), out of fold on the 78 train people, per photo / fused by the branch alone (exact, within one, QWK):
  full:224:30:3  seed 0 38.1 / 76.8 / 0.736, fused 47.4 / 78.2 / 0.781; ensemble 36.1 / 75.5 / 0.743, fused 39.7
  full:320:30:3  seed 0 38.1 / 77.3 / 0.740, fused 39.7 / 75.6 / 0.762; ensemble 38.9 / 75.0 / 0.734, fused 39.7
  (shipped branch, try_finetune.py: 35.9 / 73.4 / 0.725, fused 34.6)
full:320:30:3 on all train people, held-out 20 people: per photo 37.6 / 86.7 / 0.813, fused 35 / 90 / 0.836.
In the stacker (try_gpu_stack.py) it changes nothing: CV and held-out fused are the same as with the
shipped branch to the photo (55.1 % and 55 % without the mask-pattern model), because the stacker leans
on the embedding and the masks, not on this score. Not taken.

  SMP_SHARED_DIR=... python3 training/norwood/try_gpu.py configs=full:224:30:3,full:384:30:3
"""
import json
import math
import os
import sys
import time

import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import HEAD_VIEWS, LEVELS_DIR, grouped_folds
import features_model as FM
from cnn import LEVELS, MEAN, STD, LevelHead, M_hswish
from try_finetune import report, row_arrays, train_rows

ARGS = dict(a.split('=', 1) for a in sys.argv[1:])
CONFIGS = ARGS.get('configs', 'full:224:30:3').split(',')
LR = float(ARGS.get('lr', 1e-3))
OUT = ARGS.get('out', os.environ.get('OUT', 'tmp'))
DEV = torch.device('cuda' if torch.cuda.is_available() else 'cpu')


class Net(nn.Module):
    def __init__(self, mode):
        super().__init__()
        self.enc = FM.FeatureNet().encoder
        self.head = LevelHead(self.enc)
        self.enc.b4 = None  # the head carries its own copy of the last stage
        self.enc.conv_head = None
        frozen = [self.enc.conv_stem, self.enc.b0, self.enc.b1] if mode == 'deep' else []
        for m in frozen:
            for p in m.parameters():
                p.requires_grad_(False)
        self.frozen = frozen

    def groups(self):
        e, h = self.enc, self.head
        early = [] if self.frozen else list(e.conv_stem.parameters()) + list(e.b0.parameters()) + list(e.b1.parameters())
        return [(early, LR * 0.03), (list(e.b2.parameters()) + list(e.b3.parameters()), LR * 0.1),
                (list(h.b4.parameters()) + list(h.conv_head.parameters()), LR * 0.3),
                (list(h.score.parameters()) + [h.thresholds], LR)]

    def forward(self, x):
        e = self.enc
        return self.head(e.b3(e.b2(e.b1(e.b0(M_hswish(e.conv_stem(x)))))))


def normalise(x):
    mean = torch.tensor(MEAN, device=x.device)[None, :, None, None]
    std = torch.tensor(STD, device=x.device)[None, :, None, None]
    return (x - mean) / std


def augment(batch, size, gen):
    """uint8 [B, 3, P, P] on the device -> normalised float [B, 3, size, size]."""
    b = batch.shape[0]
    r = lambda lo, hi: lo + (hi - lo) * torch.rand(b, device=batch.device, generator=gen)
    scale = r(0.8, 1.0)  # share of the stored side
    angle = r(0, 2 * math.pi)
    flip = torch.where(torch.rand(b, device=batch.device, generator=gen) < 0.5, -1.0, 1.0)
    room = 1 - scale
    tx, ty = r(-1, 1) * room, r(-1, 1) * room
    cos, sin = torch.cos(angle) * scale, torch.sin(angle) * scale
    theta = torch.stack([torch.stack([cos * flip, -sin, tx], 1), torch.stack([sin * flip, cos, ty], 1)], 1)
    grid = F.affine_grid(theta, (b, 3, size, size), align_corners=False)
    x = F.grid_sample(batch.float() / 255, grid, mode='bilinear', padding_mode='reflection', align_corners=False)
    x = x * r(0.8, 1.2)[:, None, None, None] + r(-20, 20)[:, None, None, None] / 255
    x = x * (0.92 + 0.16 * torch.rand(b, 3, 1, 1, device=batch.device, generator=gen))
    return normalise(x.clamp(0, 1))


def centre_variants(batch, size, crop):
    """The centre crop (crop share of the side) at size, its 4 quarter-turns and their mirrors: [B*8, ...]."""
    p = batch.shape[-1]
    c = int(round(p * crop))
    m = (p - c) // 2
    x = F.interpolate(batch[:, :, m:m + c, m:m + c].float() / 255, size=(size, size), mode='bilinear',
                      antialias=True, align_corners=False)
    out = [torch.rot90(y, k, (2, 3)) for y in (x, x.flip(3)) for k in range(4)]
    return normalise(torch.stack(out, 1).reshape(-1, 3, size, size))


def fit(images, vi, y, w, tr, mode, size, epochs, seed, batch=32):
    torch.manual_seed(seed)
    gen = torch.Generator(device=DEV).manual_seed(seed)
    net = Net(mode).to(DEV)
    groups = [(p, lr) for p, lr in net.groups() if p]
    opt = torch.optim.AdamW([{'params': p, 'lr': lr} for p, lr in groups], weight_decay=1e-4)
    per_epoch = (len(tr) + batch - 1) // batch
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[lr for _, lr in groups], total_steps=epochs * per_epoch,
                                                pct_start=0.2)
    net.train()
    for m in net.frozen:
        m.eval()
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = tr[rng.permutation(len(tr))]
        for s in range(0, len(tr), batch):
            idx = torch.from_numpy(order[s:s + batch]).to(DEV)
            p = net.head.level_probs(net(augment(images[idx], size, gen)), vi[idx])
            loss = -(torch.log(p[torch.arange(len(idx), device=DEV), y[idx]]) * w[idx]).sum() / w[idx].sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    return net.eval()


def predict(net, images, vi, te, size):
    out = []
    with torch.no_grad():
        for j in range(0, len(te), 32):
            ii = torch.from_numpy(te[j:j + 32]).to(DEV)
            s = net(centre_variants(images[ii], size, 0.9)).reshape(len(ii), 8, -1).mean(1)
            out.append(net.head.level_probs(s, vi[ii]).cpu().numpy())
    return np.concatenate(out)


def main():
    torch.backends.cudnn.benchmark = True
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.backends.cudnn.allow_tf32 = True
    all_rows, in_train = train_rows()
    final = ARGS.get('final') == '1'
    rows = all_rows if final else [r for r, t in zip(all_rows, in_train) if t]
    y, subj, vi, w = row_arrays(rows)
    train_idx = np.where(in_train)[0]
    folds = [set(subj[~in_train])] if final else grouped_folds(list(subj), list(y), k=5)
    yt = torch.tensor([LEVELS.index(l) for l in y], device=DEV)
    vt = torch.from_numpy(vi).long().to(DEV)
    wt = torch.from_numpy(w).to(DEV)
    raw = [cv2.cvtColor(cv2.imread(os.path.join(LEVELS_DIR, r['file'])), cv2.COLOR_BGR2RGB) for r in rows]
    os.makedirs(OUT, exist_ok=True)
    stored = {}
    for cfg in CONFIGS:
        mode, size, epochs, seeds = cfg.split(':')
        size, epochs, seeds = int(size), int(epochs), int(seeds)
        side = int(size * 1.14)  # room for the random crop
        if side not in stored:
            stored[side] = torch.from_numpy(np.stack([cv2.resize(im, (side, side), interpolation=cv2.INTER_AREA)
                                                      for im in raw]).transpose(0, 3, 1, 2).copy()).to(DEV)
        images = stored[side]
        t0 = time.time()
        P = np.zeros((len(rows), len(LEVELS)))
        P_seed = np.zeros((seeds, len(rows), len(LEVELS)))
        for f in folds:
            te = np.arange(len(rows)) if final else np.where(np.isin(subj, list(f)))[0]
            tr = train_idx if final else np.where(~np.isin(subj, list(f)))[0]
            for seed in range(seeds):
                net = fit(images, vt, yt, wt, tr, mode, size, epochs, seed)
                P_seed[seed, te] = predict(net, images, vt, te, size)
                if final:
                    torch.save(net.state_dict(), os.path.join(OUT, f'final-{cfg.replace(":", "-")}-{seed}.pt'))
        P = P_seed.mean(0)
        print(f'{cfg}: {time.time() - t0:.0f} s', flush=True)
        shown = ~in_train if final else np.ones(len(rows), bool)  # held-out people, or every train person out of fold
        report(f'  {cfg} seed 0  ', P_seed[0][shown], y[shown], subj[shown], vi[shown])
        report(f'  {cfg} ensemble', P[shown], y[shown], subj[shown], vi[shown])
        name = cfg.replace(':', '-')
        with open(os.path.join(OUT, f'{"final" if final else "oof"}-{name}.json'), 'w') as fh:
            json.dump({r['key']: [round(float(v), 5) for v in p] for r, p in zip(rows, P)}, fh)


if __name__ == '__main__':
    main()
