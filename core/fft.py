"""Approximate DO curve (method "fft"): pair-distance histogram from the FFT
autocorrelation of a count raster. Not in the paper: a speed option.

Firms are counted in square cells of side c = h'/CELLS_PER_H (h' a pilot
bandwidth from sampled pairs). The autocorrelation of the count raster,
padded so that lags up to Dmax + 8.5 h do not wrap, gives the number of
pairs at every cell offset; offset (i, j) stands for the distance
c sqrt(i^2 + j^2). Rounding both firms to their cell centres spreads a pair
distance by about c^2/6 in variance, which the kernel compensates by using
h_eff = sqrt(h^2 - c^2/6). Eq. 2: the lower quartile from the same histogram,
the std from the closed-form Σd^2 and Σd from a coarse full-extent raster.
Cost depends on the raster, not on n. Error about 1e-4 of DO (rounding
errors of co-located firms do not average out); bandwidth about 1e-4.
"""
import math

import numpy as np
from scipy import fft as sfft

from ._numba import njit
from .ldo import _exp_neg

CELLS_PER_H = 10
COARSE_CELLS = 1024     # the coarse raster for the mean pair distance
CUTOFF_H = 8.5
MAX_CELLS = 40_000_000  # fine raster cap (float32: 160 MB); coarser cells beyond
KERNEL_REACH = 9.0      # exp(-9^2/2) < 3e-18: lags farther than 9 h_eff add nothing


@njit
def _kernel_sum(dist, w, distances, h, reach):
    """Σ_k w_k exp(-((d - dist_k)/h)^2 / 2) for each d, over the lags
    (``dist`` ascending) within d ± reach."""
    out = np.zeros(distances.shape[0])
    buf = np.empty(dist.shape[0])
    tb = np.empty(dist.shape[0])
    c = 0.5 / (h * h)
    for t in range(distances.shape[0]):
        d = distances[t]
        lo = np.searchsorted(dist, d - reach)
        hi = np.searchsorted(dist, d + reach, side="right")
        m = hi - lo
        for k in range(m):
            u = d - dist[lo + k]
            buf[k] = u * u * c
        _exp_neg(buf, m, tb)
        s = 0.0
        for k in range(m):
            s += w[lo + k] * buf[k]
        out[t] = s
    return out


@njit
def _fill(r, x, y, x0, y0, c):
    nx, ny = r.shape
    for t in range(x.shape[0]):
        ix = min(np.int64((x[t] - x0) / c), nx - 1)
        iy = min(np.int64((y[t] - y0) / c), ny - 1)
        r[ix, iy] += 1.0


def _raster(x, y, x0, y0, c, shape):
    r = np.zeros(shape, dtype=np.float32)
    _fill(r, np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64),
          float(x0), float(y0), float(c))
    return r


def _autocorrelation(r, workers):
    f = sfft.rfft2(r, workers=workers)
    re = f.real
    im = f.imag
    re *= re
    im *= im
    re += im     # |F|^2 in place (no complex temporaries)
    im[...] = 0.0
    return sfft.irfft2(f, s=r.shape, workers=workers)


def _lag_histogram(r, maxlag, workers):
    """Autocorrelation summed by squared cell offset i^2 + j^2 <= maxlag^2
    over the full plane of offsets (each unordered pair is counted twice)."""
    a = _autocorrelation(r, workers)
    L = int(maxlag)
    i = np.r_[0:L + 1, -L:0]
    ai = a[np.ix_(i % a.shape[0], i % a.shape[1])].astype(np.float64)
    r2 = (i * i)[:, None] + (i * i)[None, :]
    keep = r2 <= L * L
    return np.bincount(r2[keep], weights=ai[keep], minlength=L * L + 1)


def fft_pair_histogram(x, y, cell, reach, workers=2):
    """Pair counts by squared cell offset k = i^2 + j^2 (distance c sqrt(k)),
    up to ``reach``; index 0 holds the pairs inside one cell."""
    x0, y0 = x.min(), y.min()
    span = (x.max() - x0, y.max() - y0)
    L = int(math.ceil(reach / cell)) + 1
    shape = tuple(sfft.next_fast_len(int(s / cell) + 1 + L + 1, real=True) for s in span)
    r = _raster(x, y, x0, y0, cell, shape)
    cnt = _lag_histogram(r, L, workers)
    cnt[0] -= len(x)                   # lag 0 also counts every firm with itself
    return np.maximum(cnt / 2.0, 0.0), L


def mean_pair_distance(x, y, workers=2):
    """Σd / N from a coarse full-extent raster (no wrap: padded 2x)."""
    x0, y0 = x.min(), y.min()
    span = max(x.max() - x0, y.max() - y0, 1e-300)
    c = span / (COARSE_CELLS // 2 - 1)
    shape = (COARSE_CELLS, COARSE_CELLS)
    r = _raster(x, y, x0, y0, c, shape)
    a = _autocorrelation(r, workers).astype(np.float64)
    i = np.fft.fftfreq(COARSE_CELLS, 1.0 / COARSE_CELLS)
    dist = c * np.hypot(i[:, None], i[None, :])
    n = len(x)
    tot = (a * dist).sum() / 2.0
    return tot / (n * (n - 1) / 2.0)


def fft_curve(x, y, distances, fixed_h=None, pilot=None, workers=2):
    """(curve, h, colocated) of Eq. 1/2 from the FFT pair histogram, or None
    if the raster cannot hold the lower quartile (then use "exact")."""
    n = len(x)
    pairs = n * (n - 1) / 2.0
    dmax = float(distances[-1])
    guess = fixed_h if fixed_h is not None else pilot
    cell = guess / CELLS_PER_H
    reach = dmax + CUTOFF_H * guess * (1.0 if fixed_h is not None else 1.25)
    span = (np.ptp(x) + reach) * (np.ptp(y) + reach)
    cell = max(cell, math.sqrt(span / MAX_CELLS))
    cnt, L = fft_pair_histogram(x, y, cell, reach, workers)
    k = np.nonzero(cnt)[0]
    dist = cell * np.sqrt(k)
    w = cnt[k]
    colocated = False
    h = fixed_h
    if fixed_h is None:
        cum = np.cumsum(w)
        rank = 0.25 * (pairs - 1)
        if cum[-1] <= rank + 1:
            return None
        pos = int(np.searchsorted(cum, rank, side="right"))
        q1 = float(dist[pos])
        # Σ_{i<j} d^2 = n Σ|p - p̄|^2: E[d^2] = 2 n (var x + var y) / (n - 1)
        e2 = 2.0 * n * float(np.var(x) + np.var(y)) / (n - 1)
        m = mean_pair_distance(x, y, workers)
        std = math.sqrt(max(e2 - m * m, 0.0))
        factor = 0.9 * n ** -0.2
        if q1 <= 0.0:
            h, colocated = factor * std, True
        else:
            h = factor * min(std, q1 / 1.34)
        if dmax + CUTOFF_H * h > cell * L:
            return None
    h_eff = math.sqrt(max(h * h - cell * cell / 6.0, (0.5 * h) ** 2))
    out = _kernel_sum(dist, np.ascontiguousarray(w, dtype=np.float64),
                      np.ascontiguousarray(distances, dtype=np.float64), h_eff,
                      KERNEL_REACH * h_eff)
    return out / (h_eff * n * (n - 1)), h, colocated
