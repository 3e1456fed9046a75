"""Kernels of the FFT DO curve (method "fft"): firms counted on a raster,
|F|^2 of its transform, the autocorrelation summed by cell offset, and the
kernel sum over the lags."""
import math

import numpy as np

from .._numba import njit, prange
from ..engine import Kernel
from .expo import _exp_neg


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


@njit(parallel=True)
def _power(f):
    """|F|^2 in place (the spectrum of the autocorrelation)."""
    for i in prange(f.shape[0]):
        for j in range(f.shape[1]):
            v = f[i, j]
            f[i, j] = v.real * v.real + v.imag * v.imag


@njit
def _lag_sums(a, L):
    """Autocorrelation summed by squared cell offset k = i^2 + j^2 <= L^2 over
    the full plane of offsets (each unordered pair counted twice); ``a`` holds
    offsets i = 0..L (rows) and all j (columns, circular): a(-i, j) = a(i, -j)."""
    out = np.zeros(L * L + 1)
    ny = a.shape[1]
    for i in range(L + 1):
        wt = 1.0 if i == 0 else 2.0
        jm = np.int64(math.sqrt(L * L - i * i))
        while (jm + 1) * (jm + 1) <= L * L - i * i:
            jm += 1
        while jm * jm > L * L - i * i:
            jm -= 1
        for j in range(-jm, jm + 1):
            out[i * i + j * j] += wt * a[i, j % ny]
    return out


@njit
def _distance_sum(a, n0, c):
    """Σ over all offsets (i, j) of a(i, j) c sqrt(i^2 + j^2) for a circular
    autocorrelation with n0 rows, of which ``a`` holds rows 0..n0/2."""
    n1 = a.shape[1]
    tot = 0.0
    for i in range(n0 // 2 + 1):
        wt = 1.0 if (i == 0 or 2 * i == n0) else 2.0
        s = 0.0
        for j in range(n1):
            jj = j if 2 * j <= n1 else j - n1
            s += a[i, j] * math.sqrt(i * i + jj * jj)
        tot += wt * s
    return c * tot


def _kernel_sum_numpy(dist, w, distances, h, reach):
    """numpy form of _kernel_sum."""
    out = np.zeros(distances.shape[0])
    c = 0.5 / (h * h)
    lo = np.searchsorted(dist, distances - reach)
    hi = np.searchsorted(dist, distances + reach, side="right")
    for t in range(distances.shape[0]):
        u = distances[t] - dist[lo[t]:hi[t]]
        out[t] = float(np.sum(w[lo[t]:hi[t]] * np.exp(-u * u * c)))
    return out


def _fill_numpy(r, x, y, x0, y0, c):
    """numpy form of _fill."""
    nx, ny = r.shape
    ix = np.minimum(((x - x0) / c).astype(np.int64), nx - 1)
    iy = np.minimum(((y - y0) / c).astype(np.int64), ny - 1)
    np.add.at(r, (ix, iy), 1.0)


def _power_numpy(f):
    """numpy form of _power: |F|^2 in place, a band of rows at a time."""
    step = max(1, (1 << 20) // max(f.shape[1], 1))
    for i0 in range(0, f.shape[0], step):
        band = f[i0:i0 + step]
        np.multiply(band, np.conj(band), out=band)


def _lag_sums_numpy(a, L):
    """numpy form of _lag_sums: every offset (i, j), i = 0..L, i^2 + j^2 <= L^2."""
    ny = a.shape[1]
    i = np.arange(L + 1)
    jm = np.floor(np.sqrt(L * L - i * i)).astype(np.int64)
    jm += (jm + 1) ** 2 <= L * L - i * i          # exact integer square roots
    jm -= jm ** 2 > L * L - i * i
    counts = 2 * jm + 1
    ii = np.repeat(i, counts)
    jj = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts) \
        - np.repeat(jm, counts)
    wt = np.where(ii == 0, 1.0, 2.0)
    return np.bincount(ii * ii + jj * jj, weights=wt * a[ii, jj % ny], minlength=L * L + 1)


def _distance_sum_numpy(a, n0, c):
    """numpy form of _distance_sum."""
    n1 = a.shape[1]
    i = np.arange(n0 // 2 + 1)
    j = np.arange(n1)
    jj = np.where(2 * j <= n1, j, j - n1)
    wt = np.where((i == 0) | (2 * i == n0), 1.0, 2.0)
    rows = (a[:n0 // 2 + 1] * np.sqrt(i[:, None] ** 2 + jj[None, :] ** 2)).sum(axis=1)
    return c * float(np.sum(wt * rows))


kernel_sum = Kernel(_kernel_sum, _kernel_sum_numpy)
fill = Kernel(_fill, _fill_numpy)
power = Kernel(_power, _power_numpy)
lag_sums = Kernel(_lag_sums, _lag_sums_numpy)
distance_sum = Kernel(_distance_sum, _distance_sum_numpy)
