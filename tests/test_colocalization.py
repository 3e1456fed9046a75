"""Co-localization of two industries (SPEC, "Co-localization of two
industries"): the cross K-density against its direct O(n_A n_B) formula,
R dbmss's bivariate Kdhat on Paracou, the counterfactual's draws, and the
pair batch."""
import json
import math
import os
import warnings

import numpy as np
import pytest
from scipy.spatial.distance import cdist

from doldo.core import co_localization, co_localizations, DoldoWarning
from doldo.core.colocalization import pair_seed

from test_do_curve import paracou, DATA


def direct_cross(pa, pb, dist, h=None, wa=None, wb=None):
    """SPEC's K_AB literally: all n_A n_B pairs, Eq. 2 with (n_A n_B)^(1/2)."""
    d = cdist(pa, pb).ravel()
    if h is None:
        h = 0.9 * math.sqrt(len(pa) * len(pb)) ** -0.2 * min(d.std(),
                                                               np.percentile(d, 25) / 1.34)
    ww = np.ones_like(d) if wa is None else np.outer(wa, wb).ravel()
    k = np.exp(-((dist[:, None] - d[None, :]) / (math.sqrt(2) * h)) ** 2)
    return (k * ww).sum(axis=1) / (2 * h * ww.sum()), h


def two_industries(na, nb, seed, spread=1000.0):
    rng = np.random.default_rng(seed)
    return rng.uniform(0, spread, (na, 2)), rng.normal(spread / 2, spread / 8, (nb, 2))


DIST = np.arange(0.0, 801.0, 20.0)


@pytest.mark.parametrize("na,nb", [(5, 7), (40, 60), (300, 500), (1500, 2100)])
def test_cross_curve_matches_the_direct_formula(na, nb, engine):
    a, b = two_industries(na, nb, seed=na)
    ref, h = direct_cross(a, b, DIST)
    res = co_localization(a, b, None, DIST, n_sim=0)
    assert res.bandwidth == pytest.approx(h, rel=1e-12)
    np.testing.assert_allclose(res.observed, ref, rtol=1e-6, atol=1e-9 * ref.max())
    assert res.h_max is None and res.gamma is None


def test_weighted_cross_curve_matches_the_direct_formula(engine):
    a, b = two_industries(200, 90, seed=3)
    rng = np.random.default_rng(4)
    wa, wb = rng.integers(1, 50, 200).astype(float), rng.integers(1, 50, 90).astype(float)
    _, h = direct_cross(a, b, DIST)            # the bandwidth stays unweighted
    ref, _ = direct_cross(a, b, DIST, h, wa, wb)
    res = co_localization(a, b, None, DIST, n_sim=0, weights_a=wa, weights_b=wb)
    assert res.bandwidth == pytest.approx(h, rel=1e-12)
    np.testing.assert_allclose(res.observed, ref, rtol=1e-6)


def test_fixed_bandwidth_and_symmetry(engine):
    a, b = two_industries(120, 80, seed=5)
    ref, _ = direct_cross(a, b, DIST, h=35.0)
    ab = co_localization(a, b, None, DIST, n_sim=0, bandwidth=35.0)
    ba = co_localization(b, a, None, DIST, n_sim=0, bandwidth=35.0)
    np.testing.assert_allclose(ab.observed, ref, rtol=1e-6)
    np.testing.assert_allclose(ab.observed, ba.observed, rtol=1e-12)


REFERENCE = json.load(open(os.path.join(DATA, "dbmss_kd_reference.json")))


@pytest.mark.parametrize("case", range(len(REFERENCE["cases"])))
def test_dbmss_convention_reproduces_r_kdhat(case, engine):
    """R dbmss 2.11-0 Kdhat on Paracou (tests/data/dbmss_kd_reference.json):
    within 0.5 % (SPEC; R bins the distances, so ~0.2 % is its own error),
    and 1e-6 of the same formula summed directly; R's bandwidth to 1e-12."""
    c = REFERENCE["cases"][case]
    xy, kind, w = paracou()
    r = np.asarray(REFERENCE["r"])
    a, b = kind == c["reference"], kind == c["neighbor"]
    weights = dict(weights_a=w[a], weights_b=w[b]) if c["weighted"] else {}
    if c["reference"] == c["neighbor"]:
        from doldo.core import do_curve
        res = do_curve(xy[a], None, r, n_sim=0, convention="dbmss",
                       weights=w[a] if c["weighted"] else None)
    else:
        res = co_localization(xy[a], xy[b], None, r, n_sim=0, convention="dbmss",
                              **weights)
    assert res.bandwidth == pytest.approx(c["bandwidth"], rel=1e-12)
    np.testing.assert_allclose(res.observed, c["kd"], rtol=5e-3)
    np.testing.assert_allclose(res.observed, c["kd_direct_kernel"], rtol=1e-6)


def test_simulations_draw_both_industries_from_the_background(engine):
    """Each draw takes n_A + n_B distinct background firms (one choice
    without replacement), the first n_A playing A; its own Eq. 2."""
    rng = np.random.default_rng(8)
    bg = rng.uniform(0, 1000, (900, 2))
    a, b = bg[:30], bg[30:75]
    res = co_localization(a, b, bg, DIST, n_sim=20, seed=11)
    draws = np.random.default_rng(11)
    for s in range(20):
        idx = draws.choice(900, size=75, replace=False)
        ref, h = direct_cross(bg[idx[:30]], bg[idx[30:]], DIST)
        assert res.simulated_bandwidths[s] == pytest.approx(h, rel=1e-10)
        np.testing.assert_allclose(res.simulations[s], ref, rtol=1e-6,
                                   atol=1e-9 * ref.max())


def test_suppliers_near_their_clients_are_co_localized():
    """B's firms set down within 15 m of A's: Γ_AB > 0 at short distances;
    two independent random industries are not co-localized."""
    rng = np.random.default_rng(12)
    bg = rng.uniform(0, 2000, (3000, 2))
    a = bg[rng.choice(3000, 60, replace=False)]
    b = a[rng.integers(0, 60, 80)] + rng.normal(0, 10, (80, 2))
    d = np.arange(0.0, 401.0, 10.0)
    near = co_localization(a, b, np.r_[bg, b], d, n_sim=199, seed=1)
    assert near.gamma_sum > 0 and near.gamma[:3].min() > 0
    assert near.psi_sum == 0
    c = bg[rng.choice(3000, 80, replace=False)]
    apart = co_localization(a, c, bg, d, n_sim=199, seed=1)
    assert apart.gamma_sum == 0


def test_co_located_pairs_apply_the_rule_and_warn():
    """More than a quarter of the cross pairs at distance 0: Q1 = 0, so
    h = 0.9 (n_A n_B)^(-1/10) std, and a warning."""
    rng = np.random.default_rng(2)
    a = np.r_[np.zeros((10, 2)), rng.uniform(0, 100, (2, 2))]
    b = np.r_[np.zeros((10, 2)), rng.uniform(0, 100, (2, 2))]
    d = cdist(a, b).ravel()
    with pytest.warns(DoldoWarning, match="co-location"):
        res = co_localization(a, b, None, DIST, n_sim=0)
    assert res.bandwidth == pytest.approx(0.9 * 144 ** -0.1 * d.std(), rel=1e-12)


@pytest.mark.parametrize("kwargs,message", [
    (dict(a=[[0, 0]], b=[[1, 1]]), "at least 2 pairs"),
    (dict(weights_a=[1.0] * 4), "both industries, or of neither"),
    (dict(background=np.zeros((5, 2)), n_sim=20), "at least as many firms as the two"),
])
def test_bad_pairs_say_why(kwargs, message):
    args = dict(a=np.arange(8.0).reshape(4, 2), b=np.arange(6.0).reshape(3, 2) + 0.5,
                background=None, distances=DIST, n_sim=0)
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        co_localization(**args)


def test_pairs_of_the_largest_industries_match_each_pair_alone():
    """co_localizations: the TOP largest industries, every pair (A before B
    in code order), each curve do-able alone with pair_seed."""
    xy, kind, _ = paracou()
    d = np.arange(0.0, 101.0, 5.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DoldoWarning)
        records, curves = co_localizations(xy, kind, d, top=3, n_sim=39, seed=5)
        alone = co_localization(xy[kind == "Q. Rosea"], xy[kind == "V. Americana"], xy, d,
                                n_sim=39, seed=pair_seed(5, "Q. Rosea", "V. Americana"))
    assert [(r["industry_a"], r["industry_b"]) for r in records] == [
        ("Other", "Q. Rosea"), ("Other", "V. Americana"), ("Q. Rosea", "V. Americana")]
    assert records[2]["firms_a"] == 27 and records[2]["firms_b"] == 90
    got = curves[("Q. Rosea", "V. Americana")]
    np.testing.assert_array_equal(got.observed, alone.observed)
    np.testing.assert_array_equal(got.simulations, alone.simulations)
    assert records[2]["gamma_sum"] == alone.gamma_sum
    assert records[2]["status"] in ("co-localized", "dispersed", "neither")
    with pytest.raises(ValueError, match="has no firms"):
        co_localizations(xy, kind, d, codes=["Q. Rosea", "X"], n_sim=39, seed=5)
    # codes typed in any order: the pairs in code order, as the top's (issue 18)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DoldoWarning)
        rev, rev_curves = co_localizations(xy, kind, d, n_sim=39, seed=5,
                                           codes=["V. Americana", "Q. Rosea", "Other"])
    assert [(r["industry_a"], r["industry_b"]) for r in rev] == [
        (r["industry_a"], r["industry_b"]) for r in records]
    assert [r["gamma_sum"] for r in rev] == [r["gamma_sum"] for r in records]
    # a Real code field: codes typed as printed ("2511.0") or as keys ("2511")
    num = np.select([kind == "Q. Rosea", kind == "V. Americana"], [2511.0, 2512.0], 9.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DoldoWarning)
        typed = [co_localizations(xy, num, d, codes=c, n_sim=39, seed=5)
                 for c in (["2511.0", " 2512.0"], ["2511", 2512], [2511.0, "2512.0", "2511"])]
        keyed = co_localization(xy[num == 2511], xy[num == 2512], xy, d, n_sim=39,
                                seed=pair_seed(5, "2511", "2512"))
    assert typed[0][0] == typed[1][0] == typed[2][0]
    assert [(r["industry_a"], r["industry_b"]) for r in typed[0][0]] == [(2511.0, 2512.0)]
    np.testing.assert_array_equal(typed[0][1][(2511.0, 2512.0)].simulations,
                                  keyed.simulations)


@pytest.mark.parametrize("na,nb", [(300, 500), (40, 2000)])
def test_large_pairs_take_the_fused_pass_over_cross_tiles(na, nb, engine, monkeypatch):
    """From FUSED_N^2/2 cross pairs (lowered here) the curve is the fused
    single pass over the cross tile pairs (Tiles.cross): Eq. 2 exact, the
    curve within 1e-6 of the direct formula, each draw too."""
    import sys
    dc = sys.modules["doldo.core.do_curve"]
    monkeypatch.setattr(dc, "FUSED_N", 60)
    monkeypatch.setattr(dc, "FUSED_N_NUMPY", 60)
    rng = np.random.default_rng(na)
    bg = np.r_[rng.uniform(0, 1000, (1500, 2)), rng.normal(500, 120, (1500, 2))]
    a, b = bg[:na], bg[-nb:]
    res = co_localization(a, b, bg, DIST, n_sim=20, seed=3)
    ref, h = direct_cross(a, b, DIST)
    # when the std decides, the one pass sums binned positions (~1e-8)
    assert res.bandwidth == pytest.approx(h, rel=1e-7)
    np.testing.assert_allclose(res.observed, ref, rtol=1e-6, atol=1e-9 * ref.max())
    draws = np.random.default_rng(3)
    for s in range(3):
        idx = draws.choice(len(bg), na + nb, replace=False)
        ref, h = direct_cross(bg[idx[:na]], bg[idx[na:]], DIST)
        assert res.simulated_bandwidths[s] == pytest.approx(h, rel=1e-7)
        np.testing.assert_allclose(res.simulations[s], ref, rtol=1e-6, atol=1e-9 * ref.max())


def test_cross_tiles_visit_only_the_cross_pairs(engine):
    """Tiles.cross: the tiled kernels' counts, sums, quartiles and curves
    over the n_A n_B pairs only, against explicit distances (dbmss's bounded
    window and weights too)."""
    from doldo.core.bandwidth import pair_bandwidth, sum_sq_distances
    from doldo.core.do_curve import kernel_density
    from doldo.core.pairs import count_zero_distances
    from doldo.core.tiles import Tiles
    rng = np.random.default_rng(21)
    a = rng.uniform(0, 800, (700, 2))
    b = np.r_[rng.normal(400, 90, (900, 2)), a[:25]]        # 25 co-located pairs
    t = Tiles.cross(a, b, tile_size=32)
    d = cdist(a, b).ravel()
    assert t.pairs == d.size and t.split > 1
    assert count_zero_distances(t) == int(np.sum(d == 0))
    assert sum_sq_distances(t) == pytest.approx(float(np.sum(d * d)), rel=1e-12)
    h, info = pair_bandwidth(t)
    assert info["q1"] == pytest.approx(np.percentile(d, 25), rel=1e-13)
    assert h == pytest.approx(0.9 * d.size ** -0.1 * min(d.std(), np.percentile(d, 25) / 1.34),
                              rel=1e-12)
    ref, _ = direct_cross(a, b, DIST, h)
    np.testing.assert_allclose(kernel_density(t, DIST, h), ref, rtol=1e-6)
    h2, info2 = pair_bandwidth(t, "dbmss", dlim=2 * DIST[-1])
    sel = d[d <= 2 * DIST[-1]]
    iqr = np.percentile(sel, 75) - np.percentile(sel, 25)
    assert h2 == pytest.approx(0.9 * min(sel.std(ddof=1), iqr / 1.34) * sel.size ** -0.2,
                               rel=1e-12)


def test_weighted_pairs_without_background_weights_stop_once():
    xy, kind, w = paracou()
    with pytest.raises(ValueError, match=r"^weighted DO curves need the background firms' "
                                         r"weights too"):
        co_localizations(xy, kind, np.arange(0.0, 50.0, 5.0), top=3, n_sim=39, seed=1,
                         weights=w, background=xy)
