"""Picks the scar-logit offset that maximises pooled scar IoU on TRAINING people (never the held-out
ones the evaluation uses): one photo per (train subject, view), a scar painted at fixed seeds (kinds in
rotation, as datasets/make_scar_eval.py does for the test people), the whole photo at the inference
size, the probabilities upsampled to the 640 px photo as the runtime does. The chosen offset is passed
to export.py --scar-bias.

  /usr/bin/python3 training/calibrate_scar.py --run half2 [--which best] [--size 320] [--limit 90]
"""
import argparse
import json
import os
import sys

import cv2
import numpy as np
import torch
import torch.nn.functional as F

cv2.setNumThreads(1)
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, '..', 'datasets'))
import common as C  # noqa: E402
import scalp_seg_model as M  # noqa: E402
import scars  # noqa: E402
from train import to_tensor  # noqa: E402

SEED0 = 700_000  # the evaluation set uses 900_000+ on other people
OFFSETS = [round(v, 2) for v in np.arange(-4.0, 2.01, 0.25)]


def samples(limit):
    train, _ = C.split()
    seen, rows = set(), []
    for r in C.photos():
        key = (r['subject'], r['view'])
        if r['subject'] in train and key not in seen and os.path.exists(os.path.join(C.LABELS_DIR, r['stem'] + '.png')):
            seen.add(key)
            rows.append(r)
    rng = np.random.default_rng(SEED0)
    rows = [rows[i] for i in sorted(rng.choice(len(rows), min(limit, len(rows)), replace=False))]
    for i, r in enumerate(rows):
        bgr = cv2.imread(os.path.join(C.LEVELS, r['file']), cv2.IMREAD_COLOR)
        lab = cv2.imread(os.path.join(C.LABELS_DIR, r['stem'] + '.png'), cv2.IMREAD_GRAYSCALE)
        res = scars.paint(bgr, lab, SEED0 + i, kind=scars.KINDS[i % 3])
        if res is not None:
            yield res[0], res[1], scars.KINDS[i % 3]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--run', required=True)
    ap.add_argument('--which', default='best', choices=['best', 'last'])
    ap.add_argument('--size', type=int, default=320)
    ap.add_argument('--limit', type=int, default=90)
    ap.add_argument('--threads', type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    run_dir = os.path.join(HERE, 'runs', args.run)
    targs = json.load(open(os.path.join(run_dir, 'args.json')))
    net = M.build_half(targs)
    net.load_state_dict(torch.load(os.path.join(run_dir, f'{args.which}.pt'), map_location='cpu')['model'])
    net.eval()
    inter = {k: np.zeros(len(OFFSETS)) for k in ('all', *scars.KINDS)}
    union = {k: np.zeros(len(OFFSETS)) for k in inter}
    # background/skin/hair against the bootstrapped labels at offset 0 (outside the painted scar): how far
    # a run whose PAN decoder learned too has drifted from the classes it shipped with, on training people
    cls_i, cls_u = np.zeros(3), np.zeros(3)
    # and with the scar class competing (4-class arg-max at each offset), over all valid pixels: stray
    # scar pixels on skin or hair count against those classes, as in the evaluation
    all_i, all_u = np.zeros((len(OFFSETS), 3)), np.zeros((len(OFFSETS), 3))
    for bgr, lab, kind in samples(args.limit):
        x = to_tensor(cv2.resize(bgr, (args.size, args.size), interpolation=cv2.INTER_LINEAR))[None]
        with torch.no_grad():
            lg = F.interpolate(net.half_logits(x), size=lab.shape, mode='bilinear', align_corners=False)[0]
        other = lg[:3].max(0).values.numpy()
        scar = lg[3].numpy()
        valid = lab != C.IGNORE
        ref = (lab == C.SCAR) & valid
        arg3 = lg[:3].argmax(0).numpy()
        for c in range(3):
            a, b = (arg3 == c) & valid & ~ref, (lab == c) & valid & ~ref
            cls_i[c] += (a & b).sum()
            cls_u[c] += (a | b).sum()
        for j, off in enumerate(OFFSETS):
            pred = (scar + off > other) & valid
            for c in range(3):
                a, b = (arg3 == c) & ~pred & valid, (lab == c) & valid
                all_i[j, c] += (a & b).sum()
                all_u[j, c] += (a | b).sum()
            for k in ('all', kind):
                inter[k][j] += (pred & ref).sum()
                union[k][j] += (pred | ref).sum()
    iou = {k: inter[k] / np.maximum(union[k], 1) for k in inter}
    for j, off in enumerate(OFFSETS):
        print(f'offset {off:+.2f}: ' + '  '.join(f'{k} {iou[k][j]:.3f}' for k in iou))
    best = OFFSETS[int(np.argmax(iou['all']))]
    print(json.dumps({'run': args.run, 'which': args.which, 'best_offset': best, 'iou_at_best': round(float(iou['all'].max()), 4),
                      'iou_at_0': round(float(iou['all'][OFFSETS.index(0.0)]), 4),
                      'per_kind_at_best': {k: round(float(iou[k][OFFSETS.index(best)]), 4) for k in scars.KINDS},
                      'bg_skin_hair_outside_scar': [round(float(v), 4) for v in cls_i / np.maximum(cls_u, 1)],
                      'bg_skin_hair_4class_at_best': [round(float(v), 4) for v in all_i[OFFSETS.index(best)] / np.maximum(all_u[OFFSETS.index(best)], 1)]}))


if __name__ == '__main__':
    main()
