"""LDO index (Eq. 5/6, 12, 13), local scales h_i (Eq. 2 per firm) and the
MCLM-LDO pipeline against direct O(n^2) formulas written here."""
import numpy as np
import pytest
from scipy.spatial.distance import cdist

from doldo.core import DoldoWarning, core_firms, ldo_index, local_bandwidths, mclm_ldo


def firms(seed, n=500, offset=(6.2e5, 4.95e6)):
    rng = np.random.default_rng(seed)
    p = np.r_[rng.normal(0, 2, (n // 3, 2)), rng.uniform(-30, 30, (n - n // 3, 2))]
    k = n // 25
    p[:k] = p[k:2 * k]  # co-located firms, as geocoding makes them
    return p + np.asarray(offset)


def direct(p, h, peak=0.0, w=None, mode="product"):
    """Eq. 6 / Eq. 5 with SPEC's kernel exp(-((d̂ - d)/h)^2), Eq. 12, Eq. 13."""
    n = len(p)
    d = cdist(p, p)
    h = np.broadcast_to(np.asarray(h, float), (n,))
    k = np.exp(-((peak - d) / h[:, None]) ** 2)
    np.fill_diagonal(k, 0.0)
    if w is None:
        return k.sum(1) / (h * n)
    pair = w[:, None] * w[None, :] if mode == "product" else w[:, None] + w[None, :]
    np.fill_diagonal(pair, 0.0)
    return (k * pair).sum(1) / (h * pair.sum(1))


def direct_local_h(p):
    n = len(p)
    d = cdist(p, p)
    out = np.empty(n)
    for i in range(n):
        di = np.delete(d[i], i)
        q1 = np.percentile(di, 25)
        s = di.std()
        out[i] = 0.9 * n ** -0.2 * (min(s, q1 / 1.34) if q1 > 0 else s)
    return out


@pytest.mark.parametrize("peak,h", [(0.0, 3.0), (0.0, 0.5), (9.0, 2.0)])
def test_ldo_matches_direct_formula(peak, h, engine):
    p = firms(1)
    np.testing.assert_allclose(ldo_index(p, h, peak), direct(p, h, peak), rtol=1e-9)


@pytest.mark.parametrize("mode", ["product", "sum"])
def test_weighted_ldo_eq12_eq13(mode, engine):
    p = firms(2)
    w = np.random.default_rng(2).uniform(1, 100, len(p))
    got = ldo_index(p, 4.0, 0.0, weights=w, weight_mode=mode)
    np.testing.assert_allclose(got, direct(p, 4.0, 0.0, w, mode), rtol=1e-9)


def clustered_wide(seed, n=3000):
    """Dense blobs (tiles small next to a large ĥ) and a wide sprinkle."""
    rng = np.random.default_rng(seed)
    k = n // 3
    p = np.r_[rng.normal(0, 300, (k, 2)), rng.normal((4000, 1000), 800, (k, 2)),
              rng.uniform(-60000, 60000, (n - 2 * k, 2))]
    p[:60] = p[60:120]
    return p + (3.1e5, 2.6e6)


@pytest.mark.parametrize("h", [20000.0, 6000.0])
@pytest.mark.parametrize("weighted,mode", [(False, "product"), (True, "product"), (True, "sum")])
def test_ldo_at_a_large_global_scale_gauss_transform(h, weighted, mode, engine):
    """A large ĥ (h_max-like) goes through the tile-pair Gauss transform:
    the direct formula's numbers to 1e-12."""
    from doldo.core.kernels import gauss as G
    p = clustered_wide(3)
    w = np.random.default_rng(4).uniform(1, 50, len(p)) if weighted else None
    got = ldo_index(p, h, 0.0, weights=w, weight_mode=mode)
    np.testing.assert_allclose(got, direct(p, h, 0.0, w, mode), rtol=1e-12)
    # and the expansion was used for most tile pairs (not a silent fallback)
    from doldo.core.tiles import Tiles
    t = Tiles(p)
    r = 0.5 * np.hypot(*(np.diff(t.bbox.reshape(-1, 2, 2), axis=2)[:, :, 0].T))
    assert np.mean(r <= np.sqrt(G.EPS_MAX / 2) * h) >= 0.3


def test_gauss_transform_orders_meet_their_error_bound():
    import math
    from doldo.core.kernels import gauss as G
    for k in range(1, G.K_ORDER + 1):
        e = G.EPS[k]
        assert e ** (k + 1) / math.factorial(k + 1) * math.exp(2 * e) <= G.REL_ERR * (1 + 1e-9)
        assert G.EPS[k] > G.EPS[k - 1]
    # the expansion of exp(2 u.v) with the coefficients used, at the edge
    rng = np.random.default_rng(5)
    u = rng.normal(size=2)
    v = rng.normal(size=2)
    u *= math.sqrt(G.EPS_MAX / 2) / np.linalg.norm(u)
    v *= math.sqrt(G.EPS_MAX / 2) / np.linalg.norm(v)
    series = sum(c * u[0] ** a * u[1] ** b * v[0] ** a * v[1] ** b
                 for a, b, c in zip(G.PA, G.PB, G.COEF))
    assert series == pytest.approx(math.exp(2 * u @ v), rel=G.REL_ERR)


def test_hand_computed_ldo(engine):
    # firms at 0, 1 and 3 on a line, ĥ = 2: LDO_0 = (e^-1/4 + e^-9/4) / (2 * 3)
    p = np.array([[0.0, 0.0], [1.0, 0.0], [3.0, 0.0]])
    got = ldo_index(p, 2.0)
    e = np.exp
    expect = [(e(-0.25) + e(-2.25)) / 6, (e(-0.25) + e(-1.0)) / 6, (e(-2.25) + e(-1.0)) / 6]
    np.testing.assert_allclose(got, expect, rtol=1e-12)
    # peak distance d̂ = 2: the firm 2 away from firm 1 counts fully
    got2 = ldo_index(p, 1.0, peak=2.0)
    np.testing.assert_allclose(got2[1], (e(-1.0) + e(0.0)) / 3, rtol=1e-12)


def test_local_bandwidths_match_direct_formula(engine):
    p = firms(3, n=700)
    h = local_bandwidths(p)
    np.testing.assert_allclose(h, direct_local_h(p), rtol=1e-9)
    np.testing.assert_allclose(ldo_index(p, h), direct(p, h), rtol=1e-9)


def test_local_bandwidths_colocation_rule(engine):
    rng = np.random.default_rng(5)
    p = np.r_[np.zeros((20, 2)), rng.uniform(-10, 10, (30, 2))]
    with pytest.warns(DoldoWarning, match="co-location"):
        h = local_bandwidths(p)
    np.testing.assert_allclose(h, direct_local_h(p), rtol=1e-9)
    with pytest.raises(ValueError, match="one location"):
        local_bandwidths(np.ones((4, 2)))


def test_unit_weights_only_rescale():
    p = firms(4, n=200)
    plain = ldo_index(p, 3.0)
    ones = ldo_index(p, 3.0, weights=np.ones(len(p)))
    n = len(p)
    np.testing.assert_allclose(ones, plain * n / (n - 1), rtol=1e-12)


@pytest.mark.parametrize("kwargs,message", [
    (dict(h=0.0), "greater than 0"),
    (dict(h=-2.0), "greater than 0"),
    (dict(peak=-1.0), ">= 0"),
    (dict(weight_mode="mean"), "weight_mode"),
    (dict(h=np.ones(3)), "one boundary distance per firm"),
])
def test_bad_arguments(kwargs, message):
    args = dict(points=firms(0, n=30), h=1.0)
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        ldo_index(**args)


def test_mclm_ldo_global_and_local_are_the_pipeline(engine):
    p = firms(6, n=400)
    res = mclm_ldo(p, 2.0)
    ldo = direct(p, 2.0)
    np.testing.assert_allclose(res.ldo, ldo, rtol=1e-9)
    ref = core_firms(p, res.ldo, 2.0)
    assert np.array_equal(res.is_core, ref.is_core)
    assert np.array_equal(res.cluster, ref.cluster)
    # Eq. 7 literally
    thr = max(ldo.mean(), 2 * ldo.std())
    assert res.is_core.sum() <= (ldo >= thr).sum()
    assert np.all(ldo[res.is_core] >= thr * (1 - 1e-12))
    loc = mclm_ldo(p, "local")
    np.testing.assert_allclose(loc.h, direct_local_h(p), rtol=1e-9)
    np.testing.assert_allclose(loc.ldo, direct(p, loc.h), rtol=1e-9)
    with pytest.raises(ValueError, match="local"):
        mclm_ldo(p, "adaptive")


def test_mclm_lk_baselines_are_their_pieces():
    from doldo.core import local_test, lk_index, synthetic_dataset
    from doldo.core.mclm import mclm_lk
    pts, ind, _ = synthetic_dataset(2, seed=3)
    a = pts[ind]
    b2 = mclm_lk(a, pts, 6.0, "lk", "threshold")
    assert np.array_equal(b2.is_core, core_firms(a, lk_index(a, 6.0), 6.0).is_core)
    b1 = mclm_lk(a, pts, 6.0, "lk", "local test", n_sim=999, seed=4)
    flagged = local_test(a, pts, 6.0, "lk", 999, seed=4)
    # min_share of 150 firms keeps every cluster: core = the local test's picks
    assert np.array_equal(b1.is_core, flagged)
    assert np.all(b1.cluster[flagged] > 0) and np.all(b1.cluster[~flagged] == 0)
    b3 = mclm_lk(a, pts, 6.0, "ldo", "local test", n_sim=999, seed=4)
    np.testing.assert_allclose(b3.values, direct(a, 6.0), rtol=1e-9)
    # a min_share that drops single firms also drops them from the core
    strict = mclm_lk(a, pts, 6.0, "lk", "local test", n_sim=999, seed=4, min_share=0.05)
    sizes = np.bincount(b1.cluster)[1:]
    assert strict.is_core.sum() == sizes[sizes >= 0.05 * len(a)].sum()
    with pytest.raises(ValueError, match="selection"):
        mclm_lk(a, pts, 6.0, "lk", "both")
