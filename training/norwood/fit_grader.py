"""Stage 5 of the Norwood fit: per-view ordinal level models on [image level score, mask zone features,
frozen image embedding (mean over the 4 quarter-turns)]
and their log-linear fusion weights, selected by person-grouped 5-fold CV inside the train split, then
fitted on all train people. The image level scores of train people are out-of-fold (train_cnn.py), so
the stacker never sees a score from a network that was trained on that person.

With the mask-pattern model's distributions (train_mask_cnn.py: out-of-fold for train people, the
shipped ensemble for test people), each photo's distribution is multiplied by the pattern's raised to an
exponent chosen by the same CV (0 = not used), and the fusion weights are refitted for the product.

  /usr/bin/python3 training/norwood/fit_grader.py <zones.jsonl> <oof scores.json> <params.json> <report.json> [<pattern oof.json> <pattern final.json>]
Test people's scores come from the shipped feature model (the cached runtime outputs).
"""
import json
import sys

import numpy as np
import torch

from common import HEAD_VIEWS, feature_id, grouped_folds, lbfgs, load_embeddings, load_level_scores, metrics, read_jsonl, read_split, standardiser
from features import MASK_DIM, mask_vector

LEVELS = [2, 3, 4, 5, 6, 7]
L2_GRID = [0.03, 0.1, 0.3, 1.0, 3.0]
PATTERN_EXPONENTS = [0.0, 0.25, 0.5, 0.75, 1.0]


def fit_ordinal(X, y, w, l2):
    Xt = torch.from_numpy(X).double()
    yt = torch.from_numpy(np.array([LEVELS.index(v) for v in y])).long()
    wt = torch.from_numpy(w).double()
    beta = torch.zeros(X.shape[1], dtype=torch.float64, requires_grad=True)
    th = torch.tensor(np.arange(len(LEVELS) - 1) - 2.0, dtype=torch.float64, requires_grad=True)

    def closure():
        if beta.grad is not None:
            beta.grad.zero_()
            th.grad.zero_()
        p = ordinal_probs_t(Xt @ beta, th)
        loss = -(torch.log(p[torch.arange(len(yt)), yt]) * wt).sum() / wt.sum() + l2 * (beta ** 2).sum()
        loss.backward()
        return loss

    lbfgs([beta, th], closure, 300)
    return beta.detach().numpy(), np.sort(th.detach().numpy())


def ordinal_probs_t(z, th):
    cum = torch.sigmoid(torch.sort(th)[0][None, :] - z[:, None])
    cum = torch.cat([torch.zeros(len(z), 1, dtype=z.dtype), cum, torch.ones(len(z), 1, dtype=z.dtype)], 1)
    return (cum[:, 1:] - cum[:, :-1]).clamp_min(1e-6)


def ordinal_probs(X, beta, th):
    z = X @ beta
    cum = 1 / (1 + np.exp(-(th[None, :] - z[:, None])))
    cum = np.concatenate([np.zeros((len(z), 1)), cum, np.ones((len(z), 1))], 1)
    p = np.clip(cum[:, 1:] - cum[:, :-1], 1e-6, None)
    return p / p.sum(1, keepdims=True)


class Data:
    def __init__(self, rows, scores):
        self.rows = rows
        self.E = load_embeddings([r['key'] for r in rows], feature_id()).mean(1).astype(np.float64)
        self.M = np.stack([mask_vector(r['given']) for r in rows]).astype(np.float64)
        assert len({len(v) for v in self.M}) == 1
        self.S = np.array([scores[r['key']][HEAD_VIEWS.index(r['view'])] if r['key'] in scores else np.nan for r in rows])
        self.y = np.array([r['level'] for r in rows])
        self.subj = np.array([r['subject'] for r in rows])
        self.view = np.array([r['view'] for r in rows])
        self.ok = np.array([bool(r['given']['assessable']) for r in rows])
        groups = {}
        for i, r in enumerate(rows):
            groups.setdefault((r['subject'], r['view']), []).append(i)
        self.groups = groups
        self.w = np.array([1 / len(groups[(r['subject'], r['view'])]) for r in rows])

    def X(self, kind):
        return self.M if kind == 'maskOnly' else np.concatenate([self.S[:, None], self.M, self.E], 1)


def fit_views(D, sel, kind, l2):
    models = {}
    X = D.X(kind)
    for v in HEAD_VIEWS:
        tr = sel & (D.view == v) & D.ok
        mean, scale = standardiser(X[tr])
        beta, th = fit_ordinal((X[tr] - mean) / scale, D.y[tr], D.w[tr], l2)
        models[v] = (mean, scale, beta, th)
    return models


def predict_views(D, sel, kind, models):
    P = np.full((len(D.rows), len(LEVELS)), np.nan)
    X = D.X(kind)
    for v in HEAD_VIEWS:
        m = sel & (D.view == v) & D.ok
        if m.any():
            mean, scale, beta, th = models[v]
            P[m] = ordinal_probs((X[m] - mean) / scale, beta, th)
    return P


def pool(D, P, people, alpha, views=HEAD_VIEWS):
    """Fused distribution per person: prod over usable photos p^(alpha_v / n_v)."""
    out = {}
    for s in people:
        L = np.zeros(len(LEVELS))
        used = False
        for vi, v in enumerate(HEAD_VIEWS):
            if v not in views:
                continue
            idx = [i for i in D.groups.get((s, v), []) if not np.isnan(P[i, 0])]
            for i in idx:
                L += alpha[vi] / len(idx) * np.log(P[i])
                used = True
        if used:
            L -= L.max()
            p = np.exp(L)
            out[s] = p / p.sum()
    return out


def fit_alpha(D, P, people):
    """Fusion weights maximising the pooled log-likelihood of the people's levels."""
    truth = {s: D.y[D.subj == s][0] for s in people}
    logs = {}
    for s in people:
        per = np.zeros((len(HEAD_VIEWS), len(LEVELS)))
        for vi, v in enumerate(HEAD_VIEWS):
            idx = [i for i in D.groups.get((s, v), []) if not np.isnan(P[i, 0])]
            if idx:
                per[vi] = np.log(P[idx]).mean(0)
        logs[s] = per
    A = torch.from_numpy(np.stack([logs[s] for s in people]))
    Y = torch.tensor([LEVELS.index(truth[s]) for s in people])
    raw = torch.zeros(len(HEAD_VIEWS), dtype=torch.float64, requires_grad=True)

    def closure():
        if raw.grad is not None:
            raw.grad.zero_()
        alpha = torch.nn.functional.softplus(raw) * 1.0
        L = (A * alpha[None, :, None]).sum(1)
        loss = torch.nn.functional.cross_entropy(L, Y) + 0.01 * ((alpha - 0.5) ** 2).sum()
        loss.backward()
        return loss

    lbfgs([raw], closure, 200)
    return torch.nn.functional.softplus(raw).detach().numpy()


def evaluate(D, P, people, alpha):
    sel = np.isin(D.subj, list(people)) & ~np.isnan(P[:, 0])
    out = {}
    pred = np.array(LEVELS)[np.nan_to_num(P).argmax(1)]
    out['perPhoto'] = metrics(D.y[sel], pred[sel])
    for v in HEAD_VIEWS:
        m = sel & (D.view == v)
        out[v] = metrics(D.y[m], pred[m])
    fused = pool(D, P, people, alpha)
    ppl = sorted(fused)
    out['fused'] = metrics([D.y[D.subj == s][0] for s in ppl], [LEVELS[int(np.argmax(fused[s]))] for s in ppl])
    out['fused']['meanConfidence'] = float(np.mean([fused[s].max() for s in ppl]))
    return out


def nested_fused(D, P, folds):
    """Fused metrics with the fusion weights fitted on the other folds' people too (cvTrain fits them on
    every train person's out-of-fold distributions, so its fused figure has seen the people it scores)."""
    truth, pred = [], []
    for f in folds:
        others = [s for g in folds if g is not f for s in g]
        fused = pool(D, P, sorted(f), fit_alpha(D, P, others))
        for s in sorted(fused):
            truth.append(D.y[D.subj == s][0])
            pred.append(LEVELS[int(np.argmax(fused[s]))])
    return metrics(truth, pred)


def cv(D, people, kind, l2, folds):
    P = np.full((len(D.rows), len(LEVELS)), np.nan)
    for f in folds:
        te = np.isin(D.subj, list(f))
        tr = np.isin(D.subj, list(people)) & ~te
        P[te] = predict_views(D, te, kind, fit_views(D, tr, kind, l2))[te]
    return P


def pattern_matrix(D, probs):
    """[N, levels] pattern distributions in row order; NaN where the model gave none."""
    return np.array([probs.get(r['key'], [np.nan] * len(LEVELS)) for r in D.rows], dtype=np.float64)


def with_pattern(P, C, exponent):
    """Per photo: P * C^exponent, renormalised (P where the pattern is missing or the exponent is 0)."""
    if exponent == 0:
        return P
    Q = P * np.where(np.isnan(C), 1.0, C) ** exponent
    return Q / Q.sum(1, keepdims=True)


def selection_key(ev):
    return ev['fused']['exact'] + ev['fused']['qwk'] + 0.5 * ev['perPhoto']['exact']


def to_json(models, kind):
    r = lambda a: [round(float(x), 6) for x in a]
    return {v: {'mean': r(m[0]), 'scale': r(m[1]), 'beta': r(m[2]), 'thresholds': r(m[3])} for v, m in models.items()}


def calibrate_rules(rows, people):
    """Rule thresholds relative to what the labelled train people's top views measure with these masks
    (the rules themselves come from the definitions; only where each cut sits is read from the data):
    level 1 = temples and front less bald than 95 % of level-2 people; vertex = a crown at least as bald
    as the median level-4/5 crown; A = temples no deeper than the 10th percentile of levels 2-3, a front
    at least as bald as their median, a crown no balder than their median."""
    m = {}
    for r in rows:
        g = r['given']
        if r['view'] != 'top' or not g['assessable'] or r['subject'] not in people:
            continue
        z = g['zones']
        t = [x for x in (z['templeLeft']['bald'], z['templeRight']['bald']) if x is not None]
        e = m.setdefault(r['level'], {'temple': [], 'frontal': [], 'excess': [], 'crown': []})
        if t:
            e['temple'].append(max(t))
        for k, v in (('frontal', z['frontal']['bald']), ('crown', z['crown']['bald']), ('excess', g['hairline']['templeExcess'])):
            if v is not None:
                e[k].append(v)
    q = lambda levels, k, p: float(np.quantile(sum((m.get(l, {}).get(k, []) for l in levels), []), p))
    r4 = lambda x: round(x, 4)
    return {
        'level1': {'maxTempleBald': r4(q([2], 'temple', 0.05)), 'maxFrontalBald': r4(q([2], 'frontal', 0.05)), 'maxTempleExcess': r4(q([2], 'excess', 0.5))},
        'vertex': {'minCrownBald': r4(q([4, 5], 'crown', 0.5))},
        'aVariant': {'maxTempleExcess': r4(q([2, 3], 'excess', 0.1)), 'minFrontalBald': r4(q([2, 3], 'frontal', 0.5)), 'maxCrownBald': r4(q([2, 3], 'crown', 0.5))},
    }


def main():
    zones_path, scores_path, params_path, report_path = sys.argv[1:5]
    rows = read_jsonl(zones_path)
    scores = json.load(open(scores_path))  # out-of-fold, train people only
    train, test = read_split()
    test_rows = [r for r in rows if r['subject'] in set(test)]
    shipped = load_level_scores([r['key'] for r in test_rows], feature_id())
    for r, s in zip(test_rows, shipped):
        scores[r['key']] = s.tolist()
    D = Data(rows, scores)
    C_oof = C_final = None
    if len(sys.argv) > 6:
        C_oof = pattern_matrix(D, json.load(open(sys.argv[5])))
        C_final = pattern_matrix(D, json.load(open(sys.argv[6])))
    folds = grouped_folds([s for s in D.subj if s in set(train)], [y for s, y in zip(D.subj, D.y) if s in set(train)], k=5)
    report = {'levels': LEVELS, 'folds': 5}
    final = {}
    for kind in ('maskOnly', 'full'):
        best = None
        for l2 in L2_GRID:
            P = cv(D, train, kind, l2, folds)
            alpha = fit_alpha(D, P, train)
            ev = evaluate(D, P, train, alpha)
            print(kind, 'l2', l2, 'alpha', np.round(alpha, 2).tolist(), json.dumps({k: {m: round(x, 3) for m, x in d.items() if m != 'n'} for k, d in ev.items() if k in ('perPhoto', 'fused')}), flush=True)
            key = selection_key(ev)
            if best is None or key > best[0]:
                best = (key, l2, alpha, ev, P)
        _, l2, alpha, ev, P_cv = best
        models = fit_views(D, np.isin(D.subj, train), kind, l2)
        P_te = predict_views(D, np.isin(D.subj, test), kind, models)
        held = evaluate(D, P_te, test, alpha)
        # every person once, by a model that never saw them: train people by CV, test people held out
        P_all = np.where(np.isnan(P_cv), P_te, P_cv)
        everyone = evaluate(D, P_all, list(train) + list(test), alpha)
        report[kind] = {'l2': l2, 'alpha': alpha.tolist(), 'cvTrain': ev, 'cvTrainNestedFusion': nested_fused(D, P_cv, folds), 'heldOut': held, 'allPeopleOutOfSample': everyone}
        print(kind, 'held-out', json.dumps({k: {m: round(x, 3) for m, x in d.items() if m != 'n'} for k, d in held.items()}), flush=True)
        # what the params are written from; 'key' is the CV selection key the preferred kind is chosen by
        final[kind] = {'models': models, 'alpha': alpha, 'key': best[0], 'pattern': None}
        if C_oof is None:
            continue
        # the mask-pattern model multiplied in: exponent and fusion weights by the same CV
        pbest = None
        for e in PATTERN_EXPONENTS:
            Q = with_pattern(P_cv, C_oof, e)
            a = fit_alpha(D, Q, train)
            pev = evaluate(D, Q, train, a)
            print(kind, '+ pattern^', e, 'alpha', np.round(a, 2).tolist(), json.dumps({k: {m: round(x, 3) for m, x in d.items() if m != 'n'} for k, d in pev.items() if k in ('perPhoto', 'fused')}), flush=True)
            if pbest is None or selection_key(pev) > pbest[0] + 1e-9:
                pbest = (selection_key(pev), e, a, pev, Q)
        key, e, a, pev, Q = pbest
        pheld = evaluate(D, with_pattern(P_te, C_final, e), test, a)
        peveryone = evaluate(D, with_pattern(P_all, np.where(np.isnan(C_oof), C_final, C_oof), e), list(train) + list(test), a)
        report[kind]['withPattern'] = {'exponent': e, 'alpha': a.tolist(), 'cvTrain': pev, 'cvTrainNestedFusion': nested_fused(D, Q, folds),
                                       'heldOut': pheld, 'allPeopleOutOfSample': peveryone}
        print(kind, '+ pattern^', e, 'held-out', json.dumps({k: {m: round(x, 3) for m, x in d.items() if m != 'n'} for k, d in pheld.items() if k in ('perPhoto', 'fused')}), flush=True)
        final[kind]['pattern'] = {'exponent': e, 'alpha': a}
        final[kind]['key'] = key
    params = json.load(open(params_path))
    # the runtime uses the image-fed models only where they beat the mask-only ones in the CV
    preferred = 'full' if final['full']['key'] >= final['maskOnly']['key'] else 'maskOnly'
    report['preferred'] = preferred
    params['grader'] = {
        'levels': LEVELS,
        'preferred': preferred,
        'views': {v: {
            'full': to_json(final['full']['models'], 'full')[v],
            'maskOnly': to_json(final['maskOnly']['models'], 'maskOnly')[v],
            'weight': round(float(final['full']['alpha'][i]), 6),
            'weightMaskOnly': round(float(final['maskOnly']['alpha'][i]), 6),
        } for i, v in enumerate(HEAD_VIEWS)},
        'rules': calibrate_rules(rows, set(train)),
    }
    if C_oof is not None:
        # photos with the pattern model's distribution: p * pattern^exponent, pooled with these weights
        params['grader']['pattern'] = {kind: {
            'exponent': final[kind]['pattern']['exponent'],
            'weights': {v: round(float(final[kind]['pattern']['alpha'][i]), 6) for i, v in enumerate(HEAD_VIEWS)},
        } for kind in ('full', 'maskOnly')}
    else:
        params['grader'].pop('pattern', None)
    json.dump(params, open(params_path, 'w'))
    json.dump(report, open(report_path, 'w'), indent=1)
    print('wrote', params_path, report_path)


if __name__ == '__main__':
    main()
