"""Geodesic DO curves against planar ones (issue 20): the cost of
metric="geodesic" next to the planar curve of the same firms projected (a
local azimuthal equidistant projection, core.geodesic.Aeqd), as ratios
measured in one process (planar and geodesic interleaved, best of k).

    python benchmarks/geodesic.py                 # both engines, both sets
    python benchmarks/geodesic.py --engines numba --sizes 300 1000

Sets: "guangdong" (benchmarks/workload.py's clustered region, 600 x 400 km,
placed at 113 E, 23 N) and "china" (benchmarks/china.py's national economy,
75-135 E, 18-53 N). Small sets (300, 1,000 firms) time the observed curve
and 99 simulations (the small-set batch path); 20,000 firms one curve (the
fused single pass). Each engine runs in its own process (numpy: with
DOLDO_DISABLE_NUMBA=1, as in a QGIS without numba); the whole is run twice
to show how stable the ratios are on a shared machine. Writes
benchmarks/results/geodesic.json.
"""
import argparse
import json
import os
import subprocess
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from workload import best_time, guangdong, link_checkout  # noqa: E402

link_checkout()
import numpy as np  # noqa: E402

D = np.arange(0.0, 200_001.0, 2000.0)
SIM = 99
CENTRE = (113.0, 23.0)


def firms(kind, n):
    """(industry lon/lat, background lon/lat) of a set."""
    from doldo.core.geodesic import Aeqd
    if kind == "guangdong":
        ind, bg = guangdong()
        rng = np.random.default_rng(7)
        ind = ind[rng.choice(len(ind), n, replace=False)]
        bg = bg[rng.choice(len(bg), max(5 * n, 20_000), replace=False)]
        proj = Aeqd(*CENTRE)
        return (proj.inverse(ind - ind.mean(axis=0)), proj.inverse(bg - ind.mean(axis=0)))
    from china import china_economy
    ll, codes, _ = china_economy(n_firms=max(5 * n, 100_000), seed=11)
    rng = np.random.default_rng(8)
    big = np.bincount(codes).argmax()
    idx = np.flatnonzero(codes == big)
    ind = ll[rng.choice(idx, n, replace=idx.size < n)]
    return ind, ll[rng.choice(len(ll), max(5 * n, 20_000), replace=False)]


def child(engine, kind, sizes, repeat):
    warnings.simplefilter("ignore")
    from doldo.core import do_curve, engine as eng
    from doldo.core.geodesic import Aeqd, centre_of
    rows = []
    with eng.use(engine):
        w, wb = firms(kind, 400)
        proj = Aeqd(*centre_of(w))
        for m in (0, 20):       # compile / warm both paths
            do_curve(w, wb, D, n_sim=m, seed=1, metric="geodesic")
            do_curve(proj.forward(w), proj.forward(wb), D, n_sim=m, seed=1)
        for n in sizes:
            ll, bg = firms(kind, n)
            proj = Aeqd(*centre_of(bg))
            xy, bxy = proj.forward(ll), proj.forward(bg)
            m = SIM if n <= 3500 else 0
            if n > 3500:        # warm the fused pass once
                do_curve(ll[:4000], None, D, n_sim=0, metric="geodesic")
                do_curve(xy[:4000], None, D, n_sim=0)
            tp = tg = np.inf
            for _ in range(repeat):     # interleaved: both see the same load
                t, planar = best_time(lambda: do_curve(xy, bxy, D, n_sim=m, seed=1))
                tp = min(tp, t)
                t, geo = best_time(lambda: do_curve(ll, bg, D, n_sim=m, seed=1,
                                                    metric="geodesic"))
                tg = min(tg, t)
            rows.append({"set": kind, "engine": engine, "n": n, "n_sim": m,
                         "curves": 1 + m, "planar_s": round(tp, 4),
                         "geodesic_s": round(tg, 4), "ratio": round(tg / tp, 3),
                         "h_planar": float(planar.bandwidth),
                         "h_geodesic": float(geo.bandwidth),
                         "h_rel_diff": float(geo.bandwidth / planar.bandwidth - 1)})
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    print(json.dumps(rows))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--engines", nargs="+", default=["numba", "numpy"])
    ap.add_argument("--sets", nargs="+", default=["guangdong", "china"])
    ap.add_argument("--sizes", nargs="+", type=int, default=[300, 1000, 20_000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--child", nargs=2)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.sizes, args.repeat)
        return
    runs = []
    for r in range(args.runs):
        rows = []
        for engine in args.engines:
            env = dict(os.environ)
            if engine == "numpy":
                env["DOLDO_DISABLE_NUMBA"] = "1"
            for kind in args.sets:
                cmd = [sys.executable, os.path.abspath(__file__), "--child", engine, kind,
                       "--repeat", str(args.repeat), "--sizes", *map(str, args.sizes)]
                out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
                rows.extend(json.loads(out.stdout.strip().splitlines()[-1]))
                print(f"run {r + 1}: {engine} {kind} done", flush=True)
        runs.append(rows)
    worst = sorted(runs[-1], key=lambda row: -row["ratio"])
    result = {
        "what": "do_curve(metric='geodesic') vs the planar curve of the same firms "
                "projected (local AEQD); ratio = geodesic / planar seconds, one process, "
                "interleaved, best of --repeat",
        "distances_m": [0, 200_000, 2000], "target_ratio": 1.3,
        "machine_note": "2 shared cores, other jobs running: absolute seconds drift, "
                        "ratios are the figures",
        "runs": runs,
        "worst_first_last_run": [{k: row[k] for k in ("set", "engine", "n", "ratio")}
                                 for row in worst],
    }
    out = os.path.join(HERE, "results", "geodesic.json")
    with open(out, "w") as f:
        json.dump(result, f, indent=1)
    for row in worst:
        print(f"{row['set']:10s} {row['engine']:6s} n={row['n']:6d} curves={row['curves']:3d} "
              f"planar {row['planar_s']:.3f}s geodesic {row['geodesic_s']:.3f}s "
              f"ratio {row['ratio']:.2f}")


if __name__ == "__main__":
    main()
