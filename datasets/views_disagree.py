"""Does one photo's own Norwood grade give away a photo of someone else? (src/vision/norwood/consistency.ts)

Reads the per-photo rows of `node dist/test/eval/person-features.js` (every person's five views,
analysed together as the service does) and compares, per consultation, each photo's expected major
level with the median of the other photos'. Consultations as taken (genuine) against consultations
with one photo replaced by the same view of another person (5 random others per photo, seed 1).
Also prints the hair colour and skin ITA gaps, which separate people far less well.

    npm run build && node dist/test/eval/person-features.js
    /usr/bin/python3 datasets/views_disagree.py [tmp/person-features.json]
"""
import json
import math
import random
import statistics
import sys

MAX_GAP = 2.0  # consistency.ts MAX_VIEW_GAP

rows = json.load(open(sys.argv[1] if len(sys.argv) > 1 else 'tmp/person-features.json'))
by = {}
for r in rows:
    by.setdefault(r['subject'], {})[r['view']] = r
people = sorted(by)


def expected_level(r):
    n = r['norwood']
    if not n or not n.get('assessable') or not n.get('probabilities'):
        return None
    p = n['probabilities']
    return sum(float(k) * v for k, v in p.items()) / sum(p.values())


def gaps(photo, others):
    """Gaps between one photo and the median of the others: level, hair ΔE76, skin ITA."""
    out = {}
    lv = expected_level(photo)
    ls = [x for x in map(expected_level, others) if x is not None]
    if lv is not None and len(ls) >= 2:
        out['level'] = abs(lv - statistics.median(ls))
    hs = [o['hairColour']['lab'] for o in others if o['hairColour']]
    if photo['hairColour'] and hs:
        out['hair dE76'] = math.dist(photo['hairColour']['lab'], [statistics.median(h[i] for h in hs) for i in range(3)])
    its = [o['skinTone']['ita'] for o in others if o['skinTone']]
    if photo['skinTone'] and its:
        out['skin ITA'] = abs(photo['skinTone']['ita'] - statistics.median(its))
    return out


def consultation_gap(views, key):
    gs = [gaps(ph, [x for w, x in views.items() if w != v]).get(key) for v, ph in views.items()]
    gs = [g for g in gs if g is not None]
    return max(gs) if gs else None


random.seed(1)
for key in ['level', 'hair dE76', 'skin ITA']:
    for part in ['train', 'test']:
        genuine, swapped = [], []
        for p in people:
            views = by[p]
            if next(iter(views.values()))['set'] != part:
                continue
            genuine.append(consultation_gap(views, key))
            for v in views:
                for q in random.sample([x for x in people if x != p and v in by[x]], 5):
                    mixed = dict(views)
                    mixed[v] = by[q][v]
                    swapped.append((consultation_gap(mixed, key), abs(by[q][v]['level'] - by[p][v]['level'])))
        genuine = [g for g in genuine if g is not None]
        swapped = [(g, d) for g, d in swapped if g is not None]
        if key == 'level':
            flagged = sum(g > MAX_GAP for g in genuine)
            by_diff = {}
            for g, d in swapped:
                by_diff.setdefault(min(d, 4), []).append(g > MAX_GAP)
            per = ', '.join(f"{'4+' if d == 4 else d}: {100 * sum(v) / len(v):.0f} % of {len(v)}" for d, v in sorted(by_diff.items()))
            print(f'{part}: gap > {MAX_GAP} levels flags {flagged} of {len(genuine)} consultations as taken, '
                  f'{100 * sum(g > MAX_GAP for g, _ in swapped) / len(swapped):.0f} % of {len(swapped)} with a photo swapped '
                  f'(by the labelled level difference of the swapped-in person: {per})')
        else:
            t = sorted(genuine)[int(0.95 * (len(genuine) - 1))]
            print(f'{part}: {key}, at the gap that flags 5 % of consultations as taken ({t:.1f}): '
                  f'{100 * sum(g > t for g, _ in swapped) / len(swapped):.0f} % of swapped ones flagged')
