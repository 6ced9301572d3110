"""scikit-learn's side of `npm run bench:cluster`.

Reads a float64 row-major matrix (little-endian) from argv[1] with argv[2] columns, then times
KMeans(k, k-means++, n_init=1, max_iter=20, tol=0, lloyd) `--runs` times in memory. Prints one JSON
line per run: {"seconds", "cpu" (all threads), "inertia", "iterations"}. Run with Debian's /usr/bin/python3.
"""
import json
import sys
import time

import numpy as np
from sklearn.cluster import KMeans

path, cols, k, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
X = np.fromfile(path, dtype="<f8").reshape(-1, cols)
for run in range(runs):
    started = time.perf_counter()
    cpu = time.process_time()
    km = KMeans(n_clusters=k, init="k-means++", n_init=1, max_iter=20, tol=0, algorithm="lloyd", random_state=run).fit(X)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    print(json.dumps({"seconds": seconds, "cpu": cpu, "inertia": float(km.inertia_), "iterations": int(km.n_iter_)}), flush=True)
