"""Agglomeration over time (section 3.3): per-year DO curve, global and local
scales, and clusters tracked with stable ids (Table 5)."""

import numpy as np
import pytest

from doldo.core import do_curve, mclm_ldo
from doldo.core.evolution import (evolution, rectangle_overlap, synthetic_evolution,
                                  track_clusters)

YEARS = [2000, 2005, 2010, 2015]
D = np.arange(0, 41, 1.0)


def run(closures, n_sim=39, seed=5):
    s = synthetic_evolution(seed=1, closures=closures)
    ev = evolution(s["points"], s["background"], YEARS, s["years"], s["background_years"], D,
                   n_sim=n_sim, seed=seed, industry_closed=s["closed"] if closures else None,
                   background_closed=s["background_closed"] if closures else None)
    return s, ev


def group_of(s, cluster):
    groups, counts = np.unique(s["group"][cluster.members], return_counts=True)
    return groups[np.argmax(counts)], counts.max() / counts.sum()


@pytest.fixture(scope="module")
def survivors():
    return run(False)


@pytest.fixture(scope="module")
def with_closures():
    return run(True)


@pytest.mark.parametrize("which", ["survivors", "with_closures"])
def test_a_cluster_grows_one_appears_one_vanishes(which, request):
    s, ev = request.getfixturevalue(which)
    seen = {}
    for r in ev.years:
        for c in r.clusters:
            g, purity = group_of(s, c)
            assert g != "s" and purity > 0.95, (r.year, c)
            seen.setdefault(g, set()).add(c.id)
    # one stable id per place
    assert {g: len(ids) for g, ids in seen.items()} == {"A": 1, "B": 1, "C": 1}
    a, b, c = (seen[g].pop() for g in "ABC")
    assert (a, b, c) == (1, 2, 3)   # ids by first appearance, largest first
    tracks = ev.tracks()
    assert sorted(tracks[a]) == YEARS                     # A every year
    assert sorted(tracks[b]) == [2000, 2005]              # B vanishes in 2010
    assert sorted(tracks[c]) == [2010, 2015]              # C appears in 2010
    # A grows: 30 firms, then up to 50 with the ring added in 2010 (with
    # closures the smaller 2010 industry leaves 5 of the ring below Eq. 7)
    assert [tracks[a][y].count for y in YEARS] == (
        [30, 30, 50, 50] if which == "survivors" else [30, 30, 45, 50])
    assert tracks[a][2010].shared == 30 and tracks[a][2010].status == "continued"
    assert tracks[c][2010].status == "new" and tracks[c][2015].status == "continued"
    assert tracks[c][2010].count == (49 if which == "survivors" else 44)
    assert [e for e in ev.events if e.startswith("2010")] == [
        f"2010: cluster {c} appears ({tracks[c][2010].count} firms)",
        f"2010: cluster {b} vanishes (no longer a significant cluster)"]
    # P_n is relative to the year's firms
    r2010 = ev.year(2010)
    assert tracks[a][2010].p_n == pytest.approx(100 * tracks[a][2010].count / r2010.n_industry)
    # per-firm stable ids agree with the clusters
    assert np.array_equal(np.sort(r2010.industry[r2010.cluster_ids == a]),
                          np.sort(tracks[a][2010].members))


def test_firm_counts_and_closures(survivors, with_closures):
    _, ev = survivors
    assert [r.n_industry for r in ev.years] == [210, 246, 342, 380]
    assert [r.n_background for r in ev.years] == [510, 611, 776, 880]
    _, evc = with_closures
    # B's 30 firms close in 2010 (in the industry and the background)
    assert [r.n_industry for r in evc.years] == [210, 246, 312, 350]
    assert [r.n_background for r in evc.years] == [510, 611, 746, 850]


def test_each_year_equals_the_direct_computation(survivors):
    s, ev = survivors
    for y in (2000, 2015):
        r = ev.year(y)
        keep = s["years"] <= y
        bkeep = s["background_years"] <= y
        assert np.array_equal(r.industry, np.flatnonzero(keep))
        ref = do_curve(s["points"][keep], s["background"][bkeep], D, n_sim=39, seed=5)
        np.testing.assert_array_equal(r.curve.gamma, ref.gamma)
        assert r.h_max == ref.h_max and r.h_max is not None
        assert r.gamma_sum == ref.gamma_sum and r.gamma_sum > 0
        g = mclm_ldo(s["points"][keep], ref.h_max)
        np.testing.assert_array_equal(r.global_core.is_core, g.is_core)
        assert r.centre == int(np.flatnonzero(keep)[g.centre])
        np.testing.assert_allclose(r.boundary, g.boundary)
        loc = mclm_ldo(s["points"][keep], "local")
        assert [c.count for c in r.clusters] == [c.count for c in loc.clusters]
    rows = ev.table()
    assert [row["year"] for row in rows] == YEARS
    assert all(row["h_max"] is not None and row["gamma_sum"] > 0 for row in rows)
    assert [row["clusters"] for row in rows] == [2, 2, 2, 2]
    # the grown industry is more localized in 2010 than in 2005
    assert rows[2]["gamma_sum"] > rows[1]["gamma_sum"]
    assert rows[2]["global_core"] > rows[1]["global_core"]


def test_year_with_too_few_firms_is_skipped_and_warned():
    s = synthetic_evolution(seed=1)
    with pytest.warns(UserWarning, match="year 1999 skipped"):
        ev = evolution(s["points"], s["background"], [2000, 1999], s["years"],
                       s["background_years"], D, n_sim=0, seed=1)
    assert [r.year for r in ev.years] == [1999, 2000]
    assert ev.years[0].skipped and ev.years[0].curve is None and not ev.years[0].clusters
    assert ev.years[1].curve is not None and ev.years[1].curve.gamma is None
    assert ev.table()[0]["h_max"] is None
    assert len(ev.years[1].clusters) == 2


def test_input_errors():
    s = synthetic_evolution(seed=1)
    y = s["years"].copy()
    y[3] = np.nan
    with pytest.raises(ValueError, match="1 firm"):
        evolution(s["points"], s["background"], [2000], y, s["background_years"], D, n_sim=0)
    with pytest.raises(ValueError, match="establishment years"):
        evolution(s["points"], s["background"], [2000], s["years"], None, D, n_sim=0)
    with pytest.raises(ValueError, match="one year per firm"):
        evolution(s["points"], s["background"], [2000], s["years"][:5],
                  s["background_years"], D, n_sim=0)
    with pytest.raises(ValueError, match="years must be numbers"):
        evolution(s["points"], s["background"], ["x"], s["years"], s["background_years"], D,
                  n_sim=0)


def test_progress_and_cancel():
    from doldo.core import Cancelled
    s = synthetic_evolution(seed=1)
    seen = []
    evolution(s["points"], s["background"], [2000, 2010], s["years"], s["background_years"],
              D, n_sim=19, confidence=0.1, seed=1, progress=lambda f: seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and all(np.diff(seen) >= -1e-12)
    with pytest.raises(Cancelled):
        evolution(s["points"], s["background"], [2000, 2010], s["years"],
                  s["background_years"], D, n_sim=19, confidence=0.1, seed=1,
                  progress=lambda f: f > 0.3)


# ---- tracking rules on hand-made clusters ----------------------------------
def sq(x, y, r=1.0):
    return np.array([[x - r, y - r], [x + r, y - r], [x + r, y + r], [x - r, y + r]])


def test_track_split_merge_reappear_and_overlap_fallback():
    years = [
        [{"members": [1, 2, 3, 4], "rectangle": sq(0, 0)},
         {"members": [10, 11], "rectangle": sq(10, 0)},
         {"members": [20, 21], "rectangle": sq(20, 0)}],
        # 1-4 split into two; 10-11 and 20-21 merge; nothing at 30
        [{"members": [1, 2, 5], "rectangle": sq(0, 0)},
         {"members": [3, 4], "rectangle": sq(1, 0)},
         {"members": [10, 11, 20, 21, 22], "rectangle": sq(15, 0, 6)}],
        # the split part vanishes; new firms, no shared ones, where 1-5 was
        [{"members": [100, 101], "rectangle": sq(0.5, 0.5)},
         {"members": [10, 11, 20, 21, 22], "rectangle": sq(15, 0, 6)},
         {"members": [3, 4, 7], "rectangle": sq(1, 0)}],
        [{"members": [50, 51], "rectangle": sq(90, 90)}],
    ]
    ids = track_clusters(years)
    assert [[c["id"] for c in y] for y in ids] == [[1, 2, 3], [1, 4, 2], [1, 2, 4], [5]]
    assert ids[1][1]["parent"] == 1 and ids[1][1]["status"] == "new"
    assert ids[1][2]["shared"] == 2           # tie 2-2: the first (larger) id wins
    assert ids[2][0]["status"] == "continued" and ids[2][0]["shared"] == 0  # by overlap
    assert ids[3][0]["status"] == "new"
    # a cluster that skips a year keeps its id ("reappeared")
    again = track_clusters([[{"members": [1, 2], "rectangle": sq(0, 0)}], [],
                            [{"members": [1, 2, 3], "rectangle": sq(0, 0)}]])
    assert again[2][0] == {"id": 1, "status": "reappeared", "shared": 2, "parent": None}


def test_rectangle_overlap():
    assert rectangle_overlap(sq(0, 0), sq(1, 0)) == pytest.approx(2.0)
    assert rectangle_overlap(sq(0, 0), sq(3, 0)) == 0.0
    assert rectangle_overlap(sq(0, 0)[::-1], sq(0, 0, 0.5)) == pytest.approx(1.0)
    rot = np.array([[0, -1.0], [1, 0], [0, 1], [-1, 0]])  # a diamond of area 2
    assert rectangle_overlap(rot, sq(0, 0)) == pytest.approx(2.0)


def _box(lon0, lon1, lat0=10.0, lat1=10.2):
    return np.array([[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1]])


def test_tracking_on_the_earth_across_the_180th_meridian():
    """Geodesic runs compare (lon, lat) rectangles in a local projection: a
    rectangle across 180° (179.9 E to 179.9 W, about 22 km wide) overlaps one
    inside it and not one at 0°, which a comparison in degrees gets wrong
    (it reads the first as 359.8° wide)."""
    first = [{"members": [1, 2, 3], "rectangle": _box(179.9, -179.9)}]
    inside = [{"members": [7, 8], "rectangle": _box(179.95, -179.95, 10.05, 10.15)}]
    away = [{"members": [7, 8], "rectangle": _box(0.0, 0.2)}]
    assert track_clusters([first, inside], "geodesic")[1][0] == \
        {"id": 1, "status": "continued", "shared": 0, "parent": None}
    assert track_clusters([first, away], "geodesic")[1][0]["id"] == 2
    assert track_clusters([first, away])[1][0]["id"] == 1       # degrees: the wrong match
