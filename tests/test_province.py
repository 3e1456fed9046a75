"""The synthetic province (issue 23): 21 Voronoi regions tiling the outline,
9 core and 12 periphery, seeded firms; the planted industries are found
in their cities by industry_clusters and region_summary."""
import warnings

import numpy as np
import pytest

from doldo.core import DoldoWarning, industry_clusters, region_summary
from doldo.core.province import OUTLINE, province_dataset, voronoi_regions


def area(ring):
    x, y = ring[:, 0], ring[:, 1]
    return abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2


def test_voronoi_cells_tile_the_outline_and_hold_their_centres():
    rng = np.random.default_rng(0)
    centres = rng.uniform(100, 900, (12, 2))
    outline = np.array([[0, 0], [1000, 0], [1000, 1000], [0, 1000]], dtype=float)
    cells = voronoi_regions(centres, outline)
    assert sum(area(c) for c in cells) == pytest.approx(1e6)
    from doldo.core.regions import locate
    where, ids = locate(centres, {k: [[c]] for k, c in enumerate(cells)})
    assert list(where) == list(range(12))
    # a point is in the cell of its nearest centre
    pts = rng.uniform(0, 1000, (2000, 2))
    where, _ = locate(pts, {k: [[c]] for k, c in enumerate(cells)})
    nearest = np.argmin(((pts[:, None] - centres[None]) ** 2).sum(-1), axis=1)
    np.testing.assert_array_equal(where, nearest)


def test_the_province_is_seeded_and_complete():
    a, b = province_dataset(seed=3), province_dataset(seed=3)
    np.testing.assert_array_equal(a.points, b.points)
    assert a.points.shape == (200_000, 2) and len(set(a.industries)) == 30
    assert len(a.regions) == 21 and list(a.groups.values()).count("core") == 9
    assert sum(area(p[0][0]) for p in a.regions.values()) == pytest.approx(area(OUTLINE))
    res = region_summary(a.points, a.industries, a.regions, groups=a.groups)
    outside = [r for r in res.regions if r["region"] is None][0]
    assert outside["firms"] == 0
    grp = {g["group"]: g for g in res.groups if g["industry"] is None}
    # denser in the core: 9 small cities hold more than half of the firms
    assert grp["core"]["share_of_industry"] > 0.5
    assert not np.array_equal(province_dataset(seed=4).points[:10], a.points[:10])


def test_planted_industries_are_found_in_their_cities():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DoldoWarning)
        p = province_dataset(n_firms=20_000, seed=5)
        res = industry_clusters(p.points, p.industries, np.arange(0, 20_001, 1000.0),
                                n_sim=39, seed=5)
    local = [c for c in res.clusters if c["scale"] == "local"]
    rs = region_summary(p.points, p.industries, p.regions, clusters=local)
    for code, (kind, cities) in p.planted.items():
        assert code in res.industries, code           # localized
        mine = sorted((c for c in local if c["industry"] == code), key=lambda c: -c["firms"])
        if kind == "corridor":
            a, b = np.array(p.centres[cities[0]]), np.array(p.centres[cities[1]])
            core = np.array([f["firm"] for f in res.firms
                             if f["industry"] == code and f["core_local"]])
            xy = p.points[core]
            t = np.clip((xy - a) @ (b - a) / ((b - a) @ (b - a)), 0, 1)
            off = np.hypot(*(xy - (a + t[:, None] * (b - a))).T)
            assert np.mean(off < 6000) > 0.8, code
            continue
        where, ids = __import__("doldo.core.regions", fromlist=["locate"]).locate(
            [c["centre"] for c in mine[:len(cities)]], p.regions)
        assert sorted(ids[k] for k in where) == sorted(cities), code
        table = {r["region"]: r for r in rs.table if r["industry"] == code}
        for c in cities:
            assert table[c]["clusters"] >= 1 and table[c]["lq"] > 2, (code, c)
