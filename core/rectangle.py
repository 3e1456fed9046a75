"""Minimum bounding rectangle of a cluster (section 2.2.4, Figure 1).

``bounding_rectangle`` returns the four corners (counter-clockwise) of the
minimum-area oriented rectangle (default) or of the axis-aligned box.
Convex hull: Andrew's monotone chain (duplicates and collinear points
removed); minimum-area rectangle: rotating calipers (one side of the optimum
lies on a hull edge). Degenerate sets (one point, two points, a line) get a
rectangle buffered by a tiny epsilon, never an error.
"""
import math

import numpy as np

from ._numba import njit
from .errors import as_points


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


def convex_hull(points):
    """Convex hull vertices (counter-clockwise, no duplicate or collinear
    vertex) of an (n, 2) array; fewer than 3 rows when degenerate."""
    pts = np.unique(np.asarray(points, dtype=np.float64), axis=0)
    idx = _monotone_chain(np.ascontiguousarray(pts[:, 0]),
                          np.ascontiguousarray(pts[:, 1]))
    hull = pts[idx]
    if hull.shape[0] == 2 and np.array_equal(hull[0], hull[1]):
        hull = hull[:1]
    return hull


def _corners(ux, uy, umin, umax, vmin, vmax, eps):
    """Corners (CCW) from side direction u and extents; degenerate extents
    are widened to 2 * eps around their middle."""
    if umax - umin < 2 * eps:
        c = 0.5 * (umin + umax)
        umin, umax = c - eps, c + eps
    if vmax - vmin < 2 * eps:
        c = 0.5 * (vmin + vmax)
        vmin, vmax = c - eps, c + eps
    vx, vy = -uy, ux
    out = np.empty((4, 2))
    for r, (a, b) in enumerate(((umin, vmin), (umax, vmin),
                                (umax, vmax), (umin, vmax))):
        out[r, 0] = a * ux + b * vx
        out[r, 1] = a * uy + b * vy
    return out


def bounding_rectangle(points, oriented=True):
    """Corners (4, 2), counter-clockwise, of the rectangle enclosing ``points``.

    oriented=True: minimum-area oriented rectangle; False: axis-aligned box.
    A point, two points or collinear points give a rectangle buffered by
    eps = 1e-9 * max(1, extent) on each degenerate side.
    """
    pts = as_points(points, name="firms for the bounding rectangle", minimum=1)
    offset = pts[0].copy()  # x - x0 is exact for nearby coordinates
    centred = pts - offset
    extent = float(np.max(np.ptp(centred, axis=0)))
    eps = 1e-9 * max(1.0, extent)
    if oriented:
        hull = convex_hull(centred)
        if hull.shape[0] >= 3:
            ux, uy, umin, umax, vmin, vmax = _calipers(
                np.ascontiguousarray(hull[:, 0]),
                np.ascontiguousarray(hull[:, 1]))
        elif hull.shape[0] == 2:  # collinear: along the segment
            e = hull[1] - hull[0]
            ux, uy = e / math.hypot(e[0], e[1])
            pu = centred[:, 0] * ux + centred[:, 1] * uy
            pv = centred[:, 0] * -uy + centred[:, 1] * ux
            umin, umax, vmin, vmax = pu.min(), pu.max(), pv.min(), pv.max()
        else:
            ux, uy = 1.0, 0.0
            umin = umax = float(hull[0, 0])
            vmin = vmax = float(hull[0, 1])
    else:
        ux, uy = 1.0, 0.0
        umin, vmin = centred.min(axis=0)
        umax, vmax = centred.max(axis=0)
    return _corners(ux, uy, float(umin), float(umax), float(vmin), float(vmax),
                    eps) + offset


def rectangle_area(corners):
    """Area of a rectangle given by its 4 corners (shoelace formula)."""
    c = np.asarray(corners, dtype=np.float64)
    c = c - c[0]
    x, y = c[:, 0], c[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
