"""Shared helpers for the dataset scripts: where things live, the photo list, the split."""
import csv
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.environ.get('SMP_SHARED_DIR', os.path.join(REPO, '..', 'shared'))
LEVELS = os.path.join(SHARED, 'data', 'hairloss-levels')
SAMPLES = os.path.join(SHARED, 'data', 'hair-seg-samples')
TEACHER_ONNX = os.path.join(SHARED, 'models', 'pan-skin-clothes-hair', 'model.onnx')
CACHE = os.path.join(HERE, 'cache')
TEACHER_CACHE = os.path.join(CACHE, 'teacher')
LABELS_DIR = os.path.join(CACHE, 'labels')

# label values in the bootstrapped PNGs
BG, SKIN, HAIR, SCAR, IGNORE = 0, 1, 2, 3, 255


def photos():
    """Rows of labels.csv (file, subject, level, view, ...), with 'stem' = file name without extension."""
    with open(os.path.join(LEVELS, 'labels.csv'), newline='') as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        r['stem'] = os.path.splitext(os.path.basename(r['file']))[0]
    return rows


def split():
    with open(os.path.join(HERE, 'split.json')) as f:
        s = json.load(f)
    return set(s['train']), set(s['test'])
