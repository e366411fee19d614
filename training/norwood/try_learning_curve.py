"""Experiment (not part of the fit): would the stacker gain from more labelled people?

CV over the 78 train people with the shipped fit's 5 person-grouped folds, inputs and choices (as
try_embedding.py reads them: 'full' features, l2, pattern exponent); each fold's stacker is fitted on
its training people subsampled per level (fraction f, several draws), or on them plus the 20 held-out
people (whose image scores and pattern distributions come from models that never saw them either).
Only the stacker is refitted: the image branch and the mask-pattern model keep their shipped folds.

  cd training/norwood && /usr/bin/python3 try_learning_curve.py

Measured 2026-11-23 (fused exact / QWK, per photo exact / QWK, CV over the 78 train people):
  ~31 people per fold (f 0.5, 6 draws)  59.8 % / 0.904   47.2 % / 0.829
  ~46 people (f 0.75, 6 draws)          59.6 % / 0.902   47.9 % / 0.833
  ~62 people (all, as shipped)          59.0 % / 0.905   48.4 % / 0.842
  ~82 people (+ the 20 held-out)        56.4 % / 0.894   50.2 % / 0.846
The per-photo grade rises slowly with people; the fused grade does not move (the spread
between draws is 1.6-2.4 points, two people). Fitting the shipped stacker on all 98 people would not
lift the fused grade, so the held-out people stay held out: what limits it is what the features carry.
"""
import numpy as np

import fit_grader as G
from try_embedding import shipped_inputs


def main():
    fit, D, train, test, c_oof, c_final, folds = shipped_inputs()
    C = np.where(np.isnan(c_oof), c_final, c_oof)
    lvl = {s: D.y[D.subj == s][0] for s in set(D.subj)}

    def run(frac, extra, seed):
        rng = np.random.default_rng(seed)
        P = np.full((len(D.rows), len(G.LEVELS)), np.nan)
        for f in folds:
            te = np.isin(D.subj, list(f))
            pool = [s for s in train if s not in f]
            if frac < 1:
                keep = []
                for l in sorted(set(lvl[s] for s in pool)):
                    g = [s for s in pool if lvl[s] == l]
                    rng.shuffle(g)
                    keep += g[:max(1, int(round(frac * len(g))))]
                pool = keep
            people = pool + (list(test) if extra else [])
            tr = np.isin(D.subj, people)
            P[te] = G.predict_views(D, te, 'full', G.fit_views(D, tr, 'full', fit['l2']))[te]
        Q = G.with_pattern(P, C, fit['exponent'])
        alpha = G.fit_alpha(D, Q, train)
        ev = G.evaluate(D, Q, train, alpha)
        return ev['fused']['exact'], ev['fused']['qwk'], ev['perPhoto']['exact'], ev['perPhoto']['qwk']

    for frac, extra, seeds in ((0.5, False, 6), (0.75, False, 6), (1.0, False, 1), (1.0, True, 1)):
        r = np.array([run(frac, extra, s) for s in range(seeds)])
        n = int(round(frac * 62)) + (20 if extra else 0)
        print(f"~{n} stacker people (frac {frac}{' +20 held-out' if extra else ''}): fused exact {r[:,0].mean():.3f} qwk {r[:,1].mean():.3f}  per photo exact {r[:,2].mean():.3f} qwk {r[:,3].mean():.3f}  (sd fused exact {r[:,0].std():.3f})", flush=True)


if __name__ == '__main__':
    main()
