"""Convex hull (Andrew's monotone chain) and minimum-area rectangle
(rotating calipers) of a cluster's firms (section 2.2.4)."""
import math

import numpy as np

from .._numba import njit
from ..engine import Kernel


@njit
def _cross(ox, oy, ax, ay, bx, by):
    return (ax - ox) * (by - oy) - (ay - oy) * (bx - ox)


@njit
def _monotone_chain(x, y):
    """Indices of the convex hull, counter-clockwise, of points sorted by
    (x, y) without duplicates; collinear points are dropped."""
    n = x.shape[0]
    hull = np.empty(2 * n + 1, dtype=np.int64)
    k = 0
    for i in range(n):  # lower hull
        while k >= 2 and _cross(x[hull[k - 2]], y[hull[k - 2]], x[hull[k - 1]],
                                y[hull[k - 1]], x[i], y[i]) <= 0.0:
            k -= 1
        hull[k] = i
        k += 1
    lower = k + 1
    for i in range(n - 2, -1, -1):  # upper hull
        while k >= lower and _cross(x[hull[k - 2]], y[hull[k - 2]],
                                    x[hull[k - 1]], y[hull[k - 1]],
                                    x[i], y[i]) <= 0.0:
            k -= 1
        hull[k] = i
        k += 1
    # the last point repeats the first one
    return hull[:max(k - 1, 1)]


@njit
def _advance(hx, hy, p, dx, dy, stop, sign):
    """Move pointer p forward around the polygon while sign x (the projection
    on (dx, dy)) does not decrease, never onto vertex ``stop``."""
    h = hx.shape[0]
    for _ in range(h):
        pn = (p + 1) % h
        if sign * (hx[pn] * dx + hy[pn] * dy) < sign * (hx[p] * dx + hy[p] * dy) or pn == stop:
            break
        p = pn
    return p


@njit
def _calipers(hx, hy):
    """Rotating calipers over a strictly convex CCW polygon (>= 3 vertices).

    Returns (ux, uy, umin, umax, vmin, vmax) of the minimum-area rectangle:
    side directions u and v = u rotated by +90 degrees, extents along them.
    """
    h = hx.shape[0]
    best = np.inf
    res = np.zeros(6)
    j = 1  # max along u
    k = 1  # max along v
    m = 1  # min along u
    for i in range(h):
        i2 = (i + 1) % h
        ex = hx[i2] - hx[i]
        ey = hy[i2] - hy[i]
        norm = math.sqrt(ex * ex + ey * ey)
        ux = ex / norm
        uy = ey / norm
        vx = -uy
        vy = ux
        if i == 0:
            j = i2
        # every pointer moves forward around the polygon (projections of a
        # convex polygon are unimodal); at most h steps each per edge
        j = _advance(hx, hy, j, ux, uy, i, 1.0)
        if i == 0:
            k = j
        k = _advance(hx, hy, k, vx, vy, i, 1.0)
        if i == 0:
            m = k
        m = _advance(hx, hy, m, ux, uy, i2, -1.0)
        umax = hx[j] * ux + hy[j] * uy
        umin = hx[m] * ux + hy[m] * uy
        vmin = hx[i] * vx + hy[i] * vy
        vmax = hx[k] * vx + hy[k] * vy
        # guard against a pointer stuck behind (rounding): use exact extents
        # only when they are consistent, else recompute by a full scan
        if umin > hx[i] * ux + hy[i] * uy or umax < hx[i2] * ux + hy[i2] * uy:
            umin = np.inf
            umax = -np.inf
            vmax = -np.inf
            for t in range(h):
                pu = hx[t] * ux + hy[t] * uy
                pv = hx[t] * vx + hy[t] * vy
                umin = min(umin, pu)
                umax = max(umax, pu)
                vmax = max(vmax, pv)
        area = (umax - umin) * (vmax - vmin)
        if area < best:
            best = area
            res[0] = ux
            res[1] = uy
            res[2] = umin
            res[3] = umax
            res[4] = vmin
            res[5] = vmax
    return res


def _python(f):
    """The plain-Python body of a numba kernel (itself without numba)."""
    return getattr(f, "py_func", f)


def _chain_numpy(x, y):
    """numpy form of _monotone_chain: points strictly inside the
    quadrilateral of the extreme points (Akl-Toussaint) cannot be hull
    vertices and are dropped first (exact cross products), then the chain
    runs in Python over the rest: the same hull (every vertex lies on or
    outside the quadrilateral)."""
    n = x.shape[0]
    keep = np.arange(n)
    if n > 16:
        ext = np.unique([np.argmin(x), np.argmin(x + y), np.argmin(y), np.argmax(x - y),
                         np.argmax(x), np.argmax(x + y), np.argmax(y), np.argmin(x - y)])
        quad = ext[np.argsort(np.arctan2(y[ext] - y[ext].mean(), x[ext] - x[ext].mean()))]
        if quad.size >= 3:
            # a margin far above rounding: only points clearly inside go
            margin = 1e-9 * (np.ptp(x) + np.ptp(y)) ** 2
            inside = np.ones(n, dtype=bool)
            for a, b in zip(quad, np.roll(quad, -1)):
                inside &= (x[b] - x[a]) * (y - y[a]) - (y[b] - y[a]) * (x - x[a]) > margin
            keep = np.flatnonzero(~inside)
    return keep[_python(_monotone_chain)(x[keep], y[keep])]


monotone_chain = Kernel(_monotone_chain, _chain_numpy)
calipers = Kernel(_calipers, _python(_calipers))
