"""Writes models/norwood-grader/card.json from the fit's report and parameters (sha256 included).
  /usr/bin/python3 training/norwood/write_card.py <segmenter id>"""
import hashlib
import json
import os
import sys

from common import MODEL_DIR, read_split


def level_branch_metrics(seg_id):
    """CV-by-person quality of the image level branch alone: per-view ordinal models on its out-of-fold
    score only, 5 person-grouped folds inside the train split."""
    import glob
    import numpy as np
    import fit_grader as G
    from common import CACHE, grouped_folds, read_jsonl
    rows = read_jsonl(os.path.join(CACHE, f'zones-{seg_id}.jsonl'))
    train, _ = read_split()
    rows = [r for r in rows if r['subject'] in set(train)]
    oof = json.load(open(sorted(glob.glob(os.path.join(CACHE, 'cnn-oof-*.json')), key=os.path.getmtime)[-1]))
    D = G.Data(rows, oof)
    D.M = D.M[:, :0]
    D.E = D.E[:, :0]
    folds = grouped_folds(list(D.subj), list(D.y), k=5)
    P = G.cv(D, train, 'full', 0.01, folds)
    ev = G.evaluate(D, P, train, G.fit_alpha(D, P, train))
    return {k: {m: round(x, 4) for m, x in v.items()} for k, v in ev.items()}


def pattern_model():
    """Name, sha256 and config of the mask-pattern model the fit used, or None."""
    path = os.path.join(os.path.dirname(MODEL_DIR), 'norwood-mask-cnn', 'card.json')
    if not os.path.exists(path):
        return None
    c = json.load(open(path))
    return {'name': c['name'], 'sha256': c['sha256'], 'config': c['config']}


def main():
    seg_id = sys.argv[1]
    params_path = os.path.join(MODEL_DIR, 'params.json')
    params = json.load(open(params_path))
    report = json.load(open(os.path.join(MODEL_DIR, 'report.json')))
    train, test = read_split()
    strip = lambda d: {k: {m: (round(x, 4) if isinstance(x, float) else x) for m, x in v.items()} for k, v in d.items()}
    card = {
        'name': 'norwood-grader',
        'task': 'Hamilton-Norwood major level (fitted, 2..7) per photo and fused per person; level 1 and the A / 3V variants by zone rules',
        'files': {'params.json': 'geometry (orientation/view, head check) + grader (per-view ordinal models, fusion weights, rule thresholds)',
                  'report.json': 'the fit\'s cross-validation and held-out numbers'},
        'sha256': {'params.json': hashlib.sha256(open(params_path, 'rb').read()).hexdigest()},
        'segmenter': seg_id,
        'featureModel': params.get('meta', {}).get('featureModel'),
        'data': {
            'source': 'the "hair-loss" dataset by Roboflow user "uze" (Roboflow Universe, hair-loss-nq8hh v1, CC BY 4.0), as redistributed in Rubenvalrom/Multilabel-Baldness-Classification: ../shared/data/hairloss-levels',
            'fittedOn': f'the {len(train)} train people of datasets/split.json (all their photos); the {len(test)} test people are held out from every fitted part (segmentation masks aside)',
            'labels': 'LEVEL 2..7 read as the Norwood major level; no level 1, no A / vertex variants',
        },
        'features': {
            'mask': 'per photo from analyzeGeometry with the given view: bald fraction + visibility of 6 zones (frontal, temples, mid-scalp, crown, donor), hairline recession (centre, temples, temple excess), 4x4 bald and head-occupancy grids over the canonical head box, overall bald share, scalp and head area',
            'image': 'the per-view level score of models/norwood-features (fine-tuned last stage of a MobileNetV3-small; out-of-fold for train people when fitting) and its frozen 624-d embedding, both averaged over the 4 quarter-turns',
            'pattern': 'the level distribution of models/norwood-mask-cnn (a small CNN on the photo\'s masks in the canonical frame; out-of-fold for train people when fitting), multiplied into the photo\'s distribution as p * q^exponent',
        },
        'model': 'per view: cumulative-logit ordinal regression (L2 chosen by 5-fold person-grouped CV inside the train split), times the mask-pattern model\'s distribution raised to an exponent chosen by the same CV; fused: log-linear pool of the photos\' distributions, weight per view fitted on the out-of-fold distributions, split equally between photos of the same view',
        'patternModel': pattern_model(),
        'preferred': report.get('preferred'),
        'metrics': {kind: {
            'l2': report[kind]['l2'],
            'fusionWeights': dict(zip(['front', 'top', 'left', 'right', 'back'], [round(a, 3) for a in report[kind]['alpha']])),
            'cvTrain5FoldByPerson': strip(report[kind]['cvTrain']),
            'cvTrain5FoldByPersonFusedNested': {m: (round(x, 4) if isinstance(x, float) else x) for m, x in report[kind]['cvTrainNestedFusion'].items()},
            'heldOutPeople': strip(report[kind]['heldOut']),
            'allPeopleOutOfSample': strip(report[kind]['allPeopleOutOfSample']),
            **({'withPattern': {
                'exponent': report[kind]['withPattern']['exponent'],
                'fusionWeights': dict(zip(['front', 'top', 'left', 'right', 'back'], [round(a, 3) for a in report[kind]['withPattern']['alpha']])),
                'cvTrain5FoldByPerson': strip(report[kind]['withPattern']['cvTrain']),
                'cvTrain5FoldByPersonFusedNested': {m: (round(x, 4) if isinstance(x, float) else x) for m, x in report[kind]['withPattern']['cvTrainNestedFusion'].items()},
                'heldOutPeople': strip(report[kind]['withPattern']['heldOut']),
                'allPeopleOutOfSample': strip(report[kind]['withPattern']['allPeopleOutOfSample']),
            }} if 'withPattern' in report[kind] else {}),
        } for kind in ('full', 'maskOnly')},
        'geometry': params.get('meta', {}).get('orientation'),
        'headCheck': params.get('meta', {}).get('headCheck'),
        'ruleBased': 'level 1 (temples and front haired while the fitted level is 2), A variants 2A-5A (front receded as one band, no deeper temples, no crown patch), 3V (level 3 with a bald crown): rules from the definitions (DOMAIN.md, src/vision/norwood/rules.ts), their cut points placed relative to the train people\'s top-view measurements with these masks (training/norwood/fit_grader.py calibrate_rules); Ludwig I-III (src/vision/ludwig/grade.ts): fixed thresholds, synthetic tests only. None of it is validated by labels.',
        'ruleThresholds': params['grader']['rules'],
        'reproduce': 'sh training/norwood/fit.sh   (then npm run eval:norwood)',
    }
    json.dump(card, open(os.path.join(MODEL_DIR, 'card.json'), 'w'), indent=2)
    print('wrote', os.path.join(MODEL_DIR, 'card.json'))
    fpath = os.path.join(os.path.dirname(MODEL_DIR), 'norwood-features', 'card.json')
    fcard = json.load(open(fpath))
    fcard['metrics'] = {
        'levelBranchAlone5FoldCvByPerson': level_branch_metrics(seg_id),
        'note': 'the level branch alone, train split, out-of-fold; the embedding heads (orientation, view, head check) are measured in models/norwood-grader/card.json (geometry, headCheck)',
        'orientationViewHead': {'geometry': params.get('meta', {}).get('orientation'), 'headCheck': params.get('meta', {}).get('headCheck')},
    }
    json.dump(fcard, open(fpath, 'w'), indent=2)
    print('wrote', fpath)


if __name__ == '__main__':
    main()
