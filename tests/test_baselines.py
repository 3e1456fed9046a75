"""LK (Eq. 4), the local test, the evaluation metrics (Eqs. 8-10), and the
numba-free fallback of the kernels."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest
from scipy.spatial.distance import cdist
from scipy.stats import ks_2samp

from conftest import _link_dir
from doldo.core.errors import Cancelled
from doldo.core.evaluation import evaluate
from doldo.core.lk import lk_index
from doldo.core.local_test import (estimate_local_test_seconds, local_test,
                                   simulated_values)


# ---------------------------------------------------------------- LK, Eq. 4
def test_lk_hand_computed():
    pts = np.array([[0.0, 0], [1, 0], [1, 1], [3, 4]])
    np.testing.assert_array_equal(lk_index(pts, 1.0), [1, 2, 1, 0])
    np.testing.assert_array_equal(lk_index(pts, 4.0), [2, 2, 3, 1])
    np.testing.assert_array_equal(lk_index(pts, 5.0), [3, 3, 3, 3])  # <= h
    np.testing.assert_array_equal(lk_index(pts, [5.0, 1, 1, 1]), [3, 2, 1, 0])
    # co-located firms count each other
    np.testing.assert_array_equal(lk_index(np.zeros((3, 2)), 0.1), [2, 2, 2])


def test_lk_brute_force():
    rng = np.random.default_rng(11)
    pts = rng.random((600, 2)) * 100 + [5e5, 4.4e6]
    pts[:20] = pts[20:40]  # duplicates
    d = cdist(pts, pts)
    for h in (0.7, 4.0, 15.0):
        np.testing.assert_array_equal(lk_index(pts, h), (d <= h).sum(1) - 1)
    r = rng.random(600) * 10
    np.testing.assert_array_equal(lk_index(pts, r), (d <= r[:, None]).sum(1) - 1)


def test_lk_bad_arguments():
    pts = np.zeros((3, 2))
    with pytest.raises(ValueError, match="greater than 0"):
        lk_index(pts, 0)
    with pytest.raises(ValueError, match="one value per firm"):
        lk_index(pts, [1.0, 2.0])


# ------------------------------------------------------ evaluation, Eq. 8-10
def test_evaluate_hand_computed():
    res = evaluate([1, 1, 0, 0, 1], [True, False, False, True, True])
    assert (res["tp"], res["fp"], res["tn"], res["fn"]) == (2, 1, 1, 1)
    assert res["recall"] == pytest.approx(2 / 3)
    assert res["specificity"] == pytest.approx(1 / 2)
    assert res["accuracy"] == pytest.approx(3 / 5)
    res = evaluate([True, False], [True, True])  # no true sparse firm
    assert np.isnan(res["specificity"]) and res["recall"] == 0.5
    with pytest.raises(ValueError, match="same firms"):
        evaluate([True], [True, False])
    with pytest.raises(ValueError, match="True/False"):
        evaluate([2, 0], [1, 0])


# --------------------------------------------------------------- local test
def _clustered(seed=0):
    """40 industry firms in a disk of radius 1 plus 60 scattered ones, in a
    uniform background of 2000 other firms on 100 x 100."""
    rng = np.random.default_rng(seed)
    a = rng.random(40) * 2 * np.pi
    r = np.sqrt(rng.random(40))
    cluster = np.column_stack((50 + r * np.cos(a), 50 + r * np.sin(a)))
    industry = np.vstack((cluster, rng.random((60, 2)) * 100))
    background = np.vstack((industry, rng.random((2000, 2)) * 100))
    return industry, background


@pytest.mark.parametrize("stat", ["lk", "ldo"])
def test_local_test_null_flags_few(stat):
    rng = np.random.default_rng(21)
    bg = rng.random((3000, 2)) * 100
    ind = bg[:300]
    core = local_test(ind, bg, 5.0, stat, n_sim=99, seed=1)
    assert core.dtype == bool and core.shape == (300,)
    assert core.sum() <= 12  # each firm: P(core) <= 1 / 100 under the null


@pytest.mark.parametrize("stat", ["lk", "ldo"])
def test_local_test_finds_tight_cluster(stat, engine):
    ind, bg = _clustered()
    core = local_test(ind, bg, 3.0, stat, n_sim=199, seed=2)
    assert core[:40].sum() >= 38
    assert core[40:].sum() <= 5
    again = local_test(ind, bg, 3.0, stat, n_sim=199, seed=2)
    np.testing.assert_array_equal(core, again)


def test_local_test_background_equal_to_industry_flags_nothing():
    # every simulation redraws all other firms: always a tie, never "greater"
    ind, _ = _clustered()
    for stat in ("lk", "ldo"):
        assert not local_test(ind, ind, 3.0, stat, n_sim=20, seed=0).any()


def test_local_test_industry_outside_background():
    # no background firm at firm i's place: the pool is the whole background
    rng = np.random.default_rng(3)
    bg = rng.random((500, 2)) * 100
    ind = np.vstack((np.full((30, 2), 20.0) + rng.random((30, 2)) * 0.5,
                     rng.random((20, 2)) * 100 + 0.123))
    core = local_test(ind, bg, 2.0, "lk", n_sim=99, seed=0)
    assert core[:30].all() and core[30:].sum() <= 2


def _literal(ind, bg, i, h, stat, n_sim, seed):
    """Slow literal simulation: draw N_A - 1 firms from the background minus
    firm i's own entry and recompute firm i's statistic."""
    rng = np.random.default_rng(seed)
    own = np.flatnonzero(np.all(bg == ind[i], axis=1))[0]
    pool = np.delete(bg, own, axis=0)
    d_all = np.hypot(*(pool - ind[i]).T)
    out = np.empty(n_sim)
    for s in range(n_sim):
        d = d_all[rng.choice(len(pool), len(ind) - 1, replace=False)]
        if stat == "lk":
            out[s] = np.count_nonzero(d <= h)
        else:
            out[s] = np.exp(-(d / h) ** 2).sum() / (h * len(ind))
    return out


@pytest.mark.parametrize("stat", ["lk", "ldo"])
def test_fast_simulation_matches_literal_simulation(stat, engine):
    ind, bg = _clustered(4)
    i = 45  # a scattered firm; h = 12 gives it a few dozen pool neighbours
    h = 12.0
    obs, fast = simulated_values(ind, bg, h, i, stat, n_sim=3000, seed=5)
    slow = _literal(ind, bg, i, h, stat, 3000, seed=6)
    d = np.hypot(*(ind - ind[i]).T)
    if stat == "lk":
        assert obs == np.count_nonzero(d <= h) - 1
        # hypergeometric mean: (N_A - 1) * c_i / pool
        c = np.count_nonzero(np.hypot(*(bg - ind[i]).T) <= h) - 1
        assert fast.mean() == pytest.approx(99 * c / 2099, rel=0.03)
    else:
        expect = (np.exp(-(d / h) ** 2).sum() - 1) / (h * len(ind))
        assert obs == pytest.approx(expect, rel=1e-12)
    se = np.hypot(fast.std(), slow.std()) / np.sqrt(3000)
    assert abs(fast.mean() - slow.mean()) < 4 * se
    assert fast.std() == pytest.approx(slow.std(), rel=0.1)
    assert ks_2samp(fast, slow).pvalue > 0.001


def _graded():
    """Firm 0 at the origin; 49 other industry firms far away; 300 background
    firms whose distance to firm 0 grows with their index (0 to 3 h), so any
    bias of the subset sampler towards some indices shows in the moments."""
    far = 1000 + np.column_stack((np.arange(49.0), np.zeros(49)))
    ind = np.vstack(([[0.0, 0.0]], far))
    t = np.linspace(0.01, 3.0, 300)
    ring = np.column_stack((t * np.cos(7 * t), t * np.sin(7 * t)))
    bg = np.vstack((ind, ring))
    return ind, bg


@pytest.mark.parametrize("stat", ["lk", "ldo"])
def test_simulation_moments_are_exact(stat, engine):
    """N_A - 1 = 49 draws without replacement from the pool of P = 349 firms
    (the background minus firm 0): E = n mean(g), Var = n var(g) (P-n)/(P-1)
    with g the pool firms' contributions (0 far away)."""
    ind, bg = _graded()
    h = 1.0
    obs, sims = simulated_values(ind, bg, h, 0, stat, n_sim=20000, seed=8)
    d = np.hypot(*bg[1:].T)                   # the pool: firm 0 removed
    g = (d <= h).astype(float) if stat == "lk" else \
        np.exp(-(d / h) ** 2) / (h * len(ind))
    n, pool = len(ind) - 1, len(d)
    mean = n * g.mean()
    var = n * g.var() * (pool - n) / (pool - 1)
    assert abs(sims.mean() - mean) < 5 * np.sqrt(var / sims.size)
    assert sims.var() == pytest.approx(var, rel=0.06)
    assert obs == 0.0                         # no industry firm near firm 0


def test_local_test_progress_and_cancel():
    ind, bg = _clustered()
    seen = []
    local_test(ind, bg, 3.0, "ldo", n_sim=99, seed=0,
               progress=lambda f: seen.append(f) and False)
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(Cancelled):
        local_test(ind, bg, 3.0, "lk", n_sim=99, seed=0, progress=lambda f: True)


def test_local_test_bad_arguments():
    ind, bg = _clustered()
    with pytest.raises(ValueError, match=r"background \(50 firms\) must "
                       r"contain at least as many firms as the industry \(100\)"):
        local_test(ind, bg[:50], 3.0)
    for bad in (0, -5, 2.5, True, "many"):
        with pytest.raises(ValueError, match="simulations"):
            local_test(ind, bg, 3.0, n_sim=bad)
    with pytest.raises(ValueError, match="'lk' or 'ldo'"):
        local_test(ind, bg, 3.0, statistic="kde")
    with pytest.raises(ValueError, match="greater than 0"):
        local_test(ind, bg, -1.0)


def test_estimate_grows_with_size():
    small = estimate_local_test_seconds(300, 650, 999)
    big = estimate_local_test_seconds(30000, 650000, 999)
    assert 0 < small < 1 < big
    assert estimate_local_test_seconds(300, 650, 999, "ldo") > small
    assert estimate_local_test_seconds(300, 650, 99) < small


# ------------------------------------------------------- numba-free kernels
SCRIPT = r"""
import json, sys
import numpy as np
from doldo.core import _numba
from doldo.core.rectangle import bounding_rectangle
from doldo.core.core_firms import core_firms
from doldo.core.local_test import local_test, simulated_values
rng = np.random.default_rng(9)
bg = rng.random((300, 2)) * 20
ind = np.vstack((bg[:25] * 0.1 + 10, bg[25:40]))
bg[:40] = ind
vals = rng.random(40)
res = core_firms(ind, vals, 2.0, min_share=0.0)
out = {
    "numba": _numba.HAVE_NUMBA,
    "rect": bounding_rectangle(bg).tolist(),
    "cluster": res.cluster.tolist(),
    "rects": [c.rectangle.tolist() for c in res.clusters],
    "lk": local_test(ind, bg, 1.5, "lk", 49, seed=3).tolist(),
    "ldo": local_test(ind, bg, 1.5, "ldo", 49, seed=3).tolist(),
    "sims": simulated_values(ind, bg, 1.5, 30, "ldo", 50, seed=4)[1].tolist(),
}
json.dump(out, sys.stdout)
"""


def _run(disable):
    env = dict(os.environ)
    env.pop("DOLDO_DISABLE_NUMBA", None)
    if disable:
        env["DOLDO_DISABLE_NUMBA"] = "1"
    env["PYTHONPATH"] = _link_dir
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_same_results_without_numba():
    plain = _run(True)
    fast = _run(False)
    assert plain.pop("numba") is False and fast.pop("numba") is True
    for key in ("cluster", "lk", "ldo"):
        assert plain[key] == fast[key], key
    assert any(fast["ldo"]) and any(fast["cluster"])
    np.testing.assert_allclose(plain["rect"], fast["rect"], rtol=0, atol=1e-12)
    np.testing.assert_allclose(plain["rects"], fast["rects"], rtol=0, atol=1e-12)
    np.testing.assert_allclose(plain["sims"], fast["sims"], rtol=1e-14)
