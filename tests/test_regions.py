"""Agglomeration by region (SPEC, "Regions"): point in polygon with shared
boundaries, holes and multipart regions; counts, shares, LQ, the locational
Gini and the groups computed by hand."""
import numpy as np
import pytest

from doldo.core import region_summary
from doldo.core.regions import locate, lorenz


def square(x0, y0, x1, y1):
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=float)


# two unit squares side by side (ids 2 and 1: 1 is the lower id), a third
# region with a hole, a fourth made of two parts
REGIONS = {
    2: [[square(0, 0, 1, 1)]],
    1: [[square(1, 0, 2, 1)]],
    3: [[square(3, 0, 6, 3), square(4, 1, 5, 2)]],          # hole in the middle
    4: [[square(10, 0, 11, 1)], [square(20, 0, 21, 1)]],   # two parts
}


def test_boundary_hole_multipart_and_outside():
    pts = np.array([
        [0.5, 0.5],     # in 2
        [1.0, 0.5],     # on the shared edge of 1 and 2 -> 1 (lower id)
        [1.0, 1.0],     # shared corner -> 1
        [1.5, 0.5],     # in 1
        [4.5, 1.5],     # in 3's hole -> outside
        [3.5, 1.5],     # in 3
        [4.0, 1.5],     # on the hole's edge -> in 3 (its boundary)
        [10.5, 0.5],    # 4, first part
        [20.5, 0.5],    # 4, second part
        [15.0, 0.5],    # between the parts -> outside
        [0.0, 0.0],     # 2's corner (a vertex)
        [2.0, 0.3],     # 1's right edge
        [0.5, 1.0],     # 2's top edge (horizontal)
        [-0.1, 0.5],    # just outside
    ])
    where, ids = locate(pts, REGIONS)
    got = [None if k < 0 else ids[k] for k in where]
    assert got == [2, 1, 1, 1, None, 3, 3, 4, 4, None, 2, 1, 2, None]


def test_rings_closed_or_open_and_any_vertex_order():
    ring = square(0, 0, 2, 2)
    for r in (ring, ring[::-1], np.r_[ring, ring[:1]]):
        where, _ = locate([[1, 1], [3, 1], [2, 1]], {"a": [[r]]})
        assert list(where) == [0, -1, 0]


def test_concave_ring_against_a_direct_crossing_count():
    # a comb: the ray crosses many edges; compare with a plain loop
    rng = np.random.default_rng(3)
    xs = np.linspace(0, 10, 11)
    top = [(x, 5 if k % 2 == 0 else 2) for k, x in enumerate(xs)]
    ring = np.array([(0, 0), (10, 0)] + top[::-1], dtype=float)
    pts = rng.uniform(-1, 11, (2000, 2))

    def inside(p):
        c = False
        for (x1, y1), (x2, y2) in zip(ring, np.roll(ring, -1, axis=0)):
            if (y1 > p[1]) != (y2 > p[1]):
                xc = x1 + (p[1] - y1) * (x2 - x1) / (y2 - y1)
                if p[0] < xc:
                    c = not c
        return c
    where, _ = locate(pts, {1: [[ring]]})
    np.testing.assert_array_equal(where == 0, [inside(p) for p in pts])


def test_counts_shares_lq_gini_groups_by_hand():
    # three regions of one square each; industry A and B; 10 firms + 2 outside
    regions = {1: [[square(0, 0, 1, 1)]], 2: [[square(1, 0, 2, 1)]],
               3: [[square(2, 0, 3, 1)]]}
    r1, r2, r3, out = (0.5, 0.5), (1.5, 0.5), (2.5, 0.5), (9.0, 9.0)
    firms = [(r1, "A", True), (r1, "A", True), (r1, "A", False), (r1, "B", False),
             (r2, "A", False), (r2, "B", False), (r2, "B", True),
             (r3, "B", False), (r3, "B", False), (r3, "B", False),
             (out, "A", False), (out, "B", False)]
    pts = np.array([f[0] for f in firms])
    codes = [f[1] for f in firms]
    core = np.array([f[2] for f in firms])
    groups = {1: "core", 2: "core", 3: "periphery"}
    clusters = [{"industry": "A", "centre": (0.5, 0.5)}, {"industry": "B", "centre": r2},
                {"industry": "B", "centre": (9.0, 9.0)}]
    res = region_summary(pts, codes, regions, core=core, groups=groups, clusters=clusters)
    t = {(r["region"], r["industry"]): r for r in res.table}
    # n = 12, n_A = 5, n_B = 7; n_1 = 4, n_2 = 3, n_3 = 3, outside 2
    a1 = t[(1, "A")]
    assert a1["firms"] == 3 and a1["core_firms"] == 2 and a1["clusters"] == 1
    assert a1["share_of_industry"] == pytest.approx(3 / 5)
    assert a1["share_of_core"] == pytest.approx(2 / 2)
    assert a1["lq"] == pytest.approx((3 / 4) / (5 / 12))
    b3 = t[(3, "B")]
    assert b3["firms"] == 3 and b3["lq"] == pytest.approx((3 / 3) / (7 / 12))
    assert t[(2, "B")]["share_of_core"] == pytest.approx(1.0)
    assert t[(None, "B")]["firms"] == 1 and t[(None, "B")]["clusters"] == 1
    assert t[(2, "B")]["clusters"] == 1 and t[(3, "A")]["firms"] == 0
    assert t[(3, "A")]["lq"] == 0.0
    # Gini of A over the regions (inside firms: 10; all: 4, 3, 3; A: 3, 1, 0)
    s = np.array([4, 3, 3]) / 10
    sa = np.array([3, 1, 0]) / 4
    # ratios 0, 1/3 / 0.3 = 1.11, 0.75 / 0.4 = 1.875: order 3, 2, 1
    x = np.cumsum([0, s[2], s[1], s[0]])
    y = np.cumsum([0, sa[2], sa[1], sa[0]])
    g = 1 - np.sum(np.diff(x) * (y[1:] + y[:-1]))
    assert res.gini["A"]["firms"] == pytest.approx(g)
    assert g == pytest.approx(1 - (0.3 * 0 + 0.3 * 0.25 + 0.4 * 1.25))   # 0.425
    assert res.gini["A"]["core_firms"] == pytest.approx(
        1 - (0.3 * 0 + 0.3 * 0 + 0.4 * 1.0))     # all of A's core in region 1: 0.6
    reg = {r["region"]: r for r in res.regions}
    assert reg[1]["firms"] == 4 and reg[1]["core_firms"] == 2 and reg[1]["industries"] == 2
    assert reg[1]["core_per_1000"] == pytest.approx(500.0)
    assert reg[1]["clustered_industries"] == 1 and reg[1]["group"] == "core"
    assert reg[None]["firms"] == 2
    grp = {(r["group"], r["industry"]): r for r in res.groups}
    assert grp[("core", "A")]["firms"] == 4
    assert grp[("core", "A")]["share_of_industry"] == pytest.approx(4 / 5)
    assert grp[("periphery", "B")]["share_of_industry"] == pytest.approx(3 / 7)
    assert grp[("core", None)]["share_of_industry"] == pytest.approx(7 / 12)
    assert grp[("core", None)]["share_of_core"] == pytest.approx(1.0)
    assert res.top["B"] == (3, pytest.approx(3 / 7))
    assert list(res.region_of[:5]) == [1, 1, 1, 1, 2]


def test_weights_replace_counts():
    regions = {1: [[square(0, 0, 1, 1)]], 2: [[square(1, 0, 2, 1)]]}
    pts = np.array([(0.5, 0.5), (0.5, 0.5), (1.5, 0.5), (1.5, 0.5)])
    codes = ["A", "B", "A", "B"]
    w = np.array([10.0, 1.0, 2.0, 3.0])
    res = region_summary(pts, codes, regions, weights=w)
    t = {(r["region"], r["industry"]): r for r in res.table}
    assert t[(1, "A")]["firms"] == 10.0
    # LQ = (10 / 11) / (12 / 16)
    assert t[(1, "A")]["lq"] == pytest.approx((10 / 11) / (12 / 16))
    assert t[(1, "A")]["core_firms"] is None


def test_an_industry_spread_like_the_economy_has_gini_zero_and_one_region_near_one():
    x, y, g = lorenz([0.2, 0.3, 0.5], [0.2, 0.3, 0.5])
    assert g == pytest.approx(0.0)
    _, _, g = lorenz([0, 0, 0, 1.0], [0.25, 0.25, 0.25, 0.25])
    assert g == pytest.approx(0.75)
    assert lorenz([0, 0], [0.5, 0.5])[2] is None


@pytest.mark.parametrize("regions, message", [
    ({}, "at least one region"),
    ({1: [[np.array([[0, 0], [1, 1]])]]}, "at least 3 distinct vertices"),
    ({1: [[np.zeros((4, 3))]]}, "shape (k, 2)"),
    ({1: "x"}, "a polygon is a list of parts"),
    ({7: [[square(0, 0, 1, 1)]], "7": [[square(0, 0, 1, 1)]]}, "share one id"),
])
def test_bad_regions_say_what_is_wrong(regions, message):
    with pytest.raises(ValueError, match=None) as exc:
        region_summary([[0.5, 0.5]], ["A"], regions)
    assert message in str(exc.value)


def test_groups_of_unknown_regions_and_bad_core():
    reg = {1: [[square(0, 0, 1, 1)]]}
    with pytest.raises(ValueError, match="not in regions"):
        region_summary([[0.5, 0.5]], ["A"], reg, groups={2: "core"})
    with pytest.raises(ValueError, match="one True/False per firm"):
        region_summary([[0.5, 0.5]], ["A"], reg, core=[True, False])


def test_many_firms_many_vertices_against_matplotlib():
    mpath = pytest.importorskip("matplotlib.path")
    rng = np.random.default_rng(1)
    k = 400
    a = np.linspace(0, 2 * np.pi, k, endpoint=False)
    r = 1 + 0.3 * np.sin(7 * a) + 0.1 * rng.random(k)
    ring = np.c_[r * np.cos(a), r * np.sin(a)]
    pts = rng.uniform(-1.5, 1.5, (20000, 2))
    where, _ = locate(pts, {1: [[ring]]})
    ref = mpath.Path(ring).contains_points(pts)
    # matplotlib may differ only on the boundary: none of these points is on it
    np.testing.assert_array_equal(where == 0, ref)
