"""Per-photo feature vectors for the level models, from the geometry dump (dump-zones) and the image
embeddings. The same vector is built in TypeScript (src/vision/norwood/view-features.ts) at run time."""
import numpy as np

ZONES = ['frontal', 'templeLeft', 'templeRight', 'midScalp', 'crown', 'donor']


def mask_vector(g):
    """Zone bald fractions (+ visibility), hairline, grid, coverage: fixed length, nulls as 0 + flag."""
    v = []
    for z in ZONES:
        b = g['zones'][z]['bald']
        v += [b if b is not None else 0.0, 1.0 if b is not None else 0.0]
    for h in ('centre', 'left', 'right', 'templeExcess'):
        x = g['hairline'][h]
        v += [x if x is not None else 0.0]
    v += [b if b is not None else 0.0 for b in g['baldGrid']]
    v += list(g['headGrid'])
    v += [g['coverage']['skin'] + g['coverage']['scar'], g['scalpFraction'], g['head']['areaFraction']]
    return np.array(v, np.float32)


MASK_DIM = None  # the length follows the geometry grid (src/vision/geometry/zones.ts GRID)
