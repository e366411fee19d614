"""Scores of training/norwood/try_show_through.mjs (which see): per train person and view, the mean of each
show-through measure, its Spearman with the level and the AUC of adjacent levels.
  /usr/bin/python3 training/norwood/try_show_through.py
"""
import collections
import json
import math
d=json.load(open('datasets/cache/norwood/show-through.json'))
split=json.load(open('datasets/split.json')); train=set(split['train'])
def auc(a,b):
  n=0;w=0
  for x in a:
    for y in b: n+=1; w+= 1 if y>x else (0.5 if y==x else 0)
  return w/n if n else float('nan')
def spearman(x,y):
  def rk(v):
    o=sorted(range(len(v)),key=lambda i:v[i]); r=[0]*len(v)
    for k,i in enumerate(o): r[i]=k
    return r
  a=rk(x); b=rk(y); n=len(a); ma=sum(a)/n; mb=sum(b)/n
  c=sum((p-ma)*(q-mb) for p,q in zip(a,b)); return c/math.sqrt(sum((p-ma)**2 for p in a)*sum((q-mb)**2 for q in b))
for feat in ['closer','brighter','centre']:
  for view in ['top','front','back','left','right']:
    pv=collections.defaultdict(list)
    for r in d:
      if r['subject'] in train and r['view']==view and (r['sep'] or 0)>15 and r['hairPx']>2000 and r[feat] is not None: pv[(r['subject'],r['level'])].append(r[feat])
    ppl=[(lv,sum(v)/len(v)) for (s,lv),v in pv.items()]
    by=collections.defaultdict(list)
    for lv,v in ppl: by[lv].append(v)
    print(feat,view,'n',len(ppl),'rho %.2f'%spearman([p[0] for p in ppl],[p[1] for p in ppl]),
      ' '.join('L%d %.2f'%(l,sorted(by[l])[len(by[l])//2]) for l in sorted(by)),
      '| AUC 2v3 %.2f 3v4 %.2f 4v5 %.2f'%(auc(by[2],by[3]),auc(by[3],by[4]),auc(by[4],by[5])))
