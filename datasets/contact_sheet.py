"""Contact sheets to LOOK at labels: photo | overlay, tiled. Used by bootstrap_labels.py and scars.py."""
import cv2
import numpy as np

COLOURS = {0: (0, 0, 0), 1: (80, 200, 255), 2: (40, 40, 220), 3: (60, 255, 60), 255: (255, 0, 255)}  # BGR


def overlay(bgr, label, alpha=0.45):
    col = np.zeros_like(bgr)
    for k, c in COLOURS.items():
        col[label == k] = c
    out = bgr.copy()
    m = label != 0
    out[m] = (bgr[m] * (1 - alpha) + col[m] * alpha).astype(np.uint8)
    return out


def sheet(tiles, cols, tile=256):
    tiles = [cv2.resize(t, (tile, tile), interpolation=cv2.INTER_AREA) for t in tiles]
    while len(tiles) % cols:
        tiles.append(np.zeros_like(tiles[0]))
    rows = [np.hstack(tiles[i:i + cols]) for i in range(0, len(tiles), cols)]
    return np.vstack(rows)
