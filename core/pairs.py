"""Pair-distance kernels over tiles: never an n x n matrix, memory O(n + bins).

- ``window_pass``: counts of pair distances below / inside a window, a
  histogram of the window, optional shifted sums for the standard deviation.
- ``collect``: the pair distances inside a narrow window.
- ``order_statistics``: exact order statistics of all pair distances (the
  quartiles of Eq. 2) by refining a histogram window, then collecting it.
- ``moment_histogram``: per-bin weight, first and second moment of the pair
  distances below a cut-off: the DO kernel sum (Eq. 1) is then a per-bin
  Taylor expansion with O(bin^3) error.

Work is split into a fixed number of chunks (not threads) so a seeded run
gives the same bits whatever the thread count.
"""
import math

import numpy as np

from ._numba import PARALLEL_LOCK
from .kernels.grid import FRAC_BITS, grid_counts
from .kernels.moments import moment_pairs
from .kernels.window import collect_window, window_histogram, zero_pairs
from .kernels.arcs import arc_collect, arc_grid, arc_moments, arc_sums, arc_window


def window_pass(tiles, lo, hi, nb, dlim=np.inf, with_sums=False, shift=0.0,
                collect=0):
    """Count pair distances d <= dlim: below ``lo``, in [lo, hi) binned into
    ``nb`` bins; with ``with_sums`` also the number of such pairs and the
    sums of (d - shift) and (d - shift)^2.
    ``collect`` > 0: also return the window's values when it holds at most
    that many per chunk (else None)."""
    with PARALLEL_LOCK:
        if tiles.z is not None:         # arcs on the Earth (SPEC, geodesic)
            hist, count, s1, s2, values = arc_window(
                tiles.x, tiles.y, tiles.z, tiles.starts, tiles.bbox, float(lo), float(hi),
                int(nb), float(dlim), bool(with_sums), float(shift), int(collect),
                int(tiles.split))
        else:
            hist, count, s1, s2, values = window_histogram(
                tiles.x, tiles.y, tiles.starts, tiles.bbox, float(lo), float(hi),
                int(nb), float(dlim), bool(with_sums), float(shift), int(collect),
                int(tiles.split))
    return int(hist[0]), hist[1:nb + 1], int(count), float(s1), float(s2), values


def count_zero_distances(tiles):
    """Number of co-located pairs (distance exactly 0); of two sets' tiles
    (``tiles.split``), the cross pairs at one location."""
    if tiles.z is not None:       # Earth-centred points: equal coordinates
        loc = np.column_stack([tiles.x, tiles.y, tiles.z])
        if tiles.split:
            k = int(tiles.starts[tiles.split])
            ua, ca = np.unique(loc[:k], axis=0, return_counts=True)
            ub, cb = np.unique(loc[k:], axis=0, return_counts=True)
            both = np.r_[ua, ub]
            _, inv, cnt = np.unique(both, axis=0, return_inverse=True, return_counts=True)
            shared = np.flatnonzero(cnt == 2)
            ka = dict(zip(inv[:len(ua)].tolist(), ca.tolist()))
            kb = dict(zip(inv[len(ua):].tolist(), cb.tolist()))
            return int(sum(ka[s] * kb[s] for s in shared.tolist()))
        _, counts = np.unique(loc, axis=0, return_counts=True)
        return int(np.sum(counts * (counts - 1) // 2))
    if tiles.split:
        k = int(tiles.starts[tiles.split])
        loc = tiles.x + 1j * tiles.y
        ua, ca = np.unique(loc[:k], return_counts=True)
        ub, cb = np.unique(loc[k:], return_counts=True)
        _, ia, ib = np.intersect1d(ua, ub, assume_unique=True, return_indices=True)
        return int(np.sum(ca[ia] * cb[ib]))
    with PARALLEL_LOCK:
        return int(zero_pairs(tiles.x, tiles.y, tiles.starts, tiles.bbox))


COLLECT_PER_CHUNK = 1 << 16
REFINE_BINS = 4096


def order_statistics(tiles, ranks, first, dlim=np.inf):
    """Exact values of the pair distances of 0-based ``ranks`` (ascending).

    ``first``: (lo, hi, below, hist, values) of a window pass that
    covers every pair distance <= dlim. Ranks far apart (the two quartiles
    of dbmss's IQR) are located one group of adjacent ranks at a time: a
    window holding both would hold half of the pairs and never shrink.
    """
    ranks = np.asarray(ranks, dtype=np.int64)
    groups = np.split(ranks, np.flatnonzero(np.diff(ranks) > 1) + 1)
    return np.concatenate([_group_statistics(tiles, g, first, dlim) for g in groups])


MAX_REFINE = 64


def _group_statistics(tiles, ranks, first, dlim):
    """order_statistics for ranks close together: the window holding them
    is refined by histogram passes (cheap: whole tile pairs are counted
    from their bounds) until a pass can collect its values; they are then
    sorted. Each pass keeps the ranks' bins plus one bin each side, so the
    window shrinks about 1000-fold per pass."""
    rmin, rmax = int(ranks.min()), int(ranks.max())
    lo, hi, below, hist, values = first
    if lo == 0.0 and below == 0 and rmax < hist[0]:
        # the ranks fall in the first bin: co-located pairs may hold them
        if rmax < count_zero_distances(tiles):
            return np.zeros(len(ranks))
    for _ in range(MAX_REFINE):
        if values is not None:
            return np.sort(values)[ranks - below]
        cum = below + np.cumsum(hist)
        b0 = int(np.searchsorted(cum, rmin, side="right"))
        b1 = int(np.searchsorted(cum, rmax, side="right"))
        nb = len(hist)
        bw = (hi - lo) / nb
        # Widen by one bin each side: bin edges in floating point may differ
        # from the kernel's bin assignment by a rounding error.
        new_lo = lo + (b0 - 1) * bw if b0 > 0 else lo
        new_hi = lo + (b1 + 2) * bw if b1 + 2 < nb else hi
        if new_hi - new_lo <= 16 * np.spacing(max(abs(new_hi), 1e-300)):
            return np.full(len(ranks), new_lo)  # ties: equal to rounding
        got = window_pass(tiles, new_lo, new_hi, REFINE_BINS, dlim,
                          collect=COLLECT_PER_CHUNK)
        if not (got[0] <= rmin and rmax < got[0] + int(got[1].sum())):
            break   # (never seen) rounding lost a rank: keep the last window
        lo, hi = new_lo, new_hi
        below, hist, values = got[0], got[1], got[5]
    # Last resort (never needed in the tests): the values of the last window
    # that held the ranks, collected whole when they fit in memory.
    inside = int(hist.sum())
    if inside <= COLLECT_MAX_LAST:
        values = window_pass(tiles, lo, hi, 1, dlim, collect=inside + 1)[5]
        if values is not None:
            return np.sort(values)[ranks - below]
    raise ValueError(
        "the quartiles of the pair distances could not be located exactly "
        f"({inside} distances lie within {hi - lo:.6g} of each other); set the "
        "bandwidth yourself")


COLLECT_MAX_LAST = 1 << 23


def moment_histogram(tiles, cutoff, delta, lo=0.0):
    """(nb, 3) per-bin sums of w, w*e, w*e^2 over pairs with lo <= d <
    cutoff, e = d - bin centre, bins [lo + k*delta, lo + (k+1)*delta)."""
    nb = max(1, int(math.ceil((cutoff - lo) / delta)))
    weighted = tiles.w is not None
    w = tiles.w if weighted else np.ones(1)
    with PARALLEL_LOCK:
        if tiles.z is not None:         # arcs on the Earth (SPEC, geodesic)
            return arc_moments(tiles.x, tiles.y, tiles.z, w, weighted, tiles.starts,
                               tiles.bbox, float(lo), float(cutoff), float(delta), nb,
                               int(tiles.split))
        return moment_pairs(tiles.x, tiles.y, w, weighted, tiles.starts,
                            tiles.bbox, float(lo), float(cutoff), float(delta), nb,
                            int(tiles.split))


FUSED_MAX_BINS = 65534         # bin index = u >> 15 of a 31-bit position


def local32(tiles):
    """float32 coordinates relative to a per-tile origin (cached on tiles).

    Origins lie on a grid of power-of-two step q with every difference of
    origins below 2^24 q, so each origin difference is exact in float32 and a
    float32 difference of two firms errs by about 6e-8 of the tile extent
    plus 6e-8 of their distance (micrometres to millimetres).
    """
    got = getattr(tiles, "_local32", None)
    if got is None:
        span = max(tiles.diameter, 1e-300)
        q = 2.0 ** math.ceil(math.log2(span / 2.0 ** 22))
        b = tiles.bbox
        ox = np.round(0.5 * (b[:, 0] + b[:, 1]) / q) * q
        oy = np.round(0.5 * (b[:, 2] + b[:, 3]) / q) * q
        sizes = np.diff(tiles.starts)
        xl = (tiles.x - np.repeat(ox, sizes)).astype(np.float32)
        yl = (tiles.y - np.repeat(oy, sizes)).astype(np.float32)
        got = (xl, yl, ox, oy)
        if tiles.z is not None:     # Earth-centred points: z too (xl, yl, zl, ox, oy, oz)
            oz = np.round(0.5 * (b[:, 4] + b[:, 5]) / q) * q
            zl = (tiles.z - np.repeat(oz, sizes)).astype(np.float32)
            got = (xl, yl, zl, ox, oy, oz)
        tiles._local32 = got
    return got


def window_collect(tiles, lo, hi, cap):
    """(number of pair distances below lo, the distances in [lo, hi)), or
    (below, None) when a chunk holds more than ``cap`` of them."""
    with PARALLEL_LOCK:
        if tiles.z is not None:     # arcs on the Earth (SPEC, geodesic)
            return arc_collect(tiles.x, tiles.y, tiles.z, tiles.starts, tiles.bbox, float(lo),
                               float(hi), int(cap), int(tiles.split))
        return collect_window(tiles.x, tiles.y, tiles.starts, tiles.bbox, float(lo),
                              float(hi), int(cap), int(tiles.split))


def _pieces(tiles, pairs_per_piece):
    """Split the tile range into pieces of about equal pair work."""
    sizes = np.diff(tiles.starts).astype(np.float64)
    work = sizes * (np.cumsum(sizes[::-1])[::-1])  # tile a pairs with b >= a
    if tiles.split:                                 # cross pairs: a < split with b >= split
        work = sizes * float(tiles.n - tiles.starts[tiles.split])
        work[tiles.split:] = 0.0
    total = float(work.sum())
    k = max(1, int(math.ceil(total / pairs_per_piece)))
    if k == 1:
        return [(0, len(sizes))]
    cum = np.cumsum(work)
    cuts = np.searchsorted(cum, total * np.arange(1, k) / k)
    edges = sorted(set([0] + [int(c) for c in cuts] + [len(sizes)]))
    return list(zip(edges[:-1], edges[1:]))


PIECE_PAIRS = 3e8   # ~0.1-0.3 s of work per piece on 2 cores: progress/cancel


F32_REL = 3e-8      # float32 rounding of a local coordinate, per unit extent


def grid_step(delta, fb=FRAC_BITS):
    """The grid step at or just above ``delta`` whose inverse, in units of
    the 15-bit fraction, is exact in float32: the numba pass scales
    distances by that float32, so positions then carry no systematic
    stretch (a rounded scale shifted every distance by up to 6e-8)."""
    scale = np.float32((1 << fb) / delta)
    if float(scale) > (1 << fb) / delta:
        scale = np.nextafter(scale, np.float32(0))
    return (1 << fb) / float(scale)


def grid_bins(fb):
    """The largest grid of fractions of ``fb`` bits: 2^(31 - fb) - 2 bins
    (65,534 with 15 bits) in a 31-bit position."""
    return (1 << (31 - fb)) - 2


def grid_histogram(tiles, ext, delta, tick=None, h=None, far_sums=False, weighted=False,
                   dlim=0.0, shift=0.0, fb=FRAC_BITS, coarse=None, exact_rows=False):
    """Linear-binning histogram of all pair distances d < ext on the grid
    k delta (Eq. 1 is then a sum over grid points, error ~ (delta/h)^2/8).

    Returns (count, fsum, beyond_n, beyond_top, beyond_sum): count[k] pairs
    in [k delta, (k+1) delta) (float32 arithmetic) whose fractional positions
    d/delta - k sum to fsum[k]; and for the pairs not binned, their number,
    an upper bound of their distances' sum and, with ``far_sums``, that sum
    itself (those pairs are then visited too). ``exact_rows`` (implies
    ``far_sums``): the fifth value is instead the Σd of every pair in
    float64 (the binned pairs take float64 rows: Eq. 2's exact std from
    this one pass, 1.4-1.5x the float32 pass). ``tick(fraction)`` is called
    between pieces of work (progress and cancel). Tiles so wide that float32
    local coordinates could err by more than 1e-6 h (``h`` or 400 delta)
    take float64 distances. ``delta`` must be a grid_step.
    ``weighted`` (tiles with weights): also returns, sixth, the linear
    binning of the pair weights w_i w_j: (nb, 2) Σ w_i w_j and Σ w_i w_j f
    per bin (f the fractional position d/delta - k).
    ``dlim`` > 0 (at most ext): also returns, last, the count, Σ (d - shift)
    and Σ (d - shift)^2 of the pair distances d <= dlim (float64, exact as
    window_pass's sums: dbmss's bw.nrd0; not with ``exact_rows``). ``fb``: the bits of the fractional
    positions (fewer allow more bins, grid_bins; ``delta`` a grid_step of
    the same bits).
    ``coarse`` = (nbf, s), with ``dlim``: bins 0..nbf-1 of width delta, then
    bins of width 2^s delta up to ext (GridEdges gives their edges;
    at most grid_bins(fb) bins in all).
    """
    if coarse is not None:
        nbf, sh = coarse
        nb = nbf + max(0, int(math.ceil((ext - nbf * delta) / (delta * (1 << sh)))))
    else:
        sh = 0
        nb = int(math.ceil(ext / delta))
    nb = min(max(1, nb), grid_bins(fb))
    if coarse is None:
        nbf = nb                # one grid
    b = tiles.bbox
    if tiles.z is not None:
        return _arc_grid_histogram(tiles, ext, delta, nb, tick, h)
    xl, yl, ox, oy = local32(tiles)
    extent = np.maximum(b[:, 1] - b[:, 0], b[:, 3] - b[:, 2])
    wide = extent * F32_REL > 1e-6 * (h if h is not None else 400 * delta)
    cnt = np.zeros(nb, dtype=np.int64)
    fsum = np.zeros(nb)          # int64 sums (numba) or floats (numpy), exact below 2^53
    tot = np.zeros(6)
    weighted = bool(weighted and tiles.w is not None)
    w = tiles.w if weighted else np.ones(1)
    wsum = np.zeros((nb, 2))
    pieces = _pieces(tiles, PIECE_PAIRS)
    lim = math.inf if exact_rows else float(dlim)   # inf: Σd of every binned row
    far_sums = far_sums or exact_rows                # ... and of every other pair
    for p, (a0, a1) in enumerate(pieces):
        with PARALLEL_LOCK:
            c, f, t, ws = grid_counts(tiles.x, tiles.y, xl, yl, ox, oy, wide,
                                      tiles.starts, tiles.bbox, a0, a1, float(ext),
                                      1.0 / delta, nb, bool(far_sums), int(tiles.split),
                                      w, weighted, lim, float(shift), int(fb),
                                      int(nbf), 1.0 / (1 << sh))
        cnt += c
        fsum += f
        tot += t
        if weighted:
            wsum += ws
        if tick is not None and p + 1 < len(pieces):
            tick((p + 1) / len(pieces))
    dsum = float(tot[2]) + (float(tot[4]) if exact_rows else 0.0)
    out = (cnt, fsum / float(1 << fb), float(tot[0]), float(tot[1]), dsum)

    if weighted:
        wsum[:, 1] /= float(1 << fb)
        out += (wsum,)
    if dlim > 0 and not exact_rows:
        out += ((int(round(tot[3])), float(tot[4]), float(tot[5])),)
    return out


class GridEdges:
    """The bin edges of a grid_histogram: k delta, or with its ``coarse`` =
    (nbf, s) past bin nbf, steps of 2^s delta (each in O(1), no array)."""

    def __init__(self, delta, coarse=None):
        self.delta = delta
        self.nbf, s = coarse if coarse is not None else (math.inf, 0)
        self.wide = delta * (1 << s)

    def edge(self, k):
        """The lower edge of bin k (k past the grid: as if it went on)."""
        if k <= self.nbf:
            return k * self.delta
        return self.nbf * self.delta + (k - self.nbf) * self.wide

    def bin_of(self, v):
        """The bin holding distance v >= 0 (past the grid: as if it went on)."""
        top = self.nbf * self.delta
        if v < top:
            return int(v / self.delta)
        return self.nbf + int((v - top) / self.wide)


def _arc_grid_histogram(tiles, ext, delta, nb, tick, h):
    """grid_histogram of the arcs of Earth-centred points (no far sums)."""
    xl, yl, zl, ox, oy, oz = local32(tiles)
    b = tiles.bbox
    extent = np.max(b[:, 1::2] - b[:, 0::2], axis=1)
    wide = extent * F32_REL > 1e-6 * (h if h is not None else 400 * delta)
    cnt = np.zeros(nb, dtype=np.int64)
    fsum = np.zeros(nb)
    tot = np.zeros(3)
    pieces = _pieces(tiles, PIECE_PAIRS)
    for p, (a0, a1) in enumerate(pieces):
        with PARALLEL_LOCK:
            c, f, t = arc_grid(tiles.x, tiles.y, tiles.z, xl, yl, zl, ox, oy, oz, wide,
                               tiles.starts, tiles.bbox, a0, a1, float(ext), 1.0 / delta, nb,
                               int(tiles.split))
        cnt += c
        fsum += f
        tot += t
        if tick is not None and p + 1 < len(pieces):
            tick((p + 1) / len(pieces))
    return (cnt, fsum / float(1 << FRAC_BITS), float(tot[0]), float(tot[1]), 0.0)


def arc_std(tiles, shift):
    """std (ddof 0) of the arcs of all pairs of Earth-centred tiles (Eq. 2's
    std has no closed form on arcs): one vectorised sweep of shifted sums."""
    with PARALLEL_LOCK:
        short = tiles.diameter < 0.2 * 6371008.8 * 0.999   # chords < 2R/10: 7 terms
        count, s1, s2 = arc_sums(tiles.x, tiles.y, tiles.z, tiles.starts, tiles.bbox,
                                 float(shift), int(tiles.split), bool(short))
    mean = s1 / count
    return math.sqrt(max(s2 / count - mean * mean, 0.0))
