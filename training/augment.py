"""Training-time augmentation (numpy/cv2), applied to a 640-px photo and its label:
geometry (90/180/270 turns, rotation, scale, flip, crop) -> scar painting -> hair recolouring ->
skin-tone shift -> photometric (colour cast, brightness/contrast/gamma, lighting gradient, blur, noise,
JPEG quality). Everything is drawn from the numpy Generator passed in, so a (seed, sample) pair
always gives the same image.
"""
import math
import os
import sys

import cv2
import numpy as np

cv2.setNumThreads(1)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'datasets'))
import scars  # noqa: E402

BG, SKIN, HAIR, SCAR, IGNORE = 0, 1, 2, 3, 255

# hair colour targets in OpenCV 8-bit Lab (L 0..255, a/b offset 128): (L range, a range, b range)
HAIR_TARGETS = {
    'black': ((15, 45), (126, 132), (124, 134)),
    'dark-brown': ((40, 75), (130, 138), (134, 146)),
    'brown': ((70, 120), (132, 142), (140, 156)),
    'auburn-red': ((80, 130), (145, 165), (150, 172)),
    'blond': ((140, 205), (128, 138), (148, 180)),
    'grey': ((120, 190), (125, 131), (124, 134)),
    'white': ((190, 235), (126, 130), (126, 134)),
}


def _soft(mask, sigma=1.2):
    return cv2.GaussianBlur(mask.astype(np.float32), (0, 0), sigma)[..., None]


def _shift_region(lab, mask, rng, target):
    """Moves the region's mean Lab to `target` (L, a, b), scaling the L texture and shrinking a/b spread."""
    px = lab[mask]
    if len(px) < 200:
        return lab
    mean = px.mean(0)
    k = rng.uniform(0.6, 1.3)
    out = lab.copy()
    out[..., 0] = (lab[..., 0] - mean[0]) * k + target[0]
    for c in (1, 2):
        out[..., c] = (lab[..., c] - mean[c]) * rng.uniform(0.4, 1.0) + target[c]
    return out


def recolour_hair(bgr, label, rng):
    mask = label == HAIR
    name = list(HAIR_TARGETS)[int(rng.integers(0, len(HAIR_TARGETS)))]
    t = [rng.uniform(*r) for r in HAIR_TARGETS[name]]
    lab = cv2.cvtColor(bgr, cv2.COLOR_BGR2LAB).astype(np.float32)
    new = _shift_region(lab, mask, rng, t)
    a = _soft(mask)
    out = lab * (1 - a) + new * a
    return cv2.cvtColor(np.clip(out, 0, 255).astype(np.uint8), cv2.COLOR_LAB2BGR)


def shift_skin(bgr, label, rng):
    """Skin (and scars on it, by the same transform so their contrast is kept) to another tone, from
    very light to very dark (Monk 1..10 spans L* ~15..93)."""
    mask = (label == SKIN) | (label == SCAR)
    px_mask = label == SKIN
    if px_mask.sum() < 200:
        return bgr
    lab = cv2.cvtColor(bgr, cv2.COLOR_BGR2LAB).astype(np.float32)
    mean = lab[px_mask].mean(0)
    tL = rng.uniform(45, 225)
    ta = rng.uniform(130, 150)
    tb = rng.uniform(132, 165)
    k = rng.uniform(0.7, 1.1) * (0.6 + 0.4 * tL / 200)  # dark skin shows less shading contrast
    new = lab.copy()
    new[..., 0] = (lab[..., 0] - mean[0]) * k + tL
    new[..., 1] = (lab[..., 1] - mean[1]) * 0.8 + ta
    new[..., 2] = (lab[..., 2] - mean[2]) * 0.8 + tb
    a = _soft(mask)
    out = lab * (1 - a) + new * a
    return cv2.cvtColor(np.clip(out, 0, 255).astype(np.uint8), cv2.COLOR_LAB2BGR)


def geometry(bgr, label, rng, size):
    h, w = label.shape
    k = int(rng.integers(0, 4))
    if k:
        bgr, label = np.rot90(bgr, k).copy(), np.rot90(label, k).copy()
    if rng.random() < 0.5:
        bgr, label = bgr[:, ::-1].copy(), label[:, ::-1].copy()
    angle = rng.uniform(-30, 30) if rng.random() < 0.7 else 0.0
    # the model runs on whole photos stretched to 320 px, i.e. ~1.4x a 224 crop's scale: centre the
    # zoom there, from 0.5 (the whole photo in 112 px: small heads as in portraits) to 2.6 (close-ups)
    scale = math.exp(rng.uniform(math.log(0.5), math.log(2.6))) * size / max(h, w)
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, scale)
    m[0, 2] += size / 2 - w / 2 + rng.uniform(-0.15, 0.15) * size
    m[1, 2] += size / 2 - h / 2 + rng.uniform(-0.15, 0.15) * size
    border = tuple(int(v) for v in rng.integers(0, 256, 3))
    img = cv2.warpAffine(bgr, m, (size, size), flags=cv2.INTER_AREA if scale < 0.6 else cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_CONSTANT, borderValue=border)
    lab = cv2.warpAffine(label, m, (size, size), flags=cv2.INTER_NEAREST, borderMode=cv2.BORDER_CONSTANT, borderValue=BG)
    return img, lab


def _smooth_field(rng, size, cells):
    """A smooth random colour field (bilinear-upsampled noise): walls, sky, blurred rooms."""
    small = rng.integers(0, 256, (cells, cells, 3)).astype(np.uint8)
    return cv2.resize(small, (size, size), interpolation=cv2.INTER_CUBIC)


def random_background(rng, size, donors=None):
    """A background unlike our clinic photos: smooth fields, stripes and blocks (furniture, clothes),
    noisy textures (foliage, fabric), including skin-coloured walls so the model cannot call every
    beige pixel skin; or a background-only crop of another photo when donors are given."""
    kind = rng.integers(0, 4)
    if kind == 0:
        bg = _smooth_field(rng, size, int(rng.integers(2, 6)))
    elif kind == 1:
        bg = np.empty((size, size, 3), np.uint8)
        bg[:] = rng.integers(0, 256, 3)
        for _ in range(int(rng.integers(2, 10))):
            x0, y0 = rng.integers(0, size, 2)
            x1, y1 = x0 + rng.integers(10, size), y0 + rng.integers(10, size)
            cv2.rectangle(bg, (int(x0), int(y0)), (int(x1), int(y1)), tuple(int(v) for v in rng.integers(0, 256, 3)), -1)
        if rng.random() < 0.5:  # stripes / plaid
            step = int(rng.integers(4, 24))
            col = tuple(int(v) for v in rng.integers(0, 256, 3))
            for t in range(0, size, step):
                cv2.line(bg, (t, 0), (t, size), col, max(1, step // 3))
    elif kind == 2:
        base = _smooth_field(rng, size, int(rng.integers(2, 5))).astype(np.float32)
        tex = cv2.GaussianBlur(rng.normal(0, 1, (size, size)).astype(np.float32), (0, 0), rng.uniform(0.5, 3))
        bg = np.clip(base + tex[..., None] * rng.uniform(20, 70), 0, 255).astype(np.uint8)
    else:
        skinlike = np.array([rng.uniform(90, 230), rng.uniform(130, 155), rng.uniform(135, 165)], np.float32)
        lab = np.empty((size, size, 3), np.float32)
        lab[:] = skinlike
        lab[..., 0] += cv2.resize(rng.normal(0, 12, (4, 4)).astype(np.float32), (size, size), interpolation=cv2.INTER_CUBIC)
        bg = cv2.cvtColor(np.clip(lab, 0, 255).astype(np.uint8), cv2.COLOR_LAB2BGR)
    return bg


def replace_background(bgr, label, rng):
    """Keeps the head (skin, hair, scar, and the undecided band around it) and swaps the rest."""
    bg = random_background(rng, bgr.shape[0])
    keep = _soft(label != BG, 1.0)
    return (bgr * keep + bg * (1 - keep)).astype(np.uint8)


def photometric(bgr, rng):
    x = bgr.astype(np.float32) / 255
    x *= rng.uniform(0.8, 1.2, 3).astype(np.float32)  # white balance / colour cast
    x = (x - 0.5) * rng.uniform(0.7, 1.3) + 0.5 + rng.uniform(-0.12, 0.12)
    x = np.clip(x, 0, 1) ** rng.uniform(0.7, 1.4)
    if rng.random() < 0.35:  # uneven lighting
        h, w = x.shape[:2]
        ang = rng.uniform(0, 2 * math.pi)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        g = ((xx / w - 0.5) * math.cos(ang) + (yy / h - 0.5) * math.sin(ang)) * rng.uniform(0.3, 0.9)
        x = x * (1 + g[..., None])
    if rng.random() < 0.05:
        x = np.repeat(x.mean(2, keepdims=True), 3, 2)
    if rng.random() < 0.3:
        x = cv2.GaussianBlur(x, (0, 0), rng.uniform(0.3, 1.5))
    if rng.random() < 0.3:
        x = x + rng.normal(0, rng.uniform(0.005, 0.03), x.shape).astype(np.float32)
    out = (np.clip(x, 0, 1) * 255).astype(np.uint8)
    if rng.random() < 0.5:
        ok, enc = cv2.imencode('.jpg', out, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(25, 96))])
        out = cv2.imdecode(enc, cv2.IMREAD_COLOR)
    return out


def augment(bgr, label, rng, size, scar_p=0.5, colour_p=0.5, paint_first=False):
    # geometry first so the colour work runs on size x size pixels (CPU is scarce); the scar generator
    # measures the head in the warped label, so its mm scale follows the zoom. A crop often cuts the
    # head, though, which makes that scale (and the scars) smaller than on the whole photos the model
    # sees: paint_first paints on the whole source photo, as the evaluation set is painted, then warps.
    if paint_first and rng.random() < scar_p:
        res = scars.paint(bgr, label, int(rng.integers(0, 2**31 - 1)))
        if res is not None:
            bgr, label, _ = res
    bgr, label = geometry(bgr, label, rng, size)
    if rng.random() < colour_p * 0.7:
        bgr = replace_background(bgr, label, rng)
    if not paint_first and rng.random() < scar_p:
        res = scars.paint(bgr, label, int(rng.integers(0, 2**31 - 1)))
        if res is not None:
            bgr, label, _ = res
    if rng.random() < colour_p:
        bgr = recolour_hair(bgr, label, rng)
    if rng.random() < colour_p:
        bgr = shift_skin(bgr, label, rng)
    return photometric(bgr, rng), label
