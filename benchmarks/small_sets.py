"""Small industries at speed (issue 14): milliseconds per DO curve and
pair distances per second at 100-5,000 firms, on both engines.

    python benchmarks/small_sets.py [--m 200]

Per curve including its draw (a run of m simulations from the 300,000
background divided by m + 1, best of 3), next to scipy's pdist of the same
number of firms in the same process (best of 5). Writes
benchmarks/results/small_sets.json.
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
from scipy.spatial.distance import pdist  # noqa: E402

D = np.arange(0.0, 100_001.0, 1000.0)
SIZES = (100, 300, 1000, 1400, 1600, 5000)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--m", type=int, default=200)
    ap.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    a = ap.parse_args()
    warnings.simplefilter("ignore")
    from doldo.core import do_curve, engine
    from doldo.core._numba import HAVE_NUMBA
    ind, bg = guangdong()
    rows = []
    for eng in (["numba"] if HAVE_NUMBA else []) + ["numpy"]:
        with engine.use(eng):
            for n in a.sizes:
                p, _ = subset(ind, bg, n)
                m = a.m if eng == "numba" or n <= 1600 else max(20, a.m // 4)
                run = lambda: do_curve(p, bg, D, n_sim=m, seed=1)  # noqa: E731
                run()                                           # compile / warm
                per = best_time(run, 3)[0] / (m + 1)
                base = best_time(lambda: pdist(p), 5)[0]
                r = {"engine": eng, "n": n, "m": m, "ms_per_curve": 1e3 * per,
                     "mpair_per_s": n * (n - 1) / 2 / per / 1e6, "pdist_ms": 1e3 * base,
                     "x_pdist": per / base}
                rows.append(r)
                print(f"{eng:5s} n={n:5d}: {r['ms_per_curve']:8.3f} ms/curve "
                      f"{r['mpair_per_s']:6.0f} Mpair/s, pdist {r['pdist_ms']:.3f} ms "
                      f"-> {r['x_pdist']:.2f}x pdist", flush=True)
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "small_sets.json"), "w") as f:
        json.dump({"cpus": os.cpu_count(), "distances_km": "0-100 step 1",
                   "background": len(bg), "rows": rows}, f, indent=1)
    print("wrote", os.path.join(a.out, "small_sets.json"))


if __name__ == "__main__":
    main()
