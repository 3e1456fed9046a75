"""A whole economy (issue 13): every industry at once, in process and on a
two-worker dask cluster, co-localization of the largest industries, and
the plan for a national run from the measured per-curve costs.

    python benchmarks/economy.py                 # m = 199, the 10 largest paired
    python benchmarks/economy.py --m 39 --pairs 4 --no-cluster

Workload: the 300,000 Guangdong-like firms with 40 industries of 30-20,000
firms (log-uniform sizes; odd codes localized, even ones spread), 0-100 km
by 1 km. The cluster is a LocalCluster of 2 worker processes (1 thread
each) on 127.0.0.1, warmed up first (the workers' numba cache). Writes
benchmarks/results/economy.json.
"""
import argparse
import json
import math
import os
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from workload import best_time as timed, economy, link_checkout  # noqa: E402

link_checkout()
import numpy as np  # noqa: E402

D = np.arange(0.0, 100_001.0, 1000.0)
NATIONAL = {"firms": 10_000_000, "industries": 500, "simulations": 999}
COST_SIZES = (100, 300, 1000, 3000, 10000, 30000)


def per_curve_costs(firms, m):
    """Seconds per curve (its draw included) at COST_SIZES firms drawn from
    ``firms``, with m simulations: the cost model of the national plan."""
    from doldo.core import do_curve
    rng = np.random.default_rng(3)
    out = {}
    for n in COST_SIZES:
        p = firms[rng.choice(len(firms), n, replace=False)]
        do_curve(p, firms, D, n_sim=20, seed=1)
        k = m if n <= 10000 else max(20, m // 5)
        t, _ = timed(lambda: do_curve(p, firms, D, n_sim=k, seed=1))
        out[n] = t / (k + 1)
        print(f"  per curve at {n} firms: {1e3 * out[n]:.2f} ms", flush=True)
    return out


def national_plan(costs, m_in, sizes_run, seconds_run, workers_overhead):
    """Projection for NATIONAL: industry sizes log-uniform like the workload
    scaled to 10 M firms (20,000 firms on average), each (m + 1) curves at
    the cost interpolated (log-log) from ``costs``; cores needed for 1, 8
    and 24 hours, with the measured overhead of the cluster."""
    rng = np.random.default_rng(11)
    mean_size = NATIONAL["firms"] / NATIONAL["industries"]
    # log-uniform sizes between mean/100 and 20 x mean, scaled to the mean
    sizes = np.exp(rng.uniform(np.log(mean_size / 100), np.log(mean_size * 20),
                               NATIONAL["industries"]))
    sizes *= NATIONAL["firms"] / sizes.sum()
    ns = np.array(sorted(costs))
    cs = np.array([costs[n] for n in ns])
    slope = math.log(cs[-1] / cs[-2]) / math.log(ns[-1] / ns[-2])

    def cost(n):
        if n >= ns[-1]:
            return cs[-1] * (n / ns[-1]) ** slope
        return float(np.exp(np.interp(np.log(n), np.log(ns), np.log(cs))))
    core_seconds = sum((NATIONAL["simulations"] + 1) * cost(n) * 2 for n in sizes)  # 2 cores
    core_seconds *= 1 + max(workers_overhead, 0.0)
    return {"industry_sizes": "log-uniform, mean 20,000, from 200 to 400,000 (scaled)",
            "largest_industry": float(sizes.max()), "per_curve_cost_model_s": costs,
            "large_size_exponent": slope,
            "core_hours": core_seconds / 3600,
            "cores_for_24_h": math.ceil(core_seconds / 86400),
            "cores_for_8_h": math.ceil(core_seconds / 28800),
            "cores_for_1_h": math.ceil(core_seconds / 3600),
            "check_on_this_workload_s": {"measured": seconds_run,
                                         "model": sum((m_in + 1) * cost(n) for n in sizes_run)}}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--m", type=int, default=199)
    ap.add_argument("--pairs", type=int, default=10, help="largest industries paired")
    ap.add_argument("--no-cluster", action="store_true")
    ap.add_argument("--out", default=os.path.join(HERE, "results"))
    a = ap.parse_args()
    warnings.simplefilter("ignore")
    from doldo.core import co_localizations, do_industries
    firms, codes = economy()
    sizes = sorted(int((codes == k).sum()) for k in set(codes[codes != None]))  # noqa: E711
    pairs_per_round = sum(n * (n - 1) / 2 for n in sizes)
    out = {"workload": {"firms": len(firms), "industries": len(sizes), "sizes": sizes,
                        "distances_km": "0-100 step 1", "m": a.m}}
    # warm numba's cache, then the in-process run
    do_industries(firms, codes, D[:11], n_sim=20, seed=1)
    t_in, res = timed(lambda: do_industries(firms, codes, D, n_sim=a.m, seed=1))
    curves = len(sizes) * (a.m + 1)
    out["in_process"] = {
        "seconds": t_in, "per_industry_s": t_in / len(sizes), "per_curve_ms": 1e3 * t_in / curves,
        "pairs_per_s": pairs_per_round * (a.m + 1) / t_in,
        "localized": sum(r["status"] == "localized" for r in res.summary),
        "dispersed": sum(r["status"] == "dispersed" for r in res.summary),
        "target_s": 180, "met": t_in <= 180}
    print("in process:", out["in_process"], flush=True)
    overhead = 0.0
    if not a.no_cluster:
        import distributed
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      host="127.0.0.1", dashboard_address=None) as cluster, \
                distributed.Client(cluster) as client:
            do_industries(firms, codes, D[:11], n_sim=20, seed=1, executor=client)   # warm
            t_cl, res_cl = timed(lambda: do_industries(firms, codes, D, n_sim=a.m, seed=1,
                                                       executor=client))
        same = all(np.array_equal(res.curves[c].simulations, res_cl.curves[c].simulations)
                   for c in res.industries)
        overhead = t_cl / t_in - 1
        out["two_worker_cluster"] = {"seconds": t_cl, "slower_than_in_process": overhead,
                                     "target": 0.15, "met": overhead <= 0.15,
                                     "identical_bits": same}
        print("2-worker cluster:", out["two_worker_cluster"], flush=True)
    print("per-curve costs (the national plan's model):", flush=True)
    costs = per_curve_costs(firms, a.m)
    out["national_plan"] = national_plan(costs, a.m, sizes, t_in, overhead)
    print("national plan:", out["national_plan"], flush=True)
    if a.pairs >= 2:
        top = sorted(set(codes[codes != None]), key=lambda k: -(codes == k).sum())[:a.pairs]  # noqa: E711
        n_top = [int((codes == k).sum()) for k in top]
        cross = sum(n_top[i] * n_top[j] for i in range(len(top)) for j in range(i + 1, len(top)))
        t_co, (records, _) = timed(lambda: co_localizations(
            firms, codes, D, codes=top, n_sim=a.m, seed=1))
        pairs = len(records)
        out["colocalization"] = {
            "industries": n_top, "pairs": pairs, "seconds": t_co,
            "per_pair_s": t_co / pairs, "per_curve_s": t_co / (pairs * (a.m + 1)),
            "cross_pairs_per_s": cross * (a.m + 1) / t_co,
            "co_localized": sum(r["status"] == "co-localized" for r in records)}
        print("co-localization:", out["colocalization"], flush=True)
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "economy.json"), "w") as f:
        json.dump(out, f, indent=1, default=float)
    print("wrote", os.path.join(a.out, "economy.json"))


if __name__ == "__main__":
    main()
