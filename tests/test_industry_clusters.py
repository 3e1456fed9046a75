"""Clusters of every industry (SPEC, "Clusters of every industry"): each
industry's result is the framework's chain run alone on it with its derived
seed; industries without a real h_max get the local scale only; records;
one-firm clusters dropped; executors (threads, a dask LocalCluster)."""
import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from doldo.core import (Cancelled, DoldoWarning, do_curve, industry_clusters,
                        industry_seed, mclm_ldo)
from doldo.core.industry_clusters import real_h_max

D = np.arange(0.0, 601.0, 25.0)


@pytest.fixture(autouse=True)
def quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DoldoWarning)
        yield


def economy(seed=0):
    """2,000 background firms on a 4 km square; industry 11: two tight clumps
    (localized, a real h_max); 22: random; 33: one wide clump (localized at
    every distance: no real h_max within 600 m); 44: too small."""
    rng = np.random.default_rng(seed)
    bg = rng.uniform(0, 4000, (2000, 2))
    clumps = np.r_[rng.normal((1000, 1000), 40, (60, 2)), rng.normal((3000, 2500), 40, (60, 2)),
                   rng.uniform(0, 4000, (30, 2))]
    rand = rng.uniform(0, 4000, (80, 2))
    wide = rng.normal((2000, 2000), 500, (90, 2))
    tiny = rng.uniform(0, 4000, (5, 2))
    pts = np.r_[bg, clumps, rand, wide, tiny]
    codes = np.r_[np.full(2000, None), np.full(150, 11), np.full(80, 22), np.full(90, 33),
                  np.full(5, 44)].astype(object)
    return pts, codes


def chain_alone(pts, codes, code, seed, n_sim):
    a = pts[codes == code]
    curve = do_curve(a, pts, D, n_sim=n_sim, seed=industry_seed(seed, code))
    h, _ = real_h_max(curve)
    glob = None if h is None else mclm_ldo(a, h)
    return curve, glob, mclm_ldo(a, "local")


def same_result(got, ref):
    np.testing.assert_array_equal(got.ldo, ref.ldo)
    np.testing.assert_array_equal(got.h, ref.h)
    np.testing.assert_array_equal(got.is_core, ref.is_core)
    np.testing.assert_array_equal(got.cluster, ref.cluster)
    assert [(c.id, c.count, c.centre) for c in got.clusters] == \
        [(c.id, c.count, c.centre) for c in ref.clusters]


@pytest.fixture(scope="module")
def run():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DoldoWarning)
        pts, codes = economy()
        return pts, codes, industry_clusters(pts, codes, D, n_sim=99, seed=4,
                                             only_localized=False)


def test_each_industry_is_the_chain_run_alone_with_its_seed(engine):
    pts, codes = economy()
    res = industry_clusters(pts, codes, D, n_sim=99, seed=4, only_localized=False)
    assert res.industries == [11, 22, 33]
    for code in res.industries:
        curve, glob, loc = chain_alone(pts, codes, code, 4, 99)
        np.testing.assert_array_equal(res.curves[code].observed, curve.observed)
        np.testing.assert_array_equal(res.curves[code].upper, curve.upper)
        same_result(res.local_results[code], loc)
        if glob is None:
            assert code not in res.global_results
        else:
            same_result(res.global_results[code], glob)


def test_the_summary_says_which_industries_have_a_global_scale(run):
    pts, codes, res = run
    s = {r["industry"]: r for r in res.summary}
    assert s[44]["status"].startswith("skipped: fewer than 10")
    assert s[44]["clusters"] is None and s[44]["local_core_firms"] is None
    # 11: two clumps, a real h_max, clusters at both scales found in the clumps
    assert s[11]["status"] == "localized" and s[11]["h_max"] is not None
    assert s[11]["h_max"] < 600 and s[11]["global_core_firms"] > 0
    assert s[11]["clusters"] >= 2
    big = [c for c in res.clusters if c["industry"] == 11 and c["scale"] == "local"][:2]
    centres = sorted(tuple(np.round(np.array(c["centre"]) / 1000)) for c in big)
    assert centres == [(1.0, 1.0), (3.0, 2.0)] or centres == [(1.0, 1.0), (3.0, 3.0)]
    # 33: localized at every distance (one wide clump): no global scale, local only
    assert s[33]["gamma_sum"] > 0 and s[33]["h_max"] is None
    assert s[33]["global_core_firms"] is None and s[33]["local_core_firms"] is not None
    assert "no global scale" in s[33]["status"]
    assert all(c["scale"] == "local" for c in res.clusters if c["industry"] == 33)
    # shares and counts agree with the firms' records
    for code in res.industries:
        firms = [f for f in res.firms if f["industry"] == code]
        assert len(firms) == s[code]["firms"]
        assert sum(f["core_local"] for f in firms) == s[code]["local_core_firms"]
        assert s[code]["share_in_clusters"] == pytest.approx(
            s[code]["local_core_firms"] / s[code]["firms"])
        assert s[code]["clusters"] == len({f["cluster_local"] for f in firms} - {0})


def test_records_have_the_named_keys(run):
    pts, codes, res = run
    assert set(res.summary[0]) == {"industry", "firms", "gamma_sum", "h_max",
                                   "global_core_firms", "local_core_firms", "clusters",
                                   "share_in_clusters", "status"}
    assert set(res.firms[0]) == {"firm", "industry", "ldo_global", "core_global",
                                 "cluster_global", "h_i", "ldo_local", "core_local",
                                 "cluster_local"}
    c = res.clusters[0]
    assert set(c) == {"industry", "scale", "cluster", "firms", "P_n", "ldo_mean", "ldo_max",
                      "centre", "rectangle", "area"}
    # the centre is the cluster's firm with the largest LDO; P_n in %
    f = [r for r in res.firms if r["industry"] == c["industry"]
         and r[f"cluster_{c['scale']}"] == c["cluster"]]
    best = max(f, key=lambda r: r[f"ldo_{c['scale']}"])
    assert tuple(pts[best["firm"]]) == c["centre"]
    assert c["P_n"] == pytest.approx(100 * len(f) / np.sum(codes == c["industry"]))
    assert all(r["firms"] >= 2 for r in res.clusters)
    keys = [(r["industry"], r["scale"], r["cluster"]) for r in res.clusters]
    assert len(keys) == len(set(keys))


def test_only_localized_leaves_the_others_in_the_summary():
    pts, codes = economy()
    res = industry_clusters(pts, codes, D, n_sim=39, seed=4)
    s = {r["industry"]: r for r in res.summary}
    assert 22 not in res.industries and s[22]["clusters"] is None
    assert s[22]["status"] in ("dispersed", "neither")


def test_one_firm_is_not_a_cluster():
    # 20 firms: 0.5 % of them is 0.1 firm, so core_firms keeps single firms
    a = np.r_[np.zeros((1, 2)) + [50, 50], np.random.default_rng(2).uniform(0, 10, (19, 2))]
    res = mclm_ldo(a, "local")
    assert res.clusters and all(c.count >= 2 for c in res.clusters)
    assert res.is_core.sum() == sum(c.count for c in res.clusters)
    # the lone firm at (50, 50) passes no linkage: it is neither core nor a cluster
    assert not res.is_core[0] and res.cluster[0] == 0


def test_threads_give_the_same_records(run):
    pts, codes, res = run
    with ThreadPoolExecutor(2) as ex:
        got = industry_clusters(pts, codes, D, n_sim=99, seed=4, only_localized=False,
                                executor=ex)
    assert got.summary == res.summary
    assert got.firms == res.firms


def test_geodesic_industry_equals_its_chain_alone():
    # the economy placed near Guangzhou: 1 layer unit = 10 m of longitude/latitude
    pts, codes = economy()
    ll = np.column_stack((113.0 + pts[:, 0] * 1e-4, 23.0 + pts[:, 1] * 1e-4))
    d = D * 10.0
    res = industry_clusters(ll, codes, d, n_sim=39, seed=4, only_localized=False,
                            metric="geodesic")
    assert res.industries
    for code in res.industries:
        a = ll[codes == code]
        curve = do_curve(a, ll, d, n_sim=39, seed=industry_seed(4, code), metric="geodesic")
        np.testing.assert_array_equal(res.curves[code].observed, curve.observed)
        loc = mclm_ldo(a, "local", metric="geodesic")
        np.testing.assert_array_equal(res.local_results[code].is_core, loc.is_core)
        for c in (c for c in res.clusters if c["industry"] == code and c["scale"] == "local"):
            assert 112.9 < c["centre"][0] < 113.5 and 22.9 < c["centre"][1] < 23.5
            assert c["area"] >= 0.0 and c["area"] < 4e8      # m², not square degrees
    with pytest.raises(ValueError, match="latitude"):
        industry_clusters(np.c_[ll[:, 0], ll[:, 1] + 80], codes, d, n_sim=9, seed=1,
                          metric="geodesic")


def test_metric_and_cancel():
    pts, codes = economy()
    with pytest.raises(ValueError, match="metric must be one of"):
        industry_clusters(pts, codes, D, n_sim=39, seed=1, metric="spherical")
    with pytest.raises(Cancelled):
        industry_clusters(pts, codes, D, n_sim=39, seed=1, progress=lambda f: f > 0.8)


def test_dask_local_cluster_gives_the_same_records():
    distributed = pytest.importorskip("distributed")
    pts, codes = economy()
    ref = industry_clusters(pts, codes, D, n_sim=39, seed=6)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      host="127.0.0.1", dashboard_address=None) as cluster, \
                distributed.Client(cluster) as client:
            got = industry_clusters(pts, codes, D, n_sim=39, seed=6, executor=client)
    assert got.summary == ref.summary
    # the same core firms and clusters; LDO values to 1e-12 (a worker that has
    # just compiled its kernels gave one value 1 ulp apart, once)
    assert [same_keys(f) for f in got.firms] == [same_keys(f) for f in ref.firms]
    for a, b in zip(got.firms, ref.firms):
        for k in ("ldo_global", "h_i", "ldo_local"):
            assert a[k] == b[k] or a[k] == pytest.approx(b[k], rel=1e-12, abs=0)
    assert [same_keys(c) for c in got.clusters] == [same_keys(c) for c in ref.clusters]


def same_keys(rec):
    """A record without its floating-point LDO values and rectangle."""
    return {k: v for k, v in rec.items()
            if k not in ("ldo_global", "h_i", "ldo_local", "ldo_mean", "ldo_max", "rectangle",
                         "area")}
