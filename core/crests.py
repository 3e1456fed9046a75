"""What makes each crest of the localization curve (section 4.1, Figure 14).

A DO curve can crest at several distances. The paper runs MCLM-LDO with the
peak distance d̂ set to each crest's distance (and a small ĥ, 2 on its
synthetic dataset 2, where h_max = 6): the core firms at (d̂, ĥ) are the
firms with many others at about d̂, i.e. the firms that make the crest. On
dataset 2, d̂ = 3 marks the two clusters, d̂ = 9 the ring of sparse firms 8-9
from cluster I, d̂ = 20 mostly the clusters' firms (the clusters are 20
apart): "multiple crests do not necessarily mean multiple clusters".

``find_crests`` finds the crests (local maxima of Γ(A,d) > 0);
``explain_crests`` runs MCLM-LDO at each crest and says which core firms sit
inside reference clusters (e.g. those at ĥ = h_max or at the local scale).
"""
from dataclasses import dataclass, field
from typing import Dict, Optional

import numpy as np

from .errors import as_points, check_progress, positive
from .geodesic import Aeqd, arc, centre_of, check_metric, ecef, lonlat
from .mclm import mclm_ldo


@dataclass
class Crest:
    """One crest of Γ(A,d)."""
    distance: float     # the crest's distance (middle of a plateau)
    gamma: float        # Γ(A,d) there
    index: int          # index of ``distance`` in the distances
    start: int          # first index of the plateau (== index without one)
    end: int            # last index of the plateau
    prominence: float   # height above the higher of the two troughs around it
    at_edge: bool       # the maximum is at the first or last distance


def find_crests(distances, gamma, min_prominence=0.0):
    """Crests of the localization index: local maxima of Γ(A,d) > 0.

    A plateau of equal values counts once (its middle distance, rounded
    down to a threshold). The first or last distance is a crest when Γ is
    higher there than next to it (``at_edge``; the last one may continue
    beyond the range). ``min_prominence``: drop crests whose prominence (the
    height above the higher of the lowest points separating them from
    higher ground on either side, Γ = 0 beyond the range) is below this
    fraction of the largest Γ (0 keeps every crest; 0.05 drops Monte-Carlo
    ripples). Returns :class:`Crest` records sorted by distance."""
    d = np.asarray(distances, dtype=np.float64)
    g = np.asarray(gamma, dtype=np.float64)
    if d.ndim != 1 or g.shape != d.shape:
        raise ValueError("distances and gamma must be two 1-D arrays of the same length")
    if d.size == 0 or not np.all(np.isfinite(g)) or not np.all(np.isfinite(d)):
        raise ValueError("distances and gamma must be finite numbers")
    if d.size > 1 and np.any(np.diff(d) <= 0):
        raise ValueError("the distances must be increasing")
    frac = float(min_prominence)
    if not 0 <= frac < 1:
        raise ValueError("min_prominence is a fraction of the largest Γ, in [0, 1)")
    g = np.maximum(g, 0.0)
    padded = np.concatenate(([0.0], g, [0.0]))
    m = padded.size
    crests = []
    i = 1
    while i < m - 1:
        if padded[i] <= 0 or padded[i] < padded[i - 1]:
            i += 1
            continue
        j = i
        while j + 1 < m - 1 and padded[j + 1] == padded[i]:
            j += 1
        if padded[i - 1] < padded[i] and padded[j + 1] < padded[i]:
            h = padded[i]
            # prominence: walk out until higher ground (or the end)
            left = i - 1
            lmin = padded[left]
            while left > 0 and padded[left] <= h:
                lmin = min(lmin, padded[left])
                left -= 1
            lmin = min(lmin, padded[left]) if padded[left] <= h else lmin
            right = j + 1
            rmin = padded[right]
            while right < m - 1 and padded[right] <= h:
                rmin = min(rmin, padded[right])
                right += 1
            rmin = min(rmin, padded[right]) if padded[right] <= h else rmin
            k = (i + j) // 2 - 1
            crests.append(Crest(distance=float(d[k]), gamma=float(h), index=k,
                                start=i - 1, end=j - 1,
                                prominence=float(h - max(lmin, rmin)),
                                at_edge=(i == 1 or j == m - 2)))
        i = j + 1
    if crests and frac > 0:
        top = max(c.gamma for c in crests)
        crests = [c for c in crests if c.prominence >= frac * top]
    return crests


@dataclass
class CrestExplanation:
    """MCLM-LDO at one crest (d̂, ĥ) and where its core firms sit."""
    distance: float                 # d̂
    h: float                        # ĥ
    result: object = field(repr=False)   # the mclm_ldo result
    is_core: np.ndarray = field(repr=False)
    n_core: int = 0
    in_cluster: Optional[np.ndarray] = field(default=None, repr=False)  # core & member
    inside: Optional[np.ndarray] = field(default=None, repr=False)      # core & in a rectangle
    n_in_clusters: Optional[int] = None    # core firms that are reference-cluster members
    n_inside: Optional[int] = None         # core firms inside a reference rectangle
    by_cluster: Dict[int, int] = field(default_factory=dict)  # rectangle id -> core firms
    outside_nearest: Optional[int] = None  # cluster nearest to most outside core firms
    outside_distance: Optional[float] = None  # their median distance to its centre
    verdict: str = ""

    @property
    def share_inside(self):
        if self.n_inside is None or self.n_core == 0:
            return None
        return self.n_inside / self.n_core


def _inside_convex(points, poly, eps):
    """Bool mask: points inside (or on) a convex polygon."""
    poly = np.asarray(poly, dtype=float)
    x, y = poly[:, 0], poly[:, 1]
    if float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) < 0:
        poly = poly[::-1]
    inside = np.ones(points.shape[0], dtype=bool)
    k = poly.shape[0]
    for i in range(k):
        ax, ay = poly[i]
        bx, by = poly[(i + 1) % k]
        length = np.hypot(bx - ax, by - ay)
        cross = (bx - ax) * (points[:, 1] - ay) - (by - ay) * (points[:, 0] - ax)
        inside &= cross >= -eps * max(length, 1e-300)
    return inside


def cluster_rectangle_of(points, clusters, metric="planar"):
    """Id of the reference cluster whose rectangle holds each point (0 =
    none; where rectangles overlap the larger cluster, the lower id, wins).
    ``clusters``: a core_firms / mclm_ldo result. ``metric="geodesic"``:
    points and rectangles are (longitude, latitude); each rectangle is
    tested in the local azimuthal equidistant projection it was made in."""
    pts = as_points(points, "firms", minimum=1)
    out = np.zeros(pts.shape[0], dtype=np.int64)
    if check_metric(metric) == "geodesic":
        ll = lonlat(pts, "firms")
        for c in sorted(clusters.clusters, key=lambda c: -c.id):
            rect = np.asarray(c.rectangle, dtype=np.float64)
            proj = Aeqd(*centre_of(rect))
            plane = proj.forward(rect)
            eps = 1e-9 * max(float(np.ptp(plane, axis=0).max()), 1.0)
            out[_inside_convex(proj.forward(ll), plane, eps)] = c.id
        return out
    span = float(np.ptp(pts, axis=0).max()) if pts.shape[0] > 1 else 1.0
    eps = 1e-9 * max(span, 1e-300)
    for c in sorted(clusters.clusters, key=lambda c: -c.id):
        out[_inside_convex(pts, c.rectangle, eps)] = c.id
    return out


def explain_crests(points, crest_distances, h, clusters=None, weights=None,
                   weight_mode="product", min_share=0.005, oriented=True, progress=None,
                   metric="planar"):
    """MCLM-LDO with the peak distance d̂ = each crest distance (section 4.1).

    points: the industry's firms; crest_distances: d̂ values (e.g. the
    ``distance`` of :func:`find_crests`); h: ĥ, a distance (the paper uses 2
    on dataset 2, a third of its h_max). clusters: optional reference
    clusters (a core_firms / mclm_ldo result on the same points, e.g. at
    ĥ = h_max or the local scale): then every crest says how many of its
    core firms are members of those clusters and how many sit inside their
    rectangles (per cluster), and for the core firms outside them the
    nearest cluster and their median distance to its centre. Returns one
    :class:`CrestExplanation` per crest, in the given order.
    ``metric="geodesic"``: (longitude, latitude) on WGS 84, ĥ, d̂ and the
    distances to the centres in metres."""
    pts = as_points(points, "industry firms")
    if check_metric(metric) == "geodesic":
        pts = lonlat(pts, "industry firms")
    hh = positive(h, "the boundary distance ĥ")
    peaks = [float(v) for v in np.atleast_1d(np.asarray(crest_distances, dtype=np.float64))]
    if any(not np.isfinite(v) or v < 0 for v in peaks):
        raise ValueError("crest distances must be finite numbers >= 0")
    rect_of = members = centres = None
    if clusters is not None:
        if len(clusters.cluster) != pts.shape[0]:
            raise ValueError("the reference clusters must be computed on the same firms")
        rect_of = cluster_rectangle_of(pts, clusters, metric)
        members = np.asarray(clusters.cluster) > 0
        centres = {c.id: pts[int(c.centre)] for c in clusters.clusters}
    out = []
    k = max(len(peaks), 1)
    for t, dh in enumerate(peaks):
        sub = None if progress is None else (lambda f, t=t: progress((t + f) / k))
        res = mclm_ldo(pts, hh, peak=dh, weights=weights, weight_mode=weight_mode,
                       min_share=min_share, oriented=oriented, progress=sub, metric=metric)
        core = np.asarray(res.is_core, dtype=bool)
        ex = CrestExplanation(distance=dh, h=hh, result=res, is_core=core,
                              n_core=int(core.sum()))
        if clusters is not None:
            ex.in_cluster = core & members
            ex.inside = core & (rect_of > 0)
            ex.n_in_clusters = int(ex.in_cluster.sum())
            ex.n_inside = int(ex.inside.sum())
            ids, counts = np.unique(rect_of[ex.inside], return_counts=True)
            ex.by_cluster = {int(i): int(c) for i, c in zip(ids, counts)}
            outside = np.flatnonzero(core & (rect_of == 0))
            if outside.size and centres:
                cids = np.array(sorted(centres))
                cxy = np.array([centres[c] for c in cids])
                if metric == "geodesic":
                    po, pc = ecef(pts[outside]), ecef(cxy)
                    dist = arc(np.linalg.norm(po[:, None, :] - pc[None, :, :], axis=2))
                else:
                    dist = np.hypot(pts[outside, None, 0] - cxy[None, :, 0],
                                    pts[outside, None, 1] - cxy[None, :, 1])
                nearest = cids[np.argmin(dist, axis=1)]
                best = int(np.bincount(nearest).argmax())
                ex.outside_nearest = best
                ex.outside_distance = float(np.median(
                    dist[nearest == best, int(np.flatnonzero(cids == best)[0])]))
        ex.verdict = _verdict(ex, clusters is not None)
        out.append(ex)
        check_progress(progress, (t + 1) / k)
    return out


def _verdict(ex, have_clusters):
    head = f"d̂ = {ex.distance:g}, ĥ = {ex.h:g}: {ex.n_core} core firms"
    if ex.n_core == 0:
        return head + "; no firm stands out at this distance."
    if not have_clusters:
        return head + "."
    share = ex.n_inside / ex.n_core
    where = ", ".join(f"cluster {c}: {n}" for c, n in sorted(ex.by_cluster.items()))
    text = (f"{head}, {ex.n_inside} ({100 * share:.0f} %) inside the clusters"
            + (f" ({where})" if where else ""))
    if share >= 0.5:
        if len(ex.by_cluster) > 1 and ex.distance > 0:
            text += ("; the crest comes mostly from the clusters' firms "
                     f"(pairs within or between clusters {ex.distance:g} apart).")
        else:
            text += "; the crest comes mostly from the clusters' firms."
    else:
        text += "; the crest comes mostly from firms outside the clusters"
        if ex.outside_nearest is not None:
            text += (f", at a median {ex.outside_distance:.3g} from the centre of "
                     f"cluster {ex.outside_nearest}")
        text += " (several crests need not mean several clusters)."
    return text
