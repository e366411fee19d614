"""Synthetic scalp scars painted onto real photos, with the exact mask painted.

Kinds (DOMAIN.md, Scars):
- 'linear': FUT strip scar, a gently curved band 1-10 mm wide and 40-150 mm long, horizontal-ish
  across the head (the back of the head on back views);
- 'punctate': FUE extraction scars, 20-250 round dots 0.7-1.2 mm across scattered over a donor patch;
- 'irregular': trauma scar, a blob or jagged band with a noisy outline, 4-35 mm.
Appearance: the photo's own skin colour (median of its skin label), made paler (L* +4..+20) and/or
pinker (a* +3..+12), smooth (hair and pores replaced, only a low-pass of the local shading kept),
hairless, with a soft edge (blurred alpha). Label = alpha > 0.5. Scale from a head-size prior: the
head's width in pixels is ~150 mm.

Every sample is reproducible from (photo, seed): `paint(bgr, label, seed)` draws every parameter from
np.random.default_rng(seed) and returns them.
"""
import math

import cv2
import numpy as np

SKIN, HAIR, SCAR, IGNORE = 1, 2, 3, 255
HEAD_WIDTH_MM = 150.0
KINDS = ('linear', 'punctate', 'irregular')


def head_scale(label):
    """Pixels per mm from the head's extent (skin or hair), or None without a head."""
    head = (label == SKIN) | (label == HAIR)
    if head.sum() < 2000:
        return None
    cols = np.where(head.any(0))[0]
    rows = np.where(head.any(1))[0]
    width = min(cols[-1] - cols[0], rows[-1] - rows[0]) + 1  # the narrower extent is the head, not the shoulders
    return max(width, 60) / HEAD_WIDTH_MM


def _bezier(p0, p1, p2, n):
    t = np.linspace(0, 1, n)[:, None]
    return (1 - t) ** 2 * p0 + 2 * (1 - t) * t * p1 + t ** 2 * p2


def _linear(rng, shape, centre, ppm):
    width_mm = rng.uniform(1.0, 10.0)
    length_mm = rng.uniform(40, 150)
    angle = rng.normal(0, 0.35) + (rng.integers(0, 4) * math.pi / 2 if rng.random() < 0.5 else 0)
    half = length_mm * ppm / 2
    d = np.array([math.cos(angle), math.sin(angle)])
    nrm = np.array([-d[1], d[0]])
    bend = rng.uniform(-0.25, 0.25) * half
    p0, p2 = centre - d * half, centre + d * half
    p1 = centre + nrm * bend
    pts = _bezier(p0, p1, p2, 64)
    canvas = np.zeros(shape, np.float32)
    w = max(1, int(round(width_mm * ppm)))
    # width tapers at both ends like a sutured strip
    for i in range(len(pts) - 1):
        taper = min(1.0, 4 * min(i, len(pts) - 2 - i) / len(pts) + 0.35)
        cv2.line(canvas, tuple(np.round(pts[i]).astype(int)), tuple(np.round(pts[i + 1]).astype(int)), 1.0,
                 max(1, int(round(w * taper))), cv2.LINE_AA)
    return canvas, {'width_mm': round(width_mm, 2), 'length_mm': round(length_mm, 1), 'angle_rad': round(angle, 3),
                    'bend': round(bend / max(half, 1), 3)}


def _punctate(rng, shape, centre, ppm):
    n = int(rng.integers(20, 250))
    patch_w = rng.uniform(30, 110) * ppm
    patch_h = rng.uniform(15, 45) * ppm
    angle = rng.normal(0, 0.3)
    canvas = np.zeros(shape, np.float32)
    diam = []
    for _ in range(n):
        u, v = rng.uniform(-0.5, 0.5) * patch_w, rng.uniform(-0.5, 0.5) * patch_h
        x = centre[0] + u * math.cos(angle) - v * math.sin(angle)
        y = centre[1] + u * math.sin(angle) + v * math.cos(angle)
        dmm = rng.uniform(0.7, 1.2)
        diam.append(dmm)
        r = max(0.5, dmm * ppm / 2)
        # draw at 4x subpixel precision so sub-pixel dots keep their area
        cv2.circle(canvas, (int(round(x * 4)), int(round(y * 4))), int(round(r * 4)), 1.0, -1, cv2.LINE_AA, shift=2)
    return canvas, {'dots': n, 'patch_mm': [round(patch_w / ppm, 1), round(patch_h / ppm, 1)],
                    'diameter_mm': [round(min(diam), 2), round(max(diam), 2)]}


def _irregular(rng, shape, centre, ppm):
    size_mm = rng.uniform(4, 35)
    r0 = size_mm * ppm / 2
    k = 48
    ang = np.linspace(0, 2 * math.pi, k, endpoint=False)
    elong = rng.uniform(1.0, 3.5)
    rot = rng.uniform(0, math.pi)
    noise = np.zeros(k)
    for f in range(1, 6):
        noise += rng.normal(0, 0.25 / f) * np.cos(f * ang + rng.uniform(0, 2 * math.pi))
    rad = r0 * np.clip(1 + noise, 0.35, 1.8)
    x = rad * np.cos(ang) * elong
    y = rad * np.sin(ang) / math.sqrt(elong)
    px = centre[0] + x * math.cos(rot) - y * math.sin(rot)
    py = centre[1] + x * math.sin(rot) + y * math.cos(rot)
    canvas = np.zeros(shape, np.float32)
    cv2.fillPoly(canvas, [np.stack([px, py], 1).round().astype(np.int32)], 1.0, cv2.LINE_AA)
    return canvas, {'size_mm': round(size_mm, 1), 'elongation': round(elong, 2)}


def paint(bgr, label, seed, kind=None):
    """Paints one scar. Returns (bgr, label, params) or None when the photo has no usable head."""
    rng = np.random.default_rng(seed)
    ppm = head_scale(label)
    if ppm is None:
        return None
    kind = kind or KINDS[int(rng.integers(0, 3))]
    head = ((label == SKIN) | (label == HAIR)).astype(np.uint8)
    inner = cv2.erode(head, np.ones((3, 3), np.uint8), iterations=max(1, int(8 * ppm)))
    # scalp, not face or neck: inside the hair, or on skin within ~25 mm of it (bald crown and
    # temples); heads with no hair at all take any head pixel
    region = inner if inner.sum() > 100 else head
    hair = (label == HAIR).astype(np.uint8)
    if hair.sum() > 500:
        near_hair = cv2.dilate(hair, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (int(50 * ppm) | 1,) * 2)) > 0
        scalp = region.astype(bool) & near_hair
        if scalp.sum() > 100:
            region = scalp
    ys, xs = np.nonzero(region)
    i = int(rng.integers(0, len(xs)))
    centre = np.array([xs[i], ys[i]], np.float64)
    shape = label.shape
    alpha, params = {'linear': _linear, 'punctate': _punctate, 'irregular': _irregular}[kind](rng, shape, centre, ppm)
    alpha *= head  # scars lie on the head
    soft = rng.uniform(0.3, 1.0) * ppm  # edge softness ~0.3-1 mm
    if kind != 'punctate':
        alpha = cv2.GaussianBlur(alpha, (0, 0), max(0.5, soft))
    else:
        alpha = cv2.GaussianBlur(alpha, (0, 0), 0.5)
    alpha = np.clip(alpha, 0, 1)
    mask = alpha > 0.5
    if mask.sum() < 3:
        return None
    lab = cv2.cvtColor(bgr, cv2.COLOR_BGR2LAB).astype(np.float32)
    skin_px = lab[label == SKIN]
    base = np.median(skin_px, 0) if len(skin_px) > 500 else np.median(lab[head > 0], 0)
    dl = rng.uniform(3, 16) if rng.random() < 0.8 else rng.uniform(-2, 3)
    da = rng.uniform(3, 12) if rng.random() < 0.5 else rng.uniform(-1, 3)
    db = rng.uniform(-6, 2)
    scar = np.array([base[0] + dl * 255 / 100, base[1] + da, base[2] + db], np.float32)
    # keep the large-scale shading (light falloff on the head) but none of the hair/pore texture
    shade = cv2.GaussianBlur(lab[..., 0], (0, 0), max(3.0, 6 * ppm))
    shade = shade - np.median(shade[head > 0])
    fill = np.empty_like(lab)
    fill[..., 0] = scar[0] + 0.6 * shade + rng.normal(0, 1.5, shape).astype(np.float32)
    fill[..., 1] = scar[1]
    fill[..., 2] = scar[2]
    fill = cv2.GaussianBlur(fill, (0, 0), 0.7)
    opacity = rng.uniform(0.7, 1.0)  # a little of the skin's own texture shows through
    a = alpha[..., None] * opacity
    out = lab * (1 - a) + fill * a
    out = cv2.cvtColor(np.clip(out, 0, 255).astype(np.uint8), cv2.COLOR_LAB2BGR)
    new_label = label.copy()
    new_label[mask] = SCAR
    params.update({'kind': kind, 'seed': int(seed), 'px_per_mm': round(float(ppm), 3),
                   'centre': [int(centre[0]), int(centre[1])], 'dL': round(dl, 1), 'da': round(da, 1),
                   'db': round(db, 1), 'opacity': round(opacity, 2), 'edge_sigma_mm': round(soft / ppm, 2), 'pixels': int(mask.sum())})
    return out, new_label, params
