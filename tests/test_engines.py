"""The numpy engine gives the numba engine's results (issue 12): DO within
1e-6 relative, LDO and h within 1e-9, the same core firms and clusters, the
same local test, on every path (small sets, tiled, fused, FFT)."""
import sys
import warnings

import numpy as np
import pytest

from doldo.core import do_curve, engine, ldo_index, local_bandwidths, local_test, mclm_ldo
from doldo.core._numba import HAVE_NUMBA
from doldo.core.core_firms import link_components

pytestmark = pytest.mark.skipif(not HAVE_NUMBA, reason="compares with numba")
DC = sys.modules["doldo.core.do_curve"]


def both(f):
    out = []
    for name in ("numba", "numpy"):
        with engine.use(name), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out.append(f())
    return out


def firms(n, seed=3, dup=0.1):
    rng = np.random.default_rng(seed)
    p = np.r_[rng.normal(0, 200, (n // 2, 2)), rng.uniform(-3000, 3000, (n - n // 2, 2))]
    k = int(dup * n)
    p[:k] = p[rng.choice(np.arange(k, n), k)]
    return p + [5e5, 4e6]


def test_engine_is_numba_here_and_use_switches():
    from doldo.core import backend
    assert backend() == "numba"
    with engine.use("numpy"):
        assert backend() == "numpy"
    assert backend() == "numba"
    with pytest.raises(ValueError, match="engine must be one of"):
        with engine.use("cuda"):
            pass


@pytest.mark.parametrize("small_n,fused_n,kw", [
    (1500, 5000, {}),                                   # explicit distances
    (0, 10 ** 9, {}),                                   # tiled two-pass path
    (0, 0, {}),                                         # fused single pass
    (0, 10 ** 9, {"convention": "dbmss"}),
    (0, 10 ** 9, {"weights": True}),
    (0, 0, {"method": "fft"}),
])
def test_do_curves_agree(monkeypatch, small_n, fused_n, kw):
    for name, value in (("SMALL_N", small_n), ("SMALL_N_DBMSS", small_n),
                        ("FUSED_N", fused_n), ("FUSED_N_DBMSS", fused_n)):
        monkeypatch.setattr(DC, name, value)
    p = firms(1200)
    bg = np.r_[p, firms(2000, seed=4)]
    if kw.get("weights"):
        rng = np.random.default_rng(1)
        kw = dict(weights=rng.uniform(1, 5, len(p)), background_weights=rng.uniform(1, 5, len(bg)))
        kw["background_weights"][:len(p)] = kw["weights"]
    d = np.arange(0.0, 3001.0, 50.0)
    if kw.get("method") == "fft":
        monkeypatch.setattr(sys.modules["doldo.core.fft"], "MIN_CELLS", 0)
    a, b = both(lambda: do_curve(p, bg, d, n_sim=20, seed=5, **kw))
    assert a.bandwidth == pytest.approx(b.bandwidth, rel=1e-9)
    np.testing.assert_allclose(b.observed, a.observed, rtol=1e-6, atol=1e-9 * a.observed.max())
    np.testing.assert_allclose(b.simulated_bandwidths, a.simulated_bandwidths, rtol=1e-9)
    np.testing.assert_allclose(b.upper, a.upper, rtol=1e-6, atol=1e-9 * a.upper.max())
    assert a.h_max == b.h_max


@pytest.mark.parametrize("h,peak,weighted,mode", [
    (60.0, 0.0, False, "product"), (3000.0, 0.0, True, "product"),   # Gauss transform
    (80.0, 250.0, True, "sum"), ("per firm", 0.0, True, "product")])
def test_ldo_agrees(h, peak, weighted, mode):
    p = firms(2000)
    rng = np.random.default_rng(2)
    w = rng.uniform(1, 9, len(p)) if weighted else None
    scale = np.linspace(30.0, 90.0, len(p)) if h == "per firm" else h
    a, b = both(lambda: ldo_index(p, scale, peak=peak, weights=w, weight_mode=mode))
    np.testing.assert_allclose(b, a, rtol=1e-9, atol=1e-12 * np.abs(a).max())


def test_local_bandwidths_agree():
    p = firms(1500)
    a, b = both(lambda: local_bandwidths(p))
    np.testing.assert_allclose(b, a, rtol=1e-9)


@pytest.mark.parametrize("scale", [150.0, "local"])
def test_core_firms_and_clusters_agree(scale):
    p = firms(2500)
    a, b = both(lambda: mclm_ldo(p, scale))
    assert np.array_equal(a.is_core, b.is_core) and np.array_equal(a.cluster, b.cluster)
    assert [c.count for c in a.clusters] == [c.count for c in b.clusters]
    for ca, cb in zip(a.clusters, b.clusters):
        assert ca.centre == cb.centre
        np.testing.assert_allclose(cb.rectangle, ca.rectangle, rtol=1e-12)
    np.testing.assert_allclose(b.boundary, a.boundary, rtol=1e-12)


@pytest.mark.parametrize("seed", range(4))
def test_single_linkage_agrees(seed):
    rng = np.random.default_rng(seed)
    p = np.r_[rng.normal(0, 5, (300, 2)), rng.uniform(-40, 40, (300, 2))]
    p[:30] = p[30:60]                                   # duplicates
    for r in (1.5, rng.uniform(0.5, 3.0, len(p))):
        a, b = both(lambda: link_components(p, r))
        assert np.array_equal(a, b)


@pytest.mark.parametrize("stat", ["lk", "ldo"])
def test_local_test_agrees_to_the_bit(stat):
    from doldo.core import synthetic_dataset
    pts, ind, _ = synthetic_dataset(2, seed=1)
    a, b = both(lambda: local_test(pts[ind], pts, 6.0, stat, 199, seed=1))
    assert np.array_equal(a, b)
    from doldo.core.local_test import simulated_values
    a, b = both(lambda: simulated_values(pts[ind], pts, 6.0, 3, stat, 199, seed=2)[1])
    assert np.array_equal(a, b)
