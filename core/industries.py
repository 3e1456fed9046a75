"""Every industry of an economy (Duranton and Overman 2005, section 4; SPEC,
"Every industry of an economy"): one DO curve and global band per industry
code, the classification localized / dispersed / neither, and the share of
industries localized and dispersed at each distance.

Each industry draws with ``industry_seed(seed, code)``, never with its
position in the batch: its curve is do_curve's, bit for bit, alone or in
any batch, on any executor (batch.py).
"""
import hashlib
import warnings
from dataclasses import dataclass, field
from typing import Dict, List

import numpy as np

from .batch import run_jobs
from .do_curve import CurveJob, DOCurve, check_run
from .engine import warn_numpy_engine
from .errors import DoldoWarning, as_weights, check_seed, whole_number
from .geodesic import EARTH_CENTRED, FFT_REFUSED, prepare_points

LOCALIZED, DISPERSED, NEITHER = "localized", "dispersed", "neither"


def code_key(code):
    """The text a code is known by: integral numbers as integers (2511,
    2511.0 and "2511" are one industry), anything else as str()."""
    if isinstance(code, (bool, np.bool_)):
        return str(code)
    if isinstance(code, (int, np.integer)):
        return str(int(code))
    if isinstance(code, (float, np.floating)) and float(code).is_integer():
        return str(int(code))
    return str(code)


def stable_seed(seed, *codes):
    """A 64-bit seed from the run's seed and the codes (SeedSequence over
    the seed and a hash of the codes' text; the same in every process)."""
    if seed is None:
        raise ValueError("a seed is needed to derive the seeds of the industries")
    try:
        entropy = int(seed)
    except (TypeError, ValueError):
        raise ValueError(f"the seed must be a whole number >= 0, got {seed!r}") from None
    if entropy != seed or entropy < 0:
        raise ValueError(f"the seed must be a whole number >= 0, got {seed!r}")
    text = "\x1f".join(code_key(c) for c in codes).encode("utf-8")
    key = int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "little")
    ss = np.random.SeedSequence([entropy, key])
    return int(ss.generate_state(1, dtype=np.uint64)[0])


def industry_seed(seed, code):
    """The seed industry ``code`` draws with in a run seeded ``seed``."""
    return stable_seed(seed, code)


def run_seed(seed):
    """The run's seed: ``seed``, or fresh entropy when None (recorded)."""
    if check_seed(seed) is None:
        return int(np.random.SeedSequence().entropy % (1 << 63))
    return int(seed)


@dataclass
class Industries:
    """do_industries' result."""
    distances: np.ndarray
    industries: list                      # the codes analysed, sorted
    summary: List[dict]                   # one record per code, skipped ones too
    curves: Dict[object, DOCurve]
    share_localized: np.ndarray           # per distance: share with Γ(A,d) > 0
    share_dispersed: np.ndarray           # per distance: share with Ψ(A,d) > 0
    seed: int = 0
    n_sim: int = 0
    confidence: float = 0.05
    unassigned: int = 0                   # firms without a code
    warnings: List[str] = field(default_factory=list)


def status_of(curve):
    """SPEC's classification: localized when Γ(A) > 0, dispersed when
    Γ(A) = 0 and Ψ(A) > 0, neither otherwise."""
    if curve.gamma_sum > 0:
        return LOCALIZED
    return DISPERSED if curve.psi_sum > 0 else NEITHER


def record(code, firms, curve=None, reason=None):
    """One summary record (skipped: ``reason``)."""
    rec = dict(industry=code, firms=int(firms), gamma_sum=None, psi_sum=None,
               h_max=None, bandwidth=None, peak_distance=None,
               status=f"skipped: {reason}")
    if curve is not None:
        rec.update(gamma_sum=curve.gamma_sum, psi_sum=curve.psi_sum, h_max=curve.h_max,
                   bandwidth=curve.bandwidth, status=status_of(curve),
                   peak_distance=float(curve.distances[int(np.argmax(curve.gamma))])
                   if curve.gamma_sum > 0 else None)
    return rec


def failure_reason(exc):
    """The reason an industry failed, in a user's words."""
    if isinstance(exc, ValueError):
        return str(exc)
    return f"internal error ({type(exc).__name__}: {exc})"


def economy_background(pts, w, background, background_weights, metric="planar"):
    """(background, its weights), checked: all of ``pts`` (with ``w``) when
    ``background`` is None; weighted firms need weighted background firms.
    ``metric="geodesic"``: the background's Earth-centred points."""
    if background is None:
        return pts, w
    bg = prepare_points(background, "background firms", 1, metric)
    bgw = as_weights(background_weights, bg.shape[0], "background weights")
    if w is not None and bgw is None:
        raise ValueError("weighted DO curves need the background firms' weights too "
                         "(the draws carry their weights)")
    return bg, bgw


def no_code(c):
    """True for a firm without an industry: None, NaN or blank text."""
    return c is None or (isinstance(c, (float, np.floating)) and np.isnan(c)) \
        or (isinstance(c, str) and not c.strip())


def group_codes(industries, n):
    """(codes as Python scalars, sorted; firm index arrays; firms without a
    code). None, NaN and empty text are no code."""
    arr = np.asarray(industries, dtype=object).ravel()
    if arr.size != n:
        raise ValueError(f"one industry code per firm is needed: {arr.size} codes "
                         f"for {n} firms")
    keys = np.empty(n, dtype=object)
    missing = np.zeros(n, dtype=bool)
    first = {}
    for i, c in enumerate(arr):
        if no_code(c):
            missing[i] = True
            continue
        k = code_key(c)
        keys[i] = k
        first.setdefault(k, c.item() if isinstance(c, np.generic) else c)
    order = sorted(first, key=lambda k: _sort_key(first[k]))
    groups = {k: [] for k in order}
    for i in np.flatnonzero(~missing):
        groups[keys[i]].append(i)
    return [first[k] for k in order], [np.asarray(groups[k], dtype=np.int64)
                                       for k in order], int(missing.sum())


def _sort_key(code):
    """Numbers in numeric order before text in text order."""
    if isinstance(code, (int, float, np.integer, np.floating)) and not isinstance(code, bool):
        return (0, float(code), "")
    return (1, 0.0, str(code))


def do_industries(points, industries, distances, background=None, n_sim=1000,
                  confidence=0.05, seed=None, min_firms=10, weights=None,
                  background_weights=None, method="exact", executor=None,
                  progress=None, metric="planar"):
    """DO curves of every industry of ``points`` (``industries``: one code
    per firm), each with its global band from ``background`` (default: all
    of ``points``), classified as SPEC says. Industries with fewer than
    ``min_firms`` firms, or whose curve fails, are recorded as skipped with
    the reason. ``executor``: None (in process), a concurrent.futures
    Executor or a dask.distributed Client. ``progress(fraction) -> True``
    cancels (raises Cancelled). ``metric="geodesic"``: (longitude, latitude)
    on WGS 84, distances in metres (made Earth-centred once for all)."""
    warn_numpy_engine()
    pts = prepare_points(points, "firms", 1, metric)
    n = pts.shape[0]
    w = as_weights(weights, n, "firm weights")
    bg, bgw = economy_background(pts, w, background, background_weights, metric)
    if metric == "geodesic" and method == "fft":
        raise ValueError(FFT_REFUSED)
    job_metric = EARTH_CENTRED if metric == "geodesic" else "planar"
    message = f"min_firms must be a whole number >= 3 (Eq. 2 needs 3 firms), got {min_firms!r}"
    if whole_number(min_firms, message) < 3:
        raise ValueError(message)
    d, n_sim, _ = check_run(distances, n_sim, confidence, method=method)
    if n_sim == 0:
        raise ValueError("classifying industries needs simulations (n_sim > 0)")
    seed = run_seed(seed)
    codes, groups, unassigned = group_codes(industries, n)
    summary, jobs, where = [], [], []
    for code, idx in zip(codes, groups):
        if idx.size < min_firms:
            summary.append(record(code, idx.size, reason=f"fewer than {int(min_firms)} "
                                                         f"firms ({idx.size})"))
            continue
        if idx.size >= bg.shape[0]:
            summary.append(record(code, idx.size, reason=(
                "the industry holds every firm of the background" if background is None
                else f"the industry has at least as many firms as the background "
                     f"({bg.shape[0]})") + ": no counterfactual to draw"))
            continue
        try:
            job = CurveJob(pts[idx], bg, d, n_sim, confidence, industry_seed(seed, code),
                           None, None if w is None else w[idx], bgw, method=method,
                           metric=job_metric)
        except ValueError as exc:       # this industry's firms (e.g. at one point)
            job = exc
        jobs.append(job)
        where.append((len(summary), code, idx.size))
        summary.append(None)
    done = run_jobs(jobs, executor, progress)
    curves, analysed, messages = {}, [], []
    for (pos, code, size), got in zip(where, done):
        if isinstance(got, BaseException):
            summary[pos] = record(code, size, reason=failure_reason(got))
            continue
        curves[code] = got
        analysed.append(code)
        summary[pos] = record(code, size, got)
        for msg in got.warnings:
            messages.append(f"industry {code}: {msg}")
    if analysed:
        share_loc = np.mean([curves[c].gamma > 0 for c in analysed], axis=0)
        share_dis = np.mean([curves[c].psi > 0 for c in analysed], axis=0)
    else:
        share_loc = np.zeros(d.size)
        share_dis = np.zeros(d.size)
    for msg in messages:
        warnings.warn(msg, DoldoWarning, stacklevel=2)
    return Industries(distances=d, industries=analysed, summary=summary, curves=curves,
                      share_localized=share_loc, share_dispersed=share_dis, seed=seed,
                      n_sim=n_sim, confidence=float(confidence), unassigned=unassigned,
                      warnings=messages)
