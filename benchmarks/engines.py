"""Both engines of the core (issue 12): numba and numpy, and the plain-Python
fallback of earlier versions, on the Guangdong-like workload.

    python benchmarks/engines.py                  # 2,000 10,000 75,275 firms
    python benchmarks/engines.py --sizes 2000 --legacy 1000

Each (engine, size) runs in its own process (its own peak memory) and
times one DO curve, LDO at one ĥ, the adaptive h_i, MCLM-LDO at the local
scale and the local test (99 simulations), next to scipy's pdist of the
same points (best of 3, up to 10,000 firms). ``--legacy`` sizes also run
the plain-Python fallback (the numba kernels uncompiled, what DO-LDO did
without numba before the numpy engine) and give the numpy engine's speedup
over it. Writes benchmarks/results/engines.json.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from workload import best_time as best, guangdong, link_checkout, subset  # noqa: E402

link_checkout()
import numpy as np  # noqa: E402
from scipy.spatial.distance import pdist  # noqa: E402

D = np.arange(0.0, 100_001.0, 1000.0)
H_HAT = 5000.0          # ĥ of the LDO step (metres)
PDIST_MAX = 10_000


def child(engine, n, legacy):
    """Time the steps at n firms on ``engine`` ("legacy": the uncompiled
    numba forms) and print one JSON line."""
    warnings.simplefilter("ignore")
    from doldo.core import (do_curve, engine as eng, ldo_index, local_bandwidths,
                            local_test, mclm_ldo)
    if legacy:
        eng.Kernel.__call__ = lambda self, *a, **k: self.numba(*a, **k)
    ind, bg = guangdong()
    p, _ = subset(ind, bg, n)
    repeat = 1 if legacy or n > 20_000 else 3
    out = {"engine": "plain Python (before)" if legacy else engine, "n": n}
    with eng.use("numpy" if legacy else engine):
        if not legacy:          # compile / warm the kernels first
            w = p[:500]
            do_curve(w, None, D, n_sim=0)
            mclm_ldo(w, "local")
            ldo_index(w, H_HAT)
            local_test(w, bg[:5000], H_HAT, n_sim=19, seed=1)
        out["do_s"], curve = best(lambda: do_curve(p, None, D, n_sim=0), repeat)
        out["ldo_s"], ldo = best(lambda: ldo_index(p, H_HAT), repeat)
        out["h_i_s"], hs = best(lambda: local_bandwidths(p), 1 if n > 20_000 else repeat)
        out["mclm_local_s"], _ = best(lambda: mclm_ldo(p, "local"), 1)
        if not legacy and n <= PDIST_MAX:
            out["local_test_99_s"], _ = best(
                lambda: local_test(p, bg, H_HAT, n_sim=99, seed=1), 1)
    if n <= PDIST_MAX and not legacy:
        out["pdist_s"], _ = best(lambda: pdist(p), 3)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    np.save(os.path.join(os.environ.get("TMPDIR", "/tmp"),
                         f"doldo-engines-{out['engine'].split()[0]}-{n}.npy"),
            np.r_[curve.observed, ldo, hs])
    print(json.dumps(out), flush=True)


def run_child(engine, n, legacy=False):
    env = dict(os.environ)
    if legacy:
        env["DOLDO_DISABLE_NUMBA"] = "1"
    cmd = [sys.executable, __file__, "--child", engine, str(n)] + (["--as-legacy"] if legacy else [])
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def agreement(n):
    """Largest relative differences numpy vs numba: DO (to its peak), LDO, h_i."""
    tmp = os.environ.get("TMPDIR", "/tmp")
    a = np.load(os.path.join(tmp, f"doldo-engines-numba-{n}.npy"))
    b = np.load(os.path.join(tmp, f"doldo-engines-numpy-{n}.npy"))
    t = D.size
    do = float(np.max(np.abs(a[:t] - b[:t])) / np.max(np.abs(a[:t])))
    rest = np.abs(a[t:] - b[t:]) / np.maximum(np.abs(a[t:]), 1e-300)
    return {"do_rel_to_peak": do, "ldo_and_h_max_rel": float(rest.max())}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000, 75275])
    ap.add_argument("--legacy", type=int, nargs="*", default=[1000, 2000])
    ap.add_argument("--child", nargs=2)
    ap.add_argument("--as-legacy", action="store_true")
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    a = ap.parse_args()
    if a.child:
        child(a.child[0], int(a.child[1]), a.as_legacy)
        return
    from doldo.core._numba import HAVE_NUMBA
    engines = (["numba"] if HAVE_NUMBA else []) + ["numpy"]
    rows = []
    for n in a.sizes:
        for e in engines:
            r = run_child(e, n)
            if "pdist_s" in r:
                for k in ("do_s", "ldo_s", "h_i_s"):
                    r[k.replace("_s", "_x_pdist")] = r[k] / r["pdist_s"]
            rows.append(r)
            print(r, flush=True)
        if len(engines) == 2:
            rows[-1]["agreement_with_numba"] = agreement(n)
            print("  numpy vs numba:", rows[-1]["agreement_with_numba"], flush=True)
    legacy = []
    for n in a.legacy:
        old = run_child("numpy", n, legacy=True)
        new = run_child("numpy", n)
        old["numpy_engine_speedup"] = {k: old[k] / new[k] for k in
                                       ("do_s", "ldo_s", "h_i_s", "mclm_local_s")}
        old["numpy_engine"] = new
        legacy.append(old)
        print(old, flush=True)
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "engines.json"), "w") as f:
        json.dump({"cpus": os.cpu_count(), "distances_km": "0-100 step 1", "h_hat_m": H_HAT,
                   "engines": rows, "plain_python_before": legacy}, f, indent=1)
    print("wrote", os.path.join(a.out, "engines.json"))


if __name__ == "__main__":
    main()
