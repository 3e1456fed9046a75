"""DO-LDO benchmark (issue 4): one command, fixed-seed Guangdong-like workload.

    python benchmarks/run.py            # sizes 2,000 10,000 30,000 75,275
    python benchmarks/run.py --quick    # m = 20, smaller baselines
    python benchmarks/run.py --sizes 2000 10000 --m 400 --exact-m-max 75275
    python benchmarks/run.py --no-numba # the numpy engine (bench-numpy.json)

Times one DO curve (exact and fft), the full run with m simulations (exact
up to --exact-m-max firms, fft at every size), LDO at ĥ = h_max, the adaptive
h_i + LDO, MCLM-LDO (global and local scale), next to naive numpy baselines
measured in the same run where they fit (pdist DO, cdist-blocked LDO and
h_i), and the peak memory. Writes benchmarks/results/bench.json and .png
(bench-numpy.* for the numpy engine).
"""
import argparse
import json
import math
import os
import platform
import resource
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from workload import link_checkout  # noqa: E402

link_checkout()

import numpy as np  # noqa: E402
from scipy.spatial.distance import pdist, cdist  # noqa: E402

from workload import best_time as timed, guangdong, subset  # noqa: E402
from doldo.core import do_curve, ldo_index, local_bandwidths, mclm_ldo  # noqa: E402
from doldo.core._numba import num_threads  # noqa: E402

D = np.arange(0.0, 100_001.0, 1000.0)   # 0-100 km in 1 km steps
TARGETS = {"do_exact_75275_s": 1.5, "full_exact_75275_s": 600, "full_fft_75275_s": 90,
           "ldo_75275_s": 1.0, "local_75275_s": 20, "mclm_75275_s": 30,
           "peak_memory_gb": 2.0}


def rss_gb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2 ** 20


def naive_do(p, h):
    d = pdist(p)
    out = np.empty(len(D))
    for t, x in enumerate(D):
        out[t] = np.exp(-((x - d) / (math.sqrt(2) * h)) ** 2).sum()
    return out / (2 * h * d.size)


def naive_h(p):
    d = pdist(p)
    return 0.9 * len(p) ** -0.2 * min(d.std(), np.percentile(d, 25) / 1.34)


def naive_ldo(p, h, block=2000):
    out = np.empty(len(p))
    for s in range(0, len(p), block):
        d = cdist(p[s:s + block], p)
        k = np.exp(-(d / h) ** 2)
        out[s:s + block] = (k.sum(axis=1) - 1.0) / (h * len(p))
    return out


def naive_local(p, block=1000):
    n = len(p)
    hs = np.empty(n)
    for s in range(0, n, block):
        d = np.sort(cdist(p[s:s + block], p), axis=1)[:, 1:]
        std = d.std(axis=1)
        q1 = np.percentile(d, 25, axis=1)
        hs[s:s + block] = 0.9 * n ** -0.2 * np.where(q1 > 0, np.minimum(std, q1 / 1.34), std)
    return naive_ldo_local(p, hs)


def naive_ldo_local(p, hs, block=2000):
    out = np.empty(len(p))
    for s in range(0, len(p), block):
        d = cdist(p[s:s + block], p)
        k = np.exp(-(d / hs[s:s + block, None]) ** 2)
        out[s:s + block] = (k.sum(axis=1) - 1.0) / (hs[s:s + block] * len(p))
    return out


def host_probe(ind):
    """Fixed reference work, timed at the start and the end of a run: how
    fast this (shared, 2-core) host was, so runs on different days compare.
    Returns seconds for one exact DO curve of a fixed 20,000-firm subset
    (both cores) and a numpy pdist of 4,000 firms (one core), best of 3."""
    p = ind[np.random.default_rng(99).choice(len(ind), 20000, replace=False)]
    curve, _ = timed(lambda: do_curve(p, None, D, n_sim=0), 3)
    naive, _ = timed(lambda: pdist(p[:4000]).sum(), 3)
    return {"do_exact_20000_s": curve, "pdist_4000_s": naive}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000, 30000, 75275])
    ap.add_argument("--m", type=int, default=400, help="simulations of the full run")
    ap.add_argument("--exact-m-max", type=int, default=30000,
                    help="largest size for the exact full run (75,275: ~20 min)")
    ap.add_argument("--naive-max", type=int, default=10000)
    ap.add_argument("--quick", action="store_true", help="m = 20, naive up to 2,000")
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    ap.add_argument("--no-numba", action="store_true",
                    help="the numpy engine, as a QGIS without numba (bench-numpy.json)")
    a = ap.parse_args()
    if a.no_numba and not os.environ.get("DOLDO_DISABLE_NUMBA"):
        os.execve(sys.executable, [sys.executable] + sys.argv,
                  dict(os.environ, DOLDO_DISABLE_NUMBA="1"))
    from doldo.core import backend
    tag = "" if backend() == "numba" else "-numpy"
    if a.quick:
        a.m, a.naive_max = 20, min(a.naive_max, 2000)
    warnings.simplefilter("ignore")
    os.makedirs(a.out, exist_ok=True)
    ind, bg = guangdong()
    # warm numba's cache (compilation is not what we time)
    w_ind, _ = subset(ind, bg, 6000)
    do_curve(w_ind, None, D, n_sim=0)
    do_curve(w_ind, None, D, n_sim=0, method="fft")
    mclm_ldo(w_ind[:2000], "local")
    mclm_ldo(w_ind[:2000], 3000.0)
    probe = {"start": host_probe(ind)}
    print("host probe (start):", probe["start"], flush=True)
    rows = []
    for n in a.sizes:
        p, _ = subset(ind, bg, n)
        r = {"n": n}
        r["do_exact_s"], ex = timed(lambda: do_curve(p, None, D, n_sim=0), 3)
        r["do_fft_s"], ap_ = timed(lambda: do_curve(p, None, D, n_sim=0, method="fft"), 3)
        big = ex.observed > 0.01 * ex.observed.max()
        r["fft_max_rel_err"] = float(np.max(np.abs(ap_.observed / ex.observed - 1)[big]))
        r["fft_h_rel_err"] = float(ap_.bandwidth / ex.bandwidth - 1)
        r["h"] = ex.bandwidth
        print(f"n={n}: one DO curve exact {r['do_exact_s']:.2f} s, fft {r['do_fft_s']:.3f} s "
              f"(max rel err {r['fft_max_rel_err']:.1e})", flush=True)
        r["full_fft_s"], full_f = timed(lambda: do_curve(p, bg, D, n_sim=a.m, seed=1, method="fft"))
        r["h_max_fft"] = full_f.h_max
        print(f"  full m={a.m} fft {r['full_fft_s']:.1f} s, h_max {full_f.h_max}", flush=True)
        if n <= a.exact_m_max:
            r["full_exact_s"], full_e = timed(lambda: do_curve(p, bg, D, n_sim=a.m, seed=1))
            r["h_max_exact"] = full_e.h_max
            print(f"  full m={a.m} exact {r['full_exact_s']:.1f} s, h_max {full_e.h_max}", flush=True)
        h_hat = r.get("h_max_exact") or r["h_max_fft"] or 3 * ex.bandwidth
        r["h_hat"] = h_hat
        r["ldo_s"], _ = timed(lambda: ldo_index(p, h_hat), 2)
        r["local_s"], _ = timed(lambda: ldo_index(p, local_bandwidths(p)))
        r["mclm_s"], _ = timed(lambda: (mclm_ldo(p, h_hat), mclm_ldo(p, "local")))
        print(f"  LDO {r['ldo_s']:.2f} s, h_i + LDO {r['local_s']:.2f} s, "
              f"MCLM-LDO both {r['mclm_s']:.2f} s", flush=True)
        r["peak_rss_gb_core"] = rss_gb()
        if n <= a.naive_max:
            r["naive_do_s"], nd = timed(lambda: naive_do(p, naive_h(p)))
            r["do_max_rel_err_vs_naive"] = float(np.max(np.abs(ex.observed / nd - 1)[big]))
            r["naive_ldo_s"], _ = timed(lambda: naive_ldo(p, h_hat))
            r["naive_local_s"], _ = timed(lambda: naive_local(p))
            for k in ("do", "ldo", "local"):
                base = r[f"naive_{k}_s"]
                mine = r["do_exact_s" if k == "do" else f"{k}_s"]
                r[f"speedup_{k}"] = base / mine
            print(f"  naive: DO {r['naive_do_s']:.2f} s (x{r['speedup_do']:.0f}), "
                  f"LDO {r['naive_ldo_s']:.2f} s (x{r['speedup_ldo']:.0f}), "
                  f"h_i {r['naive_local_s']:.2f} s (x{r['speedup_local']:.0f}); "
                  f"exact vs naive {r['do_max_rel_err_vs_naive']:.1e}", flush=True)
        rows.append(r)
    probe["end"] = host_probe(ind)
    print("host probe (end):", probe["end"], flush=True)
    last = rows[-1]
    checks = {}
    if last["n"] == 75275:
        got = {"do_exact_75275_s": last["do_exact_s"], "full_fft_75275_s": last["full_fft_s"],
               "ldo_75275_s": last["ldo_s"], "local_75275_s": last["local_s"],
               "mclm_75275_s": last["mclm_s"], "peak_memory_gb": rss_gb()}
        if "full_exact_s" in last:
            got["full_exact_75275_s"] = last["full_exact_s"]
        else:  # estimate: (m + 1) curves
            got["full_exact_75275_s_estimate"] = last["do_exact_s"] * (a.m + 1)
        for k, v in got.items():
            t = TARGETS.get(k.replace("_estimate", ""))
            checks[k] = {"measured": v, "target": t, "met": None if t is None else v <= t}
    out = {"machine": {"cpus": os.cpu_count(), "numba_threads": num_threads(),
                       "python": platform.python_version(), "platform": platform.platform()},
           "workload": {"industry": len(ind), "background": len(bg),
                        "distances_km": "0-100 step 1", "m": a.m, "seed": 2024},
           "host_probe": probe, "results": rows, "targets": checks,
           "peak_rss_gb": rss_gb()}
    out["engine"] = backend()
    with open(os.path.join(a.out, f"bench{tag}.json"), "w") as f:
        json.dump(out, f, indent=1)
    plot(rows, os.path.join(a.out, f"bench{tag}.png"), a.m)
    print(json.dumps(checks, indent=1))


def plot(rows, path, m):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    n = [r["n"] for r in rows]
    fig, ax = plt.subplots(figsize=(7, 5))
    series = [("do_exact_s", "DO curve, exact", "o-"), ("do_fft_s", "DO curve, fft", "o--"),
              ("full_fft_s", f"DO + {m} sims, fft", "s--"), ("full_exact_s", f"DO + {m} sims, exact", "s-"),
              ("ldo_s", "LDO at h_max", "^-"), ("local_s", "adaptive h_i + LDO", "v-"),
              ("mclm_s", "MCLM-LDO (both scales)", "d-"), ("naive_do_s", "naive numpy DO", "o:"),
              ("naive_ldo_s", "naive numpy LDO", "^:"), ("naive_local_s", "naive numpy h_i + LDO", "v:")]
    for key, label, style in series:
        pts = [(r["n"], r[key]) for r in rows if key in r]
        if pts:
            ax.plot(*zip(*pts), style, label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(n)
    ax.set_xticklabels([f"{v:,}" for v in n])
    ax.minorticks_off()
    ax.set_xlabel("industry firms n")
    ax.set_ylabel("seconds (2 cores)")
    ax.set_title("DO-LDO on a Guangdong-like workload (background 300,000)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    print("wrote", path, "and its json")


if __name__ == "__main__":
    main()
