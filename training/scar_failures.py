"""Per-sample scar analysis of a pan-half run on the synthetic-scar EVALUATION set (held-out people):
for understanding what is missed only, never for choosing checkpoints, thresholds or biases. Mimics
the runtime: bilinear stretch to --size, soft-max at 1/2, bilinear up to the photo, arg-max.

  /usr/bin/python3 training/scar_failures.py --run half2 --which last --size 304 --scar-bias -1.25
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
from train import to_tensor  # noqa: E402


def load_run(run, which):
    run_dir = os.path.join(HERE, 'runs', run)
    targs = json.load(open(os.path.join(run_dir, 'args.json')))
    net = M.build_half(targs)
    net.load_state_dict(torch.load(os.path.join(run_dir, f'{which}.pt'), map_location='cpu')['model'])
    return net.eval()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--run', required=True)
    ap.add_argument('--which', default='last')
    ap.add_argument('--size', type=int, default=304)
    ap.add_argument('--scar-bias', type=float, default=0.0)
    ap.add_argument('--threads', type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    net = load_run(args.run, args.which)
    m = json.load(open(os.path.join(HERE, '..', 'datasets', 'scars-eval.json')))
    d = os.path.join(C.CACHE, 'scars-eval')
    rows = []
    for s in m['samples']:
        bgr = cv2.imread(os.path.join(d, s['name'] + '.png'), cv2.IMREAD_COLOR)
        lab = cv2.imread(os.path.join(d, s['name'] + '.label.png'), cv2.IMREAD_GRAYSCALE)
        x = to_tensor(cv2.resize(bgr, (args.size, args.size), interpolation=cv2.INTER_LINEAR))[None]
        with torch.no_grad():
            z = net.half_logits(x)
            z[:, 3] += args.scar_bias
            p = F.interpolate(torch.softmax(z, 1), size=lab.shape, mode='bilinear', align_corners=False)[0]
        pred = p.argmax(0).numpy() == 3
        valid = lab != C.IGNORE
        ref = (lab == 3) & valid
        pred &= valid
        inter, union = int((pred & ref).sum()), int((pred | ref).sum())
        n_ref = int(ref.sum())
        # "found": the predicted scar touches the true scar at all
        rows.append({'kind': s['kind'], 'dL': s['dL'], 'da': s['da'], 'ref': n_ref, 'pred': int(pred.sum()), 'inter': inter,
                     'union': union, 'iou': inter / max(union, 1), 'recall': inter / max(n_ref, 1),
                     'fp_far': int((pred & ~cv2.dilate(ref.astype(np.uint8), np.ones((15, 15), np.uint8)).astype(bool)).sum()),
                     'size': s.get('width_mm', s.get('size_mm', 0)), 'opacity': s['opacity'], 'name': s['name']})
    print(json.dumps(rows))


if __name__ == '__main__':
    main()
