"""Synthetic-scar evaluation set on held-out people (split.json "test"): one scar painted on one photo
per (subject, view), kinds in rotation, seeds fixed. Writes the images and labels to
datasets/cache/scars-eval/ (gitignored) and the parameters of every sample to datasets/scars-eval.json
(committed), so the set can be regenerated exactly.   /usr/bin/python3 datasets/make_scar_eval.py
"""
import json
import os
import sys

import cv2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
import scars  # noqa: E402

OUT = os.path.join(C.CACHE, 'scars-eval')
SEED0 = 900_000


def main():
    os.makedirs(OUT, exist_ok=True)
    _, test = C.split()
    seen, rows = set(), []
    for r in C.photos():
        key = (r['subject'], r['view'])
        if r['subject'] in test and key not in seen:
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
    with open(os.path.join(C.HERE, 'scars-eval.json'), 'w') as f:
        json.dump({'generator': 'datasets/scars.py', 'seed0': SEED0, 'split': 'test', 'samples': samples}, f, indent=1)
        f.write('\n')
    print(f'{len(samples)} scar samples in {OUT}')


if __name__ == '__main__':
    main()
