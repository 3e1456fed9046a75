"""Core firms (Eq. 7) and their clusters (sections 2.2.3-2.2.4).

A firm is core when its value (LDO, Eq. 6, or LK, Eq. 4) is
>= max(mu, 2 sigma) over all the industry's values (SPEC: Eq. 7 as printed,
sigma with ddof 0). Core firms are grouped by single linkage: two core firms
are linked when d_ij <= h, or d_ij <= min(h_i, h_j) with per-firm (local)
scales. Clusters smaller than ``min_share`` of the firms, or of one firm, are dropped and
their firms are no longer core.

Linkage is a union-find over a grid of cells whose diagonal is (when the
link distances allow) below the link distance: the firms of one cell are
linked outright, and two nearby cells need a single link (cells already in
one component are skipped). Memory stays O(n), no pair list is ever stored
and dense clusters stay fast.
"""
from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np

from .errors import positive
from .geodesic import Aeqd, centre_of, chord, prepare_points
from .kernels.linkage import link_roots
from .rectangle import bounding_rectangle

MAX_CELLS_PER_AXIS = 1 << 20
MAX_REACH = 4  # cells are at least the longest link / MAX_REACH


@dataclass
class Cluster:
    """One cluster of core firms (numbered 1, 2, ... by size)."""
    id: int
    count: int
    p_n: float          # 100 * count / N (%)
    ldo_mean: float     # mean value (LDO or LK) of its firms
    ldo_max: float
    centre: int         # index (into the points) of its firm with the max value
    rectangle: np.ndarray = field(repr=False)  # (4, 2) corners, CCW


@dataclass
class CoreFirms:
    """Result of :func:`core_firms`."""
    is_core: np.ndarray        # bool (n,): core and in a kept cluster
    cluster: np.ndarray        # int (n,): 0 = none, else cluster id
    clusters: List[Cluster]
    boundary: Optional[np.ndarray]  # (4, 2) rectangle of all core firms
    centre: Optional[int]      # index of the core firm with the largest value
    threshold: float           # Eq. 7: max(mu, 2 sigma)


def link_components(points, h):
    """Single-linkage component labels 0..C-1 (by first firm) of ``points``:
    i ~ j when d_ij <= h (scalar) or d_ij <= min(h_i, h_j) (array)."""
    pts = np.asarray(points, dtype=np.float64)
    n = pts.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    r = np.ascontiguousarray(
        np.broadcast_to(np.asarray(h, dtype=np.float64), (n,)))
    if pts.shape[1] == 3:
        return _link_arcs(pts, r)
    centred = pts - pts[0]  # exact for nearby coordinates (Sterbenz)
    lo = centred.min(axis=0)
    span = float(np.max(centred.max(axis=0) - lo))
    # cells whose diagonal is below the link distances (a hair less for
    # rounding), unless the distances vary widely or the grid gets too fine
    cell = max(float(r.min()) / np.sqrt(2.0) * (1 - 1e-9),
               float(r.max()) / MAX_REACH, span / MAX_CELLS_PER_AXIS)
    cxy = np.floor((centred - lo) / cell).astype(np.int64)
    ny = int(cxy[:, 1].max()) + 1
    keys = cxy[:, 0] * ny + cxy[:, 1]
    order = np.argsort(keys, kind="stable")
    ukeys, ustart, ucount = np.unique(keys[order], return_index=True,
                                      return_counts=True)
    rmax = np.maximum.reduceat(r[order], ustart)
    reach = (np.floor(rmax / cell * (1 + 1e-9)) + 1).astype(np.int64)
    roots = link_roots(np.ascontiguousarray(centred[order, 0]),
                         np.ascontiguousarray(centred[order, 1]),
                         np.ascontiguousarray(r[order]), ny,
                         ukeys.astype(np.int64), ustart.astype(np.int64),
                         ucount.astype(np.int64), reach, cell)
    rep = np.empty(n, dtype=np.int64)
    rep[order] = order[roots]  # a representative original index
    _, labels = np.unique(rep, return_inverse=True)
    # relabel by first appearance so labels are independent of the grid
    first = np.full(labels.max() + 1, n, dtype=np.int64)
    np.minimum.at(first, labels, np.arange(n))
    rank = np.empty_like(first)
    rank[np.argsort(first, kind="stable")] = np.arange(first.size)
    return rank[labels]


def _link_arcs(p3, r):
    """link_components of Earth-centred points: arc <= min(h_i, h_j) is
    chord <= min(c_i, c_j) with c = 2R sin(h / 2R) (monotone), so the pairs
    come from a k-d tree of the points within the largest chord, by blocks
    of firms; components by scipy's connected_components (labels by first
    firm, as the planar form)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial import cKDTree
    n = p3.shape[0]
    c = chord(r)
    centred = p3 - p3.mean(axis=0)
    tree = cKDTree(centred)
    rows, cols = [], []
    step = 20000
    for s0 in range(0, n, step):
        s1 = min(s0 + step, n)
        lists = tree.query_ball_point(centred[s0:s1], c[s0:s1])
        for k, js in enumerate(lists):
            i = s0 + k
            js = np.asarray(js, dtype=np.int64)
            js = js[js > i]
            if js.size:
                d = np.sqrt(np.sum((centred[js] - centred[i]) ** 2, axis=1))
                js = js[d <= np.minimum(c[i], c[js])]
                rows.append(np.full(js.size, i, dtype=np.int64))
                cols.append(js)
    i = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    j = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    graph = coo_matrix((np.ones(i.size, dtype=np.int8), (i, j)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    first = np.full(labels.max() + 1, n, dtype=np.int64)
    np.minimum.at(first, labels, np.arange(n))
    rank = np.empty_like(first)
    rank[np.argsort(first, kind="stable")] = np.arange(first.size)
    return rank[labels]


def rectangle_lonlat(ll, oriented=True):
    """bounding_rectangle of (longitude, latitude) firms, computed in a local
    azimuthal equidistant projection centred on them (SPEC, geodesic) and
    returned as (4, 2) longitude, latitude corners."""
    proj = Aeqd(*centre_of(ll))
    rect = bounding_rectangle(proj.forward(ll), oriented=oriented)
    return proj.inverse(rect)


def _check_scale(h, n):
    arr = np.asarray(h, dtype=np.float64) if not np.isscalar(h) else None
    if arr is not None and arr.ndim > 0:
        if arr.shape != (n,):
            raise ValueError(
                f"the per-firm distances h must have one value per firm "
                f"({n}), got {arr.size}")
        if not np.all(np.isfinite(arr)) or np.any(arr <= 0):
            raise ValueError("every per-firm distance h_i must be a finite "
                             "number greater than 0")
        return arr
    return positive(h, "the linkage distance h")


MIN_CLUSTER_FIRMS = 2   # SPEC: one firm is not a cluster, whatever min_share says


def core_firms(points, values, h, min_share=0.005, oriented=True, selected=None,
               metric="planar"):
    """Core firms by Eq. 7 and their single-linkage clusters.

    points: (n, 2) projected coordinates; values: n LDO (Eq. 6) or LK (Eq. 4)
    values; h: the linkage distance (global scale h_max) or n per-firm h_i
    (local scale, link when d_ij <= min(h_i, h_j)); min_share: smallest kept
    cluster as a share of n (0.005 = 0.5 %), and never fewer than two firms
    (SPEC: a single firm is not a cluster; its firm is then not core); oriented: minimum-area oriented
    rectangles (True) or axis-aligned ones; selected: optional bool mask of
    candidate core firms chosen otherwise (the local test of baselines 1 and
    3) instead of Eq. 7. ``metric="geodesic"``: points are (longitude,
    latitude) on WGS 84 and h in metres; clusters link on distances on the
    Earth, rectangles are computed in a local azimuthal equidistant
    projection per cluster and returned in longitude, latitude.
    """
    pts = prepare_points(points, "firms", 1, metric)
    geo = pts.shape[1] == 3
    ll = None
    if geo:
        from .geodesic import lonlat
        ll = lonlat(np.asarray(points, dtype=np.float64), "firms")

    def rectangle(sel):
        if geo:
            return rectangle_lonlat(ll[sel], oriented=oriented)
        return bounding_rectangle(pts[sel], oriented=oriented)
    n = pts.shape[0]
    try:
        vals = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError("the firm values (LDO or LK) must be numbers") from None
    if vals.shape != (n,):
        got = vals.size if vals.ndim == 1 else f"an array of shape {vals.shape}"
        raise ValueError(f"expected one value per firm ({n}), got {got}")
    if not np.all(np.isfinite(vals)):
        raise ValueError(f"{int(np.count_nonzero(~np.isfinite(vals)))} firm "
                         "value(s) are missing (NaN) or infinite")
    scale = _check_scale(h, n)
    try:
        share = float(min_share)
    except (TypeError, ValueError):
        raise ValueError("the minimum cluster share must be a number") from None
    if not (0.0 <= share < 1.0):
        raise ValueError(f"the minimum cluster share must be in [0, 1) "
                         f"(e.g. 0.005 for 0.5 % of the firms), got {min_share!r}")

    mu = float(vals.mean())
    sigma = float(vals.std())
    threshold = max(mu, 2.0 * sigma)                      # Eq. 7
    if selected is None:
        idx = np.flatnonzero(vals >= threshold)
    else:
        sel = np.asarray(selected)
        if sel.shape != (n,) or sel.dtype != bool:
            raise ValueError(f"selected must be {n} True/False values")
        idx = np.flatnonzero(sel)
    is_core = np.zeros(n, dtype=bool)
    cluster = np.zeros(n, dtype=np.int64)
    clusters = []
    if idx.size:
        r = scale[idx] if isinstance(scale, np.ndarray) else scale
        labels = link_components(pts[idx], r)
        nlab = int(labels.max()) + 1
        counts = np.bincount(labels, minlength=nlab)
        sums = np.bincount(labels, weights=vals[idx], minlength=nlab)
        means = sums / counts
        maxima = np.full(nlab, -np.inf)
        np.maximum.at(maxima, labels, vals[idx])
        # centre: largest value, ties -> lowest index (idx is increasing)
        o = np.lexsort((idx, -vals[idx], labels))
        first = np.ones(o.size, dtype=bool)
        first[1:] = labels[o][1:] != labels[o][:-1]
        centres = np.empty(nlab, dtype=np.int64)
        centres[labels[o][first]] = idx[o][first]
        smallest = np.full(nlab, n, dtype=np.int64)
        np.minimum.at(smallest, labels, idx)
        keep = (counts >= share * n) & (counts >= MIN_CLUSTER_FIRMS)
        kept = np.flatnonzero(keep)
        # by descending count, then higher mean, then lower smallest index
        kept = kept[np.lexsort((smallest[kept], -means[kept], -counts[kept]))]
        new_id = np.zeros(nlab, dtype=np.int64)
        new_id[kept] = np.arange(1, kept.size + 1)
        cluster[idx] = new_id[labels]
        is_core = cluster > 0
        if kept.size:
            members = np.argsort(cluster[idx], kind="stable")
            bounds = np.searchsorted(cluster[idx][members],
                                     np.arange(1, kept.size + 2))
            for cid, lab in enumerate(kept, start=1):
                sel = idx[members[bounds[cid - 1]:bounds[cid]]]
                clusters.append(Cluster(
                    id=cid, count=int(counts[lab]),
                    p_n=100.0 * float(counts[lab]) / n,
                    ldo_mean=float(means[lab]), ldo_max=float(maxima[lab]),
                    centre=int(centres[lab]),
                    rectangle=rectangle(sel)))
    if is_core.any():
        core_idx = np.flatnonzero(is_core)
        boundary = rectangle(core_idx)
        # argmax returns the first (lowest index) of tied maxima
        centre = int(core_idx[np.argmax(vals[core_idx])])
    else:
        boundary, centre = None, None
    return CoreFirms(is_core=is_core, cluster=cluster, clusters=clusters,
                     boundary=boundary, centre=centre, threshold=threshold)
