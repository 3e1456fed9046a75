"""The dbmss convention (SPEC, "dbmss convention") at every size the paper
convention works at: against its formula written out here, with duplicated
locations and weights, through the small-set path and the tiled kernels."""
import math

import numpy as np
import pytest
from scipy.spatial import cKDTree

from doldo.core.do_curve import do_curve


def direct_dbmss_near(p, dist, w=None):
    """SPEC's dbmss Kd from the pairs within 2 Dmax (k-d tree): bw.nrd0 over
    those distances; the kernel sum over them too (pairs farther than
    Dmax + 9 h add < 1e-18), normalised by all N = n(n-1)/2 pairs, and with
    weights ``w`` by Σ_{i<j} w_i w_j. Returns (Kd, Kd weighted or None, h)."""
    dlim = 2 * float(dist.max())
    pairs = cKDTree(p).query_pairs(dlim, output_type="ndarray")
    i, j = pairs[:, 0], pairs[:, 1]
    d = np.hypot(*(p[i] - p[j]).T)
    keep = d <= dlim
    d, i, j = d[keep], i[keep], j[keep]
    q1, q3 = np.percentile(d, [25, 75])
    h = 0.9 * min(d.std(ddof=1), (q3 - q1) / 1.34) * d.size ** -0.2
    assert dist.max() + 9 * h < dlim
    n = len(p)
    cols = [np.ones(d.size)] + ([] if w is None else [w[i] * w[j]])
    totals = [n * (n - 1) / 2] + ([] if w is None else [(w.sum() ** 2 - (w * w).sum()) / 2])
    out = np.zeros((dist.size, len(cols)))
    r = dist[:, None]
    for s in range(0, d.size, 1 << 20):
        dd = d[s:s + (1 << 20)]
        val = np.exp(-0.5 * ((r - dd) / h) ** 2) + (dd <= 4 * h) * np.exp(-0.5 * ((r + dd) / h) ** 2)
        out += val @ np.stack([c[s:s + (1 << 20)] for c in cols], axis=1)
    out /= math.sqrt(2 * math.pi) * h * np.array(totals)
    return out[:, 0], (out[:, 1] if w is not None else None), h


def firms(n, seed, dup):
    """Clustered firms in a region 40 times wider than 2 Dmax, a share
    ``dup`` of them at the location of another firm."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0, 200_000, (12, 2))
    p = centres[rng.integers(0, 12, n)] + rng.normal(0, 3000, (n, 2))
    k = int(dup * n)
    if k:
        p[:k] = p[rng.choice(np.arange(k, n), k)]
    return p + [4.0e5, 2.5e6]


DIST = np.arange(0.0, 2001.0, 200.0)


@pytest.mark.parametrize("n", [2000, 20000])
@pytest.mark.parametrize("dup", [0.0, 0.1])
def test_dbmss_large_sets_match_the_formula(n, dup, engine):
    p = firms(n, n + int(dup * 10), dup)
    w = np.random.default_rng(n).uniform(1, 40, n)
    ref, refw, h = direct_dbmss_near(p, DIST, w)
    for weights, want in ((None, ref), (w, refw)):
        res = do_curve(p, None, DIST, n_sim=0, convention="dbmss", weights=weights)
        assert res.bandwidth == pytest.approx(h, rel=1e-9)
        np.testing.assert_allclose(res.observed, want, rtol=1e-6, atol=1e-9 * want.max())


def test_dbmss_band_from_background_draws_at_2000_firms(engine):
    """The simulated draws (2,000 of 30,000 firms) take the same path."""
    bg = firms(30000, 3, 0.05)
    res = do_curve(bg[:2000], bg, DIST, n_sim=20, seed=4, convention="dbmss")
    assert res.upper is not None and np.all(np.isfinite(res.simulations))
    idx = np.random.default_rng(4).choice(bg.shape[0], size=2000, replace=False)
    ref, _, h = direct_dbmss_near(bg[idx], DIST)
    np.testing.assert_allclose(res.simulations[0], ref, rtol=1e-6, atol=1e-9 * ref.max())
    assert res.simulated_bandwidths[0] == pytest.approx(h, rel=1e-9)


def test_dbmss_quartiles_far_apart_on_normal_clouds(engine):
    """The reported case: plain normal clouds from 1,600 firms on raised
    'pair-distance quantile did not converge' for the dbmss convention (its
    two quartiles were refined in one window holding half of the pairs)."""
    from scipy.spatial.distance import pdist
    rng = np.random.default_rng(12)
    dist = np.arange(0, 5000, 100.0)
    for n in (1600, 2400):
        a = rng.normal(0, 1000, (n, 2))
        res = do_curve(a, a, dist, n_sim=0, convention="dbmss")
        d = pdist(a)
        d = d[d <= 2 * dist.max()]
        q1, q3 = np.percentile(d, [25, 75])
        h = 0.9 * min(d.std(ddof=1), (q3 - q1) / 1.34) * d.size ** -0.2
        assert res.bandwidth == pytest.approx(h, rel=1e-9)


@pytest.mark.parametrize("convention", ["paper", "dbmss"])
def test_heavy_ties_on_the_tiled_path(convention, engine):
    """2,000 firms at 7 points of a line: every pair distance is a whole
    number 0..6, so the quartiles sit inside piles of equal distances (the
    refinement window shrank to zero width and divided by it)."""
    from scipy.spatial.distance import pdist
    p = np.c_[np.arange(2000.0) % 7, np.zeros(2000)]
    dist = np.linspace(0, 2.0, 11)
    res = do_curve(p, None, dist, n_sim=0, convention=convention)
    d = pdist(p)
    if convention == "dbmss":
        d = d[d <= 4.0]
        q1, q3 = np.percentile(d, [25, 75])
        h = 0.9 * min(d.std(ddof=1), (q3 - q1) / 1.34) * d.size ** -0.2
    else:
        h = 0.9 * 2000 ** -0.2 * min(d.std(), np.percentile(d, 25) / 1.34)
    assert res.bandwidth == pytest.approx(h, rel=1e-12)
