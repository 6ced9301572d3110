"""SciPy / scikit-learn side of Tailor's scoring reference tests (lib/scoring/models/*.reference.test.ts).

Reads one JSON request on stdin and prints one JSON answer. Requests:
  {"task": "bgnbd", "frequency": [...], "recency": [...], "T": [...], "predict": {"t": days, "params": {...}}}
      an independent BG/NBD maximum-likelihood fit (L-BFGS-B on scipy.special gammaln/psi), and
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


def _by_frequency(x):
    """Distinct frequencies and each row's position among them: the Γ terms depend on x alone."""
    values, inverse = np.unique(x, return_inverse=True)
    return values, inverse


def bgnbd_negll(log_params, x, tx, T, index=None):
    """Negative BG/NBD log-likelihood (Fader, Hardie & Lee 2005, eq. 7) and its gradient in the
    log-parameters, vectorized over every customer (numpy, scipy.special.gammaln / psi)."""
    r, alpha, a, b = np.exp(log_params)
    xs, inv = index if index is not None else _by_frequency(x)
    # Terms of x alone, once per distinct frequency.
    c = (special.gammaln(r + xs) + special.gammaln(b + xs) - special.gammaln(a + b + xs)
         + special.gammaln(a + b) - special.gammaln(r) - special.gammaln(b) + r * np.log(alpha))
    psi_abx = special.psi(a + b + xs)
    dc_r = special.psi(r + xs) - special.psi(r) + np.log(alpha)
    dc_a = special.psi(a + b) - psi_abx
    dc_b = special.psi(a + b) + special.psi(b + xs) - special.psi(b) - psi_abx
    repeat_s = xs > 0
    ln_ratio_s = np.where(repeat_s, np.log(a) - np.log(np.where(repeat_s, b + xs - 1, 1.0)), 0.0)
    # Per customer.
    rx = r + x
    ln_aT = np.log(alpha + T)
    ln_atx = np.log(alpha + tx)
    a3 = -rx * ln_aT
    repeat = repeat_s[inv]
    a4 = np.where(repeat, ln_ratio_s[inv] - rx * ln_atx, -np.inf)
    top = np.maximum(a3, a4)
    e3 = np.exp(a3 - top)
    e4 = np.exp(a4 - top)
    s = e3 + e4
    ll = c[inv] + top + np.log(s)
    w3 = e3 / s
    w4 = e4 / s
    g_r = dc_r[inv] - w3 * ln_aT - w4 * ln_atx
    g_alpha = r / alpha - w3 * rx / (alpha + T) - w4 * rx / (alpha + tx)
    g_a = dc_a[inv] + w4 / a
    g_b = dc_b[inv] - w4 / np.where(repeat, b + x - 1, 1.0)
    grad = np.array([g_r.sum() * r, g_alpha.sum() * alpha, g_a.sum() * a, g_b.sum() * b])
    return -ll.sum(), -grad


def gg_negll(log_params, x, m, index=None):
    """Negative Gamma-Gamma log-likelihood (with the Jacobian of the average, as Tailor's) and its
    gradient in the log-parameters, vectorized; repeat customers only (x > 0, m > 0)."""
    p, q, v = np.exp(log_params)
    xs, inv = index if index is not None else _by_frequency(x)
    px_s = p * xs
    c = special.gammaln(px_s + q) - special.gammaln(px_s) - special.gammaln(q) + q * np.log(v) + px_s * np.log(xs)
    dc_p = xs * (special.psi(px_s + q) - special.psi(px_s) + np.log(xs))
    dc_q = special.psi(px_s + q) - special.psi(q) + np.log(v)
    px = p * x
    ln_m = np.log(m)
    xm_v = x * m + v
    ln_xm_v = np.log(xm_v)
    ll = c[inv] + (px - 1) * ln_m - (px + q) * ln_xm_v
    g_p = dc_p[inv] + x * ln_m - x * ln_xm_v
    g_q = dc_q[inv] - ln_xm_v
    g_v = q / v - (px + q) / xm_v
    grad = np.array([g_p.sum() * p, g_q.sum() * q, g_v.sum() * v])
    return -ll.sum(), -grad


def fit(negll, start, args):
    """Maximum likelihood over log-parameters: L-BFGS-B on the analytic gradient (as the lifetimes
    package fits these models), the distinct-frequency index built once."""
    index = _by_frequency(args[0])
    res = optimize.minimize(negll, start, args=(*args, index), jac=True, method="L-BFGS-B",
                            options={"ftol": 1e-15, "gtol": 1e-9, "maxiter": 2000, "maxcor": 20})
    return res


def expected_purchases(p, t, x, tx, T):
    r, alpha, a, b = p["r"], p["alpha"], p["a"], p["b"]
    hyp = special.hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t))
    first = (a + b + x - 1) / (a - 1)
    second = 1 - hyp * ((alpha + T) / (alpha + t + T)) ** (r + x)
    numerator = first * second
    denominator = 1 + (x > 0) * (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x)
    return numerator / denominator


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
