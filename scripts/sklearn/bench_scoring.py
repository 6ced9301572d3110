"""SciPy / scikit-learn side of `npm run bench:scoring`.

Usage: bench_scoring.py <dir> <customers> <rows> <cols> (customers 0: the trees only). Reads float64 little-endian files from dir:
x.f64, tx.f64, T.f64 (BG/NBD summaries), m.f64 (average spend, 0 without repeats), features.f64
(rows × cols, row-major), labels.u8, and split (the first `train` rows train, the rest validate) from
split.json. Prints one JSON object: seconds and CPU seconds of an independent SciPy BG/NBD and
Gamma-Gamma fit (vectorized numpy log-likelihoods with scipy.special gammaln/psi gradients,
L-BFGS-B, as the lifetimes package fits them, on the same (frequency, recency, T) summaries), and of
HistGradientBoostingClassifier() (default settings) on the same rows and features, with its AUC.
Run with Debian's /usr/bin/python3.
"""
import json
import os
import sys
import time

import numpy as np

from reference_scoring import bgnbd_negll, fit, gg_negll

d, customers, rows, cols = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
load = lambda name, dtype="<f8": np.fromfile(os.path.join(d, name), dtype=dtype)
out = {}
if customers > 0:
    x, tx, T, m = load("x.f64"), load("tx.f64"), load("T.f64"), load("m.f64")
    started, cpu = time.perf_counter(), time.process_time()
    res = fit(bgnbd_negll, np.log([1.0, max(1.0, T.mean() / 10), 1.0, 1.0]), (x, tx, T))
    bgnbd_seconds, bgnbd_cpu = time.perf_counter() - started, time.process_time() - cpu
    keep = (x > 0) & (m > 0)
    gg = fit(gg_negll, np.log([1.0, 1.0, m[keep].mean()]), (x[keep], m[keep]))
    out["fit"] = {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu,
                  "bgnbd_seconds": bgnbd_seconds, "bgnbd_cpu": bgnbd_cpu, "bgnbd_evaluations": int(res.nfev),
                  "bgnbd_converged": bool(res.success), "gamma_gamma_converged": bool(gg.success),
                  "bgnbd": np.exp(res.x).tolist(), "gamma_gamma": np.exp(gg.x).tolist(), "log_likelihood": -res.fun}

from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score

X = load("features.f64").reshape(rows, cols)
y = load("labels.u8", "u1")
train = json.load(open(os.path.join(d, "split.json")))["train"]
started, cpu = time.perf_counter(), time.process_time()
hgb = HistGradientBoostingClassifier().fit(X[:train], y[:train])
out["boosting"] = {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu, "iterations": int(hgb.n_iter_),
                   "auc": roc_auc_score(y[train:], hgb.predict_proba(X[train:])[:, 1])}
print(json.dumps(out))
