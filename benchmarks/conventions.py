"""Weighted and dbmss DO curves next to the paper's unweighted curve, on
the Guangdong-like workload (0-100 km by 1 km): ms per curve including its
draw from the 300,000 background (m = 20, best of 3), and the ratio to the
unweighted curve in the same process. Weights are employee-like integers
1-199 (seeded).

    python benchmarks/conventions.py [--sizes 2000 10000] [--m 20]

Writes benchmarks/results/conventions.json.
"""
import argparse
import json
import os
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from workload import best_time, guangdong, link_checkout, subset  # noqa: E402

link_checkout()
import numpy as np  # noqa: E402

D = np.arange(0.0, 100_001.0, 1000.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    ap.add_argument("--m", type=int, default=20)
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    a = ap.parse_args()
    warnings.simplefilter("ignore")
    from doldo.core import backend, do_curve
    ind, bg = guangdong()
    rng = np.random.default_rng(1)
    bw = rng.integers(1, 200, bg.shape[0]).astype(float)
    rows = []
    for n in a.sizes:
        p, idx = subset(ind, bg, n)
        w = rng.integers(1, 200, n).astype(float)
        base = None
        for label, kw in (("paper", {}),
                          ("weighted", dict(weights=w, background_weights=bw)),
                          ("dbmss", dict(convention="dbmss"))):
            run = lambda: do_curve(p, bg, D, n_sim=a.m, seed=1, **kw)  # noqa: E731
            run()                                                      # warm
            per = best_time(run, 3)[0] / (a.m + 1)
            base = per if base is None else base
            rows.append({"n": n, "curve": label, "ms_per_curve": 1e3 * per,
                         "x_paper": per / base})
            print(f"n={n:6d} {label:8s}: {1e3 * per:8.1f} ms per curve "
                  f"({per / base:.2f}x the unweighted paper curve)", flush=True)
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "conventions.json"), "w") as f:
        json.dump({"engine": backend(), "m": a.m, "distances_km": "0-100 step 1",
                   "rows": rows}, f, indent=1)
    print("wrote", os.path.join(a.out, "conventions.json"))


if __name__ == "__main__":
    main()
