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
  1,000 (<= 1), 5,000 (Mpair/s rising with n; m = --m-5000, 39);
- conventions: weighted (<= 1.3) and dbmss (<= 1.5) curves / the unweighted
  paper curve at 2,000, 10,000 and 50,000 firms (per curve with its draws:
  m = 10, 2 and 0);
- colocalization: weighted (<= 1.5) and dbmss (<= 1.5) co-localization of
  two 10,000-firm industries / the unweighted paper one (observed curve);
- economy: 40 industries over a 300,000-firm economy of the shape,
  employment-weighted / unweighted (<= 1.3), m = ``--economy-m``.

``--before DIR``: another checkout (e.g. the commit before this change)
imported in the same process as ``doldo_before``; each of its runs is
interleaved with this checkout's, so every row also holds the earlier
code's times and ratios (keys ending in ``_before``), measured in the same
conditions.

Writes benchmarks/results/every_shape.json: every row, and per target its
worst shape (``worst``, and ``worst_before`` with --before).
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


CORES = {}      # "" -> this checkout's doldo.core; "_before" -> --before's


def link_before(path):
    """Import the checkout at ``path`` as ``doldo_before`` (a link next to
    this checkout's); its core then runs in this process too."""
    import importlib
    from workload import link_checkout as _  # noqa: F401 - the link folder exists
    link_dir = os.path.join(os.environ.get("TMPDIR", "/tmp"),
                            "doldo-bench-path-%d" % os.getuid())
    link = os.path.join(link_dir, "doldo_before")
    if os.path.islink(link):
        os.unlink(link)
    os.symlink(os.path.abspath(path), link)
    return importlib.import_module("doldo_before.core")


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


def each(fns_of):
    """{name + suffix: fn} for each core (this checkout's, --before's)."""
    out = {}
    for suffix, core in CORES.items():
        for k, f in fns_of(core).items():
            out[k + suffix] = f
    return out


def one_curve(shape, a, engine="numba", n=20_000):
    import contextlib
    p = points(shape, n)

    def fns(core):
        sub = sys.modules[core.__name__ + ".engine"]
        def run():
            with sub.use(engine):
                return core.do_curve(p, None, D, n_sim=0)
        return {"curve": run}
    f = each(fns)
    for g in f.values():
        g()
    f["pdist"] = lambda: pdist(p)
    t = interleaved(f, a.repeat)
    row = {"n": n, "engine": engine, "pdist_s": t["pdist"]}
    for suffix in CORES:
        row["curve_s" + suffix] = t["curve" + suffix]
        row["x_pdist" + suffix] = t["curve" + suffix] / t["pdist"]
    with contextlib.suppress(KeyError):
        row["after_x_before"] = t["curve"] / t["curve_before"]
    return row


def small_sets(shape, a, sizes=(300, 1000, 5000), m=199):
    bg = points(shape, 300_000, seed=5)
    rows = []
    for n in sizes:
        p = bg[np.random.default_rng(n).choice(bg.shape[0], n, replace=False)]
        k = m if n <= 1000 else a.m_5000      # (5,000 firms: fewer draws, per curve)
        f = each(lambda core: {"run": lambda: core.do_curve(p, bg, D, n_sim=k, seed=1)})
        for g in f.values():
            g()
        f["pdist"] = lambda: pdist(p)
        t = interleaved(f, a.repeat)
        row = {"n": n, "m": k, "pdist_ms": 1e3 * t["pdist"]}
        for suffix in CORES:
            per = t["run" + suffix] / (k + 1)
            row.update({"ms_per_curve" + suffix: 1e3 * per, "x_pdist" + suffix: per / t["pdist"],
                        "mpair_per_s" + suffix: n * (n - 1) / 2 / per / 1e6})
        rows.append(row)
    return rows


def conventions(shape, a, sizes=((2000, 10), (10_000, 2), (50_000, 0))):
    bg = points(shape, 300_000, seed=5)
    bw = employees(bg.shape[0], 1)
    rows = []
    for n, m in sizes:
        p = bg[:n]
        w = bw[:n]
        kw = dict(n_sim=m, seed=1, confidence=0.5)      # (a band from m >= 2 draws)

        def fns(core):
            return {"paper": lambda: core.do_curve(p, bg, D, **kw),
                    "weighted": lambda: core.do_curve(p, bg, D, weights=w,
                                                      background_weights=bw, **kw),
                    "dbmss": lambda: core.do_curve(p, bg, D, convention="dbmss", **kw)}
        f = each(fns)
        for g in f.values():
            g()
        t = interleaved(f, a.repeat)
        row = {"n": n, "m": m}
        for x in CORES:
            row.update({"paper_ms" + x: 1e3 * t["paper" + x] / (m + 1),
                        "weighted_ms" + x: 1e3 * t["weighted" + x] / (m + 1),
                        "dbmss_ms" + x: 1e3 * t["dbmss" + x] / (m + 1),
                        "weighted_x_paper" + x: t["weighted" + x] / t["paper" + x],
                        "dbmss_x_paper" + x: t["dbmss" + x] / t["paper" + x]})
        rows.append(row)
    return rows


def colocalization(shape, a, n=10_000):
    bg = points(shape, 300_000, seed=5)
    pa, pb = bg[:n], bg[n:2 * n]
    wa, wb = employees(n, 2), employees(n, 3)

    def fns(core):
        co = core.co_localization
        return {"paper": lambda: co(pa, pb, None, D, n_sim=0),
                "weighted": lambda: co(pa, pb, None, D, n_sim=0, weights_a=wa, weights_b=wb),
                "dbmss": lambda: co(pa, pb, None, D, n_sim=0, convention="dbmss")}
    f = each(fns)
    for g in f.values():
        g()
    t = interleaved(f, a.repeat)
    pairs = float(n) * n
    row = {"n_a": n, "n_b": n}
    for x in CORES:
        row.update({"paper_s" + x: t["paper" + x], "weighted_s" + x: t["weighted" + x],
                    "dbmss_s" + x: t["dbmss" + x],
                    "paper_gpair_per_s" + x: pairs / t["paper" + x] / 1e9,
                    "weighted_gpair_per_s" + x: pairs / t["weighted" + x] / 1e9,
                    "dbmss_gpair_per_s" + x: pairs / t["dbmss" + x] / 1e9,
                    "weighted_x_paper" + x: t["weighted" + x] / t["paper" + x],
                    "dbmss_x_paper" + x: t["dbmss" + x] / t["paper" + x]})
    return row


def economy_run(shape, a):
    firms, codes = economy(firms=points(shape, 300_000, seed=5))
    w = employees(firms.shape[0], 4)
    m = a.economy_m

    def fns(core):
        di = core.do_industries
        return {"unweighted": lambda: di(firms, codes, D, n_sim=m, seed=1, confidence=0.5),
                "weighted": lambda: di(firms, codes, D, n_sim=m, seed=1, weights=w,
                                       confidence=0.5)}
    for core in CORES.values():
        core.do_industries(firms, codes, D[:11], n_sim=2, seed=1, confidence=0.5)
        core.do_industries(firms, codes, D[:11], n_sim=2, seed=1, weights=w, confidence=0.5)
    t = interleaved(each(fns), a.economy_repeat)
    row = {"industries": 40, "m": m}
    for x in CORES:
        row.update({"unweighted_s" + x: t["unweighted" + x], "weighted_s" + x: t["weighted" + x],
                    "weighted_x_unweighted" + x: t["weighted" + x] / t["unweighted" + x]})
    return row


def worst(rows, key, limit):
    r = max(rows, key=lambda r: r[key])
    return {"shape": r["shape"], "ratio": r[key], "target": limit, "met": bool(r[key] <= limit),
            "load": r["load"]}


def worst_all(out, rows, key, name, limit):
    """The worst shape of this checkout (out["worst"]) and of --before's."""
    for x in CORES:
        if rows and key + x in rows[0]:
            out["worst" + x][name] = worst(rows, key + x, limit)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--targets", nargs="+", default=list(TARGETS), choices=TARGETS)
    ap.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--economy-m", type=int, default=19)
    ap.add_argument("--m-5000", type=int, default=39, help="draws at 5,000 firms (small sets)")
    ap.add_argument("--before", help="another checkout, timed in the same process")
    ap.add_argument("--economy-repeat", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    a = ap.parse_args()
    warnings.simplefilter("ignore")
    import doldo.core
    from doldo.core import backend
    from doldo.core._numba import HAVE_NUMBA
    CORES[""] = doldo.core
    if a.before:
        CORES["_before"] = link_before(a.before)
    out = {"engine": backend(), "distances_km": "0-100 step 1", "repeat": a.repeat,
           "cpus": os.cpu_count(), "before": a.before, "rows": {}, "worst": {},
           "worst_before": {}}
    path = os.path.join(a.out, "every_shape.json")
    if os.path.exists(path):            # keep the other targets' figures
        with open(path) as f:
            old = json.load(f)
        for k in ("rows", "worst", "worst_before"):
            out[k] = old.get(k, {})
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
            worst_all(out, rows, "x_pdist", target, LIMITS[target])
        elif target == "small_sets":
            for n in (300, 1000):
                worst_all(out, [r for r in rows if r["n"] == n], "x_pdist", f"small_{n}",
                          LIMITS[f"small_{n}"])
            for x in CORES:
                rising = {s: [r["mpair_per_s" + x] for r in rows if r["shape"] == s]
                          for s in a.shapes}
                out["worst" + x]["small_rising"] = {
                    s: bool(np.all(np.diff(v) > 0)) for s, v in rising.items()}
        elif target == "conventions":
            for n in sorted({r["n"] for r in rows}):
                sel = [r for r in rows if r["n"] == n]
                worst_all(out, sel, "weighted_x_paper", f"weighted_{n}", LIMITS["weighted"])
                worst_all(out, sel, "dbmss_x_paper", f"dbmss_{n}", LIMITS["dbmss"])
        elif target == "colocalization":
            worst_all(out, rows, "weighted_x_paper", "coloc_weighted", LIMITS["coloc_weighted"])
            worst_all(out, rows, "dbmss_x_paper", "coloc_dbmss", LIMITS["coloc_dbmss"])
        elif target == "economy":
            worst_all(out, rows, "weighted_x_unweighted", "economy_weighted",
                      LIMITS["economy_weighted"])
        os.makedirs(a.out, exist_ok=True)
        with open(path, "w") as f:
            json.dump(out, f, indent=1)
    print(json.dumps({k: out[k] for k in ("worst", "worst_before")}, indent=1))
    print("wrote", path)


if __name__ == "__main__":
    main()
