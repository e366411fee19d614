"""Synthetic-scar evaluation set on held-out people (split.json "test"): one scar painted on one photo
per (subject, view), kinds in rotation, seeds fixed. Writes the images and labels to
datasets/cache/scars-eval/ (gitignored) and the parameters of every sample to datasets/scars-eval.json
(committed), so the set can be regenerated exactly.   /usr/bin/python3 datasets/make_scar_eval.py

With --people train: the same on the train people, for choosing the scar-finding settings
(src/vision/scars/find-scars.ts) without looking at the held-out set; other seeds, written to
datasets/cache/scars-tune/ and datasets/cache/scars-tune.json (both gitignored, regenerated on demand).
"""
import json
import os
import sys

import cv2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
import scars  # noqa: E402

SETS = {
    'test': (os.path.join(C.CACHE, 'scars-eval'), os.path.join(C.HERE, 'scars-eval.json'), 900_000),
    'train': (os.path.join(C.CACHE, 'scars-tune'), os.path.join(C.CACHE, 'scars-tune.json'), 700_000),
}


def main():
    which = sys.argv[sys.argv.index('--people') + 1] if '--people' in sys.argv else 'test'
    if which not in SETS:
        sys.exit(f'--people must be one of {", ".join(SETS)}, got {which}')
    OUT, META, SEED0 = SETS[which]
    os.makedirs(OUT, exist_ok=True)
    people = dict(zip(('train', 'test'), C.split()))[which]
    seen, rows = set(), []
    for r in C.photos():
        key = (r['subject'], r['view'])
        if r['subject'] in people and key not in seen:
            seen.add(key)
            rows.append(r)
    samples = []
    for i, r in enumerate(rows):
        lab_path = os.path.join(C.LABELS_DIR, r['stem'] + '.png')
        if not os.path.exists(lab_path):
            sys.exit(f'missing bootstrapped label {lab_path}: run datasets/bootstrap_labels.py first')
        bgr = cv2.imread(os.path.join(C.LEVELS, r['file']), cv2.IMREAD_COLOR)
        lab = cv2.imread(lab_path, cv2.IMREAD_GRAYSCALE)
        kind = scars.KINDS[i % 3]
        res = scars.paint(bgr, lab, SEED0 + i, kind=kind)
        if res is None:
            continue
        img, new_lab, params = res
        name = f'{r["stem"]}-scar'
        cv2.imwrite(os.path.join(OUT, name + '.png'), img)
        cv2.imwrite(os.path.join(OUT, name + '.label.png'), new_lab)
        samples.append({'name': name, 'photo': r['file'], 'subject': r['subject'], 'view': r['view'], **params})
    with open(META, 'w') as f:
        json.dump({'generator': 'datasets/scars.py', 'seed0': SEED0, 'split': which, 'samples': samples}, f, indent=1)
        f.write('\n')
    print(f'{len(samples)} scar samples in {OUT}')


if __name__ == '__main__':
    main()
