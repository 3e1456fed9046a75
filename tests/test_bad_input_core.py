"""Bad input to the core (issue 5): a ValueError with a plain message a GIS
user understands -- never a numpy/numba traceback -- or, for SPEC's
co-location rule, a DoldoWarning and a result.

Every case is one row of ``CASES`` (label, call, words the message must
contain). ``python tests/test_bad_input_core.py`` prints each bad input
with the exact message it gives (the list in the issue note).
"""
import math
import re
import sys
import warnings

import numpy as np
import pytest
from scipy.spatial.distance import pdist

import conftest  # noqa: F401  (makes ``doldo`` importable)
from doldo.core import (DoldoWarning, core_firms, do_curve, estimate_local_test_seconds,
                        ldo_index, lk_index, local_bandwidths, local_test, mclm_ldo,
                        mclm_lk)

RNG = np.random.default_rng(20240605)
P = RNG.uniform(0, 1000, (30, 2))                 # 30 industry firms
BG = np.vstack([P, RNG.uniform(0, 1000, (70, 2))])  # the economy: 100 firms
D = np.linspace(0, 300, 7)                        # thresholds
W = RNG.uniform(1, 50, 30)                        # employees


def with_row(points, row):
    return np.vstack([points, [row]])


def do(points=P, background=BG, distances=D, **kw):
    kw.setdefault("n_sim", 0)
    kw.setdefault("seed", 1)
    return do_curve(points, background, distances, **kw)


# (label, call, words the ValueError message must contain)
CASES = [
    # --- empty input / too few firms
    ("DO: empty array", lambda: do([]),
     "need at least 3 industry firms, got 0 (the input is empty)"),
    ("DO: empty (0, 2) array", lambda: do(np.empty((0, 2))),
     "need at least 3 industry firms, got 0"),
    ("DO: no industry firms (None)", lambda: do(None), "no industry firms were given"),
    ("LDO: empty array", lambda: ldo_index([], 10.0),
     "need at least 3 industry firms, got 0"),
    ("local h_i: empty array", lambda: local_bandwidths([]),
     "need at least 3 industry firms, got 0"),
    ("MCLM-LDO: empty array", lambda: mclm_ldo(np.empty((0, 2)), 10.0),
     "need at least 3 industry firms, got 0"),
    ("MCLM-LK: empty array", lambda: mclm_lk([], BG, 10.0),
     "need at least 3 industry firms, got 0"),
    ("core firms: empty array", lambda: core_firms([], [], 10.0),
     "got 0 (the input is empty)"),
    ("DO: 2 industry firms", lambda: do(P[:2]), "need at least 3 industry firms, got 2"),
    ("LDO: 2 industry firms", lambda: ldo_index(P[:2], 10.0),
     "need at least 3 industry firms, got 2"),
    ("local h_i: 2 industry firms", lambda: local_bandwidths(P[:2]),
     "need at least 3 industry firms, got 2"),
    ("MCLM-LDO: 2 industry firms", lambda: mclm_ldo(P[:2], 10.0),
     "need at least 3 industry firms, got 2"),
    ("MCLM-LK: 2 industry firms", lambda: mclm_lk(P[:2], BG, 10.0),
     "need at least 3 industry firms, got 2"),
    # --- background
    ("DO: background smaller than the industry", lambda: do(background=BG[:20], n_sim=20),
     "the background (20 firms) must contain at least as many firms as the industry (30)"),
    ("DO: no background with simulations", lambda: do(background=None, n_sim=20),
     "the background firms are needed for the simulations"),
    ("local test: background smaller than the industry",
     lambda: local_test(P, BG[:20], 10.0, n_sim=19),
     "the background (20 firms) must contain at least as many firms as the industry (30)"),
    ("MCLM-LK: background smaller than the industry", lambda: mclm_lk(P, BG[:20], 10.0),
     "must contain at least as many firms as the industry (30)"),
    ("MCLM-LK: no background for the local test", lambda: mclm_lk(P, None, 10.0),
     "no background firms were given"),
    # --- NaN / inf coordinates
    ("DO: NaN coordinate", lambda: do(with_row(P, [np.nan, 5.0])),
     "industry firms: 1 firm(s) have NaN or infinite coordinates; remove or fix them first"),
    ("DO: inf coordinate", lambda: do(with_row(P, [5.0, np.inf])),
     "industry firms: 1 firm(s) have NaN or infinite coordinates"),
    ("DO: NaN in the background", lambda: do(background=with_row(BG, [np.nan, 1]), n_sim=20),
     "background firms: 1 firm(s) have NaN or infinite coordinates"),
    ("LDO: NaN coordinate", lambda: ldo_index(with_row(P, [np.nan, 5.0]), 10.0),
     "1 firm(s) have NaN or infinite coordinates"),
    ("local h_i: -inf coordinate", lambda: local_bandwidths(with_row(P, [-np.inf, 0])),
     "1 firm(s) have NaN or infinite coordinates"),
    ("MCLM-LDO: NaN coordinate", lambda: mclm_ldo(with_row(P, [np.nan, np.nan]), 10.0),
     "1 firm(s) have NaN or infinite coordinates"),
    ("local test: NaN in the background",
     lambda: local_test(P, with_row(BG, [np.nan, 0]), 10.0, n_sim=19),
     "background firms: 1 firm(s) have NaN or infinite coordinates"),
    ("LK: NaN coordinate", lambda: lk_index(with_row(P, [np.nan, 0]), 10.0),
     "1 firm(s) have NaN or infinite coordinates"),
    # --- all firms at one location
    ("DO: all firms at one location", lambda: do(np.full((10, 2), 5e6)),
     "all industry firms are at one location: the distances between them are all 0, "
     "so no bandwidth (Eq. 2) can be computed"),
    ("local h_i: all firms at one location", lambda: local_bandwidths(np.full((10, 2), 7.0)),
     "all industry firms are at one location"),
    ("MCLM-LDO local scale: all firms at one location",
     lambda: mclm_ldo(np.full((10, 2), 7.0), "local"),
     "all industry firms are at one location"),
    ("DO: a simulated draw all at one location",
     lambda: do(P[:3], np.vstack([P[:3], np.zeros((200, 2))]), n_sim=20),
     "all firms of a simulated draw are at one location"),
    ("local h_i: a firm with every other firm at one same distance",
     lambda: local_bandwidths([(0.0, 0.0), (10.0, 0.0), (-10.0, 0.0)]),
     "1 firm(s) have all the other firms at one same distance"),
    # --- weights
    ("DO: NaN (NULL) weight", lambda: do(weights=np.r_[W[:-1], np.nan]),
     "industry weights: 1 value(s) are missing (NULL/NaN) or infinite"),
    ("DO: None (NULL) weight", lambda: do(weights=list(W[:-1]) + [None]),
     "industry weights: 1 value(s) are missing (NULL/NaN)"),
    ("DO: negative weight", lambda: do(weights=np.r_[-1.0, W[1:]]),
     "industry weights: 1 value(s) are negative; weights must be >= 0"),
    ("DO: non-numeric weight", lambda: do(weights=["many"] + list(W[1:])),
     "industry weights must be numbers"),
    ("DO: all weights zero", lambda: do(weights=np.zeros(30)),
     "industry weights: all weights are zero"),
    ("DO: weights of the wrong length", lambda: do(weights=W[:29]),
     "industry weights: expected 30 values (one per firm), got 29"),
    ("DO: weights of the wrong shape", lambda: do(weights=W[:, None]),
     "industry weights: expected 30 values (one per firm), got an array of shape (30, 1)"),
    ("DO: weighted run without background weights", lambda: do(weights=W, n_sim=20),
     "a weighted DO curve needs the background firms' weights too"),
    ("DO: background weights of the wrong length",
     lambda: do(weights=W, background_weights=np.ones(99), n_sim=20),
     "background weights: expected 100 values (one per firm), got 99"),
    ("DO: NaN background weight",
     lambda: do(weights=W, background_weights=np.r_[np.ones(99), np.nan], n_sim=20),
     "background weights: 1 value(s) are missing (NULL/NaN)"),
    ("LDO: negative weight", lambda: ldo_index(P, 10.0, weights=-W),
     "weights: 30 value(s) are negative; weights must be >= 0"),
    ("LDO: weights of the wrong length", lambda: ldo_index(P, 10.0, weights=W[:5]),
     "weights: expected 30 values (one per firm), got 5"),
    ("MCLM-LDO: NaN (NULL) weight", lambda: mclm_ldo(P, 10.0, weights=np.r_[np.nan, W[1:]]),
     "weights: 1 value(s) are missing (NULL/NaN)"),
    ("MCLM-LDO: non-numeric weight", lambda: mclm_ldo(P, 10.0, weights=["x"] * 30),
     "weights must be numbers"),
    # --- distances
    ("DO: distances not increasing", lambda: do(distances=[0, 200, 100]),
     "distances must be strictly increasing"),
    ("DO: repeated distance", lambda: do(distances=[0, 100, 100, 200]),
     "distances must be strictly increasing"),
    ("DO: negative distance", lambda: do(distances=[-10, 0, 10]), "distances must be >= 0"),
    ("DO: NaN distance", lambda: do(distances=[0, np.nan, 10]),
     "distances must be finite numbers"),
    ("DO: no distances", lambda: do(distances=[]), "need at least one distance threshold"),
    ("DO: non-numeric distance", lambda: do(distances=["near", "far"]),
     "distances must be numbers"),
    # --- confidence level and number of simulations
    ("DO: confidence 0", lambda: do(n_sim=20, confidence=0),
     "confidence must be in (0, 0.5] (0.05 = 5 %), got 0"),
    ("DO: confidence negative", lambda: do(n_sim=20, confidence=-0.05),
     "confidence must be in (0, 0.5]"),
    ("DO: confidence 0.6", lambda: do(n_sim=20, confidence=0.6),
     "confidence must be in (0, 0.5]"),
    ("DO: confidence 5 (percent given as a fraction's place)",
     lambda: do(n_sim=20, confidence=5), "confidence must be in (0, 0.5] (0.05 = 5 %), got 5"),
    ("DO: confidence NaN", lambda: do(n_sim=20, confidence=float("nan")),
     "confidence must be in (0, 0.5]"),
    ("DO: confidence not a number", lambda: do(n_sim=20, confidence="5%"),
     "confidence must be a number"),
    ("DO: 19 simulations at 5 %", lambda: do(n_sim=19, confidence=0.05),
     "19 simulations are too few for a 5 % band: need at least 20"),
    ("DO: 99 simulations at 1 %", lambda: do(n_sim=99, confidence=0.01),
     "99 simulations are too few for a 1 % band: need at least 100"),
    ("DO: 9 simulations at 10 %", lambda: do(n_sim=9, confidence=0.1),
     "9 simulations are too few for a 10 % band: need at least 10"),
    ("DO: negative simulations", lambda: do(n_sim=-1),
     "the number of simulations must be a whole number >= 0, got -1"),
    ("DO: fractional simulations", lambda: do(n_sim=20.5),
     "the number of simulations must be a whole number >= 0, got 20.5"),
    ("DO: non-numeric simulations", lambda: do(n_sim="many"),
     "the number of simulations must be a whole number >= 0, got 'many'"),
    ("local test: 0 simulations", lambda: local_test(P, BG, 10.0, n_sim=0),
     "the number of simulations must be a whole number >= 1, got 0"),
    # --- ĥ, d̂ and the other distances
    ("LDO: ĥ = 0", lambda: ldo_index(P, 0.0),
     "the boundary distance ĥ must be greater than 0, got 0.0"),
    ("LDO: ĥ < 0", lambda: ldo_index(P, -5.0),
     "the boundary distance ĥ must be greater than 0, got -5.0"),
    ("LDO: ĥ NaN", lambda: ldo_index(P, float("nan")),
     "the boundary distance ĥ must be greater than 0"),
    ("LDO: a per-firm h_i <= 0", lambda: ldo_index(P, np.r_[0.0, np.ones(29)]),
     "every per-firm boundary distance h_i must be > 0"),
    ("LDO: per-firm h_i of the wrong length", lambda: ldo_index(P, np.ones(5)),
     "expected one boundary distance per firm (30), got 5"),
    ("MCLM-LDO: ĥ = 0", lambda: mclm_ldo(P, 0),
     "the boundary distance ĥ must be greater than 0, got 0"),
    ("MCLM-LDO: ĥ < 0", lambda: mclm_ldo(P, -1.0),
     "the boundary distance ĥ must be greater than 0, got -1.0"),
    ("MCLM-LDO: ĥ a word other than 'local'", lambda: mclm_ldo(P, "global"),
     'h must be a distance or "local", got \'global\''),
    ("MCLM-LK: ĥ = 0", lambda: mclm_lk(P, BG, 0.0),
     "the boundary distance ĥ must be greater than 0, got 0.0"),
    ("local test: h < 0", lambda: local_test(P, BG, -1.0),
     "the distance h must be greater than 0, got -1.0"),
    ("LK: h = 0", lambda: lk_index(P, 0.0), "the LK distance h must be greater than 0, got 0.0"),
    ("core firms: linkage h = 0", lambda: core_firms(P, np.ones(30), 0.0),
     "the linkage distance h must be greater than 0, got 0.0"),
    ("DO: fixed bandwidth < 0", lambda: do(bandwidth=-3.0),
     "bandwidth must be greater than 0, got -3.0"),
    ("LDO: negative d̂", lambda: ldo_index(P, 10.0, peak=-1.0),
     "the peak distance d̂ must be >= 0, got -1.0"),
    ("LDO: infinite d̂", lambda: ldo_index(P, 10.0, peak=np.inf),
     "the peak distance d̂ must be >= 0, got inf"),
    ("LDO: non-numeric d̂", lambda: ldo_index(P, 10.0, peak="far"),
     "the peak distance d̂ must be a number"),
    ("MCLM-LDO: negative d̂", lambda: mclm_ldo(P, 10.0, peak=-2.0),
     "the peak distance d̂ must be >= 0, got -2.0"),
    ("MCLM-LDO: minimum cluster share 50 (percent)", lambda: mclm_ldo(P, 10.0, min_share=50),
     "the minimum cluster share must be in [0, 1) (e.g. 0.005 for 0.5 % of the firms)"),
    # --- wrong shapes / types
    ("DO: (n, 3) coordinates", lambda: do(np.ones((10, 3))),
     "industry firms: expected an array of x, y coordinates of shape (n, 2), got shape (10, 3)"),
    ("DO: (2, n) coordinates (transposed)", lambda: do(P.T),
     "expected an array of x, y coordinates of shape (n, 2), got shape (2, 30)"),
    ("DO: flat list of numbers", lambda: do(P.ravel()),
     "expected an array of x, y coordinates of shape (n, 2), got shape (60,)"),
    ("DO: 3-D array", lambda: do(np.ones((4, 3, 2))),
     "expected an array of x, y coordinates of shape (n, 2), got shape (4, 3, 2)"),
    ("DO: background (n, 3)", lambda: do(background=np.ones((100, 3)), n_sim=20),
     "background firms: expected an array of x, y coordinates of shape (n, 2)"),
    ("DO: text coordinates", lambda: do([["a", "b"]] * 5),
     "industry firms: coordinates must be numbers"),
    ("DO: ragged coordinates", lambda: do([[1.0, 2.0], [3.0], [4.0, 5.0]]),
     "industry firms: coordinates must be numbers"),
    ("LDO: (n, 3) coordinates", lambda: ldo_index(np.ones((10, 3)), 1.0),
     "got shape (10, 3)"),
    ("core firms: values of the wrong length", lambda: core_firms(P, np.ones(29), 10.0),
     "expected one value per firm (30), got 29"),
    ("core firms: values of the wrong shape", lambda: core_firms(P, np.ones((30, 1)), 10.0),
     "expected one value per firm (30), got an array of shape (30, 1)"),
    ("core firms: NaN value", lambda: core_firms(P, np.r_[np.nan, np.ones(29)], 10.0),
     "1 firm value(s) are missing (NaN) or infinite"),
    ("DO: unknown convention", lambda: do(convention="R"),
     "convention must be one of ('paper', 'dbmss'"),
    ("LDO: unknown weight mode", lambda: ldo_index(P, 10.0, weights=W, weight_mode="mean"),
     "weight_mode must be one of ('product', 'sum'), got 'mean'"),
    ("local test: unknown statistic", lambda: local_test(P, BG, 10.0, statistic="kde"),
     "statistic must be 'lk' or 'ldo', got 'kde'"),
]

TRACEBACK_WORDS = ("Traceback", "numba", "ndarray", "object of type", "invalid literal",
                   "index", "broadcast", "array is too big", "float() argument")


@pytest.mark.parametrize("label,call,words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_gives_a_plain_value_error(label, call, words):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DoldoWarning)
        with pytest.raises(ValueError, match=re.escape(words)) as info:
            call()
    message = str(info.value)
    assert message[:1].strip(), "an empty message"
    assert not any(w in message for w in TRACEBACK_WORDS), message
    assert len(message) < 300


def test_good_inputs_next_to_the_bad_ones_run():
    """Controls: the values just inside each limit are accepted."""
    r = do(n_sim=20, confidence=0.05)                     # 5 %: 20 is enough
    assert r.upper is not None and r.upper_rank == 1
    do(n_sim=10, confidence=0.1)
    do(n_sim=2, confidence=0.5)
    do(n_sim=np.int64(20))                                # numpy integers too
    do(n_sim=20.0)                                        # a whole float
    do(distances=[0.0])                                   # one threshold, d = 0
    do(P[:3])                                             # exactly 3 firms
    do(background=BG[:30], n_sim=20)                      # background == industry
    do(weights=np.r_[0.0, W[1:]], background_weights=np.ones(100), n_sim=20)
    assert np.all(np.isfinite(ldo_index(P, 10.0, peak=0.0)))
    assert np.all(np.isfinite(ldo_index(P, 1e-9)))
    assert mclm_ldo(P, 10.0, min_share=0).ldo.shape == (30,)


def test_more_than_a_quarter_of_pairs_colocated_warns_and_uses_std():
    """SPEC's co-location rule: Q1 of the pair distances is 0, Eq. 2 would
    give h = 0; h = 0.9 N^(-1/5) std instead, with a DoldoWarning."""
    p = np.vstack([np.full((12, 2), 3.0e5), P[:10] + 3.0e5])  # 66 of 231 pairs at 0
    d = pdist(p)
    assert np.percentile(d, 25) == 0
    with pytest.warns(DoldoWarning, match="more than a quarter of the firm pairs are at "
                                          "the same location"):
        r = do_curve(p, None, D, n_sim=0)
    assert r.bandwidth == pytest.approx(0.9 * len(p) ** -0.2 * d.std(), rel=1e-12)
    assert np.all(np.isfinite(r.observed)) and r.observed.max() > 0
    assert any("co-location rule" in m for m in r.warnings)
    # the same rule for every local h_i
    with pytest.warns(DoldoWarning, match="12 firm\\(s\\) have more than a quarter of the "
                                          "other firms at their own location"):
        h = local_bandwidths(p)
    row = np.delete(np.hypot(*(p - p[0]).T), 0)
    assert h[0] == pytest.approx(0.9 * len(p) ** -0.2 * row.std(), rel=1e-9)
    assert np.all(h > 0)
    # and the pipeline still runs on it
    res = mclm_ldo(p, float(r.bandwidth))
    assert res.is_core[:12].all()


def test_a_quarter_or_fewer_colocated_pairs_give_no_warning():
    p = np.vstack([np.full((3, 2), 0.0), P[:20]])   # 3 of 253 pairs at 0
    with warnings.catch_warnings():
        warnings.simplefilter("error", DoldoWarning)
        r = do_curve(p, None, D, n_sim=0)
    d = pdist(p)
    assert r.bandwidth == pytest.approx(
        0.9 * len(p) ** -0.2 * min(d.std(), np.percentile(d, 25) / 1.34), rel=1e-12)
    assert r.warnings == []


def test_colocation_in_simulated_draws_is_reported():
    """A background where most firms share one address: draws hit the rule;
    the run completes and says how often."""
    bg = np.vstack([P, np.full((300, 2), 500.0)])
    with pytest.warns(DoldoWarning, match=r"co-location rule applied in \d+ of 20 simulated "
                                          "draws"):
        r = do_curve(P, bg, D, n_sim=20, seed=3)
    assert np.all(np.isfinite(r.upper))


def test_all_at_one_location_is_fine_for_a_fixed_boundary_distance():
    """With ĥ given, firms at one address have a well-defined LDO (every
    neighbour at distance 0): no error, every firm is core, one cluster."""
    p = np.full((8, 2), 4.2e6)
    ldo = ldo_index(p, 50.0)
    np.testing.assert_allclose(ldo, 7 / (50.0 * 8))
    res = mclm_ldo(p, 50.0)
    assert res.is_core.all() and len(res.clusters) == 1


def test_local_test_run_time_estimate_flags_huge_runs():
    """The core has no warning of its own in local_test (the plugin warns
    with this estimate before starting); the estimate must separate a
    seconds-long run from an hours-long one."""
    small = estimate_local_test_seconds(200, 700, 999)
    huge = estimate_local_test_seconds(100_000, 1_000_000, 999, "ldo")
    assert 0 < small < 1
    assert huge > 3600
    assert estimate_local_test_seconds(100_000, 1_000_000, 999, "lk") < huge
    assert estimate_local_test_seconds(100_000, 1_000_000, 9999, "ldo") > huge


def test_equal_pair_distances_give_a_plain_error():
    tri = [(0.0, 0.0), (1.0, 0.0), (0.5, math.sqrt(3) / 2)]
    with pytest.raises(ValueError) as info:
        do_curve(tri, None, [0.5, 1.0], n_sim=0)
    assert not any(w in str(info.value) for w in TRACEBACK_WORDS), str(info.value)
    assert "pair distances" in str(info.value) and "equal" in str(info.value)


def test_memory_does_not_grow_with_dmax_over_h():
    """Thresholds far beyond every pair (Dmax / h ~ 1e6) must not allocate
    a histogram of Dmax / h bins (it took 4.8 GB before)."""
    import tracemalloc
    pts = np.random.default_rng(0).normal(0, 1, (50, 2))
    dist = np.linspace(0, 1e6, 11)
    tracemalloc.start()
    res = do_curve(pts, None, dist, n_sim=0)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 50e6, peak
    assert res.observed[0] > 0 and np.all(res.observed[1:] == 0)


def _messages():
    out = []
    for label, call, _ in CASES:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DoldoWarning)
            try:
                call()
                out.append((label, "(no error)"))
            except ValueError as e:
                out.append((label, str(e)))
    return out


if __name__ == "__main__":  # the list for the issue note
    for label, msg in _messages():
        print(f"- {label}: {msg}")
    sys.exit(0)
