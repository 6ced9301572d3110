"""scikit-learn's side of lib/clustering/algorithms/sklearn-reference.db.test.ts.

Usage: reference_kmeans.py <request.json>. The request names float64 little-endian row-major files:
  {"matrix": path, "cols": n, "k": k, "n_init": n, "seed": s,
   "labels": path (int32, the project's best labels), "init": path (float64 k×cols initial centres)}
Prints one JSON object: sklearn's best inertia with n_init, the silhouette of its labels, the
silhouette of the project's labels, and the labels it reaches from the given initial centres.
Run with Debian's /usr/bin/python3 (python3-sklearn).
"""
import json
import sys

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

req = json.load(open(sys.argv[1]))
X = np.fromfile(req["matrix"], dtype="<f8").reshape(-1, req["cols"])
k = req["k"]
best = KMeans(n_clusters=k, init="k-means++", n_init=req["n_init"], random_state=req["seed"], algorithm="lloyd").fit(X)
ours = np.fromfile(req["labels"], dtype="<i4")
init = np.fromfile(req["init"], dtype="<f8").reshape(k, req["cols"])
fixed = KMeans(n_clusters=k, init=init, n_init=1, algorithm="lloyd").fit(X)
print(json.dumps({
    "rows": int(X.shape[0]),
    "inertia": float(best.inertia_),
    "silhouette": float(silhouette_score(X, best.labels_)),
    "silhouetteOfProjectLabels": float(silhouette_score(X, ours)),
    "fromInit": {"labels": fixed.labels_.astype(int).tolist(), "inertia": float(fixed.inertia_), "iterations": int(fixed.n_iter_)},
}))
