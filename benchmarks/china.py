"""A synthetic China-like economy (issue 20) and a national run of
do_industries with geodesic distances next to the planar one.

    python benchmarks/china.py                    # reduced run, see --help
    python benchmarks/china.py --firms 1000000 --industries 100 --n-sim 199

``china_economy``: firms over 75-135 E, 18-53 N in longitude, latitude
(WGS 84), concentrated along the coast and in 38 city regions (coastal
cities weigh more), with a thin inland sprinkle; industries of 100 to
50,000 firms (log-uniform sizes scaled to the number of firms), each with
its own favourite cities and its own degree of concentration. Fixed seed.

The run times do_industries(metric="geodesic") and the planar run of the
same firms projected (one azimuthal equidistant projection centred on the
economy: fine for timing, not for distances) in one process, and gives the
per-curve costs. Writes benchmarks/results/china_geodesic.json.
"""
import argparse
import json
import os
import sys
import time
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

BOX = ((75.0, 135.0), (18.0, 53.0))
# (lon, lat, weight): coastal metropolitan regions weigh more
CITIES = [
    (121.5, 31.2, 9), (113.3, 23.1, 8), (114.1, 22.5, 8), (113.7, 23.0, 6), (113.1, 23.0, 6),
    (120.6, 31.3, 6), (120.2, 30.3, 5), (121.5, 29.9, 4), (118.8, 32.1, 4), (116.4, 39.9, 6),
    (117.2, 39.1, 5), (120.4, 36.1, 4), (121.6, 38.9, 3), (119.3, 26.1, 3), (118.1, 24.5, 3),
    (117.0, 36.7, 3), (123.4, 41.8, 3), (114.5, 38.0, 2), (106.5, 29.6, 4), (104.1, 30.7, 4),
    (114.3, 30.6, 4), (108.9, 34.3, 3), (113.6, 34.7, 3), (113.0, 28.2, 3), (117.3, 31.9, 2),
    (115.9, 28.7, 2), (112.5, 37.9, 2), (126.6, 45.8, 2), (125.3, 43.9, 2), (102.7, 25.0, 2),
    (106.7, 26.6, 1), (108.3, 22.8, 2), (103.8, 36.1, 1), (87.6, 43.8, 1), (111.7, 40.8, 1),
    (106.3, 38.5, 1), (101.8, 36.6, 1), (91.1, 29.7, 1),
]
COAST = np.array([(108.0, 21.6), (110.3, 21.0), (113.3, 22.2), (116.5, 23.0), (118.5, 24.6),
                  (119.6, 26.3), (121.0, 28.0), (121.9, 30.5), (121.0, 32.5), (119.6, 34.6),
                  (120.6, 36.2), (122.4, 37.3), (119.2, 37.4), (118.0, 38.8), (119.5, 39.8),
                  (121.3, 39.0), (122.2, 40.4), (124.3, 40.0)])


def _coast_points(rng, n):
    """n points in a band up to ~1.2 degrees inland of the coast line."""
    seg = np.diff(COAST, axis=0)
    length = np.hypot(seg[:, 0], seg[:, 1])
    k = rng.choice(len(seg), n, p=length / length.sum())
    t = rng.uniform(0, 1, n)[:, None]
    p = COAST[k] + t * seg[k]
    normal = np.c_[-seg[k, 1], seg[k, 0]] / length[k][:, None]   # left of the walk: inland
    return p + normal * np.abs(rng.normal(0, 0.5, n))[:, None] + rng.normal(0, 0.05, (n, 2))


def china_economy(n_firms=1_000_000, n_industries=100, smallest=100, largest=50_000, seed=2026):
    """(lonlat (n, 2), codes (n,) 0..n_industries-1, sizes) of a China-like
    economy (see the module text)."""
    rng = np.random.default_rng(seed)
    sizes = np.exp(rng.uniform(np.log(smallest), np.log(largest), n_industries))
    sizes = np.clip(np.round(sizes * n_firms / sizes.sum()), min(smallest, n_firms // n_industries),
                    largest).astype(np.int64)
    while sizes.sum() != n_firms:       # reach n_firms exactly, within the bounds
        gap = n_firms - int(sizes.sum())
        room = (largest - sizes) if gap > 0 else (sizes - smallest)
        can = np.flatnonzero(room > 0)
        if can.size == 0:
            break
        step = np.sign(gap) * np.minimum(room[can], max(1, abs(gap) // can.size))
        sizes[can] += step.astype(np.int64)
        over = int(sizes.sum()) - n_firms
        if np.sign(over) == np.sign(gap) and over:
            sizes[can[0]] -= over
    city = np.array([(c[0], c[1]) for c in CITIES])
    weight = np.array([c[2] for c in CITIES], dtype=np.float64)
    out, codes = [], []
    for code, m in enumerate(sizes):
        m = int(m)
        fav = rng.choice(len(city), size=rng.integers(2, 7), replace=False,
                         p=weight / weight.sum())
        local = rng.uniform(0.2, 0.8)          # share in its favourite cities
        n_fav = int(local * m)
        n_city = int(0.6 * (m - n_fav))
        n_coast = int(0.3 * (m - n_fav))
        n_inland = m - n_fav - n_city - n_coast
        spread = rng.uniform(0.03, 0.25)       # degrees: ~3-25 km blobs
        pick = fav[rng.integers(0, fav.size, n_fav)]
        a = city[pick] + rng.normal(0, spread, (n_fav, 2))
        pick = rng.choice(len(city), n_city, p=weight / weight.sum())
        b = city[pick] + rng.normal(0, 0.35, (n_city, 2))
        c = _coast_points(rng, n_coast)
        d = np.c_[rng.uniform(100, 125, n_inland), rng.uniform(22, 42, n_inland)]
        p = np.r_[a, b, c, d]
        p[:, 0] = np.clip(p[:, 0], *BOX[0])
        p[:, 1] = np.clip(p[:, 1], *BOX[1])
        out.append(p)
        codes.append(np.full(m, code, dtype=np.int64))
    return np.concatenate(out), np.concatenate(codes), sizes


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--firms", type=int, default=50_000)
    ap.add_argument("--industries", type=int, default=12)
    ap.add_argument("--n-sim", type=int, default=20)
    ap.add_argument("--largest", type=int, default=50_000)
    ap.add_argument("--dask", action="store_true",
                    help="also run the geodesic economy on a two-worker LocalCluster")
    ap.add_argument("--out", default=os.path.join(HERE, "results", "china_geodesic.json"))
    args = ap.parse_args()
    sys.path.insert(0, HERE)
    from workload import link_checkout
    link_checkout()
    warnings.simplefilter("ignore")
    from doldo.core import do_industries, engine
    from doldo.core.geodesic import Aeqd, centre_of
    ll, codes, sizes = china_economy(args.firms, args.industries, largest=args.largest)
    d = np.arange(0.0, 200_001.0, 2000.0)
    xy = Aeqd(*centre_of(ll)).forward(ll)
    small = np.flatnonzero(codes < 2)      # compile / warm both metrics
    do_industries(ll[small][:3000], codes[small][:3000], d, n_sim=20, seed=1, metric="geodesic")
    do_industries(xy[small][:3000], codes[small][:3000], d, n_sim=20, seed=1)
    got = {}
    for metric, pts in (("planar", xy), ("geodesic", ll)):
        t = time.perf_counter()
        res = do_industries(pts, codes, d, n_sim=args.n_sim, seed=1, metric=metric)
        got[metric] = (time.perf_counter() - t, res)
    cluster = None
    if args.dask:
        import distributed
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      host="127.0.0.1", dashboard_address=None) as lc, \
                distributed.Client(lc) as client:
            do_industries(ll[small][:3000], codes[small][:3000], d, n_sim=20, seed=1,
                          metric="geodesic", executor=client)      # warm the workers
            t = time.perf_counter()
            res = do_industries(ll, codes, d, n_sim=args.n_sim, seed=1, metric="geodesic",
                                executor=client)
            t_cl = time.perf_counter() - t
        mine = got["geodesic"][1]
        same = all(np.array_equal(getattr(mine.curves[c], f), getattr(res.curves[c], f))
                   for c in mine.industries
                   for f in ("observed", "upper", "lower", "simulations", "bandwidth", "h_max"))
        cluster = {"workers": 2, "seconds": round(t_cl, 2),
                   "in_process_over_cluster": round(got["geodesic"][0] / t_cl, 3),
                   "identical_bits": bool(same)}
    curves = len(got["geodesic"][1].industries) * (1 + args.n_sim)
    tp, tg = got["planar"][0], got["geodesic"][0]
    result = {
        "engine": engine.backend(), "firms": args.firms, "industries": args.industries,
        "industry_sizes": sorted(map(int, sizes)), "n_sim": args.n_sim,
        "distances_m": [0, 200_000, 2000], "curves": curves,
        "planar_s": round(tp, 2), "geodesic_s": round(tg, 2), "ratio": round(tg / tp, 3),
        "per_curve_planar_s": round(tp / curves, 4),
        "per_curve_geodesic_s": round(tg / curves, 4),
        "localized_planar": int(sum(r["status"] == "localized"
                                    for r in got["planar"][1].summary)),
        "localized_geodesic": int(sum(r["status"] == "localized"
                                      for r in got["geodesic"][1].summary)),
        "two_worker_cluster": cluster,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "note": "in process, 2 shared cores; the planar run is of the same firms in one "
                "AEQD projection (for timing only: its distances are distorted)",
    }
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps({k: v for k, v in result.items() if k != "industry_sizes"}, indent=1))


if __name__ == "__main__":
    main()
