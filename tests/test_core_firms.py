import numpy as np
import pytest
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import cdist

from doldo.core.core_firms import core_firms, link_components
from doldo.core.rectangle import bounding_rectangle, rectangle_area

# 7 firms on a line; values with mu = 4, sigma^2 = 40/7 (2 sigma = 4.781)
LINE = np.column_stack(([0.0, 1, 2, 10, 11, 30, 50], np.zeros(7)))
VALUES = np.array([5.0, 6, 5, 4, 7, 1, 0])


def test_hand_computed_threshold_and_clusters(engine):
    res = core_firms(LINE, VALUES, 1.5, min_share=0.2)  # keep >= 1.4 firms
    assert res.threshold == pytest.approx(2 * np.sqrt(40 / 7))
    # firms 0, 1, 2, 4 pass Eq. 7; 0-1-2 link (d = 1), 4 is alone: dropped
    np.testing.assert_array_equal(res.is_core, [1, 1, 1, 0, 0, 0, 0])
    np.testing.assert_array_equal(res.cluster, [1, 1, 1, 0, 0, 0, 0])
    assert len(res.clusters) == 1
    c = res.clusters[0]
    assert (c.id, c.count, c.centre) == (1, 3, 1)
    assert c.p_n == pytest.approx(300 / 7)
    assert c.ldo_mean == pytest.approx(16 / 3)
    assert c.ldo_max == 6.0
    assert res.centre == 1
    np.testing.assert_allclose(res.boundary[:, 0].min(), 0.0, atol=1e-12)
    np.testing.assert_allclose(res.boundary[:, 0].max(), 2.0, atol=1e-12)


def test_hand_computed_min_share_zero_and_link_distance():
    res = core_firms(LINE, VALUES, 1.5, min_share=0.0)
    # firm 4 (value 7) passes Eq. 7 but is alone: one firm is not a cluster
    # (SPEC), so it is dropped and not core, whatever min_share says
    np.testing.assert_array_equal(res.cluster, [1, 1, 1, 0, 0, 0, 0])
    np.testing.assert_array_equal(res.is_core, [1, 1, 1, 0, 0, 0, 0])
    assert [c.count for c in res.clusters] == [3]
    assert res.centre == 1                                   # value 6
    # d(2, 4) = 9: linked at h = 9 (<=), not at 8.999
    res = core_firms(LINE, VALUES, 9.0, min_share=0.0)
    np.testing.assert_array_equal(res.cluster, [1, 1, 1, 0, 1, 0, 0])
    res = core_firms(LINE, VALUES, 8.999, min_share=0.0)
    assert len(res.clusters) == 1 and not res.is_core[4]


def test_two_firms_make_the_smallest_cluster(engine):
    # a pair of core firms is a cluster even with min_share = 0 ...
    pts = np.array([[0.0, 0], [1, 0], [50, 0], [80, 0], [81, 0], [82, 0]])
    vals = np.array([9.0, 9, 9, 0, 0, 0])       # mu = 4.5 < 2 sigma = 9
    res = core_firms(pts, vals, 2.0, min_share=0.0)
    np.testing.assert_array_equal(res.cluster, [1, 1, 0, 0, 0, 0])
    assert [c.count for c in res.clusters] == [2]
    # ... and a share below one firm (0.5 % of 6) keeps no single firm
    res = core_firms(pts, vals, 2.0)
    np.testing.assert_array_equal(res.is_core, [1, 1, 0, 0, 0, 0])


def test_local_scale_links_by_the_smaller_distance(engine):
    h = np.array([1.0, 1, 1, 1, 20, 1, 1])   # min(h_2, h_4) = 1 < 9
    res = core_firms(LINE, VALUES, h, min_share=0.0)   # firm 4 alone: dropped
    np.testing.assert_array_equal(res.cluster, [1, 1, 1, 0, 0, 0, 0])
    h = np.array([1.0, 1, 9, 1, 20, 1, 1])   # min = 9 >= d = 9
    res = core_firms(LINE, VALUES, h, min_share=0.0)
    np.testing.assert_array_equal(res.cluster, [1, 1, 1, 0, 1, 0, 0])
    h = np.array([0.9, 1, 9, 1, 20, 1, 1])   # 0-1 no longer linked: 0 alone
    res = core_firms(LINE, VALUES, h, min_share=0.0)
    np.testing.assert_array_equal(res.cluster, [0, 1, 1, 0, 1, 0, 0])


def test_mean_above_two_sigma():
    v = np.array([10.0, 10, 10, 11, 10, 10, 9])  # mu = 10 > 2 sigma
    res = core_firms(LINE, v, 100.0, min_share=0.0)
    assert res.threshold == 10.0
    np.testing.assert_array_equal(res.is_core, v >= 10)
    assert res.centre == 3


def test_ties_ordering():
    # two clusters of 2 firms; the second has the higher mean -> id 1
    pts = np.array([[0.0, 0], [1, 0], [10, 0], [11, 0], [30, 0], [40, 0]])
    vals = np.array([5.0, 5, 6, 6, 4, 4])  # threshold = mu = 5
    res = core_firms(pts, vals, 1.0, min_share=0.0)
    assert res.threshold == 5.0
    np.testing.assert_array_equal(res.cluster, [2, 2, 1, 1, 0, 0])
    assert res.clusters[0].centre == 2 and res.centre == 2  # lowest index
    # equal counts and means: lower smallest index first
    vals = np.array([5.0, 5, 5, 5, 4, 4])
    res = core_firms(pts, vals, 1.0, min_share=0.0)
    np.testing.assert_array_equal(res.cluster, [1, 1, 2, 2, 0, 0])


def test_no_core_firm():
    res = core_firms(LINE, VALUES, 1.5, min_share=0.5)  # 3 < 3.5
    assert not res.is_core.any() and res.clusters == []
    assert res.boundary is None and res.centre is None
    assert not res.cluster.any()


def _brute_labels(pts, r):
    d = cdist(pts, pts)
    adj = d <= np.minimum.outer(r, r)
    return connected_components(csr_matrix(adj), directed=False)[1]


def _same_partition(a, b):
    return np.array_equal(a[:, None] == a[None, :], b[:, None] == b[None, :])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_link_components_brute_force(seed, engine):
    rng = np.random.default_rng(seed)
    pts = rng.random((400, 2)) * 100 + [5e5, 4.4e6]
    for h in (0.5, 3.0, 8.0):
        assert _same_partition(link_components(pts, h),
                               _brute_labels(pts, np.full(400, h)))
    for r in (rng.random(400) * 10,          # widely varying local scales
              3 + rng.random(400) * 2):     # cells linked outright
        assert _same_partition(link_components(pts, r), _brute_labels(pts, r))
    blob = rng.normal(size=(400, 2))            # dense: cell-level shortcuts
    for h in (0.05, 0.15, 0.4):
        assert _same_partition(link_components(blob, h),
                               _brute_labels(blob, np.full(400, h)))
    for r in (0.02 + rng.random(400) * 0.3, 0.1 + rng.random(400) * 0.1):
        lab = _brute_labels(blob, r)
        assert 1 < lab.max() + 1 < 400
        assert _same_partition(link_components(blob, r), lab)
    # co-located firms always link
    dup = np.repeat(pts[:5], 3, axis=0)
    lab = link_components(dup, 1e-6)
    assert len(np.unique(lab)) == 5


def test_link_components_pairs_just_beyond_reach(engine):
    # 300 firm pairs 0.08 apart (45 degrees) with link distances 0.079: never
    # linked, though many pairs share a grid cell (cells are sized from the
    # widely varying distances of the two extra firms: 0.025 and 0.3)
    rng = np.random.default_rng(12)
    base = rng.random((300, 2)) * 200
    pts = np.vstack((base, base + 0.08 / np.sqrt(2), [[-50, -50], [-60, -60]]))
    r = np.r_[np.full(600, 0.079), 0.025, 0.3]
    lab = link_components(pts, r)
    assert len(np.unique(lab)) == len(pts)
    r[:600] = 0.0801
    assert _same_partition(link_components(pts, r), _brute_labels(pts, r))
    assert len(np.unique(link_components(pts, r))) == 302


@pytest.mark.parametrize("seed", [3, 4])
def test_core_firms_brute_force(seed, engine):
    rng = np.random.default_rng(seed)
    centres = rng.random((4, 2)) * 100
    pts = np.vstack([c + rng.normal(scale=3, size=(60, 2)) for c in centres]
                    + [rng.random((300, 2)) * 100])
    n = len(pts)
    d = cdist(pts, pts)
    vals = np.exp(-(d / 5.0) ** 2).sum(axis=1) - 1  # an LDO-like density
    dropped = 0
    for h, share in ((4.0, 0.0), (4.0, 0.005), (1.5, 0.005), (1.5, 0.03)):
        res = core_firms(pts, vals, h, min_share=share)
        thr = max(vals.mean(), 2 * vals.std())
        core = np.flatnonzero(vals >= thr)
        lab = _brute_labels(pts[core], np.full(core.size, h))
        comps = [core[lab == k] for k in range(lab.max() + 1)]
        dropped += sum(len(c) < share * n for c in comps)
        comps = [c for c in comps if len(c) >= share * n]
        comps.sort(key=lambda c: (-len(c), -vals[c].mean(), c.min()))
        expected = np.zeros(n, dtype=int)
        for k, c in enumerate(comps, start=1):
            expected[c] = k
        np.testing.assert_array_equal(res.cluster, expected)
        np.testing.assert_array_equal(res.is_core, expected > 0)
        assert len(res.clusters) == len(comps)
        for cl, c in zip(res.clusters, comps):
            assert cl.count == len(c)
            assert cl.p_n == pytest.approx(100 * len(c) / n)
            assert cl.ldo_mean == pytest.approx(vals[c].mean())
            assert cl.ldo_max == vals[c].max()
            assert cl.centre == c[np.argmax(vals[c])]
            np.testing.assert_allclose(cl.rectangle,
                                       bounding_rectangle(pts[c]))
        kept = np.flatnonzero(expected > 0)
        assert res.centre == kept[np.argmax(vals[kept])]
        assert rectangle_area(res.boundary) == pytest.approx(
            rectangle_area(bounding_rectangle(pts[kept])))
    assert dropped > 0  # the small-cluster rule was exercised


def test_axis_aligned_option():
    # a diamond of 4 core firms: its axis-aligned box is 2 x 2 (area 4), its
    # minimum-area oriented rectangle the square of side sqrt(2) (area 2)
    pts = np.array([[0.0, 0], [1, 1], [2, 0], [1, -1], [40, 0], [60, 0], [80, 0], [99, 0]])
    vals = np.array([9.0, 9, 9, 9, 0, 0, 0, 0])
    box = core_firms(pts, vals, 1.5, min_share=0.0, oriented=False).clusters[0].rectangle
    np.testing.assert_allclose(np.sort(box[:4], axis=0).min(axis=0), [0, -1], atol=1e-12)
    np.testing.assert_allclose(np.sort(box[:4], axis=0).max(axis=0), [2, 1], atol=1e-12)
    assert rectangle_area(box) == pytest.approx(4.0)
    rect = core_firms(pts, vals, 1.5, min_share=0.0).clusters[0].rectangle
    assert rectangle_area(rect) == pytest.approx(2.0)


def test_bad_arguments():
    with pytest.raises(ValueError, match="share"):
        core_firms(LINE, VALUES, 1.0, min_share=1.0)
    with pytest.raises(ValueError, match="share"):
        core_firms(LINE, VALUES, 1.0, min_share=-0.1)
    with pytest.raises(ValueError, match="greater than 0"):
        core_firms(LINE, VALUES, 0.0)
    with pytest.raises(ValueError, match="one value per firm"):
        core_firms(LINE, VALUES[:5], 1.0)
    with pytest.raises(ValueError, match="per-firm"):
        core_firms(LINE, VALUES, np.ones(3))
    with pytest.raises(ValueError, match="NaN"):
        core_firms(LINE, np.r_[VALUES[:6], np.nan], 1.0)
