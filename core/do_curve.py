"""The DO curve (section 2.1): K-density, global confidence bands, Γ, Ψ, h_max.

- Eq. 1: DO(A,d) = 1/(h N_A (N_A-1)) Σ_{i<j} exp(-((d - d_ij)/(√2 h))^2);
  weighted: Σ w_i w_j K / (2 h Σ_{i<j} w_i w_j) (equal to Eq. 1 for w = 1).
- Eq. 2 (``bandwidth.py``) per curve; every simulated draw its own h.
- Steps (1)-(5): m draws of N_A firms without replacement from the
  background; the global upper band and, mirrored, the lower band.
- Eq. 3: Γ(A,d) = max(DO_obs - upper, 0); Eq. 11: Γ(A) = Σ_d Γ(A,d);
  Ψ(A,d) = max(lower - DO_obs, 0) where Γ(A) = 0 (Duranton-Overman 2005).
- h_max (section 2.2.2) as SPEC.md fixes it.
"""
import math
import warnings
from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np
from scipy.spatial.distance import pdist

from . import cross_pairs, memory
from .kernels import small
from .kernels.moments import grid_sum, moment_bins, reflect_sum, taylor_sum
from .kernels.small import small_curves
from .kernels.arcs import arc_np
from .engine import backend, warn_numpy_engine
from .bandwidth import (_shift, pair_bandwidth, bandwidth_from_distances, COLOCATED, eq2_from_sums,
                        dbmss_pairs_needed, dbmss_pilot_bandwidth,
                        pilot_bandwidth, pilot_terms, sum_sq_distances,
                        quantile_from_histogram, exact_std, silverman,
                        PILOT_MARGIN)
from .errors import (as_weights, positive, check_progress, whole_number,
                     check_seed, DoldoWarning)
from .pairs import (FRAC_BITS, moment_histogram, grid_bins, grid_histogram, grid_step,
                    FUSED_MAX_BINS)
from .tiles import Tiles
from .fft import fft_curve, CELLS_PER_H
from .geodesic import (EARTH_CENTRED, FFT_REFUSED, POLY_ARC_LIMIT, R_ARC, arc, check_metric,
                       prepare_points)


class _XY:
    """Just the coordinates pilot_bandwidth reads."""
    split = 0
    z = None
    pair_distances = Tiles.pair_distances

    def __init__(self, x, y):
        self.x, self.y, self.n = x, y, len(x)
        self.n_eq2 = self.n

CUTOFF_H = 8.5      # pairs farther than Dmax + 8.5 h add < 1e-15 of the peak
BINS_PER_H = 64     # Taylor error of the moment histogram ~ (1/128)^3
SQRT_2PI = math.sqrt(2.0 * math.pi)
METHODS = ("exact", "auto", "fft")
# "auto" takes the FFT approximation from this many industry firms on: the
# exact curve costs O(n^2) (about 3 s at 75,275 firms on 2 cores, so 20 min
# for m = 400), the FFT one O(raster) (~0.4 s); below 50,000 firms the exact
# run with m = 400 stays under ~10 minutes on such a machine.
AUTO_FFT_N = 50_000
FFT_MESSAGE = ("approximate DO curves (method 'fft': pair distances from the "
               "FFT autocorrelation of a count raster, cells h/{cph} or "
               "finer); error below 1e-3 of DO (about 2e-4 from 10,000 firms) "
               "and about 1e-4 of h; use method='exact' for the exact formula")
CONVENTIONS = ("paper", "dbmss")


@dataclass
class DOCurve:
    """A DO curve, its confidence band and the localization index."""
    distances: np.ndarray
    observed: np.ndarray
    upper: Optional[np.ndarray]
    lower: Optional[np.ndarray]
    gamma: Optional[np.ndarray]
    gamma_sum: Optional[float]
    psi: Optional[np.ndarray]
    psi_sum: Optional[float]
    h_max: Optional[float]
    bandwidth: float
    n_sim: int = 0
    confidence: float = 0.05
    convention: str = "paper"
    method: str = "exact"
    upper_rank: Optional[int] = None
    lower_rank: Optional[int] = None
    simulations: Optional[np.ndarray] = None
    simulated_bandwidths: Optional[np.ndarray] = None
    h_max_reason: str = ""
    h_max_rule: str = "significant trough"
    h_max_halves: Optional[tuple] = None   # h_max of simulations 1..m/2, m/2+1..m
    h_max_at_end: bool = False  # h_max is only the last distance (Γ never came back to 0)
    warnings: List[str] = field(default_factory=list)


def _check_pair_weights(w):
    """A weighted curve needs a pair of positive weight (Σ_{i<j} w_i w_j > 0),
    so two firms of weight > 0 (a pair of industries has one in each, as
    each industry's weights are not all 0)."""
    k = int(np.count_nonzero(w > 0))
    if k < 2:
        raise ValueError(f"only {k} of the industry's {w.size} firms has a weight > 0: "
                         "a weighted DO curve needs two (a firm of weight 0 is in no pair)")


def _pair_weight_total(w, n):
    """Σ_{i<j} w_i w_j (n(n-1)/2 without weights)."""
    if w is None:
        return n * (n - 1) / 2.0
    s = float(np.sum(w))
    return (s * s - float(np.sum(w * w))) / 2.0


def _tiles_weight_total(tiles):
    """The pair weight total of tiled firms: Σ_{i<j} w_i w_j, or across two
    sets Σ_A w · Σ_B w (n_A n_B without weights)."""
    if not tiles.split:
        return _pair_weight_total(tiles.w, tiles.n)
    if tiles.w is None:
        return float(tiles.pairs)
    k = tiles.n_first
    return float(np.sum(tiles.w[:k])) * float(np.sum(tiles.w[k:]))


# The paths by size, chosen by measurement (benchmarks/small_sets.py,
# benchmarks/crossover.py) so that pairs per second never fall as n grows:
# up to SMALL_N firms the small-set batch kernel (numba) or explicit
# distances (numpy); from FUSED_N the fused single pass over tiles; between,
# the two-pass tiled path. On numba the fused pass overtakes the batch
# kernel between 2,500 and 3,000 firms (paper and weighted) and between
# 1,500 and 2,500 for dbmss (whose batch kernel pays for two quartiles and
# the reflection), depending on the shape: the thresholds are where the
# worst loss over the six shapes is smallest.
SMALL_N = 2700      # numba engine
SMALL_N_NUMPY = 2000
SMALL_N_DBMSS = 1999


def _small_n(convention="paper"):
    n = SMALL_N if backend() == "numba" else min(SMALL_N, SMALL_N_NUMPY)
    return min(n, SMALL_N_DBMSS) if convention == "dbmss" else n


def _moments_from_distances(d, ww, lo, cutoff, delta):
    """The moment histogram of ``pairs.moment_histogram`` from explicit
    pair distances (small sets): pairs lo <= d < cutoff, bins from lo."""
    nb = max(1, int(math.ceil((cutoff - lo) / delta)))
    weighted = ww is not None
    return moment_bins(d, ww if weighted else d[:0], weighted, float(lo),
                        float(cutoff), float(delta), nb)


MAX_SEGMENT_BINS = 1 << 20  # bins of one histogram pass (24 MB)


def _segments(distances, h, delta, maxd):
    """Distance ranges whose pairs matter: the windows d ± (8.5 h + delta)
    of the thresholds, cut at the largest pair distance, merged while a
    merged range stays below MAX_SEGMENT_BINS bins. Memory is then bounded
    by the number of thresholds, never by Dmax / h.
    Returns [(lo, hi, [threshold indices])]."""
    reach = CUTOFF_H * h + delta
    top = maxd + delta
    segs = []
    for t, d in enumerate(distances):
        lo = max(d - reach, 0.0)
        hi = min(d + reach, top)
        if lo >= hi:  # no pair within reach: DO is 0 there
            continue
        lo = math.floor(lo / delta) * delta  # bins on one global grid
        if segs and (hi - segs[-1][0]) / delta <= MAX_SEGMENT_BINS:
            segs[-1][1] = max(segs[-1][1], hi)
            segs[-1][2].append(t)
        else:
            segs.append([lo, hi, [t]])
    return segs


def _curve(hist_fn, distances, h, convention, pairs, maxd):
    """Eq. 1 (or dbmss's Kd) from moment histograms ``hist_fn(lo, hi,
    delta)`` of the pair distances, one per segment of thresholds."""
    delta = h / BINS_PER_H
    out = np.zeros(len(distances))
    dist = np.ascontiguousarray(distances, dtype=np.float64)
    reach = CUTOFF_H * h + delta
    for lo, hi, idx in _segments(dist, h, delta, maxd):
        hist = hist_fn(lo, hi, delta)
        out[idx] = taylor_sum(np.ascontiguousarray(hist), float(delta), float(lo),
                               dist[idx], float(h), reach)
    if convention == "dbmss":
        # dbmss reflects the pairs with d_k <= 4h: φ((r + d_k)/h)
        r_hi = min(4.0 * h, maxd + delta)
        hist = hist_fn(0.0, r_hi, delta)
        out += reflect_sum(np.ascontiguousarray(hist), float(delta), dist, float(h))
        return out / (SQRT_2PI * h * pairs)
    return out / (2.0 * h * pairs)


def kernel_density(tiles, distances, h, convention="paper"):
    """Eq. 1 (or dbmss's Kd) at ``distances`` for firms already tiled.

    The pair distances within 8.5 h of a threshold go into histograms of
    bins h/64 wide that keep per bin the weight and the first two moments
    about the bin centre; the Gaussian sum is then a second-order Taylor
    expansion per bin (relative error ~1e-7 of the kernel).
    """
    return _curve(lambda lo, hi, delta: moment_histogram(tiles, hi, delta, lo),
                  distances, h, convention, _tiles_weight_total(tiles), tiles.diameter)


def _explicit_curve(p, w, distances, fixed_h, convention, dlim, what, na=0):
    """The curve from explicit pair distances (scipy's pdist; the numpy
    engine's small sets, and curves the batch kernel hands back). na > 0:
    the cross pairs of p[:na] with p[na:] (co-localization), by blocks."""
    centred = p - p.mean(axis=0)
    geo = p.shape[1] == 3       # Earth-centred points: arcs (SPEC, geodesic)
    if na > 0:
        return _explicit_cross(centred[:na], centred[na:], None if w is None else w[:na],
                               None if w is None else w[na:], distances, fixed_h,
                               convention, dlim, what)
    d = pdist(centred)
    if geo:
        d = arc_np(d)           # in place
    ww = None
    if w is not None:
        i, j = np.triu_indices(len(p), 1)
        ww = w[i] * w[j]
    colocated = False
    if fixed_h is not None:
        h = fixed_h
    else:
        h, colocated = bandwidth_from_distances(d, len(p), convention, dlim, what)
    maxd = float(d.max()) if d.size else 0.0
    curve = _curve(lambda lo, hi, delta: _moments_from_distances(d, ww, lo, hi, delta),
                   distances, h, convention, _pair_weight_total(w, len(p)), maxd)
    return curve, h, colocated


def _explicit_cross(pa, pb, wa, wb, distances, fixed_h, convention, dlim, what):
    """The co-localization curve of A and B from their cross distances:
    Eq. 1 over the n_A n_B pairs, Eq. 2 with (n_A n_B)^(1/2) for N_A (SPEC),
    or dbmss's Kd; by blocks of rows (cross_pairs)."""
    na, nb = pa.shape[0], pb.shape[0]
    top = float(np.linalg.norm(np.r_[pa, pb].max(axis=0) - np.r_[pa, pb].min(axis=0)))
    if pa.shape[1] == 3:        # Earth-centred points: the arc of the diagonal
        top = float(arc(min(top, 2 * R_ARC))) * (1 + 1e-9) + 1.0
    colocated = False
    if fixed_h is not None:
        h = fixed_h
    else:
        probs = (0.25, 0.75) if convention == "dbmss" else (0.25,)
        count, s1, s2, q = cross_pairs.quantiles(pa, pb, probs, dlim, top * (1 + 1e-9))
        if convention == "dbmss":
            dbmss_pairs_needed(count, dlim)
        h, colocated, _ = eq2_from_sums(convention, count, s1, s2, q, math.sqrt(na * nb),
                                        dlim, what)
    total = float(na * nb) if wa is None else float(wa.sum()) * float(wb.sum())
    curve = _curve(lambda lo, hi, delta: cross_pairs.moments(
        pa, pb, wa, wb, lo, hi, delta, _moments_from_distances),
        distances, h, convention, total, top)
    return curve, h, colocated


def _small_batch(pool, pool_w, idx, distances, fixed_h, convention, dlim, what,
                 tick=None, na=0):
    """Curves of the draws ``idx`` (m, n) of ``pool`` by the small-set batch
    kernel; the curves it hands back (REDO) by the explicit form. Returns
    (curves, h, colocated flags); a draw without an Eq. 2 bandwidth raises
    the explicit form's ValueError. na > 0: cross pairs of each draw's first
    na firms with its others. Earth-centred points (3 columns) take the
    explicit form for every draw on the numpy engine."""
    if pool.shape[1] == 3 and backend() != "numba":
        m = idx.shape[0]
        curves = np.empty((m, len(distances)))
        hs = np.empty(m)
        col = np.zeros(m, dtype=bool)
        for s in range(m):
            pw = None if pool_w is None else pool_w[idx[s]]
            curves[s], hs[s], col[s] = _explicit_curve(pool[idx[s]], pw, distances, fixed_h,
                                                       convention, dlim, what, na)
            if tick is not None:
                tick((s + 1.0) / m)
        return curves, hs, col
    curves, hs, status = small_curves(
        np.ascontiguousarray(pool[:, 0]), np.ascontiguousarray(pool[:, 1]),
        None if pool_w is None else np.ascontiguousarray(pool_w), idx, distances,
        0.0 if fixed_h is None else fixed_h, convention == "dbmss", dlim, tick, na,
        np.ascontiguousarray(pool[:, 2]) if pool.shape[1] == 3 else None)
    for s in np.flatnonzero(status >= small.ONE_LOCATION):
        pw = None if pool_w is None else pool_w[idx[s]]
        curves[s], hs[s], c = _explicit_curve(pool[idx[s]], pw, distances, fixed_h,
                                              convention, dlim, what, na)
        status[s] = small.COLOCATED if c else small.OK
    return curves, hs, status == small.COLOCATED


FUSED_N = 2700          # from this size the fused single pass (numba engine)
FUSED_N_NUMPY = 2000
FUSED_N_DBMSS = 1999


def _fused_n(convention="paper"):
    n = FUSED_N if backend() == "numba" else min(FUSED_N, FUSED_N_NUMPY)
    return min(n, FUSED_N_DBMSS) if convention == "dbmss" else n
MIN_BINS_PER_H = 400    # linear binning error <= (delta/h)^2/8 |u^2 - 1|
DIST_REL_ERR = 1e-6     # bound of the float32 distance error, relative
STD_MARGIN = 1.25       # the pilot's std within 25 % of Q1/1.34: gather the std
EXACT_MARGIN = 1.02     # within 2 % (the std likely decides): in float64 rows


def _fused_curve(tiles, distances, fixed_h, what, tick=None):
    """Eq. 2 and Eq. 1 from one pass over the pairs (large sets, paper
    convention; weighted too: the pair weights w_i w_j are binned on the
    same grid, while Eq. 2 stays on the pair distances' counts). Returns (curve, h, colocated), or None when the data
    do not suit the grid histogram (the caller then takes the two-pass
    path).

    The pass bins every pair distance below ext = Dmax + 8.5 h' (h' a
    pilot h from sampled pairs with a margin, or the fixed h) by linear
    binning on a grid of up to 65,534 steps delta <= h/400, exact integer
    counts (float32 distances relative to tile origins: ~6e-8 relative). Eq. 2's lower
    quartile is then exact (the histogram locates it, a narrow float64
    window pass collects it); its std is needed only when it could be the
    smaller term: the std is bounded from below by Σd^2 (closed form) and an
    upper bound of Σd from the histogram. When the pilot foresees that the
    std may decide (within STD_MARGIN), the same pass also sums the
    distances of the pairs it does not bin, so the exact std needs no second
    pass; otherwise a second pass computes it when the bound cannot decide.
    If the final h needs a wider reach or finer bins, the pass is redone.
    """
    n = tiles.n_eq2         # Eq. 2's N_A ((n_A n_B)^(1/2) across two sets)
    dmax = float(distances[-1])
    want_std = exact_rows = False
    if fixed_h is not None:
        guess = fixed_h
    else:
        p_std, p_q = pilot_terms(tiles)
        guess = 0.9 * n ** -0.2 * (p_std if p_q <= 0 else min(p_std, p_q))
        want_std = p_std <= STD_MARGIN * p_q
        exact_rows = p_std <= EXACT_MARGIN * p_q
    if not guess > 0:
        return None
    margin = 1.0 if fixed_h is not None else PILOT_MARGIN
    ext = dmax + CUTOFF_H * margin * guess * (1 + 1e-9)
    weighted = tiles.w is not None
    if weighted and tiles.z is not None:
        return None         # weighted arcs: the two-pass path
    if tiles.z is not None:
        # arcs: Σs^2 has no closed form (Σc^2 <= Σs^2 bounds the std from
        # below); when the std decides, a pass of sums gives it (exact_std)
        want_std = exact_rows = False
        if ext > POLY_ARC_LIMIT:
            return None
    delta = grid_step(ext / (FUSED_MAX_BINS - 2))
    if delta > guess / MIN_BINS_PER_H:
        return None
    sub = None if tick is None else (lambda f: tick(0.9 * f))
    got = grid_histogram(tiles, ext, delta, sub, guess, far_sums=want_std,
                         weighted=weighted, exact_rows=exact_rows)
    cnt, fsum, _, beyond_top, beyond_sum = got[:5]
    wsum = got[5] if weighted else None
    colocated = False
    h = fixed_h
    if fixed_h is None:
        pairs = tiles.pairs
        q = quantile_from_histogram(tiles, (0.25,), pairs, cnt, delta)
        if q is None:
            return None
        q1 = q[0]
        e2 = sum_sq_distances(tiles) / pairs
        tops = (np.arange(cnt.shape[0]) + 1.0) * delta
        sum_up = float(np.sum(cnt * tops)) * (1 + DIST_REL_ERR) \
            + DIST_REL_ERR * tiles.diameter * float(cnt.sum()) + beyond_top
        mean_up = sum_up / pairs
        std_low = math.sqrt(max(e2 - mean_up * mean_up, 0.0))
        if want_std and not exact_rows:     # a tighter bound: Σd from the positions
            k = np.arange(cnt.shape[0], dtype=np.float64)
            binned = delta * (float(np.sum(cnt * k)) + float(fsum.sum()))
            nbin = float(cnt.sum())      # positions floor to 2^-15 delta, float32 ~ 6e-8
            mean_up = ((binned + delta * 2.0 ** -FRAC_BITS * nbin) * (1 + DIST_REL_ERR)
                       + DIST_REL_ERR * tiles.diameter * nbin + beyond_sum) / pairs
            std_low = max(std_low, math.sqrt(max(e2 - mean_up * mean_up, 0.0)))
        if q1 > 0 and std_low > (q1 / 1.34) * (1 + 1e-9):
            h = 0.9 * n ** -0.2 * q1 / 1.34
        elif exact_rows:     # Σd of every pair in float64, from the same pass
            mean = beyond_sum / pairs
            h, colocated = silverman(n, math.sqrt(max(e2 - mean * mean, 0.0)), q1, what)
        else:
            h, colocated = silverman(n, exact_std(tiles), q1, what)
        if dmax + CUTOFF_H * h > ext or delta > h / MIN_BINS_PER_H:
            ext = dmax + CUTOFF_H * h * (1 + 1e-9)
            delta = grid_step(ext / (FUSED_MAX_BINS - 2))
            if delta > h / MIN_BINS_PER_H:
                return kernel_density(tiles, distances, h), h, colocated
            redo = None if tick is None else (lambda f: tick(0.9 + 0.09 * f))  # onwards
            got = grid_histogram(tiles, ext, delta, redo, h, weighted=weighted)
            cnt, fsum = got[:2]
            wsum = got[5] if weighted else None
    wts = _grid_weights(cnt, fsum, wsum)
    out = grid_sum(wts, float(delta),
                    np.ascontiguousarray(distances, dtype=np.float64),
                    float(h), CUTOFF_H * h + delta)
    return out / (2.0 * h * _tiles_weight_total(tiles)), h, colocated


def _grid_weights(cnt, fsum, wsum):
    """Linear-binning weights on the grid points k delta: counts (or pair
    weights) split by their fractional positions."""
    wts = np.zeros(cnt.shape[0] + 1)
    if wsum is not None:
        wts[:-1] += wsum[:, 0] - wsum[:, 1]
        wts[1:] += wsum[:, 1]
    else:
        wts[:-1] += cnt - fsum
        wts[1:] += fsum
    return wts


def _dbmss_grid(ext, want, fine_end=None):
    """(fb, delta, coarse) of the dbmss pass over [0, ext): the most
    fraction bits (the fewest bins) whose finest grid has delta <= want/400
    (Eq. 1's accuracy; 15 bits when none has). With ``fine_end``, a grid
    that fine over [0, fine_end) only, then up to COARSE_BINS coarser bins
    to ext (quartile counts), when that needs more bits (fewer bins)."""
    one = lambda b: grid_step(ext / (grid_bins(b) - 2), b)  # noqa: E731
    fine = lambda b: grid_step(fine_end / (grid_bins(b) - 2 - COARSE_BINS), b)  # noqa: E731
    fb = next((b for b in (15, 14, 13) if one(b) <= want / MIN_BINS_PER_H), None)
    if fb != 15 and fine_end is not None and fine_end < ext:
        fb2 = next((b for b in (15, 14, 13) if fine(b) <= want / MIN_BINS_PER_H), 0)
        if fb2 > (fb or 0):
            return _two_level(ext, fine_end, fb2, fine(fb2))
    return fb or 15, one(fb or 15), None


def _two_level(ext, fine_end, fb, delta):
    """(fb, delta, (nbf, s)): nbf bins of delta to fine_end, then at most
    COARSE_BINS bins of 2^s delta to ext."""
    nbf = int(math.ceil(fine_end / delta))
    rest = (ext - nbf * delta) / (delta * COARSE_BINS)     # <= 0: no coarse bin
    return fb, delta, (nbf, max(0, math.ceil(math.log2(rest))) if rest > 0 else 0)


COARSE_BINS = 8192      # dbmss: bins of the pass past Dmax + 8.5 h (quartiles only)


def _dbmss_fused(tiles, distances, fixed_h, dlim, what):
    """dbmss's Kd (weighted or not) with its bw.nrd0 from one grid pass over
    the pairs up to dlim = 2 Dmax: the same pass sums the float64 distances
    d <= dlim (count, Σ, Σ^2 about a shift, for the sd), its histogram
    locates the two quartiles, which two narrow windows collect exactly,
    and when the grid is fine enough (delta <= h/400) and reaches Dmax +
    8.5 h it gives Eq. 1's sum too (else the moment histogram does). The
    grid is fine (a pilot h's needs) to Dmax + 8.5 h' only, coarse beyond
    (counts for the quartiles). The reflected term (pairs with d <= 4h)
    comes from the moment histogram of [0, 4h) as in _curve. Returns
    (curve, h, colocated), or None (arcs, or a quartile the histogram
    cannot locate)."""
    if tiles.z is not None or tiles.n < 2:
        return None
    dmax = float(distances[-1])
    top = tiles.diameter * (1 + 1e-9) + 1e-300
    coarse = None
    if fixed_h is None:
        ext = min(dlim * (1 + 1e-9), top)
        pilot = dbmss_pilot_bandwidth(tiles, dlim)
        want = pilot / PILOT_MARGIN
        fine_end = dmax + CUTOFF_H * PILOT_MARGIN * pilot * (1 + 1e-9) if pilot > 0 else None
        fb, delta, coarse = _dbmss_grid(ext, want, fine_end)
    else:
        ext = min(dmax + CUTOFF_H * fixed_h * (1 + 1e-9), top)
        fb, delta, _ = _dbmss_grid(ext, fixed_h)
    weighted = tiles.w is not None
    shift = _shift(tiles) if fixed_h is None else 0.0
    got = grid_histogram(tiles, ext, delta, None, fixed_h, weighted=weighted,
                         dlim=dlim if fixed_h is None else 0.0, shift=shift, fb=fb,
                         coarse=coarse)
    cnt, fsum = got[0], got[1]
    wsum = got[5] if weighted else None
    colocated = False
    if fixed_h is None:
        count, s1, s2 = got[-1]
        dbmss_pairs_needed(count, dlim)
        q1 = quantile_from_histogram(tiles, (0.25,), count, cnt, delta, coarse)
        q3 = quantile_from_histogram(tiles, (0.75,), count, cnt, delta, coarse)
        if q1 is None or q3 is None:
            return None
        # shifted sums, as pair_bandwidth's (the sd does not depend on the shift)
        h, colocated, _ = eq2_from_sums("dbmss", count, s1, s2, (q1[0], q3[0]),
                                        tiles.n_eq2, dlim, what)
        if coarse is not None:      # Eq. 1 from the fine grid alone
            nbf = coarse[0]
            ext = nbf * delta
            cnt, fsum = cnt[:nbf], fsum[:nbf]
            wsum = None if wsum is None else wsum[:nbf]
    else:
        h = fixed_h
    if delta > h / MIN_BINS_PER_H or ext < min(dmax + CUTOFF_H * h, top):
        # a second grid pass for Eq. 1 alone, over [0, Dmax + 8.5 h), with
        # fewer fraction bits when h needs more than 65,534 bins
        ext = min(dmax + CUTOFF_H * h * (1 + 1e-9), top)
        fb, delta, _ = _dbmss_grid(ext, h)
        if delta > h / MIN_BINS_PER_H:
            return kernel_density(tiles, distances, h, "dbmss"), h, colocated
        got = grid_histogram(tiles, ext, delta, None, h, weighted=weighted, fb=fb)
        cnt, fsum = got[0], got[1]
        wsum = got[5] if weighted else None
    dist = np.ascontiguousarray(distances, dtype=np.float64)
    out = grid_sum(_grid_weights(cnt, fsum, wsum), float(delta), dist, float(h),
                   CUTOFF_H * h + delta)
    dm = h / BINS_PER_H         # the reflection, as in _curve
    r_hi = min(4.0 * h, tiles.diameter + dm)
    hist = moment_histogram(tiles, r_hi, dm, 0.0)
    out += reflect_sum(np.ascontiguousarray(hist), float(dm), dist, float(h))
    return out / (SQRT_2PI * h * _tiles_weight_total(tiles)), h, colocated


def _round_half_up(x):
    return int(math.floor(x + 0.5))


def global_band(sims, alpha, upper=True):
    """Steps (3)-(5): the global band of m simulated curves (m, T).

    Start at the k-th most extreme value per distance, k = round(alpha m);
    while more than alpha m simulations leave the band somewhere, use k - 1.
    Returns (band, k).
    """
    m = sims.shape[0]
    ordered = np.sort(sims, axis=0)
    if upper:
        ordered = ordered[::-1]
    k = max(_round_half_up(alpha * m), 1)
    limit = alpha * m * (1 + 1e-12)
    while True:
        band = ordered[k - 1]
        outside = (sims > band) if upper else (sims < band)
        if k == 1 or np.count_nonzero(outside.any(axis=1)) <= limit:
            return band.copy(), k
        k -= 1


H_MAX_RULES = ("significant trough", "first trough")
PROMINENCE = 0.02   # a trough counts when its prominence >= 2 % of max Γ(A,d)


def trough_prominence(gamma, k):
    """SPEC's prominence of the trough at k: min(L, R) - Γ_k, L the largest Γ
    before k, R the largest Γ after k up to where Γ next falls below Γ_k
    (or to the last threshold)."""
    g = gamma[k]
    left = float(gamma[:k].max())
    right = g
    for j in range(k + 1, len(gamma)):
        if gamma[j] < g:
            break
        right = max(right, float(gamma[j]))
    return min(left, right) - g


def find_h_max(distances, gamma, rule="significant trough"):
    """h_max as SPEC.md fixes section 2.2.2; returns (h_max or None, reason).

    Defined only when Γ(A,d) > 0 at the first threshold. Scanning upward, the
    first d_k where Γ falls to 0 or is a trough (Γ_k < Γ_{k-1} and
    Γ_k <= Γ_{k+1}); with the rule "significant trough" (SPEC, revised) a
    trough counts only when its prominence is at least 2 % of max Γ(A,d)
    ("first trough": every trough, as the paper prints it). If neither
    happens, the last threshold.
    """
    if rule not in H_MAX_RULES:
        raise ValueError(f"h_max_rule must be one of {H_MAX_RULES}, got {rule!r}")
    if gamma[0] <= 0:
        return None, ("no agglomeration at the shortest distance "
                      f"(Γ(A,{distances[0]:g}) = 0): no h_max")
    T = len(gamma)
    floor = PROMINENCE * float(gamma.max()) if rule == "significant trough" else -1.0
    for k in range(1, T):
        if gamma[k] == 0:
            return float(distances[k]), "first decline of Γ(A,d) to 0"
        if (k + 1 < T and gamma[k] < gamma[k - 1] and gamma[k] <= gamma[k + 1]
                and trough_prominence(gamma, k) >= floor):
            return float(distances[k]), (
                "first trough of Γ(A,d)" if floor < 0 else
                f"first significant trough of Γ(A,d) (prominence >= "
                f"{100 * PROMINENCE:g} % of its largest value)")
    return float(distances[-1]), "last"


def h_max_of_band(observed, sims, alpha, distances, rule):
    """h_max from the global upper band of the simulations ``sims``."""
    if sims.shape[0] == 0:
        return None
    upper, _ = global_band(sims, alpha, upper=True)
    return find_h_max(distances, np.maximum(observed - upper, 0.0), rule)[0]


def unstable_h_max(h_max, halves, step):
    """SPEC's stability check: a message when the h_max of the two halves of
    the simulations differ by more than 10 % of h_max and by at least two
    distance steps (or only one half has an h_max), else None. Also when
    both halves agree with each other but not with h_max of all the
    simulations (a stricter check than SPEC's; it changes no value)."""
    a, b = halves

    def apart(u, v):
        if u is None or v is None:
            return (u is None) != (v is None)
        gap = abs(u - v)
        return gap > 0.1 * (h_max or max(u, v)) and gap >= 2 * step * (1 - 1e-9)

    advice = "; use more simulations or look at the curve"
    if apart(a, b):
        return (f"h_max is not stable: {fmt_h(a)} from one half of the "
                f"simulations and {fmt_h(b)} from the other" + advice)
    if apart(h_max, a) and apart(h_max, b):
        return (f"h_max is not stable: {fmt_h(h_max)} from all the simulations but "
                f"{fmt_h(a)} and {fmt_h(b)} from each half of them" + advice)
    return None


def fmt_h(v):
    return "none" if v is None else f"{v:g}"


def _check_distances(distances):
    try:
        d = np.asarray(distances, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        raise ValueError("distances must be numbers") from None
    if d.size < 1:
        raise ValueError("need at least one distance threshold")
    if not np.all(np.isfinite(d)):
        raise ValueError("distances must be finite numbers")
    if d[0] < 0:
        raise ValueError(f"distances must be >= 0, got {d[0]:g}")
    if d.size > 1 and np.any(np.diff(d) <= 0):
        raise ValueError("distances must be strictly increasing")
    return d


def check_run(distances, n_sim, confidence, convention="paper", method="exact",
              h_max_rule="significant trough"):
    """(distances, n_sim, alpha) checked: the parameters of a run, not of
    its firms (ValueError with the user's words)."""
    d = _check_distances(distances)
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {CONVENTIONS}, got {convention!r}")
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    if h_max_rule not in H_MAX_RULES:
        raise ValueError(f"h_max_rule must be one of {H_MAX_RULES}, got {h_max_rule!r}")
    try:
        alpha = float(confidence)
    except (TypeError, ValueError):
        raise ValueError("confidence must be a number") from None
    if not (0 < alpha <= 0.5):
        raise ValueError(f"confidence must be in (0, 0.5] (0.05 = 5 %), got {confidence!r}")
    message = f"the number of simulations must be a whole number >= 0, got {n_sim!r}"
    n_sim = whole_number(n_sim, message)
    if n_sim < 0:
        raise ValueError(message)
    if 0 < n_sim and alpha * n_sim < 1 - 1e-9:
        need = int(math.ceil(1 / alpha - 1e-9))
        raise ValueError(
            f"{n_sim} simulations are too few for a {alpha * 100:g} % band: "
            f"need at least {need}")
    return d, n_sim, alpha


class CurveJob:
    """One DO curve with its global band, in pieces: the observed curve,
    blocks of simulations and their assembly (steps 3-5, Eq. 3, 11, h_max).
    do_curve runs them in one go; do_industries spreads the blocks over
    workers, with the same bits: block [s0, s1) draws exactly the draws
    s0..s1-1 of do_curve's sequence (the generator's state at s0 is given,
    or replayed from the seed).

    ``partner``: a second industry B for co-localization (SPEC): the
    curves are then those of the cross pairs of A and B, and each
    simulation draws n_A + n_B distinct background firms, the first n_A
    playing A.
    """

    def __init__(self, points, background, distances, n_sim=1000, confidence=0.05,
                 seed=None, bandwidth=None, weights=None, background_weights=None,
                 convention="paper", method="exact", h_max_rule="significant trough",
                 partner=None, partner_weights=None, metric="planar"):
        self.metric = metric if metric == EARTH_CENTRED else check_metric(metric)
        if metric != "planar" and method == "fft":
            raise ValueError(FFT_REFUSED)
        pts = prepare_points(points, "industry firms", 3 if partner is None else 1, metric)
        n = pts.shape[0]
        d, n_sim, alpha = check_run(distances, n_sim, confidence, convention, method,
                                    h_max_rule)
        w = as_weights(weights, n, "industry weights")
        self.na = 0
        if partner is not None:         # co-localization: A's rows, then B's
            pb = prepare_points(partner, "firms of the second industry", 1, metric)
            wb = as_weights(partner_weights, pb.shape[0], "weights of the second industry")
            if (w is None) != (wb is None):
                raise ValueError("give the weights of both industries, or of neither")
            self.na = n
            pts = np.r_[pts, pb]
            w = None if w is None else np.r_[w, wb]
        if w is not None and not self.na:
            _check_pair_weights(w)
        self.fixed_h = None if bandwidth is None or bandwidth == 0 else \
            positive(bandwidth, "bandwidth")
        draw = pts.shape[0]
        bg = bw = None
        if n_sim > 0:
            if background is None:
                raise ValueError("the background firms are needed for the simulations")
            bg = prepare_points(background, "background firms", 1, metric)
            if bg.shape[0] < draw:
                raise ValueError(
                    f"the background ({bg.shape[0]} firms) must contain at least as "
                    f"many firms as the industry ({n})" if not self.na else
                    f"the background ({bg.shape[0]} firms) must contain at least as "
                    f"many firms as the two industries ({draw})")
            if w is not None:
                if background_weights is None:
                    raise ValueError("a weighted DO curve needs the background firms' "
                                     "weights too (the draws carry their weights)")
                bw = as_weights(background_weights, bg.shape[0], "background weights")
        self.dlim = 2.0 * float(d[-1]) if convention == "dbmss" else np.inf
        if convention == "dbmss" and self.dlim <= 0:
            raise ValueError("the dbmss convention needs a largest distance > 0")
        self.points, self.weights, self.distances = pts, w, d
        self.background, self.background_weights = bg, bw
        self.n, self.draw, self.n_sim, self.alpha = n, draw, n_sim, alpha
        self.seed, self.convention, self.h_max_rule = check_seed(seed), convention, h_max_rule
        self.use_fft = (method == "fft" or (method == "auto" and n >= AUTO_FFT_N)) \
            and w is None and convention == "paper" and not self.na and metric == "planar"
        self.messages = []
        if method == "fft" and not self.use_fft:
            self.messages.append("method 'fft' supports unweighted curves of one "
                                 "industry with the paper convention only: the exact "
                                 "method was used")
        self.fft_used = 0

    # ---- one curve ------------------------------------------------------------
    def _cross_fused(self):
        """Large co-localizations (weighted or not): the fused pass over the
        cross tile pairs (Tiles.cross), as for one industry (dbmss's when
        every cross pair lies within 2 Dmax, _dbmss_fused)."""
        n = _fused_n(self.convention)
        return self.na > 0 \
            and self.na * (self.draw - self.na) >= n * (n - 1) // 2

    def _small(self):
        if self.na:
            return not self._cross_fused()
        return self.draw <= _small_n(self.convention)

    def curve(self, p, pw, what, tick=None):
        """(curve, h, colocated) of one set of firms (rows A, then B)."""
        d, fixed_h, convention, dlim = self.distances, self.fixed_h, self.convention, self.dlim
        if self.na and not self._small():
            cross = Tiles.cross(p[:self.na], p[self.na:], weights=pw)
            got = _dbmss_fused(cross, d, fixed_h, dlim, what) if convention == "dbmss" \
                else _fused_curve(cross, d, fixed_h, what, tick)
            if got is not None:
                return got
        if self._small() or self.na:
            c, hs, col = _small_batch(p, pw, np.arange(p.shape[0])[None, :], d, fixed_h,
                                      convention, dlim, what, na=self.na)
            return c[0], float(hs[0]), bool(col[0])
        if self.use_fft:
            centred = p - p.mean(axis=0)
            x = np.ascontiguousarray(centred[:, 0])
            y = np.ascontiguousarray(centred[:, 1])
            pilot = None
            if fixed_h is None:
                pilot = pilot_bandwidth(_XY(x, y))
            if fixed_h is not None or pilot > 0:
                got = fft_curve(x, y, d, fixed_h, pilot)
                if got is not None:
                    self.fft_used += 1
                    return got
        tiles = Tiles(p, weights=pw)
        if p.shape[0] >= _fused_n(convention):
            got = _fused_curve(tiles, d, fixed_h, what, tick) if convention == "paper" \
                else _dbmss_fused(tiles, d, fixed_h, dlim, what)
            if got is not None:
                return got
        if fixed_h is not None:
            h, colocated = fixed_h, False
        else:
            h, info = pair_bandwidth(tiles, convention, dlim, what)
            colocated = info["colocated"]
        return kernel_density(tiles, d, h, convention), h, colocated

    def observed(self, tick=None):
        """(curve, h, colocated, fft curves) of the industry (of A with B)."""
        before = self.fft_used
        c, h, col = self.curve(self.points, self.weights,
                               "industry firms" if not self.na
                               else "firms of the two industries", tick)
        return c, h, col, self.fft_used - before

    # ---- simulations ------------------------------------------------------------
    def dry_draws(self, rng, k):
        """Advance ``rng`` by k draws of the simulations (no curve)."""
        for _ in range(k):
            rng.choice(self.background.shape[0], size=self.draw, replace=False)

    def simulate(self, s0, s1, state=None, tick=None):
        """(sims (s1 - s0, T), h, colocated count, fft curves) of the draws
        s0..s1-1."""
        bg, bw, d = self.background, self.background_weights, self.distances
        rng = np.random.default_rng(self.seed)
        if state is not None:
            rng.bit_generator.state = state
        else:
            self.dry_draws(rng, s0)
        m = s1 - s0
        sims = np.empty((m, d.size))
        hs = np.empty(m)
        what = "firms of a simulated draw"
        if self._small():     # all the draws through one batch kernel
            idx = np.empty((m, self.draw), dtype=np.int64)
            for s in range(m):
                idx[s] = rng.choice(bg.shape[0], size=self.draw, replace=False)
            sims[:], hs[:], col = _small_batch(bg, bw, idx, d, self.fixed_h, self.convention,
                                               self.dlim, what, tick, self.na)
            return sims, hs, int(col.sum()), 0
        n_coloc, before = 0, self.fft_used
        for s in range(m):
            idx = rng.choice(bg.shape[0], size=self.draw, replace=False)
            sims[s], hs[s], c = self.curve(
                bg[idx], None if bw is None else bw[idx], what,
                None if tick is None else (lambda f, s=s: tick((s + f) / m)))
            n_coloc += c
            if tick is not None:
                tick((s + 1.0) / m)
        return sims, hs, n_coloc, self.fft_used - before

    def _scale(self, result, sims, messages):
        """h_max of the result's Γ(A,d) and of each half of the simulations."""
        d, alpha, rule = self.distances, self.alpha, self.h_max_rule
        h_max, reason = find_h_max(d, result.gamma, rule)
        result.h_max_at_end = reason == "last"
        if reason == "last":
            reason = ("Γ(A,d) neither falls to 0 nor has a "
                      + ("trough" if rule == "first trough" else "significant trough")
                      + " inside the distances")
            messages.append(f"h_max is the last distance ({h_max:g}): {reason}; "
                            "extend the distance range")
        half = sims.shape[0] // 2
        halves = (h_max_of_band(result.observed, sims[:half], alpha, d, rule),
                  h_max_of_band(result.observed, sims[half:], alpha, d, rule))
        step = float(np.median(np.diff(d))) if d.size > 1 else 0.0
        unstable = unstable_h_max(h_max, halves, step) if half else None
        if unstable:
            messages.append(unstable)
        result.h_max_halves = halves
        result.h_max, result.h_max_reason = h_max, reason

    def _defined(self, sims, hs, messages):
        """The simulations with a defined curve: a weighted draw whose firms
        have no pair of positive weight (zero weights in the background) has
        none; it is left out of the band, and said so."""
        ok = np.all(np.isfinite(sims), axis=1)
        if ok.all():
            return sims, hs
        k, m = int(np.count_nonzero(ok)), sims.shape[0]
        if k * self.alpha < 1 - 1e-9:
            raise ValueError(
                f"only {k} of the {m} simulated draws have a defined curve (the others hold "
                "fewer than two firms with a weight > 0): too few for the band; give the "
                "background firms of weight 0 a weight, or leave them out")
        messages.append(f"{m - k} of the {m} simulated draws had fewer than two firms with "
                        f"a weight > 0, so no defined curve: the band comes from the other "
                        f"{k}; background firms of weight 0 count in no pair")
        return sims[ok], hs[ok] if hs is not None else None

    # ---- the band, Γ, Ψ, h_max ----------------------------------------------------
    def assemble(self, observed, h_obs, coloc, sims=None, hs=None, n_coloc=0, n_fft=0):
        """The DOCurve of the observed curve and the simulations (steps 3-5);
        ``n_fft``: how many of the curves the FFT method computed."""
        d, alpha, n_sim, rule = self.distances, self.alpha, self.n_sim, self.h_max_rule
        messages = list(self.messages)
        if coloc:
            messages.append(COLOCATED)
        result = DOCurve(distances=d, observed=observed, upper=None, lower=None,
                         gamma=None, gamma_sum=None, psi=None, psi_sum=None,
                         h_max=None, bandwidth=h_obs, n_sim=n_sim,
                         confidence=alpha, convention=self.convention, method="exact",
                         h_max_rule=rule)
        if n_fft:
            result.method = "fft"
            messages.append(FFT_MESSAGE.format(cph=CELLS_PER_H))
        if n_sim > 0:
            if n_coloc:
                messages.append(f"co-location rule applied in {n_coloc} of {n_sim} "
                                "simulated draws")
            sims, hs = self._defined(sims, hs, messages)
            upper, ku = global_band(sims, alpha, upper=True)
            lower, kl = global_band(sims, alpha, upper=False)
            gamma = np.maximum(observed - upper, 0.0)
            gamma_sum = float(gamma.sum())
            psi = np.maximum(lower - observed, 0.0) if gamma_sum == 0 else \
                np.zeros_like(observed)
            result.upper, result.lower, result.gamma = upper, lower, gamma
            result.gamma_sum, result.psi, result.psi_sum = gamma_sum, psi, float(psi.sum())
            result.upper_rank, result.lower_rank = ku, kl
            result.simulations, result.simulated_bandwidths = sims, hs
            if self.na:     # co-localization: Γ_AB and Ψ_AB, no scale (SPEC)
                result.h_max_reason = "h_max is not defined for a co-localization"
            else:
                self._scale(result, sims, messages)
        result.warnings = messages
        return result


def do_curve(points, background, distances, n_sim=1000, confidence=0.05,
             seed=None, bandwidth=None, weights=None, background_weights=None,
             convention="paper", progress=None, method="exact",
             h_max_rule="significant trough", metric="planar"):
    """DO curve of industry ``points`` with a Monte-Carlo global band drawn
    from ``background`` (all firms), Γ(A,d) (Eq. 3), Γ(A) (Eq. 11), Ψ and
    h_max. ``bandwidth``: None = Eq. 2 for every curve; a number fixes h.
    ``confidence``: the band's level alpha (0.05 = 5 %), in (0, 0.5].
    ``h_max_rule``: "significant trough" (SPEC) or "first trough" (the
    paper's rule read literally, for earlier results); ``.h_max_halves``
    holds the h_max of each half of the simulations (stability check).
    ``metric``: "planar" (projected x, y; distances in their unit) or
    "geodesic" (longitude, latitude in degrees on WGS 84; distances,
    thresholds and h in metres; SPEC "Geodesic distances").
    ``progress(fraction) -> True`` cancels (raises ``Cancelled``)."""
    warn_numpy_engine()
    job = CurveJob(points, background, distances, n_sim, confidence, seed, bandwidth,
                   weights, background_weights, convention, method, h_max_rule,
                   metric=metric)
    return run_job(job, progress)


def run_job(job, progress=None):
    """A CurveJob in one go, with progress and cancel; its warnings raised.
    A job whose arrays cannot fit in memory is refused first (memory.py)."""
    memory.check_in_process([job])
    total = 1 + job.n_sim
    check_progress(progress, 0.0)
    tick = None if progress is None else (lambda f: check_progress(progress, f / total))
    observed, h_obs, coloc, n_fft = job.observed(tick)
    check_progress(progress, 1.0 / total)
    sims = hs = None
    n_coloc = 0
    if job.n_sim > 0:
        tick = None if progress is None else \
            (lambda f: check_progress(progress, (1.0 + f * job.n_sim) / total))
        sims, hs, n_coloc, more = job.simulate(0, job.n_sim, tick=tick)
        n_fft += more
    result = job.assemble(observed, h_obs, coloc, sims, hs, n_coloc, n_fft)
    for msg in result.warnings:
        warnings.warn(msg, DoldoWarning, stacklevel=3)
    return result
