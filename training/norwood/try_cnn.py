import json, sys, time
import numpy as np, torch
from common import *
from cnn import *
rows = read_jsonl(sys.argv[1])
fid = feature_id()
t0 = time.time()
f16 = compute_f16([r['file'] for r in rows], fid)
print('f16', f16.shape, time.time() - t0, flush=True)
y = np.array([r['level'] for r in rows]); subj = np.array([r['subject'] for r in rows]); view = np.array([r['view'] for r in rows])
vi = np.array([HEAD_VIEWS.index(v) for v in view])
grp = {}
for i, r in enumerate(rows): grp.setdefault((r['subject'], r['view']), []).append(i)
w = np.array([1 / len(grp[(r['subject'], r['view'])]) for r in rows])
folds = grouped_folds(list(subj), list(y), k=5)
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 15
S = np.zeros(len(rows)); P = np.zeros((len(rows), 6))
for fi, f in enumerate(folds):
    te = np.isin(subj, list(f)); tr = np.where(~te)[0]; tv = np.where(te)[0]
    t0 = time.time()
    head = train_head(f16, vi, y, w, epochs=epochs, log=None, idx=None) if False else train_head(f16[tr], vi[tr], y[tr], w[tr], epochs=epochs)
    s = head_scores(head, f16, tv)
    S[tv] = s[np.arange(len(tv)), vi[tv]]
    with torch.no_grad():
        P[tv] = head.level_probs(torch.from_numpy(s), torch.from_numpy(vi[tv])).numpy()
    print('fold', fi, time.time() - t0, flush=True)
LV = [2,3,4,5,6,7]
pred = np.array(LV)[P.argmax(1)]
res = {'photo': metrics(y, pred, LV)}
for v in HEAD_VIEWS: m = view == v; res[v] = metrics(y[m], pred[m], LV)
fy=[]; fp=[]
for s in sorted(set(subj)):
    L = sum(np.log(P[grp[(s, v)]]).mean(0) for v in HEAD_VIEWS if (s, v) in grp)
    fy.append(y[grp[[k for k in grp if k[0]==s][0]][0]]); fp.append(LV[int(np.argmax(L))])
res['fused'] = metrics(fy, fp, LV)
print(json.dumps({k: {m: round(v, 3) for m, v in d.items() if m!='n'} for k, d in res.items()}))
np.save('/tmp/cnn_oof_P.npy', P); np.save('/tmp/cnn_oof_S.npy', S)
