"""Kernel sums of the DO curve (Eq. 1 and dbmss's Kd) from binned pair
distances: per-bin weight and first two moments (of the tiled pairs, or of
explicit distances), their second-order Taylor sum, dbmss's reflected term,
and the sum over a linear-binning grid."""
import math

import numpy as np

from .._numba import njit, prange
from ..engine import Kernel
from .blocks import blocks, chunked, tile_pairs
from .expo import _exp_neg
from .rows import NCHUNK, _b_first, _distances, _max_tile, _tile_bounds

THRESHOLD_CELLS = 1 << 20   # numpy forms: thresholds x bins evaluated at once


@njit(parallel=True)
def _moment_kernel(x, y, w, weighted, starts, bbox, lo, cutoff, delta, nb, split=0):
    """Per-bin Σw, Σw e, Σw e^2 (e = d - bin centre) of pairs with
    lo <= d < cutoff, bins from lo; slot nb collects the pairs outside and
    is dropped."""
    nt = starts.shape[0] - 1
    hist = np.zeros((NCHUNK, nb + 1, 3))
    inv = 1.0 / delta
    maxtile = _max_tile(starts)
    for c in prange(NCHUNK):
        buf = np.empty(maxtile)
        ib = np.empty(maxtile, dtype=np.int64)
        h = np.zeros((nb + 1, 3))
        for a in range(c, nt, NCHUNK):
            sa = starts[a]
            ea = starts[a + 1]
            for b in range(_b_first(a, split, nt), nt):
                dmin, dmax = _tile_bounds(bbox, a, b)
                if dmin >= cutoff or dmax < lo:
                    continue
                sb = starts[b]
                eb = starts[b + 1]
                for i in range(sa, ea):
                    j0 = i + 1 if a == b else sb
                    m = _distances(x, y, x[i], y[i], j0, eb, buf)
                    for t in range(m):
                        k = np.int64((buf[t] - lo) * inv + 1.0) - 1  # floor
                        ib[t] = nb if (k < 0 or buf[t] >= cutoff) else min(k, nb)
                    if weighted:
                        wi = w[i]
                        for t in range(m):
                            k = ib[t]
                            ww = wi * w[j0 + t]
                            e = buf[t] - lo - (k + 0.5) * delta
                            h[k, 0] += ww
                            h[k, 1] += ww * e
                            h[k, 2] += ww * e * e
                    else:
                        for t in range(m):
                            k = ib[t]
                            e = buf[t] - lo - (k + 0.5) * delta
                            h[k, 0] += 1.0
                            h[k, 1] += e
                            h[k, 2] += e * e
        hist[c] = h
    return hist.sum(axis=0)[:nb]


@njit
def _moment_bins(d, ww, weighted, lo, cutoff, delta, nb):
    """Per-bin Σw, Σw e, Σw e^2 (e: offset from the bin centre) of the
    distances lo <= d < cutoff, in input order (as numpy's bincount)."""
    hist = np.zeros((nb, 3))
    for t in range(d.shape[0]):
        v = d[t]
        if v >= lo and v < cutoff:
            k = min(np.int64((v - lo) / delta), nb - 1)
            e = v - lo - (k + 0.5) * delta
            w = ww[t] if weighted else 1.0
            we = w * e
            hist[k, 0] += w
            hist[k, 1] += we
            hist[k, 2] += we * e
    return hist


@njit
def _taylor_sum(hist, delta, origin, distances, h, reach):
    """Σ over bins of the kernel Taylor-expanded about each bin centre
    c = origin + (k + 1/2) delta: a pair at c + e gives
    K(u - e) ~ K(u)[1 + e u/h^2 + e^2/2 (u^2/h^4 - 1/h^2)], u = d - c."""
    nb = hist.shape[0]
    inv_h2 = 1.0 / (h * h)
    out = np.empty(distances.shape[0])
    for t in range(distances.shape[0]):
        d = distances[t] - origin
        k0 = max(int((d - reach) / delta), 0)
        k1 = min(int((d + reach) / delta) + 1, nb)
        total = 0.0
        for k in range(k0, k1):
            u = d - (k + 0.5) * delta
            uu = u * u * inv_h2
            total += math.exp(-0.5 * uu) * (
                hist[k, 0] + hist[k, 1] * u * inv_h2 +
                0.5 * hist[k, 2] * (uu - 1.0) * inv_h2)
        out[t] = total
    return out


@njit
def _reflect_sum(hist, delta, distances, h):
    """dbmss's reflected term Σ φ((r + d_k)/h) over the bins from 0."""
    nb = hist.shape[0]
    inv_h2 = 1.0 / (h * h)
    out = np.empty(distances.shape[0])
    for t in range(distances.shape[0]):
        total = 0.0
        for k in range(nb):
            v = distances[t] + (k + 0.5) * delta
            vv = v * v * inv_h2
            total += math.exp(-0.5 * vv) * (
                hist[k, 0] - hist[k, 1] * v * inv_h2 +
                0.5 * hist[k, 2] * (vv - 1.0) * inv_h2)
        out[t] = total
    return out


@njit
def _grid_sum(wts, delta, distances, h, reach):
    """Σ_k wts[k] exp(-(d - k delta)^2 / (2 h^2)) for each threshold d
    (the vectorised exp over each threshold's window of grid points)."""
    nb = wts.shape[0]
    inv_h2 = 0.5 / (h * h)
    out = np.empty(distances.shape[0])
    width = int(2.0 * reach / delta) + 4
    buf = np.empty(width)
    tb = np.empty(width)
    for t in range(distances.shape[0]):
        d = distances[t]
        k0 = max(int((d - reach) / delta), 0)
        k1 = min(int((d + reach) / delta) + 2, nb)
        m = max(k1 - k0, 0)
        for q in range(m):
            u = d - (k0 + q) * delta
            buf[q] = u * u * inv_h2
        _exp_neg(buf, m, tb)
        total = 0.0
        for q in range(m):
            total += wts[k0 + q] * buf[q]
        out[t] = total
    return out


def _slot_moments(d, ww, lo, cutoff, delta, nb, hist):
    """hist (nb + 1, 3) += per-bin Σw, Σw e, Σw e^2 of the distances ``d``
    (pair weights ``ww`` or None); out-of-range pairs go to slot nb."""
    k = ((d - lo) * (1.0 / delta) + 1.0).astype(np.int64) - 1      # floor
    slot = np.where((k < 0) | (d >= cutoff), nb, np.minimum(k, nb))
    e = d - lo - (slot + 0.5) * delta
    we = e if ww is None else ww * e
    hist[:, 0] += np.bincount(slot, weights=ww, minlength=nb + 1)
    hist[:, 1] += np.bincount(slot, weights=we, minlength=nb + 1)
    hist[:, 2] += np.bincount(slot, weights=we * e, minlength=nb + 1)


def _moment_numpy(x, y, w, weighted, starts, bbox, lo, cutoff, delta, nb, split=0):
    """numpy form of _moment_kernel."""
    xy = np.column_stack([x, y])

    def work(tiles):
        hist = np.zeros((nb + 1, 3))
        for a, b, dmin, dmax, _pairs in tile_pairs(starts, bbox, tiles, split):
            visit = b[(dmin < cutoff) & (dmax >= lo)]
            for got in blocks(xy, starts, a, visit, w=w if weighted else None):
                d, ww = got if weighted else (got, None)
                _slot_moments(d, ww, lo, cutoff, delta, nb, hist)
        return hist

    return sum(chunked(work, starts.shape[0] - 1))[:nb]


def _bins_numpy(d, ww, weighted, lo, cutoff, delta, nb):
    """numpy form of _moment_bins (numpy's bincount, which it mirrors)."""
    keep = (d >= lo) & (d < cutoff)
    k = np.minimum(((d[keep] - lo) / delta).astype(np.int64), nb - 1)
    e = d[keep] - lo - (k + 0.5) * delta
    wk = ww[keep] if weighted else np.ones(e.size)
    return np.c_[np.bincount(k, weights=wk, minlength=nb),
                 np.bincount(k, weights=wk * e, minlength=nb),
                 np.bincount(k, weights=wk * e * e, minlength=nb)]


def _threshold_chunks(count, width):
    step = max(1, THRESHOLD_CELLS // max(width, 1))
    for t0 in range(0, count, step):
        yield slice(t0, min(t0 + step, count))


def _taylor_numpy(hist, delta, origin, distances, h, reach):
    """numpy form of _taylor_sum."""
    nb = hist.shape[0]
    inv_h2 = 1.0 / (h * h)
    d = distances - origin
    k0 = np.maximum(((d - reach) / delta).astype(np.int64), 0)
    k1 = np.minimum(((d + reach) / delta).astype(np.int64) + 1, nb)
    width = int(max(int((k1 - k0).max()), 1))
    out = np.zeros(d.size)
    for t in _threshold_chunks(d.size, width):
        k = k0[t, None] + np.arange(width)
        valid = k < k1[t, None]
        k = np.minimum(k, nb - 1)
        u = d[t, None] - (k + 0.5) * delta
        uu = u * u * inv_h2
        term = np.exp(-0.5 * uu) * (hist[k, 0] + hist[k, 1] * u * inv_h2
                                    + 0.5 * hist[k, 2] * (uu - 1.0) * inv_h2)
        out[t] = np.where(valid, term, 0.0).sum(axis=1)
    return out


def _reflect_numpy(hist, delta, distances, h):
    """numpy form of _reflect_sum."""
    nb = hist.shape[0]
    inv_h2 = 1.0 / (h * h)
    centre = (np.arange(nb) + 0.5) * delta
    out = np.zeros(distances.size)
    for t in _threshold_chunks(distances.size, nb):
        v = distances[t, None] + centre
        vv = v * v * inv_h2
        out[t] = (np.exp(-0.5 * vv) * (hist[:, 0] - hist[:, 1] * v * inv_h2
                                        + 0.5 * hist[:, 2] * (vv - 1.0) * inv_h2)).sum(axis=1)
    return out


def _grid_numpy(wts, delta, distances, h, reach):
    """numpy form of _grid_sum."""
    nb = wts.shape[0]
    inv_h2 = 0.5 / (h * h)
    k0 = np.maximum(((distances - reach) / delta).astype(np.int64), 0)
    k1 = np.minimum(((distances + reach) / delta).astype(np.int64) + 2, nb)
    width = int(max(int((k1 - k0).max()), 1))
    out = np.zeros(distances.size)
    for t in _threshold_chunks(distances.size, width):
        k = k0[t, None] + np.arange(width)
        valid = k < k1[t, None]
        k = np.minimum(k, nb - 1)
        u = distances[t, None] - k * delta
        out[t] = np.where(valid, wts[k] * np.exp(-u * u * inv_h2), 0.0).sum(axis=1)
    return out


moment_pairs = Kernel(_moment_kernel, _moment_numpy)
moment_bins = Kernel(_moment_bins, _bins_numpy)
taylor_sum = Kernel(_taylor_sum, _taylor_numpy)
reflect_sum = Kernel(_reflect_sum, _reflect_numpy)
grid_sum = Kernel(_grid_sum, _grid_numpy)
