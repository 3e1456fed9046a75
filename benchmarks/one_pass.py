"""One pass per curve when Eq. 2's std may decide (issue 12, item 4): one
exact DO curve of 20,000 firms over a disc of 50 km, spread uniformly (the
std is below Q1/1.34 and sets h) or with 10 % of them in five clusters of
2 km (std and Q1/1.34 within 1 %), best of 3, against scipy's pdist of the
same points in the same process, and against the same curve with the std's
second pass forced back (STD_MARGIN = 0: the pass no longer gathers the
far pairs' sums).

    python benchmarks/one_pass.py [--n 20000]

Writes benchmarks/results/one_pass.json.
"""
import argparse
import json
import os
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from workload import best_time, link_checkout  # noqa: E402

link_checkout()
import numpy as np  # noqa: E402
from scipy.spatial.distance import pdist  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    a = ap.parse_args()
    warnings.simplefilter("ignore")
    from doldo.core import backend, do_curve
    dc = sys.modules["doldo.core.do_curve"]     # (doldo.core.do_curve is the function)
    rng = np.random.default_rng(12)
    d = np.arange(0.0, 100_001.0, 1000.0)
    rows = []
    for name, share in (("uniform disc", 0.0), ("disc with 10 % in clusters", 0.1)):
        k = int(share * a.n)
        r = 50_000.0 * np.sqrt(rng.random(a.n - k))
        t = rng.random(a.n - k) * 2 * np.pi
        centres = rng.uniform(-30_000, 30_000, (5, 2))
        pts = np.r_[centres[rng.integers(0, 5, k)] + rng.normal(0, 2000, (k, 2)),
                    np.c_[r * np.cos(t), r * np.sin(t)]]
        run = lambda: do_curve(pts, pts, d, n_sim=0)       # noqa: E731
        run()                                               # warm
        one, res = best_time(run, 3)
        base, _ = best_time(lambda: pdist(pts), 3)
        keep = dc.STD_MARGIN
        dc.STD_MARGIN = 0.0
        try:
            run()
            two, res2 = best_time(run, 3)
        finally:
            dc.STD_MARGIN = keep
        dists = pdist(pts[rng.choice(a.n, min(3000, a.n), replace=False)])
        std, q1 = float(dists.std()), float(np.percentile(dists, 25))
        rows.append({"data": name, "n": a.n, "one_pass_s": one, "two_passes_s": two,
                     "pdist_s": base, "one_pass_x_pdist": one / base,
                     "two_passes_x_pdist": two / base, "h": res.bandwidth,
                     "h_two_passes": res2.bandwidth, "sampled_std": std,
                     "sampled_q1_over_1.34": q1 / 1.34})
        print(f"{name}, n={a.n}: one pass {one:.3f} s = {one / base:.2f}x pdist; with the "
              f"std's second pass {two:.3f} s = {two / base:.2f}x pdist (pdist {base:.3f} s); "
              f"h {res.bandwidth:.6g} vs {res2.bandwidth:.6g}; sampled std {std:.0f}, "
              f"Q1/1.34 {q1 / 1.34:.0f}", flush=True)
    out = {"engine": backend(), "rows": rows}
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "one_pass.json"), "w") as f:
        json.dump(out, f, indent=1)
    print("wrote", os.path.join(a.out, "one_pass.json"))


if __name__ == "__main__":
    main()
