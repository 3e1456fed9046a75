"""Geodesic distances (SPEC, "Geodesic distances"; issue 20): every formula
computed directly (O(n^2), numpy) from PROJ's geodesic distances
(pyproj.Geod(ellps="WGS84").inv) and compared with metric="geodesic", on
both engines and on the small-set, fused and two-pass paths."""
import importlib
import warnings

import numpy as np
import pytest

from doldo import core
from doldo.core import geodesic

with warnings.catch_warnings():
    warnings.simplefilter("ignore")     # Debian's pyproj warns about its data dir
    from pyproj import Geod

GEOD = Geod(ellps="WGS84")
do_curve_module = importlib.import_module("doldo.core.do_curve")
ROOT2 = np.sqrt(2.0)


def _clustered(rng, n, lon, lat, centres, spread):
    """n firms around ``centres`` random centres in the box, Gaussian
    spread (degrees), half of them spread 4x wider."""
    c = np.c_[rng.uniform(*lon, centres), rng.uniform(*lat, centres)]
    k = rng.integers(0, centres, n)
    s = np.where(np.arange(n) % 2 == 0, spread, 4 * spread)[:, None]
    p = c[k] + rng.normal(0.0, 1.0, (n, 2)) * s
    p[:, 1] = np.clip(p[:, 1], lat[0], lat[1])
    return p


def _sets():
    rng = np.random.default_rng(20)
    out = {}
    # pairs all under 300 km (Pearl River Delta)
    out["local"] = (_clustered(rng, 700, (112.6, 114.2), (22.4, 23.7), 12, 0.05), 1e-6,
                    np.arange(0.0, 100001.0, 1000.0))
    # a region: pairs up to about 1,500 km
    out["regional"] = (_clustered(rng, 700, (109.0, 119.0), (21.0, 29.0), 20, 0.1), 3e-6,
                       np.arange(0.0, 200001.0, 2000.0))
    # all of China
    out["china"] = (_clustered(rng, 700, (75.0, 135.0), (18.0, 53.0), 30, 0.3), 1e-5,
                    np.arange(0.0, 400001.0, 4000.0))
    # across the 180th meridian (Fiji), longitudes given as -180..180
    p = _clustered(rng, 700, (176.0, 184.0), (-19.0, -15.0), 15, 0.08)
    p[:, 0] = (p[:, 0] + 180.0) % 360.0 - 180.0
    out["antimeridian"] = (p, 3e-6, np.arange(0.0, 200001.0, 2000.0))
    # a polar cap: every longitude, latitudes 86-90
    p = np.c_[rng.uniform(-180.0, 180.0, 700), 90.0 - np.abs(rng.normal(0.0, 1.3, 700))]
    p[:, 1] = np.clip(p[:, 1], 86.0, 90.0)
    out["polar"] = (p, 3e-6, np.arange(0.0, 200001.0, 2000.0))
    return out


SETS = _sets()
_CACHE = {}


def pair_arcs(name):
    """PROJ's geodesic distance of every pair i < j of a set (cached)."""
    if name not in _CACHE:
        ll = SETS[name][0]
        i, j = np.triu_indices(len(ll), 1)
        _CACHE[name] = GEOD.inv(ll[i, 0], ll[i, 1], ll[j, 0], ll[j, 1])[2]
    return _CACHE[name]


def full_matrix(name):
    ll = SETS[name][0]
    n = len(ll)
    m = np.zeros((n, n))
    i, j = np.triu_indices(n, 1)
    m[i, j] = pair_arcs(name)
    return m + m.T


def eq2(d, n):
    return 0.9 * n ** -0.2 * min(d.std(), np.percentile(d, 25) / 1.34)


def paper_curve(d, dist, h, ww=None):
    k = np.exp(-((dist[:, None] - d[None, :]) / (ROOT2 * h)) ** 2)
    if ww is None:
        return k.sum(axis=1) / (h * (len(d) * 2.0))
    return (k * ww).sum(axis=1) / (2.0 * h * ww.sum())


def dbmss_curve(d, dist):
    sel = d[d <= 2 * dist[-1]]
    q1, q3 = np.percentile(sel, [25, 75])
    h = 0.9 * min(sel.std(ddof=1), (q3 - q1) / 1.34) * sel.size ** -0.2
    phi = lambda u: np.exp(-0.5 * u * u) / np.sqrt(2 * np.pi)  # noqa: E731
    k = phi((dist[:, None] - d[None, :]) / h) + \
        (d[None, :] <= 4 * h) * phi((dist[:, None] + d[None, :]) / h)
    return k.sum(axis=1) / (len(d) * h), h


def close(got, ref, tol):
    return float(np.max(np.abs(got - ref)) / np.max(ref)) <= tol


@pytest.fixture(params=["small", "large"])
def path(request, monkeypatch):
    """small: the sets run the small-set path; large: the size thresholds
    lowered so that the same sets take the tiled (fused, two-pass) path."""
    if request.param == "large":
        for name in ("SMALL_N", "SMALL_N_NUMPY", "FUSED_N", "FUSED_N_NUMPY"):
            monkeypatch.setattr(do_curve_module, name, 200)
    return request.param


@pytest.mark.parametrize("name", list(SETS))
def test_curve_and_bandwidth_match_proj(engine, path, name):
    ll, tol, dist = SETS[name]
    d = pair_arcs(name)
    h_ref = eq2(d, len(ll))
    ref = paper_curve(d, dist, h_ref)
    got = core.do_curve(ll, None, dist, n_sim=0, metric="geodesic")
    assert abs(got.bandwidth / h_ref - 1) <= tol
    assert close(got.observed, ref, tol)


@pytest.mark.parametrize("name", ["regional", "antimeridian"])
def test_fused_pass_is_taken_on_large_sets(engine, path, name, monkeypatch):
    pairs = importlib.import_module("doldo.core.pairs")
    calls = []
    real = pairs._arc_grid_histogram
    monkeypatch.setattr(pairs, "_arc_grid_histogram",
                        lambda *a, **k: calls.append(1) or real(*a, **k))
    ll, tol, dist = SETS[name]
    core.do_curve(ll, None, dist, n_sim=0, metric="geodesic")
    assert bool(calls) == (path == "large")


@pytest.mark.parametrize("name", ["local", "china"])
def test_weighted_curve_matches_proj(engine, path, name):
    ll, tol, dist = SETS[name]
    d = pair_arcs(name)
    w = np.random.default_rng(5).uniform(0.5, 20.0, len(ll))
    i, j = np.triu_indices(len(ll), 1)
    h_ref = eq2(d, len(ll))
    ref = paper_curve(d, dist, h_ref, w[i] * w[j])
    got = core.do_curve(ll, None, dist, n_sim=0, weights=w, metric="geodesic")
    assert abs(got.bandwidth / h_ref - 1) <= tol
    assert close(got.observed, ref, tol)


@pytest.mark.parametrize("name", ["regional", "polar"])
def test_dbmss_convention_matches_proj(engine, path, name):
    ll, tol, dist = SETS[name]
    ref, h_ref = dbmss_curve(pair_arcs(name), dist)
    got = core.do_curve(ll, None, dist, n_sim=0, convention="dbmss", metric="geodesic")
    assert abs(got.bandwidth / h_ref - 1) <= tol
    assert close(got.observed, ref, tol)


def test_simulations_draw_geodesic_curves(engine):
    ll, tol, dist = SETS["regional"]
    a = ll[:150]
    got = core.do_curve(a, ll, dist, n_sim=20, seed=7, metric="geodesic")
    rng = np.random.default_rng(7)
    for s in range(3):      # the draws of do_curve's sequence, each its own h
        idx = rng.choice(len(ll), size=150, replace=False)
        sub = ll[idx]
        i, j = np.triu_indices(150, 1)
        d = GEOD.inv(sub[i, 0], sub[i, 1], sub[j, 0], sub[j, 1])[2]
        h = eq2(d, 150)
        assert abs(got.simulated_bandwidths[s] / h - 1) <= tol
        assert close(got.simulations[s], paper_curve(d, dist, h), tol)


def test_co_localization_matches_proj(engine, path):
    ll, tol, dist = SETS["antimeridian"]
    a, b = ll[:300], ll[300:]
    i, j = np.meshgrid(np.arange(300), np.arange(400), indexing="ij")
    d = GEOD.inv(a[i.ravel(), 0], a[i.ravel(), 1], b[j.ravel(), 0], b[j.ravel(), 1])[2]
    h = 0.9 * (300 * 400) ** -0.1 * min(d.std(), np.percentile(d, 25) / 1.34)
    k = np.exp(-((dist[:, None] - d[None, :]) / (ROOT2 * h)) ** 2)
    ref = k.sum(axis=1) / (2 * h * d.size)
    got = core.co_localization(a, b, None, dist, n_sim=0, metric="geodesic")
    assert abs(got.bandwidth / h - 1) <= tol
    assert close(got.observed, ref, tol)


def test_every_industry_geodesic_equals_one_curve(engine):
    ll, _, dist = SETS["china"]
    codes = np.where(np.arange(len(ll)) % 3 == 0, "A", "B")
    res = core.do_industries(ll, codes, dist, n_sim=20, seed=3, metric="geodesic")
    one = core.do_curve(ll[codes == "A"], ll, dist, n_sim=20,
                        seed=core.industry_seed(res.seed, "A"), metric="geodesic")
    assert np.array_equal(res.curves["A"].observed, one.observed)
    assert np.array_equal(res.curves["A"].upper, one.upper)


def test_ldo_and_local_scale_match_proj(engine):
    ll, tol, _ = SETS["antimeridian"]
    m = full_matrix("antimeridian")
    n = len(ll)
    off = ~np.eye(n, dtype=bool)
    h, peak = 30000.0, 20000.0
    ref = (np.exp(-((peak - m) / h) ** 2) * off).sum(axis=1) / (h * n)
    got = core.ldo_index(ll, h, peak, metric="geodesic")
    assert np.max(np.abs(got - ref)) <= 1e-6 * np.max(ref)
    w = np.random.default_rng(2).uniform(1, 5, n)
    k = np.exp(-(m / h) ** 2) * off
    ref_w = (k * w[None, :]).sum(axis=1) * w / (h * (w[:, None] * w[None, :] * off).sum(axis=1))
    got_w = core.ldo_index(ll, h, weights=w, metric="geodesic")
    assert np.max(np.abs(got_w - ref_w)) <= 1e-6 * np.max(ref_w)
    rows = [np.delete(m[i], i) for i in range(n)]
    std = np.array([r.std() for r in rows])
    q1 = np.array([np.percentile(r, 25) for r in rows])
    h_ref = 0.9 * n ** -0.2 * np.minimum(std, q1 / 1.34)
    h_got = core.local_bandwidths(ll, metric="geodesic")
    assert np.max(np.abs(h_got / h_ref - 1)) <= tol


def test_lk_index_counts_proj_distances(engine):
    ll, _, _ = SETS["polar"]
    m = full_matrix("polar")
    d = np.sort(pair_arcs("polar"))
    d = d[(d > 40000.0) & (d < 60000.0)]
    k = int(np.argmax(np.diff(d)))
    h = 0.5 * (d[k] + d[k + 1])         # inside the widest gap near 50 km
    near = np.abs(m / h - 1) < 1e-5
    assert not near.any()       # no pair on the edge: the counts are exact
    ref = (m <= h).sum(axis=1) - 1.0
    assert np.array_equal(core.lk_index(ll, h, metric="geodesic"), ref)


def test_clusters_link_across_the_180th_meridian(engine):
    # two tight groups 40 km apart on both sides of 180, a third far away
    rng = np.random.default_rng(4)
    g1 = np.c_[179.85 + rng.normal(0, 0.02, 40), -16.0 + rng.normal(0, 0.02, 40)]
    g2 = np.c_[-179.85 + rng.normal(0, 0.02, 40), -16.0 + rng.normal(0, 0.02, 40)]
    g3 = np.c_[178.0 + rng.normal(0, 0.02, 40), -18.0 + rng.normal(0, 0.02, 40)]
    ll = np.r_[g1, g2, g3]
    values = np.ones(len(ll))
    res = core.core_firms(ll, values, 45000.0, metric="geodesic")
    assert len(res.clusters) == 2      # g1 + g2 linked over 180, and g3
    assert len(set(res.cluster[:80])) == 1 and res.cluster[0] != res.cluster[80]
    # each rectangle holds its firms: in the cluster's own projection, the
    # rectangle's corners (lon, lat) go back to a rectangle around them
    for c in res.clusters:
        members = ll[res.cluster == c.id]
        rect = np.asarray(c.rectangle)
        assert rect.shape == (4, 2) and np.all(np.abs(rect[:, 0]) <= 180)
        proj = geodesic.Aeqd(*geodesic.centre_of(members))
        xy, box = proj.forward(members), proj.forward(rect)
        for k in range(4):      # every firm on the inner side of each edge (CCW)
            e = box[(k + 1) % 4] - box[k]
            v = xy - box[k]
            assert np.all(e[0] * v[:, 1] - e[1] * v[:, 0] >= -1e-3)
    # the g1 + g2 cluster spans 180: its rectangle is about 30 km wide, not 360 degrees
    big = res.clusters[0]
    _, _, width = GEOD.inv(*np.asarray(big.rectangle)[0], *np.asarray(big.rectangle)[1])
    _, _, other = GEOD.inv(*np.asarray(big.rectangle)[1], *np.asarray(big.rectangle)[2])
    assert max(width, other) < 60000.0


def test_local_test_equals_the_projected_run_on_a_small_area():
    ll, _, _ = SETS["local"]
    m = full_matrix("local")
    d = np.sort(pair_arcs("local"))
    d = d[(d > 3000.0) & (d < 5000.0)]
    k = int(np.argmax(np.diff(d)))
    h = 0.5 * (d[k] + d[k + 1])
    assert not (np.abs(m / h - 1) < 1e-4).any()
    proj = geodesic.Aeqd(*geodesic.centre_of(ll))
    xy = proj.forward(ll)
    from scipy.spatial.distance import pdist, squareform
    assert np.array_equal(squareform(pdist(xy)) <= h, m <= h)   # same neighbours
    a = np.arange(0, len(ll), 3)
    geo = core.local_test(ll[a], ll, h, n_sim=99, seed=1, metric="geodesic")
    flat = core.local_test(xy[a], xy, h, n_sim=99, seed=1)
    assert np.array_equal(geo, flat)


def test_wrapped_longitudes_are_the_same_points(engine):
    ll, _, dist = SETS["antimeridian"]
    shifted = ll.copy()
    shifted[:, 0] = np.where(shifted[:, 0] < 0, shifted[:, 0] + 360.0, shifted[:, 0])
    a = core.do_curve(ll[:200], None, dist, n_sim=0, metric="geodesic")
    b = core.do_curve(shifted[:200], None, dist, n_sim=0, metric="geodesic")
    assert np.array_equal(a.observed, b.observed)


@pytest.mark.parametrize("bad, words", [
    ((2, 1, 91.0), "firm 2 has latitude 91"),
    ((5, 1, -90.5), "firm 5 has latitude -90.5"),
    ((3, 0, np.nan), "firm 3 has a NaN"),
    ((4, 1, np.inf), "firm 4 has a NaN or infinite"),
    ((1, 0, 400.0), "firm 1 has longitude 400"),
])
def test_bad_coordinates_are_refused_naming_the_firm(bad, words):
    ll = SETS["local"][0][:20].copy()
    ll[bad[0], bad[1]] = bad[2]
    for call in (lambda: core.do_curve(ll, None, [0, 1000.0], n_sim=0, metric="geodesic"),
                 lambda: core.ldo_index(ll, 1000.0, metric="geodesic"),
                 lambda: core.lk_index(ll, 1000.0, metric="geodesic"),
                 lambda: core.core_firms(ll, np.ones(20), 1000.0, metric="geodesic")):
        with pytest.raises(ValueError, match=words):
            call()


def test_fft_and_unknown_metrics_are_refused():
    ll = SETS["local"][0]
    with pytest.raises(ValueError, match="use method='exact' for geodesic"):
        core.do_curve(ll, ll, [0, 1000.0], n_sim=20, method="fft", metric="geodesic")
    with pytest.raises(ValueError, match="metric must be one of"):
        core.do_curve(ll, ll, [0, 1000.0], n_sim=0, metric="haversine")


def test_chord_arc_map_and_projection():
    c = np.array([0.0, 1.0, 1e4, 1e6, 6e6, 1.2e7])
    s = geodesic.arc(c)
    assert np.allclose(geodesic.chord(s), c, rtol=1e-14, atol=1e-9)
    assert np.all(np.diff(s) > 0) and np.all(s >= c)
    # SPEC's accuracy of the method, at 100 km and 1,000 km, against PROJ
    rng = np.random.default_rng(9)
    lon, lat, az = rng.uniform(75, 135, 300), rng.uniform(18, 53, 300), rng.uniform(0, 360, 300)
    for dist, tol in ((1e5, 1e-7), (3e5, 9e-7), (1e6, 1.1e-5)):
        lon2, lat2, _ = GEOD.fwd(lon, lat, az, np.full(300, dist))
        p = geodesic.ecef(np.c_[lon, lat])
        q = geodesic.ecef(np.c_[lon2, lat2])
        got = geodesic.arc(np.linalg.norm(p - q, axis=1))
        assert np.max(np.abs(got / dist - 1)) <= tol
    # the local projection keeps distances from its centre and inverts
    proj = geodesic.Aeqd(179.9, 70.0)
    pts = np.c_[rng.uniform(-180, 180, 50) * 0.01 + 179.9, rng.uniform(69.5, 70.5, 50)]
    pts[:, 0] = (pts[:, 0] + 180) % 360 - 180
    xy = proj.forward(pts)
    back = proj.inverse(xy)
    assert np.max(np.abs((back - pts + 180) % 360 - 180)) < 1e-9
    _, _, d = GEOD.inv(np.full(50, 179.9), np.full(50, 70.0), pts[:, 0], pts[:, 1])
    assert np.max(np.abs(np.hypot(xy[:, 0], xy[:, 1]) / d - 1)) < 1e-6


def test_planar_is_the_default_bit_for_bit(engine):
    rng = np.random.default_rng(1)
    xy = rng.uniform(0, 50, (300, 2))
    a = core.do_curve(xy, xy, np.arange(0, 26.0), n_sim=20, seed=1)
    b = core.do_curve(xy, xy, np.arange(0, 26.0), n_sim=20, seed=1, metric="planar")
    assert np.array_equal(a.observed, b.observed) and np.array_equal(a.upper, b.upper)
    assert np.array_equal(core.ldo_index(xy, 3.0), core.ldo_index(xy, 3.0, metric="planar"))


def test_mclm_and_evolution_take_the_metric(engine):
    ll, _, dist = SETS["antimeridian"]
    ll = ll[:300]
    res = core.mclm_ldo(ll, 20000.0, metric="geodesic")
    ldo = core.ldo_index(ll, 20000.0, metric="geodesic")
    assert np.array_equal(res.ldo, ldo)
    assert np.array_equal(res.cluster, core.core_firms(ll, ldo, 20000.0,
                                                       metric="geodesic").cluster)
    local = core.mclm_ldo(ll, "local", metric="geodesic")
    assert np.array_equal(local.h, core.local_bandwidths(ll, metric="geodesic"))
    years = np.full(300, 1999.0)
    from doldo.core.evolution import evolution
    ev = evolution(ll, ll, [2000], years, years, dist, n_sim=20, seed=3, metric="geodesic")
    one = core.do_curve(ll, ll, dist, n_sim=20, seed=3, metric="geodesic")
    assert np.array_equal(ev.years[0].curve.observed, one.observed)
    assert np.array_equal(ev.years[0].local.cluster, local.cluster)
