"""The fused single pass for weighted curves (issue 22): the pair weights
w_i w_j binned on the fused grid, Eq. 2 on the unweighted pair distances;
against the direct O(n^2) formulas, on both engines, with many firms at one
address (duplicates) and UTM-size coordinates."""
import math
import sys

import numpy as np
import pytest
from scipy.spatial.distance import cdist, pdist

from doldo.core import co_localization
from doldo.core.do_curve import do_curve
from doldo.core.tiles import Tiles

DC = sys.modules["doldo.core.do_curve"]
D = np.arange(0.0, 20001.0, 500.0)


def firms(seed, n):
    """Clusters, a sprinkle and duplicates: 8 % of the firms at another
    firm's address, half of those piled on three addresses."""
    rng = np.random.default_rng(seed)
    k = n // 3
    p = np.r_[rng.normal(0, 800, (k, 2)), rng.normal(5000, 2500, (k, 2)),
              rng.uniform(-20000, 20000, (n - 2 * k, 2))]
    m = int(0.08 * n)
    dst = rng.choice(n, m, replace=False)
    src = np.r_[rng.choice(rng.choice(n, 3, replace=False), m // 2), rng.choice(n, m - m // 2)]
    p[dst] = p[src]
    return p + (4.5e5, 2.5e6)


def eq2(d, n):
    return 0.9 * n ** -0.2 * min(d.std(), np.percentile(d, 25) / 1.34)


def direct(d, ww, dist, h):
    k = np.exp(-((dist[:, None] - d[None, :]) / (math.sqrt(2) * h)) ** 2)
    return (k * ww).sum(axis=1) / (2 * h * ww.sum())


@pytest.fixture
def fused(monkeypatch):
    """Every set takes the fused pass."""
    for name in ("SMALL_N", "SMALL_N_NUMPY", "FUSED_N", "FUSED_N_NUMPY"):
        monkeypatch.setattr(DC, name, 0)


def test_weighted_fused_pass_matches_the_direct_formula(fused, engine, monkeypatch):
    p = firms(3, 2200)
    w = np.random.default_rng(3).integers(1, 200, len(p)).astype(float)
    d = pdist(p)
    i, j = np.triu_indices(len(p), 1)
    h = eq2(d, len(p))
    ref = direct(d, w[i] * w[j], D, h)
    calls = []
    real = DC._fused_curve
    monkeypatch.setattr(DC, "_fused_curve", lambda *a, **k: calls.append(1) or real(*a, **k))
    res = do_curve(p, None, D, n_sim=0, weights=w)
    assert calls and res.bandwidth == pytest.approx(h, rel=1e-9)
    np.testing.assert_allclose(res.observed, ref, rtol=1e-6, atol=1e-12 * ref.max())
    # unit weights: the unweighted curve
    ones = do_curve(p, None, D, n_sim=0, weights=np.ones(len(p))).observed
    plain = do_curve(p, None, D, n_sim=0).observed
    np.testing.assert_allclose(ones, plain, rtol=1e-9, atol=1e-15 * plain.max())
    # a fixed h, and weights of 0 (firms in no pair)
    w0 = w.copy()
    w0[::7] = 0.0
    fixed = do_curve(p, None, D, n_sim=0, weights=w0, bandwidth=300.0)
    ref0 = direct(d, w0[i] * w0[j], D, 300.0)
    np.testing.assert_allclose(fixed.observed, ref0, rtol=1e-6, atol=1e-12 * ref0.max())


def test_weighted_fused_draws_match_the_direct_formula(fused, engine):
    """Each simulated draw carries its weights through the fused pass."""
    bg = firms(4, 3000)
    bw = np.random.default_rng(4).uniform(0.5, 80.0, len(bg))
    n = 900
    res = do_curve(bg[:n], bg, D, n_sim=20, seed=2, weights=bw[:n], background_weights=bw)
    draws = np.random.default_rng(2)
    for s in range(2):
        idx = draws.choice(len(bg), n, replace=False)
        d = pdist(bg[idx])
        i, j = np.triu_indices(n, 1)
        h = eq2(d, n)
        ref = direct(d, bw[idx][i] * bw[idx][j], D, h)
        assert res.simulated_bandwidths[s] == pytest.approx(h, rel=1e-9)
        np.testing.assert_allclose(res.simulations[s], ref, rtol=1e-6, atol=1e-12 * ref.max())


def test_weighted_colocalization_takes_the_fused_cross_pass(fused, engine):
    bg = firms(5, 2600)
    a, b = bg[:1100], bg[1100:]
    rng = np.random.default_rng(5)
    wa, wb = rng.integers(1, 50, len(a)).astype(float), rng.uniform(1, 9, len(b))
    d = cdist(a, b).ravel()
    h = eq2(d, math.sqrt(len(a) * len(b)))
    ref = direct(d, np.outer(wa, wb).ravel(), D, h)
    res = co_localization(a, b, None, D, n_sim=0, weights_a=wa, weights_b=wb)
    assert res.bandwidth == pytest.approx(h, rel=1e-7)
    np.testing.assert_allclose(res.observed, ref, rtol=1e-6, atol=1e-12 * ref.max())


def test_cross_tiles_carry_the_weights_in_tile_order():
    rng = np.random.default_rng(6)
    a, b = rng.uniform(0, 100, (300, 2)), rng.uniform(0, 100, (200, 2))
    w = rng.uniform(1, 2, 500)
    t = Tiles.cross(a, b, tile_size=16, weights=w)
    np.testing.assert_array_equal(t.w, w[t.order])
    assert DC._tiles_weight_total(t) == pytest.approx(w[:300].sum() * w[300:].sum(), rel=1e-12)


def direct_dbmss(d, ww, dist, total=None):
    """SPEC's dbmss Kd literally over the pair distances d (weights ww):
    bw.nrd0 over d <= 2 Dmax, reflection of the pairs with d <= 4h,
    normalised by all pairs' weight."""
    sel = d[d <= 2 * dist.max()]
    q1, q3 = np.percentile(sel, [25, 75])
    h = 0.9 * min(sel.std(ddof=1), (q3 - q1) / 1.34) * sel.size ** -0.2
    r = dist[:, None]
    val = np.exp(-0.5 * ((r - d) / h) ** 2) + (d <= 4 * h) * np.exp(-0.5 * ((r + d) / h) ** 2)
    return (val * ww).sum(axis=1) / (math.sqrt(2 * math.pi) * h * ww.sum()), h


@pytest.mark.parametrize("dmax", [20000.0, 6000.0])   # every pair within 2 Dmax, or not
def test_dbmss_fused_pass_matches_the_direct_formula(fused, engine, monkeypatch, dmax):
    p = firms(7, 2400)
    w = np.random.default_rng(7).uniform(1, 60, len(p))
    dist = np.arange(0.0, dmax + 1, dmax / 20)
    d = pdist(p)
    i, j = np.triu_indices(len(p), 1)
    calls = []
    real = DC._dbmss_fused
    monkeypatch.setattr(DC, "_dbmss_fused",
                        lambda *a, **k: calls.append(1) or real(*a, **k))
    for ww, kw in ((np.ones_like(d), {}), (w[i] * w[j], dict(weights=w))):
        ref, h = direct_dbmss(d, ww, dist)
        res = do_curve(p, None, dist, n_sim=0, convention="dbmss", **kw)
        assert res.bandwidth == pytest.approx(h, rel=1e-9)
        np.testing.assert_allclose(res.observed, ref, rtol=1e-6, atol=1e-12 * ref.max())
    assert len(calls) == 2


def test_dbmss_fused_cross_pass_matches_the_direct_formula(fused, engine):
    bg = firms(8, 2600)
    a, b = bg[:1000], bg[1000:]
    wa, wb = np.random.default_rng(8).uniform(1, 9, len(a)), np.ones(len(b)) * 3.0
    d = cdist(a, b).ravel()
    dist = np.arange(0.0, 12001.0, 600.0)
    for ww, kw in ((np.ones_like(d), {}), (np.outer(wa, wb).ravel(),
                                           dict(weights_a=wa, weights_b=wb))):
        ref, h = direct_dbmss(d, ww, dist)
        res = co_localization(a, b, None, dist, n_sim=0, convention="dbmss", **kw)
        assert res.bandwidth == pytest.approx(h, rel=1e-9)
        np.testing.assert_allclose(res.observed, ref, rtol=1e-6, atol=1e-12 * ref.max())


@pytest.mark.parametrize("fb", [15, 14, 13])
def test_grid_histogram_with_fewer_fraction_bits_is_linear_binning(fb, engine):
    """grid_histogram with fb fraction bits (2^(31 - fb) - 2 bins at most):
    exact counts up to float32 rounding at bin edges, the first moment kept,
    the pair weights binned as the counts, and the sums of d <= dlim exact."""
    from doldo.core import pairs as PAIRS
    p = firms(9, 1500)
    w = np.random.default_rng(9).uniform(1, 5, len(p))
    t = Tiles(p, weights=w)
    d = pdist(p)
    i, j = np.triu_indices(len(p), 1)
    ww = w[i] * w[j]
    ext = 30000.0
    delta = PAIRS.grid_step(ext / PAIRS.grid_bins(fb), fb)
    assert ext / delta > 65534 or fb == 15
    cnt, fsum, beyond_n, _, _, wsum, lim = PAIRS.grid_histogram(
        t, ext, delta, weighted=True, dlim=20000.0, shift=5000.0, fb=fb)
    pos = d / delta
    k = np.floor(pos)
    inside = k < len(cnt)
    ref = np.bincount(k[inside].astype(int), minlength=len(cnt))
    frac = pos - k
    edge = np.count_nonzero(np.minimum(frac, 1 - frac) < 1e-3)
    assert np.abs(cnt - ref).sum() <= 2 * edge
    assert cnt.sum() + beyond_n == d.size
    assert np.dot(np.arange(len(cnt)), cnt) + fsum.sum() == pytest.approx(pos[inside].sum(),
                                                                          rel=1e-7)
    assert wsum[:, 0].sum() == pytest.approx(ww[inside].sum(), rel=1e-12)
    assert np.dot(np.arange(len(cnt)), wsum[:, 0]) + wsum[:, 1].sum() == pytest.approx(
        (ww * pos)[inside].sum(), rel=1e-7)
    near = d[d <= 20000.0] - 5000.0
    assert lim[0] == near.size
    assert lim[1] == pytest.approx(near.sum(), rel=1e-10)
    assert lim[2] == pytest.approx(np.dot(near, near), rel=1e-10)


def test_dbmss_pass_sized_by_a_pilot_needs_no_second_pass(fused, engine, monkeypatch):
    """90 % of the firms in a cluster (sd 12 km), the rest over 200 km:
    bw.nrd0 (731 m) needs bins finer than 65,534 over 2 Dmax (3.1 m > h/400);
    the pilot h gives the pass 14 or 13 fraction bits (more bins), so one
    grid pass serves the quartiles, the sd and Eq. 1, which match the
    direct formula."""
    rng = np.random.default_rng(12)
    p = np.r_[rng.normal(50_000, 12_000, (2340, 2)), rng.uniform(-50_000, 150_000, (260, 2))]
    p += (4.5e5, 2.5e6)
    dist = np.arange(0.0, 100_001.0, 5000.0)
    d = pdist(p)
    calls = []
    real = DC.grid_histogram
    monkeypatch.setattr(DC, "grid_histogram",
                        lambda *a, **k: calls.append(k.get("fb", 15)) or real(*a, **k))
    ref, h = direct_dbmss(d, np.ones_like(d), dist)
    res = do_curve(p, None, dist, n_sim=0, convention="dbmss")
    assert len(calls) == 1 and calls[0] < 15, calls
    assert res.bandwidth == pytest.approx(h, rel=1e-9)
    np.testing.assert_allclose(res.observed, ref, rtol=1e-6, atol=1e-12 * ref.max())


@pytest.mark.parametrize("weighted", [False, True])
def test_dbmss_grid_is_fine_to_dmax_and_coarse_beyond(fused, engine, monkeypatch, weighted):
    """A 200 km x 4 km strip, Dmax = 50 km: bw.nrd0 runs over the pairs to
    100 km, whose upper quartile (about 69 km) lies past Dmax + 8.5 h. The
    pass is fine to Dmax + 8.5 h' and coarse beyond (half the bins of one
    grid to 100 km); the quartiles, h and the curve still match the
    direct formula (the coarse bins only locate the exact windows)."""
    # as if Eq. 1 needed delta <= h/800: one grid to 100 km would need 14
    # fraction bits (131,068 bins), the two grids 15
    monkeypatch.setattr(DC, "MIN_BINS_PER_H", 800)
    rng = np.random.default_rng(21)
    p = np.c_[rng.uniform(0, 200_000, 2600), rng.uniform(0, 4000, 2600)] + (4.5e5, 2.5e6)
    p[::40] = p[1::40]                              # firms at one address
    w = rng.uniform(1, 30, len(p)) if weighted else None
    dist = np.arange(0.0, 50_001.0, 2500.0)
    d = pdist(p)
    i, j = np.triu_indices(len(p), 1)
    calls = []
    real = DC.grid_histogram
    monkeypatch.setattr(DC, "grid_histogram",
                        lambda *a, **k: calls.append((a[1], a[2], k.get("coarse"))) or real(*a, **k))
    ref, h = direct_dbmss(d, np.ones_like(d) if w is None else w[i] * w[j], dist)
    res = do_curve(p, None, dist, n_sim=0, convention="dbmss", weights=w)
    assert len(calls) == 1, calls
    ext, delta, coarse = calls[0]
    q3 = np.percentile(d[d <= 100_000], 75)
    assert coarse is not None and coarse[0] * delta < q3 < ext
    assert coarse[0] * delta >= 50_000 + 8.5 * h
    assert DC._dbmss_grid(ext, h / 1.25)[0] == 14
    assert coarse[0] + (ext - coarse[0] * delta) / (delta * 2 ** coarse[1]) <= 65_534
    assert res.bandwidth == pytest.approx(h, rel=1e-9)
    np.testing.assert_allclose(res.observed, ref, rtol=1e-6, atol=1e-12 * ref.max())


def test_dbmss_colocalization_on_two_grids(fused, engine, monkeypatch):
    """The two grids across two sets (a strip each, interleaved): the
    cross distances' bw.nrd0 and Kd match the direct formula."""
    monkeypatch.setattr(DC, "MIN_BINS_PER_H", 800)
    rng = np.random.default_rng(22)
    a = np.c_[rng.uniform(0, 200_000, 1500), rng.uniform(0, 4000, 1500)] + (4.5e5, 2.5e6)
    b = np.c_[rng.uniform(0, 200_000, 1300), rng.uniform(0, 4000, 1300)] + (4.5e5, 2.5e6)
    b[::50] = a[:26]                                # firms of B at addresses of A
    dist = np.arange(0.0, 50_001.0, 2500.0)
    calls = []
    real = DC.grid_histogram
    monkeypatch.setattr(DC, "grid_histogram",
                        lambda *a, **k: calls.append(k.get("coarse")) or real(*a, **k))
    ref, h = direct_dbmss(cdist(a, b).ravel(), np.ones(len(a) * len(b)), dist)
    res = co_localization(a, b, None, dist, n_sim=0, convention="dbmss")
    assert calls and calls[0] is not None, calls
    assert res.bandwidth == pytest.approx(h, rel=1e-9)
    np.testing.assert_allclose(res.observed, ref, rtol=1e-6, atol=1e-12 * ref.max())


def test_two_grids_when_the_fine_grid_reaches_the_end():
    """The fine grid's last bin can reach past ext: no coarse bin then (no
    log of zero); otherwise at most COARSE_BINS of them reach ext."""
    assert DC._two_level(1000.0, 999.9, 15, 1.0) == (15, 1.0, (1000, 0))
    fb, delta, (nbf, s) = DC._two_level(200_000.0, 60_000.0, 15, 1.0)
    assert nbf == 60_000 and (200_000 - nbf) / 2 ** s <= DC.COARSE_BINS < (200_000 - nbf) / 2 ** (s - 1)


def test_pilot_pair_lengths_on_both_engines(engine):
    """The dbmss pilot's distances of sampled pairs (one numba loop, or
    numpy): those of np.hypot to the last bits, pairs at one address 0."""
    from doldo.core.kernels.rows import pair_lengths
    rng = np.random.default_rng(23)
    x, y = rng.uniform(4e5, 6e5, 500), rng.uniform(2.4e6, 2.6e6, 500)
    i, j = rng.integers(0, 500, 3000), rng.integers(0, 500, 3000)
    got = pair_lengths(x, y, i, j)
    np.testing.assert_allclose(got, np.hypot(x[i] - x[j], y[i] - y[j]), rtol=1e-15, atol=0)
    assert np.all(got[i == j] == 0.0) and np.any(i == j)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
@pytest.mark.parametrize("rows", ["float64 rows", "positions, then exact_std"])
def test_fused_std_exact_with_firms_sharing_addresses(fused, engine, seed, rows, monkeypatch):
    """3,000 firms at 1,000 addresses over a 50 km disc (UTM-size
    coordinates): Eq. 2's std decides, and the fused pass's float64 rows
    give it exactly. From the float32 positions it erred by up to 3.6e-9
    (h) on such data (the pairs of two addresses share their rounding):
    when the pilot does not foresee the std (forced here), the positions
    only bound it and a pass of sums gives it."""
    calls = []
    real = DC.exact_std
    monkeypatch.setattr(DC, "exact_std", lambda t: calls.append(1) or real(t))
    if rows != "float64 rows":
        monkeypatch.setattr(DC, "EXACT_MARGIN", 0.0)
    rng = np.random.default_rng(seed)
    r = np.sqrt(rng.uniform(0, 1, 1000)) * 50e3
    a = rng.uniform(0, 2 * np.pi, 1000)
    addr = np.c_[r * np.cos(a), r * np.sin(a)] + (4.3e5, 2.5e6)
    p = addr[rng.integers(0, 1000, 3000)]
    d = pdist(p)
    assert d.std() < np.percentile(d, 25) / 1.34          # the std decides
    res = do_curve(p, None, D, n_sim=0)
    assert res.bandwidth == pytest.approx(eq2(d, len(p)), rel=1e-12)
    assert len(calls) == (0 if rows == "float64 rows" else 1)


def test_fused_q1_decided_by_the_positions_bound(fused, engine, monkeypatch):
    """A 30 km disc with a fifth of the firms in a cluster (sd 5 km): the
    pilot sees the std within 25 % of Q1/1.34 but not within 2 %, so the
    pass sums from float32 positions; their bound shows that Q1 decides
    (std 7.9 % above Q1/1.34; no pass of sums), h exact."""
    calls = []
    monkeypatch.setattr(DC, "exact_std", lambda t: calls.append(1))
    rng = np.random.default_rng(5)
    r = np.sqrt(rng.uniform(0, 1, 2400)) * 30000
    a = rng.uniform(0, 2 * np.pi, 2400)
    p = np.r_[np.c_[r * np.cos(a), r * np.sin(a)], rng.normal(0, 5000, (600, 2)) + (10000, 0)]
    p = p + (4.5e5, 2.5e6)
    d = pdist(p)
    s, q = DC.pilot_terms(Tiles(p))
    assert DC.EXACT_MARGIN * q < s <= DC.STD_MARGIN * q
    assert d.std() > np.percentile(d, 25) / 1.34                 # Q1 decides
    res = do_curve(p, None, D, n_sim=0)
    assert res.bandwidth == pytest.approx(eq2(d, len(p)), rel=1e-12)
    assert not calls
