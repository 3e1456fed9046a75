"""Co-localization of two industries (Duranton and Overman 2005; SPEC,
"Co-localization of two industries"): the cross K-density over the
n_A n_B pairs of A's and B's firms,

    K_AB(d) = 1/(2 h n_A n_B) Σ_i Σ_j exp(-((d - d_ij)/(√2 h))^2)

(weighted: Σ w_i w_j K / (2 h Σ w_i w_j)), h by Eq. 2 over the cross
distances with (n_A n_B)^(1/2) for N_A; or dbmss's bivariate Kd. The
counterfactual draws n_A + n_B distinct background firms, the first n_A
playing A; bands, Γ_AB, Ψ_AB as for one industry (do_curve.py).
"""
import warnings

import numpy as np

from .batch import run_jobs
from .do_curve import CurveJob, check_run, run_job
from .engine import warn_numpy_engine
from .errors import DoldoWarning, as_weights
from .geodesic import EARTH_CENTRED, prepare_points
from .industries import (code_key, economy_background, failure_reason, group_codes,
                         run_seed, stable_seed, status_of)


def co_localization(a, b, background, distances, n_sim=1000, confidence=0.05, seed=None,
                    bandwidth=None, weights_a=None, weights_b=None,
                    background_weights=None, convention="paper", progress=None,
                    metric="planar"):
    """Co-localization curve of industries ``a`` and ``b`` with its global
    band from ``background`` (all firms): a DOCurve whose ``gamma`` is
    Γ_AB(d) and ``psi`` Ψ_AB(d) (no h_max). ``bandwidth``: None = Eq. 2 on
    the cross distances of every curve; a number fixes h. "dbmss" is R
    dbmss's Kdhat(X, ReferenceType=A, NeighborType=B). ``metric``:
    "planar" or "geodesic" (longitude, latitude on WGS 84; metres)."""
    warn_numpy_engine()
    job = pair_job(a, b, background, distances, n_sim, confidence, seed, bandwidth,
                   weights_a, weights_b, background_weights, convention, metric)
    return run_job(job, progress)


def pair_job(a, b, background, distances, n_sim=1000, confidence=0.05, seed=None,
             bandwidth=None, weights_a=None, weights_b=None, background_weights=None,
             convention="paper", metric="planar"):
    """The CurveJob of the co-localization of ``a`` with ``b``."""
    if metric == "geodesic":        # the background is made Earth-centred once, here
        background = None if background is None else \
            prepare_points(background, "background firms", 1, metric)
        metric, given = EARTH_CENTRED, "geodesic"
    else:
        given = metric
    pa = prepare_points(a, "firms of industry A", 1, given)
    pb = prepare_points(b, "firms of industry B", 1, given)
    if pa.shape[0] * pb.shape[0] < 2:
        raise ValueError("a co-localization needs at least 2 pairs of firms (A x B)")
    return CurveJob(pa, background, distances, n_sim, confidence, seed, bandwidth,
                    weights_a, background_weights, convention,
                    partner=pb, partner_weights=weights_b, metric=metric)


def pair_status(curve):
    """"co-localized" (Γ_AB > 0), "dispersed" (Γ_AB = 0, Ψ_AB > 0),
    "neither", or "not tested" without simulations."""
    if curve.gamma_sum is None:
        return "not tested (no simulations)"
    got = status_of(curve)
    return "co-localized" if got == "localized" else got


def pair_seed(seed, code_a, code_b):
    """The seed the pair (code_a, code_b) draws with in a run seeded ``seed``."""
    return stable_seed(seed, "co-localization", code_a, code_b)


def co_localizations(points, industries, distances, codes=None, top=10, background=None,
                     n_sim=1000, confidence=0.05, seed=None, weights=None,
                     background_weights=None, convention="paper", executor=None,
                     progress=None, metric="planar"):
    """Co-localization of every pair (A, B) of ``codes`` (default: the
    ``top`` largest industries, by firms), A before B in code order however
    the codes were given. Returns
    (records, curves): one record per pair (industry_a, industry_b,
    firms_a, firms_b, gamma_sum, psi_sum, status; a failed pair has status
    "skipped: <reason>") and {(A, B): DOCurve}. Each pair draws with
    pair_seed(seed, A, B), whatever the batch and the executor."""
    warn_numpy_engine()
    pts = prepare_points(points, "firms", 1, metric)
    n = pts.shape[0]
    w = as_weights(weights, n, "firm weights")
    bg, bgw = economy_background(pts, w, background, background_weights, metric)
    job_metric = EARTH_CENTRED if metric == "geodesic" else "planar"
    d, n_sim, _ = check_run(distances, n_sim, confidence, convention)
    seed = run_seed(seed)
    all_codes, groups, _ = group_codes(industries, n)
    members = dict(zip(all_codes, groups))
    if codes is None:
        if isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 2:
            raise ValueError(f"top must be a whole number >= 2, got {top!r}")
        by_size = sorted(all_codes, key=lambda c: -members[c].size)
        chosen = by_size[:int(top)]
        chosen = [c for c in all_codes if c in chosen]
    else:
        known = {str(c): c for c in all_codes}      # as printed ("2511.0")...
        known.update({code_key(c): c for c in all_codes})   # ... or by its key
        chosen = []
        for c in codes:
            got = known.get(code_key(c.strip() if isinstance(c, str) else c))
            if got is None:
                raise ValueError(f"industry {c!r} has no firms (codes: "
                                 f"{', '.join(map(str, all_codes[:12]))}"
                                 f"{' ...' if len(all_codes) > 12 else ''})")
            if got not in chosen:
                chosen.append(got)
        chosen = [c for c in all_codes if c in chosen]     # in code order, as the top's
    if len(chosen) < 2:
        raise ValueError("a co-localization needs two industries: "
                         f"{len(chosen)} given or found")
    pairs = [(x, y) for i, x in enumerate(chosen) for y in chosen[i + 1:]]
    jobs = []
    for x, y in pairs:
        ix, iy = members[x], members[y]
        try:
            jobs.append(pair_job(pts[ix], pts[iy], bg, d, n_sim, confidence,
                                 pair_seed(seed, x, y), None,
                                 None if w is None else w[ix],
                                 None if w is None else w[iy], bgw, convention,
                                 job_metric))
        except ValueError as exc:
            jobs.append(exc)
    done = run_jobs(jobs, executor, progress)
    records, curves = [], {}
    for (x, y), got in zip(pairs, done):
        rec = dict(industry_a=x, industry_b=y, firms_a=int(members[x].size),
                   firms_b=int(members[y].size), gamma_sum=None, psi_sum=None)
        if isinstance(got, BaseException):
            rec["status"] = f"skipped: {failure_reason(got)}"
        else:
            curves[(x, y)] = got
            rec.update(gamma_sum=got.gamma_sum, psi_sum=got.psi_sum,
                       status=pair_status(got))
            for msg in got.warnings:
                warnings.warn(f"pair {x}-{y}: {msg}", DoldoWarning, stacklevel=2)
        records.append(rec)
    return records, curves
