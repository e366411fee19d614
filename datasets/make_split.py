"""Person-level train/test split of ../shared/data/hairloss-levels, stratified by level.

Views of one person are highly correlated, so the split is by subject, never by photo. About 20 % of
the people of each level are held out (rounded), chosen with a fixed seed so the file is reproducible:
    /usr/bin/python3 datasets/make_split.py   ->  datasets/split.json
"""
import csv
import json
import os
import random
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get('SMP_SHARED_DIR', os.path.join(HERE, '..', '..', 'shared'))
LABELS = os.path.join(SHARED, 'data', 'hairloss-levels', 'labels.csv')
SEED = 20240601
TEST_FRACTION = 0.2


def main() -> None:
    if not os.path.exists(LABELS):
        sys.exit(f'missing {LABELS}: ../shared is needed to build the split')
    by_level = defaultdict(set)
    with open(LABELS, newline='') as f:
        for row in csv.DictReader(f):
            by_level[int(row['level'])].add(row['subject'])
    rng = random.Random(SEED)
    train, test = [], []
    for level in sorted(by_level):
        subjects = sorted(by_level[level])
        rng.shuffle(subjects)
        k = max(1, round(len(subjects) * TEST_FRACTION))
        test += subjects[:k]
        train += subjects[k:]
    out = {
        'source': 'shared/data/hairloss-levels/labels.csv',
        'unit': 'subject',
        'stratified_by': 'level',
        'seed': SEED,
        'test_fraction': TEST_FRACTION,
        'train': sorted(train),
        'test': sorted(test),
    }
    with open(os.path.join(HERE, 'split.json'), 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')
    print(f'{len(train)} train, {len(test)} test subjects')


if __name__ == '__main__':
    main()
