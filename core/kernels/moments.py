"""Kernel sums of the DO curve (Eq. 1 and dbmss's Kd) from binned pair
distances: per-bin weight and first two moments (of the tiled pairs, or of
explicit distances), their second-order Taylor sum, dbmss's reflected term,
and the sum over a linear-binning grid."""
import math

import numpy as np

from .._numba import njit, prange
from ..engine import Kernel
from .rows import NCHUNK, _distances, _max_tile, _tile_bounds


@njit(parallel=True)
def _moment_kernel(x, y, w, weighted, starts, bbox, lo, cutoff, delta, nb):
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
            for b in range(a, nt):
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
    """Σ_k wts[k] exp(-(d - k delta)^2 / (2 h^2)) for each threshold d."""
    nb = wts.shape[0]
    inv_h2 = 0.5 / (h * h)
    out = np.empty(distances.shape[0])
    for t in range(distances.shape[0]):
        d = distances[t]
        k0 = max(int((d - reach) / delta), 0)
        k1 = min(int((d + reach) / delta) + 2, nb)
        total = 0.0
        for k in range(k0, k1):
            u = d - k * delta
            total += wts[k] * math.exp(-u * u * inv_h2)
        out[t] = total
    return out


moment_pairs = Kernel(_moment_kernel, _moment_kernel)
moment_bins = Kernel(_moment_bins, _moment_bins)
taylor_sum = Kernel(_taylor_sum, _taylor_sum)
reflect_sum = Kernel(_reflect_sum, _reflect_sum)
grid_sum = Kernel(_grid_sum, _grid_sum)
