"""Every speed target on every data shape (issue 22), the worst shape reported.

    python benchmarks/every_shape.py                       # all targets
    python benchmarks/every_shape.py --targets one_curve weighted --shapes strip

Shapes: benchmarks/shapes.py (uniform disc, tight clusters, clusters +
sprinkle, heavy duplication, strip, guangdong). Thresholds 0-100 km by 1 km.
Each ratio is measured in one process, the baseline and the candidate
interleaved, best of ``--repeat`` (3) of each; the load average is recorded
with every figure (2 shared cores: above 2, other work ran at the same time).

Targets (``--targets``):
- one_curve: one exact DO curve with numba, 20,000 firms, / scipy pdist (<= 0.25);
- numpy_engine: the same on the numpy engine, 10,000 firms (<= 3);
- small_sets: per curve with its draw, m = 199 from a 300,000-firm
  background of the shape, / pdist of as many firms: 300 (<= 3),
  1,000 (<= 1), 5,000 (Mpair/s rising with n);
- conventions: weighted (<= 1.3) and dbmss (<= 1.5) curves / the unweighted
  paper curve at 2,000, 10,000 and 50,000 firms (per curve with its draws:
  m = 10, 2 and 0);
- colocalization: weighted (<= 1.5) and dbmss (<= 1.5) co-localization of
  two 10,000-firm industries / the unweighted paper one (observed curve);
- economy: 40 industries over a 300,000-firm economy of the shape,
  employment-weighted / unweighted (<= 1.3), m = ``--economy-m``.

Writes benchmarks/results/every_shape.json: every row, and per target its
worst shape (``worst``).
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
from workload import economy, link_checkout  # noqa: E402
from shapes import SHAPES, points  # noqa: E402

link_checkout()
import numpy as np  # noqa: E402
from scipy.spatial.distance import pdist  # noqa: E402

D = np.arange(0.0, 100_001.0, 1000.0)
TARGETS = ("one_curve", "numpy_engine", "small_sets", "conventions", "colocalization",
           "economy")
LIMITS = {"one_curve": 0.25, "numpy_engine": 3.0, "small_300": 3.0, "small_1000": 1.0,
          "weighted": 1.3, "dbmss": 1.5, "coloc_weighted": 1.5, "coloc_dbmss": 1.5,
          "economy_weighted": 1.3}


def load():
    return os.getloadavg()[0]


def interleaved(fns, repeat):
    """Best wall time of each of ``fns`` (name -> callable), run in turn
    ``repeat`` times (baseline and candidates interleaved)."""
    best = {k: math.inf for k in fns}
    for _ in range(repeat):
        for k, f in fns.items():
            t = time.perf_counter()
            f()
            best[k] = min(best[k], time.perf_counter() - t)
    return best


def employees(n, seed):
    """Employee-like integer weights 1-199 (seeded)."""
    return np.random.default_rng(seed).integers(1, 200, n).astype(float)


def one_curve(shape, a, engine="numba", n=20_000):
    from doldo.core import do_curve
    from doldo.core import engine as eng
    p = points(shape, n)
    with eng.use(engine):
        do_curve(p, None, D, n_sim=0)
        t = interleaved({"curve": lambda: do_curve(p, None, D, n_sim=0),
                         "pdist": lambda: pdist(p)}, a.repeat)
    return {"n": n, "engine": engine, "curve_s": t["curve"], "pdist_s": t["pdist"],
            "x_pdist": t["curve"] / t["pdist"]}


def small_sets(shape, a, sizes=(300, 1000, 5000), m=199):
    from doldo.core import do_curve
    bg = points(shape, 300_000, seed=5)
    rows = []
    for n in sizes:
        p = bg[np.random.default_rng(n).choice(bg.shape[0], n, replace=False)]
        do_curve(p, bg, D, n_sim=m, seed=1)
        t = interleaved({"run": lambda: do_curve(p, bg, D, n_sim=m, seed=1),
                         "pdist": lambda: pdist(p)}, a.repeat)
        per = t["run"] / (m + 1)
        rows.append({"n": n, "m": m, "ms_per_curve": 1e3 * per, "pdist_ms": 1e3 * t["pdist"],
                     "x_pdist": per / t["pdist"], "mpair_per_s": n * (n - 1) / 2 / per / 1e6})
    return rows


def conventions(shape, a, sizes=((2000, 10), (10_000, 2), (50_000, 0))):
    from doldo.core import do_curve
    bg = points(shape, 300_000, seed=5)
    bw = employees(bg.shape[0], 1)
    rows = []
    for n, m in sizes:
        p = bg[:n]
        w = bw[:n]
        kw = dict(n_sim=m, seed=1, confidence=0.5)      # (a band from m >= 2 draws)
        fns = {"paper": lambda: do_curve(p, bg, D, **kw),
               "weighted": lambda: do_curve(p, bg, D, weights=w, background_weights=bw, **kw),
               "dbmss": lambda: do_curve(p, bg, D, convention="dbmss", **kw)}
        for f in fns.values():
            f()
        t = interleaved(fns, a.repeat)
        rows.append({"n": n, "m": m, "paper_ms": 1e3 * t["paper"] / (m + 1),
                     "weighted_ms": 1e3 * t["weighted"] / (m + 1),
                     "dbmss_ms": 1e3 * t["dbmss"] / (m + 1),
                     "weighted_x_paper": t["weighted"] / t["paper"],
                     "dbmss_x_paper": t["dbmss"] / t["paper"]})
    return rows


def colocalization(shape, a, n=10_000):
    from doldo.core import co_localization
    bg = points(shape, 300_000, seed=5)
    pa, pb = bg[:n], bg[n:2 * n]
    wa, wb = employees(n, 2), employees(n, 3)
    fns = {"paper": lambda: co_localization(pa, pb, None, D, n_sim=0),
           "weighted": lambda: co_localization(pa, pb, None, D, n_sim=0, weights_a=wa,
                                               weights_b=wb),
           "dbmss": lambda: co_localization(pa, pb, None, D, n_sim=0, convention="dbmss")}
    for f in fns.values():
        f()
    t = interleaved(fns, a.repeat)
    pairs = float(n) * n
    return {"n_a": n, "n_b": n, "paper_s": t["paper"], "weighted_s": t["weighted"],
            "dbmss_s": t["dbmss"], "paper_gpair_per_s": pairs / t["paper"] / 1e9,
            "weighted_gpair_per_s": pairs / t["weighted"] / 1e9,
            "dbmss_gpair_per_s": pairs / t["dbmss"] / 1e9,
            "weighted_x_paper": t["weighted"] / t["paper"],
            "dbmss_x_paper": t["dbmss"] / t["paper"]}


def economy_run(shape, a):
    from doldo.core import do_industries
    firms, codes = economy(firms=points(shape, 300_000, seed=5))
    w = employees(firms.shape[0], 4)
    fns = {"unweighted": lambda: do_industries(firms, codes, D, n_sim=a.economy_m, seed=1),
           "weighted": lambda: do_industries(firms, codes, D, n_sim=a.economy_m, seed=1,
                                             weights=w)}
    do_industries(firms, codes, D[:11], n_sim=2, seed=1)
    do_industries(firms, codes, D[:11], n_sim=2, seed=1, weights=w)
    t = interleaved(fns, a.economy_repeat)
    return {"industries": 40, "m": a.economy_m, "unweighted_s": t["unweighted"],
            "weighted_s": t["weighted"], "weighted_x_unweighted": t["weighted"] / t["unweighted"]}


def worst(rows, key, limit):
    r = max(rows, key=lambda r: r[key])
    return {"shape": r["shape"], "ratio": r[key], "target": limit, "met": bool(r[key] <= limit),
            "load": r["load"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--targets", nargs="+", default=list(TARGETS), choices=TARGETS)
    ap.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--economy-m", type=int, default=19)
    ap.add_argument("--economy-repeat", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    a = ap.parse_args()
    warnings.simplefilter("ignore")
    from doldo.core import backend
    from doldo.core._numba import HAVE_NUMBA
    out = {"engine": backend(), "distances_km": "0-100 step 1", "repeat": a.repeat,
           "cpus": os.cpu_count(), "rows": {}, "worst": {}}
    path = os.path.join(a.out, "every_shape.json")
    if os.path.exists(path):            # keep the other targets' figures
        with open(path) as f:
            old = json.load(f)
        out["rows"], out["worst"] = old.get("rows", {}), old.get("worst", {})
    jobs = {
        "one_curve": lambda s: [one_curve(s, a)] if HAVE_NUMBA else [],
        "numpy_engine": lambda s: [one_curve(s, a, "numpy", 10_000)],
        "small_sets": lambda s: small_sets(s, a) if HAVE_NUMBA else [],
        "conventions": lambda s: conventions(s, a),
        "colocalization": lambda s: [colocalization(s, a)],
        "economy": lambda s: [economy_run(s, a)],
    }
    for target in a.targets:
        rows = []
        for shape in a.shapes:
            for r in jobs[target](shape):
                r = {"shape": shape, **r, "load": load()}
                rows.append(r)
                print(target, json.dumps(r), flush=True)
        out["rows"][target] = rows
        if not rows:
            continue
        if target in ("one_curve", "numpy_engine"):
            out["worst"][target] = worst(rows, "x_pdist", LIMITS[target])
        elif target == "small_sets":
            for n in (300, 1000):
                out["worst"][f"small_{n}"] = worst([r for r in rows if r["n"] == n], "x_pdist",
                                                   LIMITS[f"small_{n}"])
            rising = {s: [r["mpair_per_s"] for r in rows if r["shape"] == s]
                      for s in a.shapes}
            out["worst"]["small_rising"] = {
                s: bool(np.all(np.diff(v) > 0)) for s, v in rising.items()}
        elif target == "conventions":
            for n in sorted({r["n"] for r in rows}):
                sel = [r for r in rows if r["n"] == n]
                out["worst"][f"weighted_{n}"] = worst(sel, "weighted_x_paper", LIMITS["weighted"])
                out["worst"][f"dbmss_{n}"] = worst(sel, "dbmss_x_paper", LIMITS["dbmss"])
        elif target == "colocalization":
            out["worst"]["coloc_weighted"] = worst(rows, "weighted_x_paper",
                                                   LIMITS["coloc_weighted"])
            out["worst"]["coloc_dbmss"] = worst(rows, "dbmss_x_paper", LIMITS["coloc_dbmss"])
        elif target == "economy":
            out["worst"]["economy_weighted"] = worst(rows, "weighted_x_unweighted",
                                                     LIMITS["economy_weighted"])
        os.makedirs(a.out, exist_ok=True)
        with open(path, "w") as f:
            json.dump(out, f, indent=1)
    print(json.dumps(out["worst"], indent=1))
    print("wrote", path)


if __name__ == "__main__":
    main()
