"""Trains the scalp segmentation network on CPU (resumable; checkpoints every epoch).

  /usr/bin/python3 training/train.py --run v1 [--epochs 30] [--size 320] [--resume]

Data: the hairloss-levels photos of the people in datasets/split.json "train", with the bootstrapped
labels of datasets/bootstrap_labels.py (datasets/cache/labels/). Photos whose refined label is not
there yet fall back to a quick label from the teacher cache (threshold + hole filling), logged as such.
Scars are painted online (datasets/scars.py) on half the samples; see training/augment.py.
Validation each epoch: per-class IoU on held-out people (split "test"), against the bootstrapped
labels, with synthetic scars painted at fixed seeds.
"""
import argparse
import json
import math
import os
import sys
import time

import cv2
import numpy as np
import torch
import torch.nn.functional as F
from scipy import ndimage

cv2.setNumThreads(1)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, '..', 'datasets'))
import augment as A  # noqa: E402
import common as C  # noqa: E402
import scalp_seg_model as M  # noqa: E402
import scars  # noqa: E402

MEAN = np.array([0.485, 0.456, 0.406], np.float32)
STD = np.array([0.229, 0.224, 0.225], np.float32)
SOURCE_SIDE = 384  # photos are kept at this size: enough for the zoom range at 224-320 px inputs
SCAR_WEIGHT = 5.0  # scars are ~1 % of the pixels of half the samples
FREEZABLE = ('conv_stem', 'b0', 'b1', 'b2', 'b3', 'b4', 'conv_head')


def quick_label(stem, shape):
    t = cv2.imread(os.path.join(C.TEACHER_CACHE, stem + '.png'), cv2.IMREAD_COLOR)
    t = cv2.resize(t[:, :, ::-1], (shape[1], shape[0])).astype(np.float32) / 255
    skin, hair = t[..., 0], t[..., 2]
    head = ndimage.binary_fill_holes(np.maximum(skin, hair) > 0.5)
    lab = np.zeros(shape, np.uint8)
    lab[head] = C.SKIN
    lab[head & (hair > skin)] = C.HAIR
    edges = cv2.morphologyEx(lab, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)) > 0
    lab[edges] = C.IGNORE
    return lab


class Photos:
    """Photos of a set of subjects, decoded once and kept in memory (640x640 uint8)."""

    def __init__(self, subjects, side=SOURCE_SIDE):
        self.rows = [r for r in C.photos() if r['subject'] in subjects]
        self.side = side
        self.cache = {}
        self.labels = {}

    def get(self, i):
        """(bgr, label, refined?) at `side` px; a refined label replaces the quick one once it exists."""
        r = self.rows[i]
        if r['stem'] not in self.cache:
            bgr = cv2.imread(os.path.join(C.LEVELS, r['file']), cv2.IMREAD_COLOR)
            self.cache[r['stem']] = cv2.resize(bgr, (self.side, self.side), interpolation=cv2.INTER_AREA)
        bgr = self.cache[r['stem']]
        got = self.labels.get(r['stem'])
        if got is None or not got[1]:
            p = os.path.join(C.LABELS_DIR, r['stem'] + '.png')
            lab = cv2.imread(p, cv2.IMREAD_GRAYSCALE) if os.path.exists(p) else None
            refined = lab is not None
            if lab is None:
                lab = quick_label(r['stem'], (640, 640))
            got = (cv2.resize(lab, (self.side, self.side), interpolation=cv2.INTER_NEAREST), refined)
            self.labels[r['stem']] = got
        return bgr, got[0], got[1]


def to_tensor(bgr):
    x = (bgr[:, :, ::-1].astype(np.float32) / 255 - MEAN) / STD
    return torch.from_numpy(x.transpose(2, 0, 1).copy())


class TrainSet(torch.utils.data.Dataset):
    def __init__(self, photos, size, seed, epoch, n, scar_p=0.6, colour_p=0.5, paint_first=False):
        self.photos, self.size, self.seed, self.epoch, self.n = photos, size, seed, epoch, n
        self.scar_p, self.colour_p, self.paint_first = scar_p, colour_p, paint_first

    def __len__(self):
        return self.n

    def __getitem__(self, k):
        rng = np.random.default_rng([self.seed, self.epoch, k])
        bgr, lab, _ = self.photos.get(int(rng.integers(0, len(self.photos.rows))))
        img, lab = A.augment(bgr, lab, rng, self.size, scar_p=self.scar_p, colour_p=self.colour_p,
                             paint_first=self.paint_first)
        return to_tensor(img), torch.from_numpy(lab.astype(np.int64))


def teacher_targets(teacher, x):
    """The teacher's soft opinion as 4-class probabilities: independent sigmoids (skin, hair) -> bg
    (1-s)(1-h), skin s(1-h), hair h(1-s), scar 0, normalised."""
    with torch.no_grad():
        p = torch.sigmoid(teacher.logits(x))
        s, h = p[:, 0], p[:, 2]
        t = torch.stack([(1 - s) * (1 - h), s * (1 - h), h * (1 - s), torch.zeros_like(s)], 1) + 1e-4
        return t / t.sum(1, keepdim=True)


def distill_fn(logits, target, soft):
    """KL(teacher || ours) on pixels where the refined label does not overrule the teacher: not scar,
    and not where the label says skin/hair but the teacher said background (bald scalp it missed)."""
    logp = F.log_softmax(logits, 1)
    kl = (soft * (soft.log() - logp)).sum(1)
    t_arg = soft.argmax(1)
    overruled = (target == C.SCAR) | ((target != C.IGNORE) & (target != C.BG) & (t_arg == C.BG))
    keep = (~overruled).float()
    return (kl * keep).sum() / keep.sum().clamp(min=1)


def pan_distill_fn(q, q_ref):
    """KL(frozen PAN || ours) over background/skin/hair only, at the head's 1/4 resolution: the decoder
    may learn scar cues, but the three classes it shipped with keep their relative probabilities."""
    p_ref = torch.softmax(q_ref[:, :3], 1)
    return (p_ref * (torch.log_softmax(q_ref[:, :3], 1) - torch.log_softmax(q[:, :3], 1))).sum(1).mean()


def loss_fn(logits, target, scar_weight=SCAR_WEIGHT, scar_dice=0.0):
    """CE (scar weighted) + soft Dice over the classes present; `scar_dice` adds that much more Dice on
    the scar class alone (IoU-like, so thin scars count by their area, not their share of the batch)."""
    ce = F.cross_entropy(logits, target, weight=torch.tensor([1.0, 1.0, 1.0, scar_weight]), ignore_index=C.IGNORE)
    valid = (target != C.IGNORE).unsqueeze(1)
    p = torch.softmax(logits, 1) * valid
    oh = F.one_hot(target.clamp(max=3), 4).permute(0, 3, 1, 2).float() * valid
    inter = (p * oh).sum((0, 2, 3))
    denom = p.sum((0, 2, 3)) + oh.sum((0, 2, 3))
    present = oh.sum((0, 2, 3)) > 0
    dice = 1 - (2 * inter + 1) / (denom + 1)
    loss = ce + 0.5 * dice[present].mean()
    if scar_dice > 0 and present[3]:
        loss = loss + scar_dice * dice[3]
    return loss


def build_val(size, max_photos=40):
    _, test = C.split()
    photos = Photos(test)
    rng = np.random.default_rng(12345)
    idx = rng.choice(len(photos.rows), min(max_photos, len(photos.rows)), replace=False)
    xs, ys = [], []
    for j, i in enumerate(idx):
        bgr, lab, _ = photos.get(int(i))
        if j % 2 == 0:  # half with a synthetic scar, fixed seeds
            res = scars.paint(bgr, lab, 1000 + j)
            if res is not None:
                bgr, lab, _ = res
        xs.append(to_tensor(cv2.resize(bgr, (size, size), interpolation=cv2.INTER_AREA)))
        ys.append(torch.from_numpy(cv2.resize(lab, (size, size), interpolation=cv2.INTER_NEAREST).astype(np.int64)))
    return torch.stack(xs), torch.stack(ys)


def evaluate(net, val):
    net.eval()
    xs, ys = val
    inter, union = np.zeros(4), np.zeros(4)
    with torch.no_grad():
        for i in range(0, len(xs), 8):
            pred = net.logits(xs[i:i + 8]).argmax(1)
            y = ys[i:i + 8]
            valid = y != C.IGNORE
            for c in range(4):
                a, b = (pred == c) & valid, (y == c) & valid
                inter[c] += (a & b).sum().item()
                union[c] += (a | b).sum().item()
    net.train()
    return {M.CLASSES[c]: round(inter[c] / max(union[c], 1), 4) for c in range(4)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--run', default='v1')
    ap.add_argument('--epochs', type=int, default=30)
    ap.add_argument('--steps', type=int, default=60, help='steps per epoch')
    ap.add_argument('--batch', type=int, default=8)
    ap.add_argument('--size', type=int, default=224, help='training crop side')
    ap.add_argument('--val-size', type=int, default=320, help='validation: whole photos at the inference size')
    ap.add_argument('--lr', type=float, default=2e-3)
    ap.add_argument('--width', type=int, default=64, help='FPN decoder width (arch fpn)')
    ap.add_argument('--arch', default='pan', choices=['pan', 'pan-half', 'fpn'],
                    help='pan: the teacher architecture, all its weights as the start; pan-half: pan + a detail path '
                         'giving the classes at 1/2 of the input side (--init from a pan checkpoint); '
                         'fpn: teacher encoder + new FPN-lite decoder')
    ap.add_argument('--enc-lr', type=float, default=0.3, help='encoder learning rate as a fraction of --lr')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--threads', type=int, default=1, help='1 is fastest on a loaded 2-core machine')
    ap.add_argument('--freeze', default='b2', help='freeze the encoder up to and including this block (none: train all)')
    ap.add_argument('--workers', type=int, default=0,
                    help='0: augment in the training process (fastest when the CPU is shared and scarce)')
    ap.add_argument('--resume', action='store_true')
    ap.add_argument('--init', default='', help='start from the weights of this checkpoint (e.g. training/runs/v1/best.pt)')
    ap.add_argument('--scar-p', type=float, default=0.6, help='share of samples with a painted scar')
    ap.add_argument('--colour-p', type=float, default=0.3,
                    help='chance of each of hair recolouring and skin-tone shift (background swap: 0.7x this)')
    ap.add_argument('--detail-width', type=int, default=16, help='pan-half: channels of the detail path')
    ap.add_argument('--scar-head', action='store_true',
                    help='pan-half: the detail path owns (and trains) a copy of the PAN head\'s scar row')
    ap.add_argument('--scar-weight', type=float, default=SCAR_WEIGHT, help='cross-entropy weight of scar pixels')
    ap.add_argument('--scar-dice', type=float, default=0.0, help='extra soft-Dice weight on the scar class')
    ap.add_argument('--pan-lr', type=float, default=1.0,
                    help='pan-half: learning rate of the PAN decoder and head as a fraction of --lr (the detail path gets --lr); '
                         '0 freezes the whole PAN, so background/skin/hair are exactly the --init model\'s')
    ap.add_argument('--detail-pool', type=int, default=0,
                    help='pan-half: neighbourhood branch of the detail path, cells of this many 1/2-resolution pixels (0: none)')
    ap.add_argument('--scar-fpn', type=int, default=0,
                    help='pan-half: channels of a scar-only feature pyramid over the frozen encoder (0: none)')
    ap.add_argument('--detail-blocks', type=int, default=2, help='pan-half: 3 adds a dilation-4 block to the detail path')
    ap.add_argument('--pan-distill', type=float, default=0.0,
                    help='pan-half with --pan-lr > 0: weight of KL over background/skin/hair to the frozen --init PAN')
    ap.add_argument('--stop-after', type=int, default=-1,
                    help='end after this epoch (the learning-rate schedule still spans --epochs); -1: run them all')
    ap.add_argument('--pan-ref', default='',
                    help='--pan-distill reference: the PAN (background/skin/hair) of this checkpoint instead of --init\'s')
    ap.add_argument('--paint-first', action='store_true',
                    help='paint scars on the whole source photo before the geometry (their mm scale from the whole head, '
                         'as in the evaluation set) instead of on the crop')
    ap.add_argument('--distill', type=float, default=1.0,
                    help='weight of KL to the teacher where the labels do not overrule it (keeps its generality)')
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    out = os.path.join(HERE, 'runs', args.run)
    os.makedirs(out, exist_ok=True)
    if args.arch == 'pan':
        net = M.pan_from_teacher(C.TEACHER_ONNX)
    elif args.arch == 'pan-half':
        if not args.init:
            raise SystemExit('--arch pan-half needs --init (a pan or pan-half checkpoint)')
        net = M.build_half(vars(args))
    else:
        net = M.ScalpSegNet(width=args.width)
        M.load_teacher_encoder(net.encoder, C.TEACHER_ONNX)
    if args.init:
        init = torch.load(args.init, map_location='cpu')['model']
        if args.arch == 'pan-half' and not any(k.startswith('detail.') for k in init):
            net = M.pan_half_from(init, args.detail_width)  # a pan checkpoint: the detail path starts fresh (adds zero)
            # with every option of this run (pool branch, third block, scar pyramid, scar-row copy)
            net.detail = M.build_half(vars(args)).detail
            if args.scar_head:
                M.seed_scar_head(net)
        elif args.arch == 'pan-half':
            # a pan-half checkpoint: parts of the detail path it lacks (pool branch, third block) start adding zero
            missing, unexpected = net.load_state_dict(init, strict=False)
            new_parts = ('detail.near.', 'detail.dw3.', 'detail.pw3.', 'detail.scar_head.', 'detail.fpn.', 'detail.ctx2.')
            if unexpected or any(not k.startswith(new_parts) for k in missing):
                raise SystemExit(f'--init does not fit: missing {missing}, unexpected {unexpected}')
            if args.scar_head and 'detail.scar_head.weight' in missing:  # the copy starts as the loaded scar row
                M.seed_scar_head(net)
        else:
            net.load_state_dict(init)
    if args.freeze != 'none':
        for name in FREEZABLE[:FREEZABLE.index(args.freeze) + 1]:
            for p in getattr(net.encoder, name).parameters():
                p.requires_grad = False
    if args.arch == 'pan-half' and args.pan_lr == 0:  # only the detail path learns
        for name, p in net.named_parameters():
            if not name.startswith('detail.'):
                p.requires_grad = False
    enc_params = [p for p in net.encoder.parameters() if p.requires_grad]
    enc_ids = {id(p) for p in net.encoder.parameters()}
    new_ids = {id(p) for p in net.detail.parameters()} if args.arch == 'pan-half' else set()
    dec_params = [p for p in net.parameters() if id(p) not in enc_ids and id(p) not in new_ids and p.requires_grad]
    groups = [{'params': enc_params, 'lr': args.lr * args.enc_lr},
              {'params': dec_params, 'lr': args.lr * (args.pan_lr if new_ids else 1.0)}]
    if new_ids:
        groups.append({'params': list(net.detail.parameters()), 'lr': args.lr})
    opt = torch.optim.AdamW(groups, weight_decay=1e-4)
    total = args.epochs * args.steps
    base = [g['lr'] for g in opt.param_groups]
    start_epoch, best = 0, -1.0
    ck = os.path.join(out, 'last.pt')
    if args.resume and os.path.exists(ck):
        state = torch.load(ck)
        net.load_state_dict(state['model'])
        opt.load_state_dict(state['opt'])
        start_epoch, best = state['epoch'] + 1, state.get('best', -1.0)
        print(f'resumed at epoch {start_epoch}', flush=True)
    with open(os.path.join(out, 'args.json'), 'w') as f:
        json.dump(vars(args), f, indent=1)
    ref = None
    if args.arch == 'pan-half' and args.pan_distill > 0:
        import copy
        ref = copy.deepcopy(net).eval()  # the --init PAN, frozen: what background/skin/hair must stay
        if args.pan_ref:
            ref_state = torch.load(args.pan_ref, map_location='cpu')['model']
            ref.load_state_dict({k: v for k, v in ref_state.items() if not k.startswith('detail.')}, strict=False)
            if any(not k.startswith('detail.') for k in ref.state_dict() if k not in ref_state):
                raise SystemExit(f'--pan-ref {args.pan_ref} is not a PAN checkpoint')
        for p in ref.parameters():
            p.requires_grad = False
    teacher = None
    if args.distill > 0:
        teacher = M.load_teacher_all(M.ScalpPanNet(classes=3), C.TEACHER_ONNX).eval()
        for p in teacher.parameters():
            p.requires_grad = False
    train_subjects, _ = C.split()
    photos = Photos(train_subjects)
    for i in range(len(photos.rows)):  # decode in the parent so every epoch's worker inherits them
        photos.get(i)
    val = build_val(args.val_size)
    log = open(os.path.join(out, 'log.jsonl'), 'a')
    for epoch in range(start_epoch, args.epochs):
        refined = sum(os.path.exists(os.path.join(C.LABELS_DIR, r['stem'] + '.png')) for r in photos.rows)
        photos.labels = {k: v for k, v in photos.labels.items() if v[1]}  # pick up labels refined since
        ds = TrainSet(photos, args.size, args.seed, epoch, args.steps * args.batch, args.scar_p, args.colour_p,
                      args.paint_first)
        dl = torch.utils.data.DataLoader(ds, batch_size=args.batch, num_workers=args.workers, shuffle=False,
                                         persistent_workers=False)
        t0, losses = time.time(), []
        for i, (x, y) in enumerate(dl):
            step = epoch * args.steps + i
            warm = min(1.0, (step + 1) / 50)
            for g, b in zip(opt.param_groups, base):
                g['lr'] = b * warm * 0.5 * (1 + math.cos(math.pi * step / total))
            if ref is not None:
                half, q, feats = net.half_logits(x, quarter=True)
                logits = M._up(half, M._hw(x))
                with torch.no_grad():
                    q_ref = ref.head(ref.decode(*feats[1:]))
                extra = args.pan_distill * pan_distill_fn(q, q_ref)
            else:
                logits, extra = net.logits(x), 0.0
            loss = loss_fn(logits, y, args.scar_weight, args.scar_dice) + extra
            if teacher is not None:
                loss = loss + args.distill * distill_fn(logits, y, teacher_targets(teacher, x))
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
        iou = evaluate(net, val)
        score = (iou['skin'] + iou['hair'] + iou['scar']) / 3
        rec = {'epoch': epoch, 'loss': round(float(np.mean(losses)), 4), 'val_iou': iou, 'score': round(score, 4),
               'sec': round(time.time() - t0, 1), 'refined_labels': refined, 'photos': len(photos.rows)}
        print(json.dumps(rec), flush=True)
        log.write(json.dumps(rec) + '\n')
        log.flush()
        if score > best:
            best = score
            torch.save({'model': net.state_dict(), 'epoch': epoch, 'val_iou': iou, 'args': vars(args)},
                       os.path.join(out, 'best.pt'))
        torch.save({'model': net.state_dict(), 'opt': opt.state_dict(), 'epoch': epoch, 'best': best},
                   ck + '.tmp')
        os.replace(ck + '.tmp', ck)
        if epoch == args.stop_after:
            break


if __name__ == '__main__':
    main()
