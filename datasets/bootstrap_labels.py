"""Bootstraps background/skin/hair labels for every hairloss-levels photo from the teacher's cached
outputs (datasets/teacher-cache.ts), refined per photo:

1. head = skin or hair: GrabCut seeded by the teacher's confident pixels (sure head where the teacher
   is > 0.9 sure of skin or hair, sure background on its clothes and far from the head), so that the
   bald scalp the teacher leaves unlabelled (common on frontal and rotated photos) joins the head;
2. hair vs skin inside the head: per-photo colour+texture Gaussian mixtures (Lab + local contrast)
   fitted on the teacher's confident hair and skin pixels decide the pixels the teacher is unsure of;
   bald scalp is skin (the teacher is right there);
3. morphology cleans specks; a thin band around class borders and pixels whose colour models disagree
   are marked 255 (ignored by the loss).

Writes datasets/cache/labels/<stem>.png at the photo's size (0 bg, 1 skin, 2 hair, 255 ignore) and
contact sheets to datasets/cache/sheets/.   /usr/bin/python3 datasets/bootstrap_labels.py [--jobs 2]
"""
import argparse
import os
import random
import sys
from multiprocessing import Pool

import cv2
import numpy as np
from scipy import ndimage

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
import contact_sheet as S  # noqa: E402

WORK = 320  # GrabCut and colour models run at this size, labels are upsampled to the photo


def features(bgr):
    lab = cv2.cvtColor(bgr, cv2.COLOR_BGR2LAB).astype(np.float32)
    g = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY).astype(np.float32)
    mu = cv2.blur(g, (5, 5))
    contrast = np.sqrt(np.maximum(cv2.blur(g * g, (5, 5)) - mu * mu, 0))
    return np.dstack([lab, contrast * 2.0])


def fit_em(samples, k=3):
    if len(samples) < 50:
        return None
    rng = np.random.default_rng(0)
    if len(samples) > 1500:
        samples = samples[rng.choice(len(samples), 1500, replace=False)]
    em = cv2.ml.EM_create()
    em.setClustersNumber(min(k, max(1, len(samples) // 200)))
    em.setCovarianceMatrixType(cv2.ml.EM_COV_MAT_GENERIC)
    em.setTermCriteria((cv2.TERM_CRITERIA_COUNT + cv2.TERM_CRITERIA_EPS, 25, 1e-3))
    em.trainEM(samples.astype(np.float64))
    return em


def _ll(em, x):
    # log p(x) under the mixture, vectorised (cv2's predict2 works one sample at a time)
    means = em.getMeans()
    covs = em.getCovs()
    w = em.getWeights().ravel()
    out = []
    for m, c, wk in zip(means, covs, w):
        c = c + np.eye(len(m)) * 1e-3
        inv = np.linalg.inv(c)
        d = x - m
        md = np.einsum('ij,jk,ik->i', d, inv, d)
        out.append(np.log(wk + 1e-12) - 0.5 * (md + np.log(np.linalg.det(c)) + len(m) * np.log(2 * np.pi)))
    out = np.stack(out, 1)
    mx = out.max(1, keepdims=True)
    return (mx + np.log(np.exp(out - mx).sum(1, keepdims=True))).ravel()


def colour_rescue(bgr, teacher, head, near):
    """Pixels near the head that the teacher and GrabCut left out (grey, blond, very dark or curly
    hair; shaded scalp) but whose colour/texture fits this photo's hair or skin model far better than
    its background model; kept only where connected to the head."""
    skin, hair = teacher[..., 0], teacher[..., 2]
    f = features(bgr).reshape(-1, 4).astype(np.float64)
    far = ~(cv2.dilate(head.astype(np.uint8), np.ones((15, 15), np.uint8)) > 0) & (np.maximum(skin, hair) < 0.1)
    em_b = fit_em(f[far.ravel()], k=4)
    em_h = fit_em(f[(head & (hair > 0.85)).ravel()])
    em_s = fit_em(f[(head & (skin > 0.85)).ravel()])
    cand = (near & ~head).ravel()
    out = np.zeros(head.size, bool)
    if em_b is None or not cand.any() or (em_h is None and em_s is None):
        return out.reshape(head.shape)
    x = f[cand]
    fg = np.maximum(_ll(em_h, x) if em_h is not None else -np.inf, _ll(em_s, x) if em_s is not None else -np.inf)
    out[cand] = fg > _ll(em_b, x) + 2.0
    out = out.reshape(head.shape)
    out = cv2.morphologyEx(out.astype(np.uint8), cv2.MORPH_OPEN, np.ones((5, 5), np.uint8)) > 0
    n, comp = cv2.connectedComponents((out | head).astype(np.uint8))
    touching = np.unique(comp[head])
    return out & np.isin(comp, touching[touching > 0])


def refine(bgr, teacher):
    """bgr: photo at WORK size; teacher: float [H,W,3] skin, clothes, hair. Returns label at WORK size."""
    skin, clothes, hair = teacher[..., 0], teacher[..., 1], teacher[..., 2]
    head_p = np.maximum(skin, hair)
    head_teacher = head_p > 0.5
    # 1. head vs background by GrabCut
    mask = np.full(skin.shape, cv2.GC_PR_BGD, np.uint8)
    mask[head_p > 0.5] = cv2.GC_PR_FGD
    near = cv2.dilate(head_teacher.astype(np.uint8), np.ones((31, 31), np.uint8)) > 0
    mask[~near] = cv2.GC_BGD
    # no sure background on the teacher's 'clothes': it often calls dark hair clothes
    sure = cv2.erode((head_p > 0.9).astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    mask[sure] = cv2.GC_FGD
    head = head_teacher
    if (mask == cv2.GC_FGD).sum() > 100 and ((mask == cv2.GC_BGD) | (mask == cv2.GC_PR_BGD)).sum() > 100:
        bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
        try:
            cv2.grabCut(bgr, mask, None, bgd, fgd, 4, cv2.GC_INIT_WITH_MASK)
            head = (mask == cv2.GC_FGD) | (mask == cv2.GC_PR_FGD)
        except cv2.error:
            pass
    head = head | colour_rescue(bgr, teacher, head, near)
    head = cv2.morphologyEx(head.astype(np.uint8), cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    head = cv2.morphologyEx(head, cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8)) > 0
    # highlights on bald scalp and dark hair patches the teacher skipped are holes inside the head
    head = ndimage.binary_fill_holes(head)
    # 2. hair vs skin inside the head
    f = features(bgr)
    label = np.zeros(skin.shape, np.uint8)
    hair_conf = head & (hair > 0.85)
    skin_conf = head & (skin > 0.85)
    em_h = fit_em(f[hair_conf].reshape(-1, 4))
    em_s = fit_em(f[skin_conf].reshape(-1, 4))
    is_hair = hair > skin
    unsure = np.zeros_like(head)
    if em_h is not None and em_s is not None:
        idx = head & (np.maximum(hair, skin) < 0.85)
        if idx.any():
            d = _ll(em_h, f[idx].astype(np.float64)) - _ll(em_s, f[idx].astype(np.float64))
            # teacher's own log-odds, lightly weighted, breaks ties
            t = np.log((hair[idx] + 1e-3) / (skin[idx] + 1e-3))
            score = d + 0.5 * t
            is_hair[idx] = score > 0
            unsure[idx] = np.abs(score) < 1.0
    hair_m = head & is_hair
    hair_m = cv2.morphologyEx(hair_m.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    hair_m = cv2.morphologyEx(hair_m, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8)) > 0
    label[head] = C.SKIN
    label[head & hair_m] = C.HAIR
    # 3. ignore a thin band at class borders and where the colour models disagree
    edges = cv2.morphologyEx(label, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)) > 0
    label[edges] = C.IGNORE
    label[unsure & head] = C.IGNORE
    return label


def process(row):
    out = os.path.join(C.LABELS_DIR, row['stem'] + '.png')
    bgr = cv2.imread(os.path.join(C.LEVELS, row['file']), cv2.IMREAD_COLOR)
    t = cv2.imread(os.path.join(C.TEACHER_CACHE, row['stem'] + '.png'), cv2.IMREAD_COLOR)
    if bgr is None or t is None:
        raise FileNotFoundError(f'missing photo or teacher cache for {row["file"]} (run datasets/teacher-cache first)')
    small = cv2.resize(bgr, (WORK, WORK), interpolation=cv2.INTER_AREA)
    teacher = cv2.resize(t[:, :, ::-1], (WORK, WORK), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
    label = refine(small, teacher)
    label = cv2.resize(label, (bgr.shape[1], bgr.shape[0]), interpolation=cv2.INTER_NEAREST)
    cv2.imwrite(out, label)
    return row['stem']


def contact_sheets(rows, n=32):
    os.makedirs(os.path.join(C.CACHE, 'sheets'), exist_ok=True)
    rng = random.Random(7)
    pick = rng.sample(rows, min(n, len(rows)))
    for part in range(0, len(pick), 16):
        tiles = []
        for r in pick[part:part + 16]:
            bgr = cv2.imread(os.path.join(C.LEVELS, r['file']))
            lab = cv2.imread(os.path.join(C.LABELS_DIR, r['stem'] + '.png'), cv2.IMREAD_GRAYSCALE)
            t = cv2.imread(os.path.join(C.TEACHER_CACHE, r['stem'] + '.png'))[:, :, ::-1]
            t = cv2.resize(t, (bgr.shape[1], bgr.shape[0])).astype(np.float32) / 255
            tl = np.zeros(lab.shape, np.uint8)
            tl[t[..., 0] > .5] = 1
            tl[t[..., 2] > .5] = 2
            tiles += [bgr, S.overlay(bgr, tl), S.overlay(bgr, lab)]
        cv2.imwrite(os.path.join(C.CACHE, 'sheets', f'labels-{part // 16}.png'), S.sheet(tiles, 6, 220))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--jobs', type=int, default=2)
    ap.add_argument('--limit', type=int, default=0)
    ap.add_argument('--force', action='store_true', help='relabel photos already labelled')
    args = ap.parse_args()
    os.makedirs(C.LABELS_DIR, exist_ok=True)
    rows = C.photos()
    if args.limit:
        rows = random.Random(3).sample(rows, args.limit)
    # one photo per (subject, view) first, so a usable set exists early; rotated copies after
    seen, first, rest = set(), [], []
    for r in rows:
        key = (r['subject'], r['view'])
        (rest if key in seen else first).append(r)
        seen.add(key)
    rows = first + rest
    todo = [r for r in rows if args.force or not os.path.exists(os.path.join(C.LABELS_DIR, r['stem'] + '.png'))]
    with Pool(args.jobs) as pool:
        for i, _ in enumerate(pool.imap(process, todo, chunksize=4)):
            if (i + 1) % 50 == 0:
                print(f'{i + 1}/{len(todo)} labelled', flush=True)
    contact_sheets(rows)
    print(f'labels in {C.LABELS_DIR}, sheets in {os.path.join(C.CACHE, "sheets")}')


if __name__ == '__main__':
    main()
