# Experiment (#4, not taken): the fused stage as the arg-max of the fused distribution (shipped) against
# its median or its rounded mean, which CV on the train people favoured. Reads the caches fit.sh builds
# (datasets/cache/norwood) and the shipped params/report; writes nothing.
#   /usr/bin/python3 training/norwood/try_decision_rule.py
# Result (2026-11-23): nested 5-fold CV on the 78 train people, exact / within one / QWK: arg-max
# 0.551 / 0.936 / 0.893, median 0.603 / 0.936 / 0.898, mean 0.615 / 0.936 / 0.897, per-level biases fitted
# in the inner folds 0.577 / 0.936 / 0.894; held out (20 people):
# arg-max 0.60 / 0.90 / 0.888, median 0.55, mean 0.55. Over all 98 people arg-max and mean disagree on
# 12 (4 right only by arg-max, 8 only by the mean; McNemar p ~ 0.39): no evidence either way, not taken.
import sys, json, numpy as np
sys.path.insert(0, 'training/norwood')
from fit_grader import *
import fit_grader as fg
C='datasets/cache/norwood'
import glob
zones=f'{C}/zones-scalp-seg-00ba44b12ac8.jsonl'; oof=sorted(glob.glob(f'{C}/cnn-oof-*.json'))[0]
rows=read_jsonl(zones); scores=json.load(open(oof))
train,test=read_split()
test_rows=[r for r in rows if r['subject'] in set(test)]
shipped=load_level_scores([r['key'] for r in test_rows], feature_id())
for r,s in zip(test_rows,shipped): scores[r['key']]=s.tolist()
D=Data(rows,scores)
C_oof=pattern_matrix(D,json.load(open(f'{C}/maskcnn-oof-c3e2df8a71a7.json')))
C_fin=pattern_matrix(D,json.load(open(f'{C}/maskcnn-final-c3e2df8a71a7.json')))
folds=grouped_folds([s for s in D.subj if s in set(train)],[y for s,y in zip(D.subj,D.y) if s in set(train)],k=5)
params=json.load(open('models/norwood-grader/params.json'))
l2=json.load(open('models/norwood-grader/report.json'))['full']['l2']
e=params['grader']['pattern']['full']['exponent']
P=cv(D,train,'full',l2,folds); Q=with_pattern(P,C_oof,e)
models=fit_views(D,np.isin(D.subj,train),'full',l2)
Pte=with_pattern(predict_views(D,np.isin(D.subj,test),'full',models),C_fin,e)
L=np.array(LEVELS)
def rules(p):
  return {'argmax':int(np.argmax(p)), 'median':int(np.searchsorted(np.cumsum(p),0.5)), 'mean':int(np.clip(np.rint((p*np.arange(len(p))).sum()),0,len(p)-1))}
def score(fused, ppl):
  out={}
  for name in ('argmax','median','mean'):
    t=[D.y[D.subj==s][0] for s in ppl]; pr=[L[rules(fused[s])[name]] for s in ppl]
    out[name]={k:round(v,3) for k,v in metrics(t,pr).items() if k!='n'}
  return out
# nested: alpha fitted on other folds
fusedcv={}
for f in folds:
  others=[s for g in folds if g is not f for s in g]
  fusedcv.update(pool(D,Q,sorted(f),fit_alpha(D,Q,others)))
print('CV nested', score(fusedcv, sorted(fusedcv)))
a=fit_alpha(D,Q,train)
ft=pool(D,Pte,test,a)
print('held-out', score(ft, sorted(ft)))
# temperature on fused? irrelevant to argmax. Per-level bias by nested CV
def fit_bias(fused, ppl):
  import itertools
  X=np.log(np.stack([fused[s] for s in ppl])+1e-12); y=np.array([LEVELS.index(D.y[D.subj==s][0]) for s in ppl])
  b=np.zeros(len(LEVELS))
  for it in range(3):
    for k in range(len(LEVELS)):
      best=(-1,0)
      for v in np.linspace(-1.5,1.5,31):
        bb=b.copy(); bb[k]=v; acc=((X+bb).argmax(1)==y).mean()
        if acc>best[0]+1e-9 or (abs(acc-best[0])<1e-9 and abs(v)<abs(best[1])): best=(acc,v)
      b[k]=best[1]
  return b
pred=[];truth=[]
for f in folds:
  others=[s for g in folds if g is not f for s in g]
  b=fit_bias(fusedcv, others)
  for s in f:
    pred.append(L[int(np.argmax(np.log(fusedcv[s]+1e-12)+b))]); truth.append(D.y[D.subj==s][0])
print('CV nested bias', {k:round(v,3) for k,v in metrics(truth,pred).items()})
allf=dict(fusedcv); allf.update(ft)
n=dict(am=0,mm=0,both=0,none=0)
for s in allf:
  t=LEVELS.index(D.y[D.subj==s][0]); r=rules(allf[s])
  a=r['argmax']==t; m=r['mean']==t; md=r['median']==t
  n['both']+=a and m; n['am']+=a and not m; n['mm']+=m and not a; n['none']+=(not a) and (not m)
print('argmax vs mean on 98:', n)
