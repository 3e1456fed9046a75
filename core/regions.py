"""Agglomeration by region (SPEC, "Regions"): firms counted in regions
(cities, districts, parks) by point in polygon, per region and industry
the firms, core firms, clusters, shares and the location quotient, and the
locational Gini of each industry (Krugman 1991) with the shares of groups
of regions (e.g. core and periphery).

Point in polygon on arrays: each ring's edges meet only the firms whose y
lies in the edge's y-range; the firms are sorted by y once, so every edge
finds its firms by binary search and the (edge, firm) pairs are tested all
at once (an orientation test per pair, the same test decides "crosses the
ray to the right" and "on the edge"). A firm is inside a part when its ray
crosses the part's rings an odd number of times (holes included) or when it
lies on one of them; inside a region when inside one of its parts. A firm
on the boundary of two regions is counted in the region with the lower id
(regions are taken in id order and a firm, once placed, stays).
"""
from dataclasses import dataclass, field
from typing import Dict, List

import numpy as np

from .errors import as_points, as_weights
from .industries import _sort_key, code_key, group_codes

PAIRS_PER_CHUNK = 4_000_000     # (edge, firm) pairs tested at once


# ---- polygons ------------------------------------------------------------------------
def _ring(ring, where):
    try:
        r = np.asarray(ring, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{where}: vertices must be numbers") from None
    if r.ndim != 2 or r.shape[1] != 2:
        raise ValueError(f"{where}: a ring must be an array of (x, y) vertices of shape "
                         f"(k, 2), got shape {r.shape}")
    if not np.all(np.isfinite(r)):
        raise ValueError(f"{where}: a vertex is NaN or infinite")
    if r.shape[0] >= 2 and np.array_equal(r[0], r[-1]):
        r = r[:-1]                       # closed rings: the last vertex repeats the first
    if r.shape[0] < 3:
        raise ValueError(f"{where}: a ring needs at least 3 distinct vertices, got "
                         f"{r.shape[0]}")
    return r


def as_polygon(polygon, rid):
    """[part: [ring (k, 2), ...], ...] checked: a list of parts, each a list
    of rings (the exterior, then its holes)."""
    where = f"region {rid!r}"
    if isinstance(polygon, np.ndarray):
        polygon = [[polygon]] if polygon.ndim == 2 else list(polygon)
    if not isinstance(polygon, (list, tuple)) or not polygon:
        raise ValueError(f"{where}: a polygon is a list of parts, each a list of rings "
                         "((k, 2) arrays of vertices, the exterior first, then its holes)")
    parts = []
    for p, part in enumerate(polygon):
        if isinstance(part, np.ndarray) and part.ndim == 2:
            part = [part]               # a part given as its exterior ring alone
        if not isinstance(part, (list, tuple)) or not part:
            raise ValueError(f"{where}, part {p + 1}: a part is a list of rings (the "
                             "exterior first, then its holes)")
        parts.append([_ring(r, f"{where}, part {p + 1}, ring {k + 1}")
                      for k, r in enumerate(part)])
    return parts


def _edges(rings):
    """(x1, y1, x2, y2) of every edge of the rings."""
    a = np.concatenate(rings)
    b = np.concatenate([np.roll(r, -1, axis=0) for r in rings])
    return a[:, 0], a[:, 1], b[:, 0], b[:, 1]


def _part_contains(px, py, rings):
    """Boolean per point (px, py sorted by py): inside the part (even-odd
    over its rings) or on one of its rings."""
    n = px.size
    inside = np.zeros(n, dtype=bool)
    if n == 0:
        return inside
    x1, y1, x2, y2 = _edges(rings)
    ylo, yhi = np.minimum(y1, y2), np.maximum(y1, y2)
    lo = np.searchsorted(py, ylo, "left")
    hi = np.searchsorted(py, yhi, "right")          # closed band: on-edge tests
    counts = hi - lo
    crossings = np.zeros(n, dtype=np.int64)
    on_edge = np.zeros(n, dtype=bool)
    live = np.flatnonzero(counts > 0)
    start = 0
    while start < live.size:
        c = np.cumsum(counts[live[start:]])
        stop = start + max(1, int(np.searchsorted(c, PAIRS_PER_CHUNK, "right")))
        e = live[start:stop]
        start = stop
        k = counts[e]
        edge = np.repeat(e, k)
        first = np.repeat(lo[e] - np.concatenate(([0], np.cumsum(k)[:-1])), k)
        j = first + np.arange(edge.size)
        ex1, ey1, ex2, ey2 = x1[edge], y1[edge], x2[edge], y2[edge]
        qx, qy = px[j], py[j]
        # orientation of the point against the edge: 0 on its line
        t = (qx - ex1) * (ey2 - ey1) - (ex2 - ex1) * (qy - ey1)
        on = (t == 0) & (qx >= np.minimum(ex1, ex2)) & (qx <= np.maximum(ex1, ex2))
        on_edge[j[on]] = True
        # the ray to the right crosses the edge: y in [ylo, yhi) and the point
        # left of an upward edge (t < 0) or right of a downward one (t > 0)
        up = ey2 > ey1
        cross = (qy < np.maximum(ey1, ey2)) & (ey1 != ey2) & \
            np.where(up, t < 0, t > 0)
        crossings += np.bincount(j[cross], minlength=n)
    return on_edge | (crossings % 2 == 1)


def _bbox(parts):
    v = np.concatenate([r for part in parts for r in part])
    return v.min(axis=0), v.max(axis=0)


def locate(points, regions):
    """Index (into the sorted region ids) of the region holding each point,
    -1 outside every region; and the sorted ids. A point in or on several
    regions goes to the one with the lowest id (SPEC)."""
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    if not isinstance(regions, dict) or not regions:
        raise ValueError("regions must be a dict {region id: polygon} with at least one "
                         "region")
    ids = sorted(regions, key=_sort_key)
    keys = [code_key(r) for r in ids]
    if len(set(keys)) != len(keys):
        raise ValueError("two regions share one id (e.g. 7 and '7'): give each region "
                         "its own id")
    polys = [as_polygon(regions[r], r) for r in ids]
    where = np.full(pts.shape[0], -1, dtype=np.int64)
    order = np.argsort(pts[:, 1], kind="stable")
    sx, sy = pts[order, 0], pts[order, 1]
    free = np.ones(order.size, dtype=bool)         # not placed yet (in y order)
    for r, parts in enumerate(polys):
        lo, hi = _bbox(parts)
        cand = np.flatnonzero(free & (sx >= lo[0]) & (sx <= hi[0]) & (sy >= lo[1])
                              & (sy <= hi[1]))
        if cand.size == 0:
            continue
        inside = np.zeros(cand.size, dtype=bool)
        for part in parts:
            plo, phi = _bbox([part])
            sub = np.flatnonzero(~inside & (sx[cand] >= plo[0]) & (sx[cand] <= phi[0])
                                 & (sy[cand] >= plo[1]) & (sy[cand] <= phi[1]))
            if sub.size:
                inside[sub] |= _part_contains(sx[cand[sub]], sy[cand[sub]], part)
        got = cand[inside]
        where[order[got]] = r
        free[got] = False
    return where, ids


# ---- the summary ---------------------------------------------------------------------
@dataclass
class RegionSummary:
    """region_summary's result."""
    table: List[dict]                 # per region (None = outside) and industry
    regions: List[dict]               # per region (None = outside)
    gini: Dict[object, dict]          # industry -> {"firms": G, "core_firms": G}
    groups: List[dict]                # per group and industry (None = all firms)
    region_of: np.ndarray = None      # per firm: its region id (None outside)
    industries: list = field(default_factory=list)
    top: Dict[object, tuple] = field(default_factory=dict)  # industry -> (region, share)
    lorenz: Dict[object, dict] = field(default_factory=dict)


def lorenz(industry_shares, all_shares):
    """Krugman's locational Lorenz curve: regions ordered by the ratio of
    the industry's share to all firms' share (ascending), (x, y) the
    cumulative shares of all firms and of the industry from (0, 0); and the
    Gini, twice the area between the diagonal and the curve. Regions
    without firms are left out; None when the industry has no firm."""
    s_i = np.asarray(industry_shares, dtype=np.float64)
    s = np.asarray(all_shares, dtype=np.float64)
    keep = s > 0
    s_i, s = s_i[keep], s[keep]
    if s_i.sum() <= 0:
        return None, None, None
    order = np.argsort(s_i / s, kind="stable")
    x = np.concatenate(([0.0], np.cumsum(s[order])))
    y = np.concatenate(([0.0], np.cumsum(s_i[order])))
    area = float(np.sum(np.diff(x) * (y[1:] + y[:-1]) / 2.0))
    return x, y, float(1.0 - 2.0 * area)


def _ratio(a, b):
    return float(a) / float(b) if b else None


def region_summary(points, industries, regions, core=None, weights=None, groups=None,
                   clusters=None):
    """SPEC's regions: ``points`` (n, 2), ``industries`` one code per firm,
    ``regions`` {id: polygon} (a polygon: a list of parts, a part a list of
    rings, the exterior first then its holes, a ring a (k, 2) array),
    ``core`` one bool per firm (e.g. core_local), ``weights`` per firm
    (employment: then every count is a sum of weights), ``groups`` {region
    id: group name}, ``clusters`` records with ``industry`` and ``centre``
    (x, y) (e.g. industry_clusters(...).clusters of one scale): counted in
    the region holding their centre.

    Returns ``.table`` (per region and industry: region, industry, firms,
    core_firms, share_of_industry, share_of_core, clusters, lq),
    ``.regions`` (per region: region, group, firms, industries,
    clustered_industries, core_firms, core_per_1000), ``.gini`` ({industry:
    {"firms": G, "core_firms": G}}), ``.groups`` (per group and industry,
    None = all firms: group, industry, regions, firms, core_firms,
    share_of_industry, share_of_core). Firms outside every region have
    region None; n and n_i count them too."""
    pts = as_points(points, "firms", minimum=1)
    n_pts = pts.shape[0]
    w = as_weights(weights, n_pts, "firm weights")
    weighted = w is not None
    w = np.ones(n_pts) if w is None else w
    is_core = None
    if core is not None:
        is_core = np.asarray(core)
        if is_core.shape != (n_pts,):
            raise ValueError(f"core: one True/False per firm is needed ({n_pts}), got "
                             f"{is_core.size}")
        is_core = is_core.astype(bool)
    codes, rows, _ = group_codes(industries, n_pts)
    where, ids = locate(pts, regions)
    groups = dict(groups or {})
    unknown = [g for g in groups if code_key(g) not in {code_key(r) for r in ids}]
    if unknown:
        raise ValueError(f"groups name region(s) that are not in regions: "
                         f"{', '.join(map(str, unknown[:5]))}")
    group_of = {code_key(g): name for g, name in groups.items()}
    n_reg = len(ids)
    slot = np.where(where < 0, n_reg, where)        # the last slot: outside
    n_ind = len(codes)
    ind = np.full(n_pts, -1, dtype=np.int64)
    for k, idx in enumerate(rows):
        ind[idx] = k
    coded = ind >= 0

    def matrix(mask):
        m = np.zeros((n_reg + 1, n_ind))
        sel = coded & mask
        np.add.at(m, (slot[sel], ind[sel]), w[sel])
        return m
    n_ri = matrix(np.ones(n_pts, dtype=bool))
    c_ri = matrix(is_core) if is_core is not None else None
    n_r = np.bincount(slot, weights=w, minlength=n_reg + 1)
    n_all = float(w.sum())
    n_i = n_ri.sum(axis=0)
    c_i = c_ri.sum(axis=0) if c_ri is not None else None
    k_ri = np.zeros((n_reg + 1, n_ind), dtype=np.int64)
    if clusters:
        col = {code_key(c): k for k, c in enumerate(codes)}
        cl = [(col.get(code_key(c["industry"])), c["centre"]) for c in clusters]
        cl = [(k, xy) for k, xy in cl if k is not None]
        if cl:
            centres = np.array([xy for _, xy in cl], dtype=np.float64).reshape(-1, 2)
            cw, _ = locate(centres, regions)
            np.add.at(k_ri, (np.where(cw < 0, n_reg, cw), [k for k, _ in cl]), 1)
    region_ids = list(ids) + [None]

    def num(v):
        return float(v) if weighted else int(round(float(v)))

    table = []
    for r, rid in enumerate(region_ids):
        for k, code in enumerate(codes):
            share_r = _ratio(n_ri[r, k], n_r[r])
            table.append(dict(
                region=rid, industry=code, firms=num(n_ri[r, k]),
                core_firms=None if c_ri is None else num(c_ri[r, k]),
                share_of_industry=_ratio(n_ri[r, k], n_i[k]),
                share_of_core=None if c_ri is None else _ratio(c_ri[r, k], c_i[k]),
                clusters=int(k_ri[r, k]),
                lq=None if share_r is None or not n_i[k] else share_r / (n_i[k] / n_all)))
    region_recs = []
    core_r = c_ri.sum(axis=1) if c_ri is not None else None
    for r, rid in enumerate(region_ids):
        region_recs.append(dict(
            region=rid, group=None if rid is None else group_of.get(code_key(rid)),
            firms=num(n_r[r]), industries=int(np.count_nonzero(n_ri[r] > 0)),
            clustered_industries=int(np.count_nonzero(k_ri[r] > 0)),
            core_firms=None if core_r is None else num(core_r[r]),
            core_per_1000=None if core_r is None or not n_r[r] else
            1000.0 * float(core_r[r]) / float(n_r[r])))
    gini, curves, top = {}, {}, {}
    inside_all = n_r[:n_reg]
    for k, code in enumerate(codes):
        tot = n_ri[:n_reg, k].sum()
        x, y, g = lorenz(n_ri[:n_reg, k] / tot if tot else np.zeros(n_reg),
                         inside_all / inside_all.sum() if inside_all.sum() else inside_all)
        g_core = None
        xc = yc = None
        if c_ri is not None:
            ctot = c_ri[:n_reg, k].sum()
            if ctot and inside_all.sum():
                xc, yc, g_core = lorenz(c_ri[:n_reg, k] / ctot, inside_all / inside_all.sum())
        gini[code] = {"firms": g, "core_firms": g_core}
        curves[code] = {"firms": (x, y), "core_firms": (xc, yc)}
        if tot:
            best = int(np.argmax(n_ri[:n_reg, k]))
            top[code] = (ids[best], float(n_ri[best, k] / n_i[k]))
    group_recs = []
    names = sorted({v for v in group_of.values()}, key=_sort_key)
    for name in names:
        members = [r for r, rid in enumerate(ids) if group_of.get(code_key(rid)) == name]
        f_all = n_r[members].sum()
        c_all = core_r[members].sum() if core_r is not None else None
        group_recs.append(dict(
            group=name, industry=None, regions=len(members), firms=num(f_all),
            core_firms=None if c_all is None else num(c_all),
            share_of_industry=_ratio(f_all, n_all),
            share_of_core=None if c_all is None else _ratio(c_all, core_r.sum())))
        for k, code in enumerate(codes):
            f = n_ri[members, k].sum()
            c = c_ri[members, k].sum() if c_ri is not None else None
            group_recs.append(dict(
                group=name, industry=code, regions=len(members), firms=num(f),
                core_firms=None if c is None else num(c),
                share_of_industry=_ratio(f, n_i[k]),
                share_of_core=None if c is None else _ratio(c, c_i[k])))
    region_of = np.array([None if s < 0 else ids[s] for s in where], dtype=object)
    return RegionSummary(table=table, regions=region_recs, gini=gini, groups=group_recs,
                         region_of=region_of, industries=list(codes), top=top,
                         lorenz=curves)
