"""Where the fused single pass overtakes the small-set batch kernel (numba):
paper, weighted and dbmss curves with m = 10 draws from a 300,000-firm
background, 0-100 km by 1 km, each set forced through one path then the
other (SMALL_N / FUSED_N and their dbmss twins set around the call), best of
3, in one process. Prints fused ÷ small per size and shape; the thresholds
in core/do_curve.py are where fused wins on every shape.

    python benchmarks/crossover.py [--shapes guangdong "uniform disc"]
        [--sizes 1500 2000 2500 3000 3500]

Writes benchmarks/results/crossover.json.
"""
import argparse
import json
import math
import os
import sys
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from workload import link_checkout  # noqa: E402

link_checkout()
import numpy as np  # noqa: E402

from shapes import SHAPES  # noqa: E402

D = np.arange(0.0, 100_001.0, 1000.0)
NAMES = ("SMALL_N", "SMALL_N_DBMSS", "FUSED_N", "FUSED_N_DBMSS")


def best(f, repeat=3):
    b = math.inf
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        b = min(b, time.perf_counter() - t)
    return b


def timed(dc, f, n_small):
    """Best time of f with every set of up to ``n_small`` firms small."""
    saved = {k: getattr(dc, k) for k in NAMES}
    try:
        for k in NAMES:
            setattr(dc, k, n_small)
        f()                     # warm
        return best(f)
    finally:
        for k, v in saved.items():
            setattr(dc, k, v)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shapes", nargs="+", default=["guangdong", "uniform disc",
                                                    "heavy duplication"])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1500, 2000, 2500, 3000, 3500])
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    a = ap.parse_args()
    warnings.simplefilter("ignore")
    from doldo.core import do_curve
    dc = sys.modules["doldo.core.do_curve"]
    rows = []
    for shape in a.shapes:
        bg = SHAPES[shape](300_000, 5)
        bw = np.random.default_rng(1).integers(1, 200, bg.shape[0]).astype(float)
        for n in a.sizes:
            p, w = bg[:n], bw[:n]
            kw = dict(n_sim=10, seed=1, confidence=0.5)
            row = {"shape": shape, "n": n}
            for conv, extra in (("paper", {}),
                                ("weighted", dict(weights=w, background_weights=bw)),
                                ("dbmss", dict(convention="dbmss"))):
                def f():
                    return do_curve(p, bg, D, **kw, **extra)
                ts = timed(dc, f, 10 ** 9)
                tf = timed(dc, f, 0)
                row[conv + "_small_ms"] = 1e3 * ts / 11
                row[conv + "_fused_x_small"] = tf / ts
            rows.append(row)
            print(f"{shape:20s} {n:5d}: " + "; ".join(
                f"{c} fused/small {row[c + '_fused_x_small']:.2f} "
                f"({row[c + '_small_ms']:.1f} ms a curve small)"
                for c in ("paper", "weighted", "dbmss")), flush=True)
    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, "crossover.json")
    with open(path, "w") as f:
        json.dump({"m": 10, "distances_km": "0-100 step 1", "rows": rows,
                   "load": os.getloadavg()[0]}, f, indent=1)
    print("wrote", path)


if __name__ == "__main__":
    main()
