"""Counting kernels over all pair distances, tile by tile, never storing a
pair: a histogram of a distance window (with the counts below and above it,
optional sums for the std of Eq. 2 and the values inside), the number of
co-located pairs, and an exact count below a window with its values."""
import math

import numpy as np

from .._numba import njit, prange
from ..engine import Kernel
from .blocks import blocks, chunked, tile_pairs
from .rows import (NCHUNK, _b_first, _distances, _max_tile, _shifted_sums, _slots, _sq_row,
                   _tile_bounds, _tile_pairs)


@njit(parallel=True)
def _window_kernel(x, y, starts, bbox, lo, hi, nb, dlim, with_sums, shift,
                   capc, split):
    """Histogram pass over pair distances d <= dlim.

    Slot 0 counts d below the window, slots 1..nb the window [lo, hi),
    slot nb + 1 above it. Values inside the window are also collected, up to
    ``capc`` per chunk. Tile pairs wholly outside the window are counted
    from their bounds without visiting a pair (unless sums are wanted).
    """
    nt = starts.shape[0] - 1
    count = np.zeros(NCHUNK, dtype=np.int64)
    s1 = np.zeros(NCHUNK)
    s2 = np.zeros(NCHUNK)
    hist = np.zeros((NCHUNK, nb + 2), dtype=np.int64)
    got = np.zeros(NCHUNK, dtype=np.int64)
    vals = np.empty((NCHUNK, capc))
    scale = nb / (hi - lo)
    maxtile = _max_tile(starts)
    bounded = dlim != np.inf
    for c in prange(NCHUNK):
        buf = np.empty(maxtile)
        ib = np.empty(maxtile, dtype=np.int64)
        h = np.zeros(nb + 2, dtype=np.int64)
        cn = 0
        ng = 0
        for a in range(c, nt, NCHUNK):
            sa = starts[a]
            ea = starts[a + 1]
            for b in range(_b_first(a, split, nt), nt):
                sb = starts[b]
                eb = starts[b + 1]
                dmin, dmax = _tile_bounds(bbox, a, b)
                if dmin > dlim:
                    continue
                if not with_sums and dmax <= dlim and (dmin >= hi or dmax < lo):
                    h[0 if dmax < lo else nb + 1] += _tile_pairs(starts, a, b)
                    continue
                ls1 = 0.0
                ls2 = 0.0
                for i in range(sa, ea):
                    j0 = i + 1 if a == b else sb
                    m = _distances(x, y, x[i], y[i], j0, eb, buf)
                    if bounded:  # dbmss truncation: keep d <= dlim
                        kept = 0
                        for t in range(m):
                            if buf[t] <= dlim:
                                buf[kept] = buf[t]
                                kept += 1
                        m = kept
                    if with_sums:
                        cn += m
                        u1, u2 = _shifted_sums(buf, m, shift)
                        ls1 += u1
                        ls2 += u2
                    _slots(buf, m, lo, scale, nb, ib)
                    for t in range(m):
                        h[ib[t]] += 1
                    if capc > 0 and dmax >= lo and dmin < hi:
                        for t in range(m):
                            if ib[t] != 0 and ib[t] != nb + 1:
                                if ng < capc:
                                    vals[c, ng] = buf[t]
                                ng += 1
                s1[c] += ls1
                s2[c] += ls2
        count[c] = cn
        hist[c] = h
        got[c] = ng
    return hist.sum(axis=0), count.sum(), s1.sum(), s2.sum(), got, vals


@njit(parallel=True)
def _zero_kernel(x, y, starts, bbox):
    nt = starts.shape[0] - 1
    out = np.zeros(NCHUNK, dtype=np.int64)
    for c in prange(NCHUNK):
        z = 0
        for a in range(c, nt, NCHUNK):
            for b in range(a, nt):
                dmin, dmax = _tile_bounds(bbox, a, b)
                if dmin > 0.0:
                    continue
                for i in range(starts[a], starts[a + 1]):
                    j0 = i + 1 if a == b else starts[b]
                    for j in range(j0, starts[b + 1]):
                        z += x[i] == x[j] and y[i] == y[j]
        out[c] = z
    return out.sum()


@njit(parallel=True)
def _collect_kernel(x, y, starts, bbox, lo, hi, cap, split):
    """Exact count of pairs with d < lo and the distances in [lo, hi)
    (float64, compared as squares: no square root outside the window)."""
    nt = starts.shape[0] - 1
    lo2 = lo * lo
    hi2 = hi * hi
    below = np.zeros(NCHUNK, dtype=np.int64)
    got = np.zeros(NCHUNK, dtype=np.int64)
    vals = np.empty((NCHUNK, cap))
    maxtile = _max_tile(starts)
    for c in prange(NCHUNK):
        buf = np.empty(maxtile)
        nbl = 0
        ng = 0
        for a in range(c, nt, NCHUNK):
            sa = starts[a]
            ea = starts[a + 1]
            for b in range(_b_first(a, split, nt), nt):
                sb = starts[b]
                eb = starts[b + 1]
                dmin, dmax = _tile_bounds(bbox, a, b)
                if dmin > hi * (1 + 1e-9):
                    continue
                if dmax < lo * (1 - 1e-9):
                    nbl += _tile_pairs(starts, a, b)
                    continue
                for i in range(sa, ea):
                    j0 = i + 1 if a == b else sb
                    m = _sq_row(x, y, x[i], y[i], j0, eb, 1.0, buf)
                    inside = 0
                    for t in range(m):
                        s = buf[t]
                        nbl += s < lo2
                        inside += (s >= lo2) & (s < hi2)
                    if inside:
                        for t in range(m):
                            s = buf[t]
                            if s >= lo2 and s < hi2:
                                if ng < cap:
                                    vals[c, ng] = math.sqrt(s)
                                ng += 1
        below[c] = nbl
        got[c] = ng
    return below, got, vals


def _window_numba(x, y, starts, bbox, lo, hi, nb, dlim, with_sums, shift, capc, split=0):
    """Histogram pass over pair distances d <= dlim (see _window_kernel):
    (histogram with slots below/above, count, Σ(d - shift), Σ(d - shift)^2,
    the values inside the window, or None when a chunk held more than
    ``capc`` of them or none were asked for)."""
    hist, count, s1, s2, got, vals = _window_kernel(x, y, starts, bbox, lo, hi, nb, dlim,
                                                    with_sums, shift, capc, split)
    values = None
    if capc > 0 and got.max() <= capc:
        values = np.concatenate([vals[c, :got[c]] for c in range(NCHUNK)])
    return hist, count, s1, s2, values


def _window_numpy(x, y, starts, bbox, lo, hi, nb, dlim, with_sums, shift, capc, split=0):
    """numpy form of _window_numba (up to NCHUNK * capc values)."""
    xy = np.column_stack([x, y])
    scale = nb / (hi - lo)

    def work(tiles):
        hist = np.zeros(nb + 2, dtype=np.int64)
        count, s1, s2, vals, got = 0, 0.0, 0.0, [], 0
        for a, b, dmin, dmax, pairs in tile_pairs(starts, bbox, tiles, split):
            keep = dmin <= dlim
            if not with_sums:
                whole = keep & (dmax <= dlim) & ((dmin >= hi) | (dmax < lo))
                hist[0] += int(pairs[whole & (dmax < lo)].sum())
                hist[nb + 1] += int(pairs[whole & (dmax >= lo)].sum())
                keep &= ~whole
            for d in blocks(xy, starts, a, b[keep]):
                if dlim != np.inf:          # dbmss truncation: keep d <= dlim
                    d = d[d <= dlim]
                if with_sums:
                    count += d.size
                    u = d - shift
                    s1 += float(u.sum())
                    s2 += float(np.sum(u * u))
                k = ((d - lo) * scale + 1.0).astype(np.int64)
                np.clip(k, 0, nb + 1, out=k)
                hist += np.bincount(k, minlength=nb + 2)
                if capc > 0:
                    inside = d[(k != 0) & (k != nb + 1)]
                    got += inside.size
                    if got <= capc:
                        vals.append(inside)
        return hist, count, s1, s2, vals, got

    parts = chunked(work, starts.shape[0] - 1)
    hist = sum(p[0] for p in parts)
    count = sum(p[1] for p in parts)
    s1 = sum(p[2] for p in parts)
    s2 = sum(p[3] for p in parts)
    if capc == 0 or any(p[5] > capc for p in parts):
        return hist, count, s1, s2, None
    vals = [v for p in parts for v in p[4]]
    return hist, count, s1, s2, np.concatenate(vals) if vals else np.zeros(0)


def _zero_numpy(x, y, starts, bbox):
    """numpy form of _zero_kernel: Σ c (c - 1) / 2 over the locations."""
    _, counts = np.unique(x + 1j * y, return_counts=True)
    return int(np.sum(counts * (counts - 1) // 2))


def _collect_numba(x, y, starts, bbox, lo, hi, cap, split=0):
    """(number of pair distances below lo, the distances in [lo, hi)), or
    (below, None) when a chunk holds more than ``cap`` of them."""
    below, got, vals = _collect_kernel(x, y, starts, bbox, lo, hi, cap, split)
    if got.max() > cap:
        return int(below.sum()), None
    return int(below.sum()), np.concatenate([vals[c, :got[c]] for c in range(NCHUNK)])


def collect_squares(pts, starts, pairs_of, lo, hi, lo2, hi2, cap, values):
    """The numpy collection over tile pairs (``pairs_of(tiles)`` yields
    blocks.tile_pairs' rows): pairs below lo counted, the squared lengths in
    [lo2, hi2) kept and mapped by ``values`` (to distances), or (below, None)
    when a chunk holds more than ``cap``. Planar and arc forms share it."""

    def work(tiles):
        below, vals, got = 0, [], 0
        for a, b, dmin, dmax, pairs in pairs_of(tiles):
            keep = dmin <= hi * (1 + 1e-9)
            whole = keep & (dmax < lo * (1 - 1e-9))
            below += int(pairs[whole].sum())
            for s in blocks(pts, starts, a, b[keep & ~whole], square=True):
                below += int(np.count_nonzero(s < lo2))
                inside = s[(s >= lo2) & (s < hi2)]
                got += inside.size
                if got <= cap:
                    vals.append(values(inside))
        return below, vals, got

    parts = chunked(work, starts.shape[0] - 1)
    below = sum(p[0] for p in parts)
    if any(p[2] > cap for p in parts):
        return below, None
    vals = [v for p in parts for v in p[1]]
    return below, np.concatenate(vals) if vals else np.zeros(0)


def _collect_numpy(x, y, starts, bbox, lo, hi, cap, split=0):
    """numpy form of _collect_numba."""
    return collect_squares(np.column_stack([x, y]), starts,
                           lambda tiles: tile_pairs(starts, bbox, tiles, split),
                           lo, hi, lo * lo, hi * hi, cap, np.sqrt)


window_histogram = Kernel(_window_numba, _window_numpy)
zero_pairs = Kernel(_zero_kernel, _zero_numpy)
collect_window = Kernel(_collect_numba, _collect_numpy)
