"""LDO kernel sums (Eq. 6, 12, 13): per firm, Σ_j K_ij and Σ_j w_j K_ij with
K_ij = exp(-((d̂ - d_ij)/h_i)^2), over the tile pairs that can hold d_ij
within d̂ ± 6.5 h_i (farther pairs add < 5e-19)."""
import math

import numpy as np

from .._numba import njit, prange
from ..engine import Kernel
from .expo import _exp_neg
from .blocks import column_chunks, columns, distances, squares, tile_bounds
from .rows import NCHUNK, _sq_row, _tile_bounds

CUTOFF = 6.5  # exp(-6.5^2) < 5e-19: farther pairs add nothing in float64

BLOCK = 512


@njit(fastmath=True)
def _u2_peak(xs, ys, xi, yi, peak, inv, buf):
    """buf <- ((d̂ - d) / h)^2."""
    for t in range(xs.shape[0]):
        dx = xs[t] - xi
        dy = ys[t] - yi
        u = (peak - math.sqrt(dx * dx + dy * dy)) * inv
        buf[t] = u * u


@njit(fastmath=True)
def _sum1(k, m):
    s = 0.0
    for t in range(m):
        s += k[t]
    return s


@njit(fastmath=True)
def _sumw(k, ws, m):
    s = 0.0
    for t in range(m):
        s += ws[t] * k[t]
    return s


@njit(fastmath=True)
def _scatter1(k, acc, m):
    """acc[t] += k[t], returns Σ k (symmetric pairs: K_ij = K_ji)."""
    s = 0.0
    for t in range(m):
        s += k[t]
        acc[t] += k[t]
    return s


@njit(fastmath=True)
def _scatterw(k, ws, wi, acc, accw, m):
    """Symmetric weighted: acc += k, accw += w_i k; returns Σ k, Σ w_j k."""
    s0 = 0.0
    s1 = 0.0
    for t in range(m):
        s0 += k[t]
        s1 += ws[t] * k[t]
        acc[t] += k[t]
        accw[t] += wi * k[t]
    return s0, s1


@njit
def _block_kernel(x, y, i, j0, j1, h, peak, buf, tb):
    """buf[:j1-j0] <- K_ij for j in j0..j1-1 (j != i assumed)."""
    m = j1 - j0
    if peak == 0.0:
        inv = 1.0 / h
        _sq_row(x, y, x[i], y[i], j0, j1, inv * inv, buf)
    else:
        _u2_peak(x[j0:j1], y[j0:j1], x[i], y[i], peak, 1.0 / h, buf)
    _exp_neg(buf, m, tb)
    return m


@njit
def _tile_ranges(bbox, starts, a, b0, peak, reach, ranges):
    """Runs of consecutive tiles b >= b0 that can hold a pair of tile a at a
    distance within d̂ ± reach; returns their number (ranges[:, 0:2])."""
    nt = starts.shape[0] - 1
    nr = 0
    for b in range(b0, nt):
        dmin, dmax = _tile_bounds(bbox, a, b)
        if dmin > peak + reach or dmax < peak - reach:
            continue
        if nr > 0 and ranges[nr - 1, 1] == starts[b]:
            ranges[nr - 1, 1] = starts[b + 1]
        else:
            ranges[nr, 0] = starts[b]
            ranges[nr, 1] = starts[b + 1]
            nr += 1
    return nr


@njit(parallel=True)
def _ldo_kernel(x, y, w, weighted, h, peak, starts, bbox):
    """Per firm Σ_j K_ij and Σ_j w_j K_ij, K_ij = exp(-((d̂ - d_ij)/h_i)^2),
    over tile pairs that can hold d_ij within d̂ ± 6.5 h_i.

    One ĥ for all firms: K_ij = K_ji, so each pair is visited once and added
    to both firms (per-chunk accumulators, merged in a fixed order)."""
    n = x.shape[0]
    nt = starts.shape[0] - 1
    same = True
    for i in range(1, n):
        if h[i] != h[0]:
            same = False
            break
    nacc = NCHUNK if same else 1
    acc = np.zeros((nacc, n))
    accw = np.zeros((nacc if weighted else 1, n))
    sk = np.zeros(n)
    swk = np.zeros(n)
    for c in prange(NCHUNK):
        buf = np.empty(BLOCK)
        tb = np.empty(BLOCK)
        ranges = np.empty((nt, 2), dtype=np.int64)
        ca = acc[c] if same else acc[0]
        cw = accw[c] if same and weighted else accw[0]
        for a in range(c, nt, NCHUNK):
            sa = starts[a]
            ea = starts[a + 1]
            hmax = 0.0
            for i in range(sa, ea):
                hmax = max(hmax, h[i])
            nr = _tile_ranges(bbox, starts, a, a if same else 0, peak,
                              CUTOFF * hmax, ranges)
            for i in range(sa, ea):
                hi = h[i]
                wi = w[i] if weighted else 0.0
                s0 = 0.0
                s1 = 0.0
                for r in range(nr):
                    r0 = ranges[r, 0]
                    r1 = ranges[r, 1]
                    if same:
                        r0 = max(r0, i + 1)   # pairs j > i only
                    for part in range(2):
                        if part == 0:
                            p0 = r0
                            p1 = min(r1, i) if (not same and r0 <= i < r1) else r1
                        else:
                            if same or not (r0 <= i < r1):
                                break
                            p0 = i + 1
                            p1 = r1
                        for j0 in range(p0, p1, BLOCK):
                            j1 = min(j0 + BLOCK, p1)
                            m = _block_kernel(x, y, i, j0, j1, hi, peak, buf, tb)
                            if same:
                                if weighted:
                                    u0, u1 = _scatterw(buf, w[j0:j1], wi, ca[j0:j1],
                                                       cw[j0:j1], m)
                                    s0 += u0
                                    s1 += u1
                                else:
                                    s0 += _scatter1(buf, ca[j0:j1], m)
                            else:
                                s0 += _sum1(buf, m)
                                if weighted:
                                    s1 += _sumw(buf, w[j0:j1], m)
                sk[i] += s0
                swk[i] += s1
    for c in range(nacc if same else 0):
        for i in range(n):
            sk[i] += acc[c, i]
            if weighted:
                swk[i] += accw[c, i]
    return sk, swk


def _kernel_block(x, y, rows, cols, inv, peak):
    """K_ij = exp(-((d̂ - d_ij) / h_i)^2) for rows x cols (inv = 1 / h_i per row)."""
    if peak == 0.0:
        z = squares(x, y, rows, cols)
        z *= (inv * inv)[:, None]
    else:
        z = distances(x, y, rows, cols)
        np.subtract(peak, z, out=z)
        z *= inv[:, None]
        z *= z
    np.negative(z, out=z)
    return np.exp(z, out=z)


def _ldo_numpy(x, y, w, weighted, h, peak, starts, bbox):
    """numpy form of _ldo_kernel: blocks of one tile's firms against the
    tiles in reach; one ĥ for all firms adds each block to both sides."""
    n = x.shape[0]
    nt = starts.shape[0] - 1
    same = bool(np.all(h == h[0]))
    sk = np.zeros(n)
    swk = np.zeros(n)
    for a in range(nt):
        sa, ea = int(starts[a]), int(starts[a + 1])
        rows = np.arange(sa, ea)
        inv = 1.0 / h[sa:ea]
        reach = CUTOFF * float(h[sa:ea].max())
        b = np.arange(a if same else 0, nt)
        dmin, dmax = tile_bounds(bbox, a, b)
        b = b[~((dmin > peak + reach) | (dmax < peak - reach))]
        if same:
            if b.size and b[0] == a:          # the pairs i < j inside tile a
                k = np.triu(_kernel_block(x, y, rows, rows, inv, peak), 1)
                _add(k, rows, rows, w, weighted, sk, swk, True)
                b = b[1:]
        for cols in column_chunks(columns(starts, b), rows.size):
            k = _kernel_block(x, y, rows, cols, inv, peak)
            if not same:                      # drop j = i
                at = np.searchsorted(cols, rows)
                mine = (at < cols.size) & (cols[np.minimum(at, cols.size - 1)] == rows)
                k[np.flatnonzero(mine), at[mine]] = 0.0
            _add(k, rows, cols, w, weighted, sk, swk, same)
    return sk, swk


def _add(k, rows, cols, w, weighted, sk, swk, both):
    """Row sums of the kernel block into the rows' firms (and, ``both``,
    column sums into the columns' firms)."""
    sk[rows] += k.sum(axis=1)
    if weighted:
        swk[rows] += k @ w[cols]
    if both:
        sk[cols] += k.sum(axis=0)
        if weighted:
            swk[cols] += w[rows] @ k


ldo_sums = Kernel(_ldo_kernel, _ldo_numpy)
