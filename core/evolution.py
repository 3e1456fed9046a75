"""Agglomeration over time (section 3.3 of the paper, Table 4, Table 5,
Figures 10 and 11).

For every analysed year Y the industry is the firms established in or before
Y (the paper's "surviving firms": its data hold only firms alive in 2022),
the background likewise. Per year: the DO curve with its global band, Γ(A),
Ψ(A), h_max and the bandwidth (section 2.1, Table 4, Figure 10); the global
scale at ĥ = h_max: core firms, boundary and agglomeration centre (Figure
11a); the local scale (adaptive h_i): local clusters with P_n and LDO_mean
(Table 5, Figure 11b).

Clusters keep their identity over the years (Table 5: cluster I is the same
place in every year). Firms carry their identity across years because the
set of firms only grows (an index into the input arrays), so a local
cluster of year Y is matched to an earlier cluster by the firms they share;
when they share none (a cluster that moved, or closures), by rectangle
overlap. See :func:`track_clusters` for the rules.

With survivors only, a cluster "vanishes" when its firms stop being core
firms, e.g. when growth elsewhere raises the threshold max(μ, 2σ) of Eq. 7
or the local bandwidths change. Optional closure years (``industry_closed``,
``background_closed``: the year a firm closed, NaN = still open) remove a
firm from every year >= its closure year, for data that also hold closed
firms; the paper's data have none.

Every year uses the same seed (common random numbers), so the curve of year
Y equals ``do_curve`` of that year's firms with that seed.
"""
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np

from .do_curve import do_curve
from .errors import Cancelled, as_weights, check_progress, warn
from .geodesic import Aeqd, centre_of, check_metric, prepare_points
from .mclm import mclm_ldo

STATUSES = ("new", "continued", "reappeared")


@dataclass
class TrackedCluster:
    """One local cluster in one year, with its stable id."""
    year: float
    id: int                 # stable over the years (1, 2, ... by first appearance)
    rank: int               # the year's own number (1 = largest), as mclm_ldo gives it
    count: int
    p_n: float              # 100 * count / N_A(year) (%)
    ldo_mean: float
    ldo_max: float
    centre: int             # index into the input industry arrays
    rectangle: np.ndarray = field(repr=False)
    members: np.ndarray = field(repr=False)   # indices into the input arrays
    status: str = "new"     # "new", "continued" (was there the year before), "reappeared"
    shared: int = 0         # firms shared with the earlier cluster it continues
    parent: Optional[int] = None   # a new cluster split from this id (shares its firms)


@dataclass
class YearResult:
    """Everything computed for one year."""
    year: float
    industry: np.ndarray            # indices of the industry firms present
    background: Optional[np.ndarray]  # indices of the background firms present
    curve: object = None            # DOCurve (None when the year was skipped)
    global_core: object = None      # mclm_ldo at h_max (None without h_max)
    local: object = None            # mclm_ldo at the local scale
    clusters: List[TrackedCluster] = field(default_factory=list)
    cluster_ids: Optional[np.ndarray] = None  # stable id per present firm (0 = none)
    skipped: str = ""

    @property
    def n_industry(self):
        return int(self.industry.size)

    @property
    def n_background(self):
        return 0 if self.background is None else int(self.background.size)

    @property
    def h_max(self):
        return None if self.curve is None else self.curve.h_max

    @property
    def gamma_sum(self):
        return None if self.curve is None else self.curve.gamma_sum

    @property
    def psi_sum(self):
        return None if self.curve is None else self.curve.psi_sum

    @property
    def bandwidth(self):
        return None if self.curve is None else float(self.curve.bandwidth)

    @property
    def n_global_core(self):
        return None if self.global_core is None else int(np.sum(self.global_core.is_core))

    @property
    def boundary(self):
        return None if self.global_core is None else self.global_core.boundary

    @property
    def centre(self):
        """Index (into the input arrays) of the agglomeration centre, or None."""
        if self.global_core is None or self.global_core.centre is None:
            return None
        return int(self.industry[int(self.global_core.centre)])


@dataclass
class Evolution:
    """Result of :func:`evolution`."""
    years: List[YearResult]
    distances: np.ndarray
    seed: Optional[int]
    events: List[str] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)

    def year(self, y):
        for r in self.years:
            if r.year == y:
                return r
        raise KeyError(y)

    def table(self):
        """Table 4 plus counts: one dict per year."""
        return [{"year": r.year, "n_firms": r.n_industry, "n_background": r.n_background,
                 "gamma_sum": r.gamma_sum, "psi_sum": r.psi_sum, "h_max": r.h_max,
                 "bandwidth": r.bandwidth, "global_core": r.n_global_core,
                 "clusters": None if r.local is None else len(r.clusters)}
                for r in self.years]

    def tracks(self) -> Dict[int, Dict[float, TrackedCluster]]:
        """Table 5: {stable id: {year: cluster}} (a year is absent where the
        cluster is not significant)."""
        out = {}
        for r in self.years:
            for c in r.clusters:
                out.setdefault(c.id, {})[r.year] = c
        return dict(sorted(out.items()))


# --------------------------------------------------------------------------
# cluster tracking
# --------------------------------------------------------------------------
def _clip(subject, clip):
    """Sutherland-Hodgman: the part of convex polygon ``subject`` inside
    convex CCW polygon ``clip`` (both (k, 2))."""
    out = [tuple(p) for p in subject]
    k = len(clip)
    for i in range(k):
        if not out:
            break
        ax, ay = clip[i]
        bx, by = clip[(i + 1) % k]
        inp, out = out, []

        def side(p):
            return (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax)

        for j in range(len(inp)):
            p, q = inp[j], inp[(j + 1) % len(inp)]
            sp, sq = side(p), side(q)
            if sp >= 0:
                out.append(p)
            if (sp >= 0) != (sq >= 0):
                t = sp / (sp - sq)
                out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return np.asarray(out, dtype=float).reshape(-1, 2)


def _area(poly):
    if poly.shape[0] < 3:
        return 0.0
    x, y = poly[:, 0], poly[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


def _ccw(poly):
    poly = np.asarray(poly, dtype=float)
    x, y = poly[:, 0], poly[:, 1]
    signed = float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
    return poly if signed >= 0 else poly[::-1]


def rectangle_overlap(a, b):
    """Area shared by two convex polygons (e.g. cluster rectangles)."""
    return _area(_clip(_ccw(a), _ccw(b)))


def _overlap_on_earth(a, b):
    """rectangle_overlap of two (longitude, latitude) rectangles, both in the
    local azimuthal equidistant projection centred on ``a`` (SPEC, "Geodesic
    distances": right across the 180th meridian and near the poles)."""
    proj = Aeqd(*centre_of(a))
    return rectangle_overlap(proj.forward(a), proj.forward(b))


def track_clusters(years_clusters, metric="planar"):
    """Stable ids for clusters over a sequence of years.

    ``years_clusters``: for each year in order, a list of clusters as dicts
    with ``members`` (firm identities, e.g. indices into the input arrays)
    and ``rectangle`` ((4, 2) corners). Returns, per year, a list of dicts
    {id, status, shared, parent} in the same order.

    Rules. Every cluster seen so far keeps its last state (members,
    rectangle, last year). In year t:

    1. shared firms: pairs (new cluster, earlier id) sharing at least one
       firm are matched greedily one-to-one, most shared firms first, ties
       to the id seen most recently, then to the year's larger cluster, then
       to the lower id;
    2. rectangle overlap: a new cluster still unmatched takes the unmatched
       earlier id whose last rectangle overlaps its own most (area > 0);
    3. otherwise a new id (1, 2, ... in order of first appearance; within a
       year by the year's cluster order, largest first).

    A matched id is "continued" when it was present the year before, else
    "reappeared". A new cluster that shares firms with an id already taken
    by another cluster records that id as ``parent`` (a split). Ids present
    the year before and not matched stop ("vanished"); if most of their
    firms went into one cluster it has absorbed them (a merge) — reported
    by :func:`evolution`'s events. ``metric="geodesic"``: rectangles are
    (longitude, latitude) corners, compared in a local projection.
    """
    overlap = _overlap_on_earth if check_metric(metric) == "geodesic" else rectangle_overlap
    state = {}          # id -> (members set, rectangle, year index last seen)
    next_id = 1
    out = []
    for t, clusters in enumerate(years_clusters):
        members = [set(np.asarray(c["members"]).tolist()) for c in clusters]
        pairs = []
        for i, m in enumerate(members):
            for cid, (om, _rect, last) in state.items():
                s = len(m & om)
                if s:
                    pairs.append((-s, -last, i, cid))
        pairs.sort()
        assigned = {}
        taken = set()
        shared = {}
        for neg_s, _nl, i, cid in pairs:
            if i in assigned or cid in taken:
                continue
            assigned[i] = cid
            taken.add(cid)
            shared[i] = -neg_s
        for i, c in enumerate(clusters):  # rule 2
            if i in assigned:
                continue
            best, best_key = None, None
            for cid, (_om, rect, last) in state.items():
                if cid in taken:
                    continue
                a = overlap(np.asarray(c["rectangle"], float), rect)
                if a > 0 and (best_key is None or (a, last) > best_key):
                    best, best_key = cid, (a, last)
            if best is not None:
                assigned[i] = best
                taken.add(best)
                shared[i] = 0
        result = []
        for i, c in enumerate(clusters):
            parent = None
            if i in assigned:
                cid = assigned[i]
                status = "continued" if state[cid][2] == t - 1 else "reappeared"
            else:
                cid = next_id
                next_id += 1
                status = "new"
                overlaps = [(len(members[i] & om), oid) for oid, (om, _r, _l) in state.items()
                            if oid in taken]
                overlaps = [o for o in overlaps if o[0] > 0]
                if overlaps:
                    parent = max(overlaps)[1]
            result.append({"id": cid, "status": status, "shared": shared.get(i, 0),
                           "parent": parent})
        for i, c in enumerate(clusters):
            rect = np.asarray(c["rectangle"], float)
            state[result[i]["id"]] = (members[i], rect if overlap is not rectangle_overlap
                                      else _ccw(rect), t)
        out.append(result)
    return out


# --------------------------------------------------------------------------
# the evolution
# --------------------------------------------------------------------------
def _years(values, n, name):
    try:
        y = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numbers (a year per firm)") from None
    if y.shape != (n,):
        raise ValueError(f"{name}: expected one year per firm ({n}), got {y.size}")
    return y


def _present(established, closed, year):
    keep = established <= year
    if closed is not None:
        keep &= ~(closed <= year)   # NaN (still open) stays
    return np.flatnonzero(keep)


def evolution(points, background, years, industry_years, background_years, distances,
              n_sim=1000, confidence=0.05, seed=None, bandwidth=None, weights=None,
              background_weights=None, convention="paper", method="exact",
              min_share=0.005, oriented=True, industry_closed=None,
              background_closed=None, progress=None, curve_function=None,
              metric="planar"):
    """The paper's analysis over time (section 3.3: Table 4, Figure 10,
    Figure 11, Table 5).

    points, industry_years: the industry's firms and their establishment
    years (numbers; NaN is an error: filter such firms first). background,
    background_years: all firms (normally including the industry's) and
    their years; None with n_sim = 0. years: the analysed years (sorted,
    duplicates dropped). For each year Y the firms with year <= Y (and,
    with closure years, not closed in or before Y) are used. distances,
    n_sim, confidence, seed, bandwidth, weights, background_weights,
    convention, method: as :func:`do_curve`; weights also weight the LDO
    index (Eq. 12). min_share, oriented: as :func:`mclm_ldo`.

    Per year (a :class:`YearResult`): the DO curve, Γ(A), Ψ(A), h_max, the
    bandwidth; the global scale at ĥ = h_max (core firms, boundary, centre)
    when there is an h_max; the local scale (adaptive h_i) with its clusters
    carrying stable ids (:func:`track_clusters`). A year with fewer than 3
    industry firms is skipped (warned). ``seed`` None draws one (kept in
    ``.seed``); every year uses the same seed.

    curve_function(year, industry_index, background_index) -> DOCurve:
    optional replacement of the do_curve call (the QGIS algorithm reuses its
    own DO-curve parameter handling this way). ``metric``: "planar" or
    "geodesic" (longitude, latitude on WGS 84, distances in metres; the
    rectangles are then in longitude, latitude).
    """
    prepare_points(points, "industry firms", 1, metric)     # checked
    pts = np.asarray(points, dtype=np.float64)
    n = pts.shape[0]
    y_ind = _years(industry_years, n, "industry years")
    if not np.all(np.isfinite(y_ind)):
        raise ValueError(f"industry years: {int(np.count_nonzero(~np.isfinite(y_ind)))} "
                         "firm(s) have no (NaN) year; remove them first")
    c_ind = None if industry_closed is None else _years(industry_closed, n, "industry closures")
    w = as_weights(weights, n, "industry weights")
    bg = y_bg = c_bg = bw = None
    if background is not None:
        prepare_points(background, "background firms", 1, metric)
        bg = np.asarray(background, dtype=np.float64)
        if background_years is None:
            raise ValueError("the background firms need their establishment years too")
        y_bg = _years(background_years, bg.shape[0], "background years")
        if not np.all(np.isfinite(y_bg)):
            raise ValueError(f"background years: {int(np.count_nonzero(~np.isfinite(y_bg)))} "
                             "firm(s) have no (NaN) year; remove them first")
        if background_closed is not None:
            c_bg = _years(background_closed, bg.shape[0], "background closures")
        if background_weights is not None:
            bw = as_weights(background_weights, bg.shape[0], "background weights")
    elif int(n_sim) > 0 and curve_function is None:
        raise ValueError("the background firms are needed for the simulations")
    try:
        ys = np.unique(np.asarray(years, dtype=np.float64))
    except (TypeError, ValueError):
        raise ValueError("the years must be numbers, e.g. [2000, 2005, 2010]") from None
    if ys.size == 0 or not np.all(np.isfinite(ys)):
        raise ValueError("give at least one year (finite numbers)")
    d = np.asarray(distances, dtype=np.float64)
    if seed is None:
        seed = int(np.random.SeedSequence().entropy % 2147483647)
    check_progress(progress, 0.0)

    results, messages = [], []
    k = ys.size
    for t, year in enumerate(ys):
        yv = int(year) if float(year).is_integer() else float(year)
        ind = _present(y_ind, c_ind, year)
        bgi = None if bg is None else _present(y_bg, c_bg, year)
        res = YearResult(year=yv, industry=ind, background=bgi)
        results.append(res)
        if ind.size < 3:
            res.skipped = f"{ind.size} industry firm(s) in or before {yv}: need at least 3"
            messages.append(f"year {yv} skipped: {res.skipped}")
            warn(f"year {yv} skipped: {res.skipped}")
            continue

        def sub(lo, hi):
            return None if progress is None else (
                lambda f: progress((t + lo + (hi - lo) * f) / k))
        try:
            if curve_function is not None:
                res.curve = curve_function(yv, ind, bgi)
            else:
                res.curve = do_curve(
                    pts[ind], None if bg is None else bg[bgi], d, n_sim=n_sim,
                    confidence=confidence, seed=seed, bandwidth=bandwidth,
                    weights=None if w is None else w[ind],
                    background_weights=None if bw is None else bw[bgi],
                    convention=convention, method=method, progress=sub(0.0, 0.7),
                    metric=metric)
            wy = None if w is None else w[ind]
            if res.curve.h_max is not None:
                res.global_core = mclm_ldo(pts[ind], float(res.curve.h_max), weights=wy,
                                           min_share=min_share, oriented=oriented,
                                           progress=sub(0.7, 0.8), metric=metric)
            res.local = mclm_ldo(pts[ind], "local", weights=wy, min_share=min_share,
                                 oriented=oriented, progress=sub(0.8, 1.0), metric=metric)
        except Cancelled:
            raise
        except ValueError as exc:
            raise ValueError(f"year {yv}: {exc}") from None
        messages.extend(f"year {yv}: {m}" for m in getattr(res.curve, "warnings", []) or [])
        check_progress(progress, (t + 1) / k)

    # ---- stable cluster ids ----------------------------------------------
    done = [r for r in results if r.local is not None]
    per_year = [[{"members": r.industry[r.local.cluster == c.id], "rectangle": c.rectangle}
                 for c in r.local.clusters] for r in done]
    ids = track_clusters(per_year, metric)
    events = []
    previous = {}
    for r, yc, tracked in zip(done, per_year, ids):
        r.cluster_ids = np.zeros(r.industry.size, dtype=np.int64)
        now = {}
        for c, cm, tr in zip(r.local.clusters, yc, tracked):
            r.cluster_ids[r.local.cluster == c.id] = tr["id"]
            r.clusters.append(TrackedCluster(
                year=r.year, id=tr["id"], rank=int(c.id), count=int(c.count),
                p_n=float(c.p_n), ldo_mean=float(c.ldo_mean), ldo_max=float(c.ldo_max),
                centre=int(r.industry[int(c.centre)]), rectangle=np.asarray(c.rectangle),
                members=cm["members"], status=tr["status"], shared=int(tr["shared"]),
                parent=tr["parent"]))
            now[tr["id"]] = set(cm["members"].tolist())
            if tr["status"] == "new":
                events.append(f"{r.year}: cluster {tr['id']} appears ({c.count} firms)"
                              + (f", split from cluster {tr['parent']}" if tr["parent"] else ""))
            elif tr["status"] == "reappeared":
                events.append(f"{r.year}: cluster {tr['id']} reappears ({c.count} firms)")
        for cid, members in previous.items():
            if cid in now:
                continue
            into = max(((len(members & m), oid) for oid, m in now.items()), default=(0, None))
            if into[0] * 2 > len(members):
                events.append(f"{r.year}: cluster {cid} merges into cluster {into[1]} "
                              f"({into[0]} of its {len(members)} firms)")
            else:
                events.append(f"{r.year}: cluster {cid} vanishes (no longer a "
                              "significant cluster)")
        previous = now
    check_progress(progress, 1.0)
    return Evolution(years=results, distances=d, seed=seed, events=events,
                     warnings=messages)


# --------------------------------------------------------------------------
# a synthetic multi-year case (tests, docs, demos)
# --------------------------------------------------------------------------
def _ring(rng, n, centre, r_in, r_out):
    r = np.sqrt(r_in ** 2 + rng.random(n) * (r_out ** 2 - r_in ** 2))
    a = rng.random(n) * 2.0 * np.pi
    return np.column_stack((centre[0] + r * np.cos(a), centre[1] + r * np.sin(a)))


def synthetic_evolution(seed=1, closures=False):
    """A 100 x 100 square where, over 2000-2015, a cluster grows, a new one
    appears and one vanishes.

    Industry A: cluster "A" at (25, 25), 30 firms within 2 of its centre
    established in 2000, 20 more in the ring 2-2.6 in 2010 (it grows);
    cluster "B" at (75, 30), 30 firms within 2, 2000; cluster "C" at
    (50, 75), 50 firms within 2.6, 2010 (it appears); 150 scattered firms
    of 2000 and 100 of 2001-2015. Other firms M: 300 of 2000 and 200 of
    2001-2015, uniform. With survivors only, B vanishes in 2010 because the
    grown A and the new C raise the Eq. 7 threshold above B's LDO values;
    ``closures=True`` also closes B's firms in 2010 (the ``closed`` year).

    Returns a dict of arrays: industry ``points``, ``years``, ``closed``
    (NaN = open), ``group`` ("A", "B", "C" or "s" scattered), and
    ``background``, ``background_years``, ``background_closed`` (the
    industry's firms first, then M)."""
    rng = np.random.default_rng(seed)
    parts = [
        (_ring(rng, 30, (25.0, 25.0), 0.0, 2.0), 2000, np.nan, "A"),
        (_ring(rng, 30, (75.0, 30.0), 0.0, 2.0), 2000, 2010 if closures else np.nan, "B"),
        (_ring(rng, 20, (25.0, 25.0), 2.0, 2.6), 2010, np.nan, "A"),
        (_ring(rng, 50, (50.0, 75.0), 0.0, 2.6), 2010, np.nan, "C"),
        (rng.random((150, 2)) * 100.0, 2000, np.nan, "s"),
        (rng.random((100, 2)) * 100.0, rng.integers(2001, 2016, 100), np.nan, "s"),
    ]
    pts = np.concatenate([p[0] for p in parts])
    years = np.concatenate([np.broadcast_to(p[1], len(p[0])) for p in parts]).astype(float)
    closed = np.concatenate([np.broadcast_to(p[2], len(p[0])) for p in parts]).astype(float)
    group = np.concatenate([np.full(len(p[0]), p[3]) for p in parts])
    other = rng.random((500, 2)) * 100.0
    other_years = np.concatenate([np.full(300, 2000), rng.integers(2001, 2016, 200)]).astype(float)
    return {"points": pts, "years": years, "closed": closed, "group": group,
            "background": np.concatenate([pts, other]),
            "background_years": np.concatenate([years, other_years]),
            "background_closed": np.concatenate([closed, np.full(500, np.nan)])}
