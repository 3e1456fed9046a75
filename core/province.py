"""A synthetic province to show clusters in place names (issue 23): 21
cities whose regions are the Voronoi cells of their centres clipped to the
province's outline, a core group of 9 (a delta) and a periphery of 12, and
200,000 firms of 30 industries: the economy denser in the core; some
industries planted in one or two cities, some along a corridor between two
cities, the others spread like the economy or over the whole province.

Coordinates are metres in WGS 84 / UTM zone 49N (EPSG:32649), where
Guangdong lies; the province is about 480 km by 330 km.
"""
from dataclasses import dataclass, field
from typing import Dict, List

import numpy as np

CRS = "EPSG:32649"
X0, Y0 = 200_000.0, 2_400_000.0

# the outline (convex, counter-clockwise), metres from (X0, Y0)
OUTLINE = np.array([[0, 60_000], [90_000, 0], [390_000, 0], [480_000, 80_000],
                    [470_000, 250_000], [330_000, 330_000], [130_000, 330_000],
                    [10_000, 230_000]], dtype=float)

# the delta (core) around (240 km, 110 km), the periphery around it
CORE_CENTRES = [(240, 110), (205, 130), (275, 135), (215, 85), (265, 80), (240, 150),
                (190, 100), (290, 105), (245, 60)]
PERIPHERY_CENTRES = [(70, 90), (110, 200), (80, 280), (180, 290), (270, 250), (360, 280),
                     (420, 200), (430, 110), (350, 40), (150, 40), (380, 170), (150, 140)]
CITY_WEIGHT_CORE, CITY_WEIGHT_PERIPHERY = 7.0, 1.5     # firms per city (relative)
CITY_SPREAD_CORE, CITY_SPREAD_PERIPHERY = 9_000.0, 15_000.0
RURAL_SHARE = 0.08                                     # firms uniform over the province

# planted industries: code -> (kind, cities (1-based ids), share of its firms planted)
PLANTED = {
    "I01": ("city", (1,), 0.6), "I02": ("city", (3,), 0.6), "I03": ("city", (14,), 0.7),
    "I04": ("city", (17,), 0.7), "I05": ("city", (5,), 0.5), "I06": ("city", (19,), 0.7),
    "I07": ("two cities", (2, 12), 0.6), "I08": ("two cities", (4, 16), 0.6),
    "I09": ("two cities", (10, 21), 0.6), "I10": ("two cities", (6, 8), 0.5),
    "I11": ("corridor", (1, 17), 0.7), "I12": ("corridor", (7, 11), 0.7),
    "I13": ("corridor", (9, 18), 0.6),
}
N_INDUSTRIES = 30
CLUMP_SPREAD = 1_500.0          # a planted cluster's standard deviation (m)
CORRIDOR_WIDTH = 2_000.0        # a corridor's standard deviation across it (m)


def _clip(poly, a, b):
    """Sutherland-Hodgman: the polygon cut to the half-plane a . x <= b."""
    out = []
    k = len(poly)
    for i in range(k):
        p, q = poly[i], poly[(i + 1) % k]
        fp, fq = a @ p - b, a @ q - b
        if fp <= 0:
            out.append(p)
        if (fp < 0 < fq) or (fq < 0 < fp):
            t = fp / (fp - fq)
            out.append(p + t * (q - p))
    return np.array(out) if out else np.zeros((0, 2))


def voronoi_regions(centres, outline):
    """The Voronoi cell of each centre clipped to the convex ``outline``
    (each cell: the outline cut by the bisectors of its centre and every
    other one), as counter-clockwise rings (k, 2)."""
    c = np.asarray(centres, dtype=np.float64)
    cells = []
    for i in range(c.shape[0]):
        poly = np.asarray(outline, dtype=np.float64)
        for j in range(c.shape[0]):
            if i == j or poly.shape[0] == 0:
                continue
            a = c[j] - c[i]
            b = a @ (c[i] + c[j]) / 2.0
            poly = _clip(poly, a, b)
        cells.append(poly)
    return cells


@dataclass
class Province:
    points: np.ndarray              # (n, 2) firms, metres (CRS)
    industries: np.ndarray          # (n,) codes "I01".."I30"
    city: np.ndarray                # (n,) the city each firm was drawn around (0 = rural)
    regions: Dict[int, list]        # region id -> polygon [[ring]]
    names: Dict[int, str]
    groups: Dict[int, str]          # region id -> "core" / "periphery"
    centres: Dict[int, tuple]
    planted: Dict[str, tuple] = field(default_factory=dict)   # code -> (kind, cities)
    crs: str = CRS
    codes: List[str] = field(default_factory=list)


def _inside(pts, ring):
    from .regions import locate
    where, _ = locate(pts, {1: [[ring]]})
    return where == 0


def _economy_draw(rng, n, centres, weights, spreads, outline):
    """n firms of the economy: around the cities (by weight) or rural."""
    out = np.empty((0, 2))
    city = np.empty(0, dtype=np.int64)
    lo, hi = outline.min(axis=0), outline.max(axis=0)
    while out.shape[0] < n:
        m = int((n - out.shape[0]) * 1.2) + 16
        rural = rng.random(m) < RURAL_SHARE
        k = rng.choice(len(centres), m, p=weights / weights.sum())
        xy = centres[k] + rng.normal(0.0, 1.0, (m, 2)) * spreads[k][:, None]
        xy[rural] = rng.uniform(lo, hi, (int(rural.sum()), 2))
        ok = _inside(xy, outline)
        out = np.r_[out, xy[ok]]
        city = np.r_[city, np.where(rural, 0, k + 1)[ok]]
    return out[:n], city[:n]


def province_dataset(n_firms=200_000, seed=0):
    """The province: 21 regions (ids 1..21, 1-9 the core group), firms of 30
    industries "I01".."I30" (PLANTED says which are planted where: a clump
    in one city, clumps in two, or a corridor between two city centres)."""
    if int(n_firms) < 3000:
        raise ValueError(f"the province needs at least 3,000 firms, got {n_firms}")
    rng = np.random.default_rng(seed)
    origin = np.array([X0, Y0])
    centres = np.array(CORE_CENTRES + PERIPHERY_CENTRES, dtype=float) * 1000.0 + origin
    outline = OUTLINE + origin
    k_core = len(CORE_CENTRES)
    weights = np.r_[np.full(k_core, CITY_WEIGHT_CORE),
                    np.full(len(PERIPHERY_CENTRES), CITY_WEIGHT_PERIPHERY)]
    weights = weights * rng.uniform(0.7, 1.3, weights.size)
    spreads = np.r_[np.full(k_core, CITY_SPREAD_CORE),
                    np.full(len(PERIPHERY_CENTRES), CITY_SPREAD_PERIPHERY)]
    cells = voronoi_regions(centres, outline)
    ids = list(range(1, centres.shape[0] + 1))
    # industry sizes: from 1.5 % to 6 % of the firms, summing to n_firms
    raw = rng.uniform(1.0, 4.0, N_INDUSTRIES)
    sizes = np.floor(raw / raw.sum() * n_firms).astype(int)
    sizes[-1] += int(n_firms) - int(sizes.sum())
    codes = [f"I{k + 1:02d}" for k in range(N_INDUSTRIES)]
    pts, ind, city = [], [], []
    for code, size in zip(codes, sizes):
        planted_n = 0
        parts = []
        if code in PLANTED:
            kind, cities, share = PLANTED[code]
            planted_n = int(round(share * size))
            if kind == "corridor":
                a, b = centres[cities[0] - 1], centres[cities[1] - 1]
                t = rng.random(planted_n)
                along = a + t[:, None] * (b - a)
                normal = np.array([-(b - a)[1], (b - a)[0]]) / np.hypot(*(b - a))
                xy = along + rng.normal(0, CORRIDOR_WIDTH, planted_n)[:, None] * normal
                parts.append((xy, np.zeros(planted_n, dtype=np.int64)))
            else:
                per = np.array_split(np.arange(planted_n), len(cities))
                for c, chunk in zip(cities, per):
                    # the clump sits a few km from the city centre (a district)
                    spot = centres[c - 1] + rng.uniform(-3000, 3000, 2)
                    xy = spot + rng.normal(0, CLUMP_SPREAD, (chunk.size, 2))
                    parts.append((xy, np.full(chunk.size, c, dtype=np.int64)))
        rest = size - planted_n
        if code in ("I27", "I28", "I29", "I30"):      # spread over the whole province
            lo, hi = outline.min(axis=0), outline.max(axis=0)
            xy = np.empty((0, 2))
            while xy.shape[0] < rest:
                cand = rng.uniform(lo, hi, (rest * 2, 2))
                xy = np.r_[xy, cand[_inside(cand, outline)]]
            parts.append((xy[:rest], np.zeros(rest, dtype=np.int64)))
        else:
            parts.append(_economy_draw(rng, rest, centres, weights, spreads, outline))
        for xy, cy in parts:
            pts.append(xy)
            city.append(cy)
            ind.append(np.full(xy.shape[0], code, dtype=object))
    points = np.concatenate(pts)
    industries = np.concatenate(ind)
    cities = np.concatenate(city)
    order = rng.permutation(points.shape[0])         # no industry in one block
    regions = {r: [[cell]] for r, cell in zip(ids, cells)}
    names = {r: (f"Delta {r}" if r <= k_core else f"Periphery {r - k_core}") for r in ids}
    groups = {r: "core" if r <= k_core else "periphery" for r in ids}
    return Province(points=points[order], industries=industries[order], city=cities[order],
                    regions=regions, names=names, groups=groups,
                    centres={r: tuple(centres[r - 1]) for r in ids},
                    planted={c: PLANTED[c][:2] for c in PLANTED}, codes=codes)
