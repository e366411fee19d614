"""Experiment (not part of the fit): does another frozen image embedding, in place of or next to the
shipped one (the teacher's MobileNetV3-small encoder, models/norwood-features), help the stacker?

Same zones, image level scores, mask-pattern distributions and 5 person-grouped folds as fit_grader.py
(the shipped configuration, read from the models' cards and params: 'full' features, the chosen
pattern exponent); only the embedding block E changes.
The other embedding is read from datasets/cache/norwood/ext-<name>/<photo key>.f32: float32 [4, dim],
the 4 counter-clockwise quarter-turns of the photo stretched to the network's square input, as the
runtime does for its own (try_imagenet_embedding.cjs writes them).

  cd training/norwood && /usr/bin/python3 try_embedding.py mobilenet_v2_mid

Measured 2026-11-23 with mobilenet_v2_mid (TF-Hub's ImageNet MobileNetV2 1.4 feature vector, 1792-d,
uint8-quantised, as shipped inside the nsfwjs npm package), CV fused exact / within one / QWK
(nested: fusion weights fitted without the scored fold) and held-out fused, l2 = 3 (the shipped l2):
  shipped E        CV 59.0 / 94.9 / 0.905 (nested 55.1 %)  held-out 60 / 90 / 0.888
  ImageNet only    CV 53.8 / 96.2 / 0.896 (nested 48.7 %)  held-out 55 / 90 / 0.875
  both             CV 55.1 / 93.6 / 0.880 (nested 56.4 %)  held-out 55 / 85 / 0.854
and at l2 1, 10, 30 no row beat the shipped one by more than one or two people (best: both at l2 10, CV
61.5 %, nested 60.3 %, held-out 55 %). A generic ImageNet embedding does not separate the levels
better than the teacher's: with 78 train people the limit is the people, not the backbone.
"""
import json
import os
import sys

import numpy as np

import fit_grader as G
from common import CACHE, ROOT, feature_id, grouped_folds, load_level_scores, read_jsonl, read_split


def shipped():
    """The shipped fit's inputs and choices, read from its cards and params (as fit.sh passes them), so the
    comparison is always against the current grader, never a stale cache of an older one."""
    card = lambda m: json.load(open(os.path.join(ROOT, 'models', m, 'card.json')))
    grader = json.load(open(os.path.join(ROOT, 'models', 'norwood-grader', 'params.json')))['grader']
    report = json.load(open(os.path.join(ROOT, 'models', 'norwood-grader', 'report.json')))
    return {'seg': card('norwood-grader')['segmenter'], 'oof': f"cnn-oof-{card('norwood-features')['levelBranch']['config']}.json",
            'pattern': card('norwood-mask-cnn')['config'], 'exponent': grader['pattern']['full']['exponent'], 'l2': report['full']['l2']}


def fmt(d):
    return f"{100 * d['exact']:.1f} / {100 * d['withinOne']:.1f} / {d['qwk']:.3f}"


def shipped_inputs():
    """The stacker's inputs as the shipped fit saw them: zones rows, out-of-fold image scores for the train
    people and the shipped branch's for the test people, the mask-pattern distributions (out of fold and
    final), and the 5 person-grouped folds of the train people."""
    fit = shipped()
    rows = read_jsonl(os.path.join(CACHE, f"zones-{fit['seg']}.jsonl"))
    scores = json.load(open(os.path.join(CACHE, fit['oof'])))
    train, test = read_split()
    test_rows = [r for r in rows if r['subject'] in set(test)]
    for r, s in zip(test_rows, load_level_scores([r['key'] for r in test_rows], feature_id())):
        scores[r['key']] = s.tolist()
    D = G.Data(rows, scores)
    c_oof = G.pattern_matrix(D, json.load(open(os.path.join(CACHE, f"maskcnn-oof-{fit['pattern']}.json"))))
    c_final = G.pattern_matrix(D, json.load(open(os.path.join(CACHE, f"maskcnn-final-{fit['pattern']}.json"))))
    folds = grouped_folds([s for s in D.subj if s in set(train)], [y for s, y in zip(D.subj, D.y) if s in set(train)], k=5)
    return fit, D, train, test, c_oof, c_final, folds


def main():
    name = sys.argv[1]
    fit, D, train, test, c_oof, c_final, folds = shipped_inputs()
    rows = D.rows
    other = np.stack([np.fromfile(os.path.join(CACHE, f'ext-{name}', r['key'] + '.f32'), dtype=np.float32).reshape(4, -1).mean(0)
                      for r in rows]).astype(np.float64)
    own = D.E
    for l2 in sorted({1.0, 3.0, 10.0, 30.0, fit['l2']}):
        for label, E in (('shipped E', own), (f'{name} only', other), ('both', np.concatenate([own, other], 1))):
            D.E = E
            P = G.with_pattern(G.cv(D, train, 'full', l2, folds), c_oof, fit['exponent'])
            alpha = G.fit_alpha(D, P, train)
            ev = G.evaluate(D, P, train, alpha)
            models = G.fit_views(D, np.isin(D.subj, train), 'full', l2)
            held = G.evaluate(D, G.with_pattern(G.predict_views(D, np.isin(D.subj, test), 'full', models), c_final, fit['exponent']), test, alpha)
            print(f"l2 {l2:<5} {label:28s} CV fused {fmt(ev['fused'])} (nested {100 * G.nested_fused(D, P, folds)['exact']:.1f} %)"
                  f"  per photo {fmt(ev['perPhoto'])}  held-out fused {fmt(held['fused'])}", flush=True)


if __name__ == '__main__':
    main()
