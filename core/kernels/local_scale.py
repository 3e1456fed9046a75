"""The local scale h_i (section 2.2.2): per firm, the std (ddof 0) and the
linear-interpolated lower quartile of its distances to the other N_A - 1
firms (Eq. 2 on one row), never storing an n x n matrix."""
import math

import numpy as np

from .._numba import njit, prange
from ..engine import Kernel
from .blocks import distances
from .rows import NCHUNK, _distances

ROW_CELLS = 1 << 20     # numpy form: distances held per block of rows


@njit(fastmath=True)
def _shifted_all(x, y, xi, yi, shift):
    """Σ (d - shift) and Σ (d - shift)^2 over every firm (d_ii = 0 included)."""
    s1 = 0.0
    s2 = 0.0
    for t in range(x.shape[0]):
        dx = x[t] - xi
        dy = y[t] - yi
        u = math.sqrt(dx * dx + dy * dy) - shift
        s1 += u
        s2 += u * u
    return s1, s2


@njit
def _order_pair_histogram(x, y, i, nbins, k0, k1, buf, ib, cand, hist):
    """Order statistics k0 and k1 (0-based) of firm i's distances to the
    n - 1 others: a histogram locates their bin(s), only those are sorted."""
    n = x.shape[0]
    m = _distances(x, y, x[i], y[i], 0, n, buf)
    buf[i] = buf[n - 1]  # drop d_ii = 0: move the last value in
    m = n - 1
    top = 0.0
    for t in range(m):
        top = max(top, buf[t])
    if top == 0.0:
        return 0.0, 0.0
    scale = nbins / (top * (1.0 + 1e-12))
    hist[:] = 0
    for t in range(m):
        k = min(np.int64(buf[t] * scale), nbins - 1)
        ib[t] = k
        hist[k] += 1
    cum = 0
    b0 = -1
    b1 = -1
    below0 = 0
    for b in range(nbins):
        if b0 < 0 and cum + hist[b] > k0:
            b0 = b
            below0 = cum
        if cum + hist[b] > k1:
            b1 = b
            break
        cum += hist[b]
    nc = 0
    for t in range(m):
        if ib[t] >= b0 and ib[t] <= b1:
            cand[nc] = buf[t]
            nc += 1
    sel = np.sort(cand[:nc])
    return sel[k0 - below0], sel[k1 - below0]


@njit(fastmath=True)
def _window_count(xs, ys, xi, yi, lo2, hi2, buf):
    """buf <- squared distances; returns (# below lo2, # in [lo2, hi2])."""
    nb = 0
    nw = 0
    for t in range(xs.shape[0]):
        dx = xs[t] - xi
        dy = ys[t] - yi
        d2 = dx * dx + dy * dy
        buf[t] = d2
        nb += d2 < lo2
        nw += (d2 >= lo2) & (d2 <= hi2)
    return nb, nw


@njit
def _order_pair_window(x, y, i, starts, bbox, lo, hi, k0, k1, buf, cand):
    """Order statistics k0, k1 of firm i's distances if both lie in
    [lo, hi]: firms are classified by squared distance (sqrt is monotone,
    so the ranks are exact), whole tiles from their bounding boxes. Returns
    (ok, v0, v1)."""
    nt = starts.shape[0] - 1
    xi = x[i]
    yi = y[i]
    lo2 = lo * lo if lo > 0.0 else 0.0
    hi2 = hi * hi
    below = 0
    nc = 0
    for b in range(nt):
        sb = starts[b]
        eb = starts[b + 1]
        ex = max(bbox[b, 0] - xi, xi - bbox[b, 1], 0.0)
        ey = max(bbox[b, 2] - yi, yi - bbox[b, 3], 0.0)
        fx = max(xi - bbox[b, 0], bbox[b, 1] - xi)
        fy = max(yi - bbox[b, 2], bbox[b, 3] - yi)
        dmin2 = (ex * ex + ey * ey) * (1.0 - 1e-9)
        dmax2 = (fx * fx + fy * fy) * (1.0 + 1e-9)
        own = sb <= i < eb
        if dmax2 < lo2:
            below += eb - sb - (1 if own else 0)
            continue
        if dmin2 > hi2:
            continue
        for part in range(2):
            if own:
                j0 = sb if part == 0 else i + 1
                j1 = i if part == 0 else eb
            else:
                if part == 1:
                    break
                j0 = sb
                j1 = eb
            if j1 <= j0:
                continue
            nb, nw = _window_count(x[j0:j1], y[j0:j1], xi, yi, lo2, hi2, buf)
            below += nb
            if nw > 0:
                for t in range(j1 - j0):
                    d2 = buf[t]
                    if d2 >= lo2 and d2 <= hi2:
                        cand[nc] = d2
                        nc += 1
    if below > k0 or k1 >= below + nc:
        return False, 0.0, 0.0
    r0 = k0 - below
    sel = np.partition(cand[:nc], r0)
    v1 = sel[r0]
    if k1 > k0:  # k1 = k0 + 1: the smallest value above rank r0
        v1 = sel[r0 + 1]
        for t in range(r0 + 2, nc):
            v1 = min(v1, sel[t])
    return True, math.sqrt(sel[r0]), math.sqrt(v1)


@njit(parallel=True)
def _local_kernel(x, y, starts, bbox, nbins, rank_pos):
    """Per firm (tile order): std (ddof 0) and the linear-interpolated lower
    quartile of its distances to the n - 1 others.

    The std comes from one vectorised pass of shifted sums. The quartile's
    order statistics move by at most d(i, i') between firms i and i'
    (triangle inequality, element by element), so the previous firm's
    values ± d(i, i') bracket firm i's: whole tiles are counted from their
    bounding boxes and only the few distances inside the bracket are
    sorted. A bracket that fails its rank check (never in exact arithmetic)
    and each chunk's first firm use a per-firm histogram instead."""
    n = x.shape[0]
    nt = starts.shape[0] - 1
    std = np.empty(n)
    q1 = np.empty(n)
    k0 = int(math.floor(rank_pos))
    frac = rank_pos - k0
    k1 = min(k0 + 1, n - 2)
    cx = 0.0
    cy = 0.0
    for i in range(n):
        cx += x[i]
        cy += y[i]
    cx /= n
    cy /= n
    nch = NCHUNK * 2
    for c in prange(nch):
        buf = np.empty(n)
        ib = np.empty(n, dtype=np.int64)
        cand = np.empty(n)
        hist = np.zeros(nbins + 2, dtype=np.int64)
        i0 = starts[(nt * c) // nch]
        i1 = starts[(nt * (c + 1)) // nch]
        prev = -1
        v0 = 0.0
        v1 = 0.0
        for i in range(i0, i1):
            xi = x[i]
            yi = y[i]
            shift = math.sqrt((xi - cx) ** 2 + (yi - cy) ** 2)
            s1, s2 = _shifted_all(x, y, xi, yi, shift)
            s1 += shift   # remove j = i: d_ii - shift = -shift
            s2 -= shift * shift
            m = n - 1
            mean = s1 / m
            std[i] = math.sqrt(max(s2 / m - mean * mean, 0.0))
            ok = False
            if prev >= 0:
                dx = xi - x[prev]
                dy = yi - y[prev]
                step = math.sqrt(dx * dx + dy * dy)
                lo = (v0 - step) * (1.0 - 1e-12) - 1e-300
                hi = (v1 + step) * (1.0 + 1e-12) + 1e-300
                ok, w0, w1 = _order_pair_window(x, y, i, starts, bbox, lo, hi,
                                                k0, k1, buf, cand)
            if not ok:
                w0, w1 = _order_pair_histogram(x, y, i, nbins, k0, k1, buf, ib,
                                               cand, hist)
            v0 = w0
            v1 = w1
            prev = i
            q1[i] = v0 + frac * (v1 - v0) if frac != 0.0 else v0
    return std, q1


def _spread_numpy(x, y, starts, bbox, nbins, rank_pos):
    """numpy form of _local_kernel: blocks of whole rows of distances; the
    quartile's order statistics by np.partition (the firm's own distance 0
    is a row minimum, so rank r of the others is rank r + 1 of the row)."""
    n = x.shape[0]
    k0 = int(math.floor(rank_pos))
    frac = rank_pos - k0
    k1 = min(k0 + 1, n - 2)
    cx, cy = x.mean(), y.mean()
    std = np.empty(n)
    q1 = np.empty(n)
    everyone = np.arange(n)
    step = max(1, ROW_CELLS // n)
    for i0 in range(0, n, step):
        rows = np.arange(i0, min(i0 + step, n))
        d = distances(x, y, rows, everyone)
        shift = np.sqrt((x[rows] - cx) ** 2 + (y[rows] - cy) ** 2)
        u = d - shift[:, None]
        s1 = u.sum(axis=1) + shift            # remove j = i: d_ii - shift = -shift
        s2 = np.einsum("ij,ij->i", u, u) - shift * shift
        mean = s1 / (n - 1)
        std[rows] = np.sqrt(np.maximum(s2 / (n - 1) - mean * mean, 0.0))
        part = np.partition(d, [k0 + 1, k1 + 1], axis=1)
        v0, v1 = part[:, k0 + 1], part[:, k1 + 1]
        q1[rows] = v0 + frac * (v1 - v0) if frac != 0.0 else v0
    return std, q1


row_spread = Kernel(_local_kernel, _spread_numpy)
