"""The fine-tuned level branch of the Norwood feature model. The frozen encoder (teacher's ImageNet-
pretrained MobileNetV3-small, through the stride-16 block) feeds a trainable copy of its last stage
(b4 + 576-ch head, initialised from the same weights) and one ordinal level score per view.

Training runs on cached stride-16 maps of 8 variants per photo (4 quarter-turns x mirror), so a fit is
a few minutes on 2 CPU cores. Level score: cumulative-logit ordinal model, P(level > j) = sigmoid(s_v - t_vj).
"""
import copy
import os

import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import CACHE, HEAD_VIEWS, LEVELS_DIR
import features_model as FM

LEVELS = [2, 3, 4, 5, 6, 7]
MEAN = np.array([0.485, 0.456, 0.406], np.float32)
STD = np.array([0.229, 0.224, 0.225], np.float32)


def load_rgb(path, size=FM.SIZE):
    im = cv2.cvtColor(cv2.imread(path, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
    im = cv2.resize(im, (size, size), interpolation=cv2.INTER_LINEAR).astype(np.float32) / 255
    return ((im - MEAN) / STD).transpose(2, 0, 1)


def variants(x):
    """8 variants of a CHW image: counter-clockwise turns k = 0..3, then the same mirrored."""
    out = []
    for m in (False, True):
        y = x[:, :, ::-1] if m else x
        for k in range(4):
            out.append(np.rot90(y, k, axes=(1, 2)).copy())
    return np.stack(out)


class Stem(nn.Module):
    """Frozen part: image -> (stride-16 maps, frozen 624-d embedding)."""

    def __init__(self, enc):
        super().__init__()
        self.enc = enc

    def f16(self, x):
        e = self.enc
        x = M_hswish(e.conv_stem(x))
        return e.b3(e.b2(e.b1(e.b0(x))))


def M_hswish(x):
    return x * F.relu6(x + 3.0) / 6.0


class LevelHead(nn.Module):
    def __init__(self, enc, dropout=0.2):
        super().__init__()
        self.b4 = copy.deepcopy(enc.b4)
        self.conv_head = copy.deepcopy(enc.conv_head)
        self.drop = nn.Dropout(dropout)
        self.score = nn.Linear(576, len(HEAD_VIEWS))
        nn.init.zeros_(self.score.weight)
        nn.init.zeros_(self.score.bias)
        self.thresholds = nn.Parameter(torch.tensor([[-2.0, -1.0, 0.0, 1.0, 2.0]] * len(HEAD_VIEWS)))

    def forward(self, f16):
        """[N, 48, 14, 14] -> per-view scores [N, 5]"""
        t = M_hswish(self.conv_head(self.b4(f16))).mean((2, 3))
        return self.score(self.drop(t))

    def level_probs(self, s, view_idx):
        th = torch.sort(self.thresholds, dim=1)[0][view_idx]  # [N, 5]
        sv = s.gather(1, view_idx[:, None])
        cum = torch.sigmoid(th - sv)  # P(level <= j)
        cum = torch.cat([torch.zeros_like(sv), cum, torch.ones_like(sv)], 1)
        return (cum[:, 1:] - cum[:, :-1]).clamp_min(1e-6)


def compute_f16(files, fid):
    """[N, 8, 48, 14, 14] float16, cached per feature model."""
    path = os.path.join(CACHE, f'f16-{fid}.npy')
    keys_path = path + '.keys'
    if os.path.exists(path) and os.path.exists(keys_path) and open(keys_path).read().split('\n') == files:
        return np.load(path, mmap_mode='r')
    stem = Stem(FM.FeatureNet().encoder).eval()
    out = np.zeros((len(files), 8, 48, 14, 14), np.float16)
    with torch.no_grad():
        for i, f in enumerate(files):
            v = variants(load_rgb(os.path.join(LEVELS_DIR, f)))
            out[i] = stem.f16(torch.from_numpy(v)).numpy().astype(np.float16)
            if (i + 1) % 200 == 0:
                print(f'  f16 {i + 1}/{len(files)}', flush=True)
    np.save(path, out)
    open(keys_path, 'w').write('\n'.join(files))
    return out


def train_head(f16, view_idx, level, weight, epochs=20, seed=0, lr=1e-3, l2=1e-4, batch=32, log=None):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    enc = FM.FeatureNet().encoder
    head = LevelHead(enc)
    opt = torch.optim.AdamW([
        {'params': list(head.b4.parameters()) + list(head.conv_head.parameters()), 'lr': lr * 0.3},
        {'params': list(head.score.parameters()) + [head.thresholds], 'lr': lr},
    ], weight_decay=l2)
    n = len(level)
    steps = epochs * ((n + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[lr * 0.3, lr], total_steps=steps, pct_start=0.2)
    y = torch.from_numpy(np.array([LEVELS.index(l) for l in level])).long()
    vi = torch.from_numpy(np.asarray(view_idx)).long()
    w = torch.from_numpy(np.asarray(weight, np.float32))
    head.train()
    for ep in range(epochs):
        perm = rng.permutation(n)
        tot = 0.0
        for s in range(0, n, batch):
            idx = perm[s:s + batch]
            var = rng.integers(0, 8, len(idx))
            x = torch.from_numpy(np.stack([f16[i, v] for i, v in zip(idx, var)]).astype(np.float32))
            p = head.level_probs(head(x), vi[idx])
            loss = -(torch.log(p[torch.arange(len(idx)), y[idx]]) * w[idx]).sum() / w[idx].sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            tot += float(loss) * len(idx)
        if log:
            log(f'    epoch {ep + 1}/{epochs} loss {tot / n:.3f}')
    head.eval()
    return head


def head_scores(head, f16, idx, turns=range(4)):
    """Mean over the quarter-turns of the per-view scores: [len(idx), 5]."""
    out = np.zeros((len(idx), len(HEAD_VIEWS)), np.float32)
    with torch.no_grad():
        for j in range(0, len(idx), 64):
            ii = idx[j:j + 64]
            x = torch.from_numpy(np.asarray(f16[ii][:, list(turns)], np.float32))
            b, t = x.shape[:2]
            s = head(x.reshape(b * t, *x.shape[2:])).reshape(b, t, -1).mean(1)
            out[j:j + len(ii)] = s.numpy()
    return out
