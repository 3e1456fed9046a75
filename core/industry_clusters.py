"""Clusters of every industry (SPEC, "Clusters of every industry"): for each
industry of an economy the framework's chain of the paper's figure 1, DO
curve and global band -> h_max (section 2.2.2) -> MCLM-LDO core firms and
clusters at the global scale (ĥ = h_max, sections 2.2.3-2.2.4) -> the same
at the local scale (adaptive h_i).

The curves are do_industries' (each industry draws with
``industry_seed(seed, code)``); the two scales of each industry are one
task on the same executor. An industry's result is therefore the chain run
alone on it, ``mclm_ldo(a, do_curve(a, ..., seed=industry_seed(seed,
code)).h_max)`` and ``mclm_ldo(a, "local")``, in any batch, on any
executor. Industries without a real h_max (Γ(A,d) neither falls to 0 nor
has a significant trough inside the distances, or no agglomeration at the
first distance) get no global scale; their local scale still runs.
"""
from dataclasses import dataclass, field
from typing import Dict, List

import numpy as np

from .geodesic import Aeqd, centre_of, check_metric, prepare_points
from .do_curve import find_h_max
from .errors import as_points, as_weights
from .batch import within_worker
from .executor import Runner
from .industries import LOCALIZED, do_industries, group_codes

NO_GLOBAL = "no global scale"



@dataclass
class IndustryClusters:
    """industry_clusters' result: lists of records (dicts), and per
    industry the curve and both MCLM-LDO results."""
    summary: List[dict]
    firms: List[dict]
    clusters: List[dict]
    industries: list                       # codes whose clusters were computed
    curves: Dict[object, object]           # code -> DOCurve (every analysed code)
    global_results: Dict[object, object]   # code -> mclm_ldo result (real h_max only)
    local_results: Dict[object, object]    # code -> mclm_ldo result at the local scale
    index: Dict[object, np.ndarray]        # code -> the firms' rows in ``points``
    distances: np.ndarray = None
    seed: int = 0
    warnings: List[str] = field(default_factory=list)


def real_h_max(curve):
    """(h_max, None) when the curve has a real h_max, else (None, reason):
    SPEC's h_max with the last distance as a fallback is no scale."""
    if curve.gamma is None:
        return None, "no band (no simulations)"
    h, reason = find_h_max(curve.distances, curve.gamma, curve.h_max_rule)
    if h is None:
        return None, reason
    if reason == "last":
        return None, ("Γ(A,d) neither falls to 0 nor has a significant trough inside "
                      "the distances")
    return h, None


def chain_task(points, weights, h_max, metric="planar", tick=None):
    """Task: (global result or None, local result) of one industry; on a
    dask worker on one thread (the worker runs one task per thread). The
    smallest cluster has two firms (core_firms)."""
    from .mclm import mclm_ldo

    def run():
        glob = None if h_max is None else mclm_ldo(points, float(h_max), weights=weights,
                                                   metric=metric)
        if tick is not None:
            tick(0.5)
        return glob, mclm_ldo(points, "local", weights=weights, metric=metric)
    return within_worker(run)


def _scaled(progress, lo, hi):
    if progress is None:
        return None
    return lambda f: progress(lo + (hi - lo) * f)


def _cluster_records(code, scale, result, pts, metric="planar"):
    out = []
    for c in result.clusters:
        rect = np.asarray(c.rectangle, dtype=np.float64)
        # geodesic: the rectangle's corners are longitude, latitude; its area
        # in m² is taken in the local azimuthal equidistant projection it was
        # made in (SPEC, geodesic distances)
        xy = rect if metric == "planar" else Aeqd(*centre_of(rect)).forward(rect)
        x, y = xy[:, 0], xy[:, 1]
        area = float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2.0)
        centre = pts[int(c.centre)]
        out.append(dict(industry=code, scale=scale, cluster=int(c.id), firms=int(c.count),
                        P_n=float(c.p_n), ldo_mean=float(c.ldo_mean),
                        ldo_max=float(c.ldo_max),
                        centre=(float(centre[0]), float(centre[1])),
                        rectangle=rect, area=area))
    return out


def industry_clusters(points, industries, distances, background=None, n_sim=1000,
                      confidence=0.05, seed=None, min_firms=10, weights=None,
                      background_weights=None, only_localized=True, metric="planar",
                      executor=None, progress=None):
    """The framework's chain for every industry of ``points`` (one code per
    firm in ``industries``). ``only_localized``: the scales run only for
    localized industries (Γ(A) > 0), else for every analysed one.

    Returns ``.summary`` (per industry: industry, firms, gamma_sum, h_max
    (None without a real one), global_core_firms, local_core_firms,
    clusters (local scale), share_in_clusters (local core firms / firms),
    status), ``.firms`` (per firm whose clusters were computed: firm (row
    in ``points``), industry, ldo_global, core_global, cluster_global (None
    without a global scale), h_i, ldo_local, core_local, cluster_local; 0 =
    no cluster) and ``.clusters`` (per industry, scale "global" / "local"
    and cluster: firms, P_n, ldo_mean, ldo_max, centre (x, y), rectangle
    (4, 2), area)."""
    check_metric(metric)
    pts = as_points(points, "firms", minimum=1)
    if metric == "geodesic":
        prepare_points(pts, "firms", 1, metric)      # longitudes and latitudes checked
    w = as_weights(weights, pts.shape[0], "firm weights")
    curves_of = do_industries(pts, industries, distances, background=background,
                              n_sim=n_sim, confidence=confidence, seed=seed,
                              min_firms=min_firms, weights=w,
                              background_weights=background_weights,
                              executor=executor, progress=_scaled(progress, 0.0, 0.7),
                              metric=metric)
    codes, groups, _ = group_codes(industries, pts.shape[0])
    rows = {code: idx for code, idx in zip(codes, groups)}
    todo, scale_of, reasons = [], {}, {}
    for rec in curves_of.summary:
        code = rec["industry"]
        if code not in curves_of.curves:
            continue
        if only_localized and rec["status"] != LOCALIZED:
            continue
        h, why = real_h_max(curves_of.curves[code])
        scale_of[code], reasons[code] = h, why
        todo.append(code)
    runner = Runner(executor)
    messages = list(curves_of.warnings) + list(runner.messages)
    costs = [float(rows[c].size) ** 2 * (2 if scale_of[c] is not None else 1) for c in todo]
    # largest first on an executor (they finish together); same results
    order = sorted(range(len(todo)), key=lambda k: -costs[k]) if runner.kind != "in process" \
        else list(range(len(todo)))
    done = {}

    def tasks():
        for k in order:
            code = todo[k]
            idx = rows[code]
            yield chain_task, (pts[idx], None if w is None else w[idx], scale_of[code], metric)

    def on_result(i, value, error):
        done[todo[order[i]]] = value if error is None else error

    runner.run(tasks(), [costs[k] for k in order], _scaled(progress, 0.7, 1.0), on_result)

    summary, firm_recs, cluster_recs = [], [], []
    glob_res, loc_res, analysed = {}, {}, []
    for rec in curves_of.summary:
        code = rec["industry"]
        out = dict(industry=code, firms=rec["firms"], gamma_sum=rec["gamma_sum"],
                   h_max=None, global_core_firms=None, local_core_firms=None,
                   clusters=None, share_in_clusters=None, status=rec["status"])
        summary.append(out)
        if code not in done:
            continue
        got = done[code]
        if isinstance(got, BaseException):
            out["status"] = f"{rec['status']}; clusters failed: {got}"
            messages.append(f"industry {code}: its clusters failed ({got})")
            continue
        glob, loc = got
        idx = rows[code]
        sub = pts[idx]
        analysed.append(code)
        loc_res[code] = loc
        out.update(local_core_firms=int(loc.is_core.sum()), clusters=len(loc.clusters),
                   share_in_clusters=float(loc.is_core.sum()) / idx.size)
        if glob is not None:
            glob_res[code] = glob
            out.update(h_max=float(scale_of[code]), global_core_firms=int(glob.is_core.sum()))
            cluster_recs += _cluster_records(code, "global", glob, sub, metric)
        else:
            out["status"] = f"{rec['status']}; {NO_GLOBAL} (no h_max: {reasons[code]})"
        cluster_recs += _cluster_records(code, "local", loc, sub, metric)
        for k in range(idx.size):
            firm_recs.append(dict(
                firm=int(idx[k]), industry=code,
                ldo_global=None if glob is None else float(glob.ldo[k]),
                core_global=None if glob is None else bool(glob.is_core[k]),
                cluster_global=None if glob is None else int(glob.cluster[k]),
                h_i=float(loc.h[k]), ldo_local=float(loc.ldo[k]),
                core_local=bool(loc.is_core[k]), cluster_local=int(loc.cluster[k])))
    return IndustryClusters(summary=summary, firms=firm_recs, clusters=cluster_recs,
                            industries=analysed, curves=curves_of.curves,
                            global_results=glob_res, local_results=loc_res,
                            index={c: rows[c] for c in analysed},
                            distances=curves_of.distances, seed=curves_of.seed,
                            warnings=messages)
