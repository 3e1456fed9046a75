"""The fused exact pass for large sets, the approximate method "fft",
method "auto", and progress/cancel inside one long curve."""
import math
import sys
import warnings

import numpy as np
import pytest
from scipy.spatial.distance import pdist

from doldo.core import Cancelled, DoldoWarning
from doldo.core.do_curve import do_curve

DC = sys.modules["doldo.core.do_curve"]
PAIRS = sys.modules["doldo.core.pairs"]
FFT = sys.modules["doldo.core.fft"]


def clustered(seed, n, dup=0.07):
    rng = np.random.default_rng(seed)
    k = n // 3
    p = np.r_[rng.normal(0, 800, (k, 2)), rng.normal(5000, 2500, (k, 2)),
              rng.uniform(-20000, 20000, (n - 2 * k, 2))]
    m = int(dup * n)
    p[:m] = p[rng.choice(np.arange(m, n), m)]
    return p + (4.5e5, 2.5e6)


D = np.arange(0.0, 20001.0, 500.0)


def direct(p, dist):
    d = pdist(p)
    h = 0.9 * len(p) ** -0.2 * min(d.std(), np.percentile(d, 25) / 1.34)
    s = np.zeros(len(dist))
    for t, x in enumerate(dist):
        s[t] = np.exp(-((x - d) / (math.sqrt(2) * h)) ** 2).sum()
    return s / (2 * h * d.size), h


def test_fused_pass_matches_direct_formula(monkeypatch, engine):
    monkeypatch.setattr(DC, "FUSED_N", 0)
    p = clustered(1, 2500)
    ref, h = direct(p, D)
    res = do_curve(p, None, D, n_sim=0)
    assert res.bandwidth == pytest.approx(h, rel=1e-9)
    np.testing.assert_allclose(res.observed, ref, rtol=1e-6, atol=1e-12 * ref.max())
    fixed = do_curve(p, None, D, n_sim=0, bandwidth=300.0)
    d = pdist(p)
    ref2 = np.array([np.exp(-((x - d) / (math.sqrt(2) * 300.0)) ** 2).sum() for x in D])
    np.testing.assert_allclose(fixed.observed, ref2 / (600.0 * d.size), rtol=1e-6,
                               atol=1e-12 * ref2.max())


def test_fused_pass_far_offsets_and_wide_sparse_tiles(monkeypatch, engine):
    """float32 tile-local coordinates keep the direct formula's numbers with
    southern-hemisphere UTM offsets and tiles hundreds of km wide."""
    monkeypatch.setattr(DC, "FUSED_N", 0)
    rng = np.random.default_rng(11)
    p = np.r_[rng.normal(0, 300, (1500, 2)), rng.uniform(-3e5, 3e5, (700, 2))]
    p[:100] = p[100:200]                         # co-located pairs
    p += (8.3e5, 9.9e6)
    dist = np.arange(0.0, 6001.0, 250.0)
    ref, h = direct(p, dist)
    res = do_curve(p, None, dist, n_sim=0)
    assert res.bandwidth == pytest.approx(h, rel=1e-12)
    np.testing.assert_allclose(res.observed, ref, rtol=1e-6, atol=1e-12 * ref.max())


def test_grid_histogram_is_linear_binning_of_every_pair(engine):
    from doldo.core.tiles import Tiles
    p = clustered(8, 3000)
    d = pdist(p)
    delta, ext = 7.0, 9000.0
    cnt, fsum, beyond_n, beyond_top, _ = PAIRS.grid_histogram(Tiles(p), ext, delta)
    pos = d / delta
    k = np.floor(pos)
    inside = k < len(cnt)
    ref = np.bincount(k[inside].astype(int), minlength=len(cnt))
    ref_f = np.bincount(k[inside].astype(int), weights=(pos - k)[inside], minlength=len(cnt))
    # float32 rounding may move a pair that sits on a bin edge to its neighbour
    frac = pos - k
    edge = np.count_nonzero(np.minimum(frac, 1 - frac) < 1e-3)
    assert np.abs(cnt - ref).sum() <= 2 * edge
    # the first moment of every bin is kept: Σ (k + f) delta = Σ d
    assert np.dot(np.arange(len(cnt)), cnt) + fsum.sum() == pytest.approx(pos[inside].sum(), rel=1e-7)
    assert np.abs(fsum - ref_f).max() < 1 + 2e-3 * ref.max()
    assert cnt[0] >= np.count_nonzero(d == 0) > 0
    assert cnt.sum() + beyond_n == d.size
    assert beyond_top >= d[~inside].sum()


def test_quartile_from_grid_histogram_is_exact_when_the_window_misses(monkeypatch, engine):
    from doldo.core.tiles import Tiles
    from doldo.core import bandwidth as BW
    p = clustered(9, 2500)
    d = pdist(p)
    t = Tiles(p)
    delta = 5.0
    cnt, _, _, _, _ = PAIRS.grid_histogram(t, 60000.0, delta)
    want = np.percentile(d, [25, 60])
    got = BW.quantile_from_histogram(t, (0.25, 0.6), d.size, cnt, delta)
    assert got == pytest.approx(want, rel=1e-15)
    shifted = np.roll(cnt, 40)                    # a misleading histogram
    assert BW.quantile_from_histogram(t, (0.25,), d.size, shifted, delta)[0] == \
        pytest.approx(want[0], rel=1e-15)
    monkeypatch.setattr(BW, "COLLECT_MAX", 10)    # too many to collect
    assert BW.quantile_from_histogram(t, (0.25,), d.size, cnt, delta)[0] == \
        pytest.approx(want[0], rel=1e-15)


def test_fft_close_to_exact_same_h_max_and_reported(monkeypatch, engine):
    monkeypatch.setattr(FFT, "MIN_CELLS", 0)          # 10 cells per h
    rng = np.random.default_rng(3)
    bg = np.r_[clustered(2, 6000), rng.uniform(-25000, 25000, (14000, 2)) + (4.5e5, 2.5e6)]
    ind = bg[:6000]
    ex = do_curve(ind, bg, D, n_sim=20, seed=4, method="exact")
    with pytest.warns(DoldoWarning, match="approximate"):
        ap = do_curve(ind, bg, D, n_sim=20, seed=4, method="fft")
    assert ex.method == "exact" and ap.method == "fft"
    assert any("fft" in m for m in ap.warnings)
    assert ap.bandwidth == pytest.approx(ex.bandwidth, rel=1e-3)
    big = ex.observed > 0.01 * ex.observed.max()
    rel = np.abs(ap.observed / ex.observed - 1)
    assert rel[big].max() < 1e-3
    # offsets stand for c sqrt(k - 1/6): with c sqrt(k), DO(0) was 1.1e-3 low
    assert rel[0] < 6e-4
    assert ap.h_max == ex.h_max


def test_fft_pair_histogram_counts_cell_offsets(engine):
    """Every pair lands at its squared cell offset k = di^2 + dj^2, up to the
    reach; the FFT counts equal a direct count of the cells' offsets."""
    rng = np.random.default_rng(11)
    p = np.r_[rng.normal(0, 300, (700, 2)), rng.uniform(-2000, 2000, (500, 2))]
    p[:60] = p[60:120]                                # co-located firms
    x, y = p[:, 0].copy(), p[:, 1].copy()
    cell, reach = 37.0, 900.0
    cnt, L = FFT.fft_pair_histogram(x, y, cell, reach)
    ix = np.minimum(((x - x.min()) / cell).astype(np.int64), 10 ** 9)
    iy = ((y - y.min()) / cell).astype(np.int64)
    i, j = np.triu_indices(len(x), 1)
    k = (ix[i] - ix[j]) ** 2 + (iy[i] - iy[j]) ** 2
    want = np.bincount(k[k <= L * L], minlength=L * L + 1)
    assert np.abs(cnt - want).max() < 0.05           # float32 transforms
    assert cnt.sum() == pytest.approx(want.sum(), rel=1e-6)


def test_fft_mean_pair_distance_close_to_direct(engine):
    rng = np.random.default_rng(12)
    p = np.r_[rng.normal(0, 500, (1500, 2)), rng.uniform(-9000, 9000, (1500, 2))]
    got = FFT.mean_pair_distance(p[:, 0].copy(), p[:, 1].copy())
    assert got == pytest.approx(pdist(p).mean(), rel=2e-4)


def test_auto_switches_to_fft_above_threshold(monkeypatch):
    p = clustered(5, 4000)      # above SMALL_N: small sets never take the fft
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert do_curve(p, None, D, n_sim=0, method="auto").method == "exact"
        monkeypatch.setattr(DC, "AUTO_FFT_N", 1000)
        assert do_curve(p, None, D, n_sim=0, method="auto").method == "fft"
        w = np.ones(len(p))
        assert do_curve(p, None, D, n_sim=0, method="auto", weights=w).method == "exact"


def test_progress_and_cancel_inside_one_curve(monkeypatch):
    monkeypatch.setattr(PAIRS, "PIECE_PAIRS", 2e5)
    p = clustered(6, 6000)
    seen = []
    do_curve(p, None, D, n_sim=0, progress=seen.append)
    assert len(seen) > 10 and seen[0] == 0 and seen[-1] == 1
    assert all(b >= a for a, b in zip(seen, seen[1:]))
    calls = []

    def cancel(f):
        calls.append(f)
        return len(calls) > 3
    with pytest.raises(Cancelled):
        do_curve(p, None, D, n_sim=0, progress=cancel)
    assert calls[-1] < 1


def test_std_deciding_eq2_comes_from_the_same_pass(monkeypatch, engine):
    """Firms spread over a wide disc: Eq. 2's std is the smaller term. The
    one pass also sums the distances it does not bin (the pilot foresaw
    it), so the exact std needs no second pass; h matches the direct
    formula."""
    rng = np.random.default_rng(8)
    r = 200_000 * np.sqrt(rng.random(6000))
    a = rng.random(6000) * 2 * np.pi
    p = np.c_[r * np.cos(a), r * np.sin(a)] + [4e5, 2.5e6]
    p[:600] = p[600:1200]                                   # co-located firms
    d = pdist(p)
    assert d.std() < np.percentile(d, 25) / 1.34          # std decides
    h = 0.9 * 6000 ** -0.2 * d.std()

    def no_second_pass(tiles):
        raise AssertionError("the exact std took a second pass")
    monkeypatch.setattr(DC, "exact_std", no_second_pass)
    dist = np.arange(0.0, 100_001.0, 10000.0)
    res = do_curve(p, None, dist, n_sim=0)
    assert res.bandwidth == pytest.approx(h, rel=1e-9)
    np.testing.assert_allclose(res.observed, direct(p, dist)[0], rtol=1e-6)
