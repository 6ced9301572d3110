"""SciPy / scikit-learn side of Tailor's scoring reference tests (lib/scoring/models/*.reference.test.ts).

Reads one JSON request on stdin and prints one JSON answer. Requests:
  {"task": "bgnbd", "frequency": [...], "recency": [...], "T": [...], "predict": {"t": days, "params": {...}}}
      an independent BG/NBD maximum-likelihood fit (scipy.optimize on scipy.special.gammaln), and
      conditional expected purchases computed with scipy.special.hyp2f1 at the given params.
  {"task": "gamma_gamma", "frequency": [...], "monetary": [...]}
  {"task": "classifiers", "train": {"x": [[...]], "y": [...]}, "test": {"x": [[...]], "y": [...]}}
      LogisticRegression() and HistGradientBoostingClassifier() with default settings: test AUCs, coefficients.
Run with Debian's /usr/bin/python3 (python3-sklearn, python3-scipy).
"""
import json
import sys

import numpy as np
from scipy import optimize, special


def bgnbd_negll(log_params, x, tx, T):
    r, alpha, a, b = np.exp(log_params)
    a1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
    a2 = special.gammaln(a + b) + special.gammaln(b + x) - special.gammaln(b) - special.gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    return -np.sum(a1 + a2 + np.logaddexp(a3, a4))


def fit(negll, start, args):
    res = optimize.minimize(negll, start, args=args, method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 20000, "maxfev": 40000})
    res = optimize.minimize(negll, res.x, args=args, method="BFGS", options={"gtol": 1e-8})
    return res


def expected_purchases(p, t, x, tx, T):
    r, alpha, a, b = p["r"], p["alpha"], p["a"], p["b"]
    hyp = special.hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t))
    first = (a + b + x - 1) / (a - 1)
    second = 1 - hyp * ((alpha + T) / (alpha + t + T)) ** (r + x)
    numerator = first * second
    denominator = 1 + (x > 0) * (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x)
    return numerator / denominator


def gg_negll(log_params, x, m):
    p, q, v = np.exp(log_params)
    ll = (special.gammaln(p * x + q) - special.gammaln(p * x) - special.gammaln(q) + q * np.log(v)
          + (p * x - 1) * np.log(m) + p * x * np.log(x) - (p * x + q) * np.log(x * m + v))
    return -np.sum(ll)


def main():
    req = json.load(sys.stdin)
    answer(req)


def answer(req):
    if req["task"] == "bgnbd":
        x, tx, T = (np.asarray(req[k], dtype=float) for k in ("frequency", "recency", "T"))
        res = fit(bgnbd_negll, np.log([1.0, max(1.0, T.mean() / 10), 1.0, 1.0]), (x, tx, T))
        r, alpha, a, b = np.exp(res.x)
        out = {"r": r, "alpha": alpha, "a": a, "b": b, "log_likelihood": -res.fun}
        if "predict" in req:
            out["expected"] = expected_purchases(req["predict"]["params"], req["predict"]["t"], x, tx, T).tolist()
        print(json.dumps(out))
    elif req["task"] == "gamma_gamma":
        x, m = (np.asarray(req[k], dtype=float) for k in ("frequency", "monetary"))
        res = fit(gg_negll, np.log([1.0, 1.0, m.mean()]), (x, m))
        p, q, v = np.exp(res.x)
        print(json.dumps({"p": p, "q": q, "v": v, "log_likelihood": -res.fun}))
    elif req["task"] == "classifiers":
        from sklearn.ensemble import HistGradientBoostingClassifier
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import roc_auc_score

        xtr, ytr = np.asarray(req["train"]["x"], dtype=float), np.asarray(req["train"]["y"], dtype=int)
        xte, yte = np.asarray(req["test"]["x"], dtype=float), np.asarray(req["test"]["y"], dtype=int)
        lr = LogisticRegression().fit(xtr, ytr)
        hgb = HistGradientBoostingClassifier().fit(xtr, ytr)
        print(json.dumps({
            "logistic_auc": roc_auc_score(yte, lr.predict_proba(xte)[:, 1]),
            "logistic_coefficients": lr.coef_[0].tolist(),
            "logistic_intercept": float(lr.intercept_[0]),
            "boosting_auc": roc_auc_score(yte, hgb.predict_proba(xte)[:, 1]),
            "boosting_iterations": int(hgb.n_iter_),
        }))
    else:
        raise SystemExit(f"unknown task {req['task']}")


if __name__ == "__main__":
    main()
