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

from .errors import as_points
from .kernels.hull import calipers, monotone_chain


def convex_hull(points):
    """Convex hull vertices (counter-clockwise, no duplicate or collinear
    vertex) of an (n, 2) array; fewer than 3 rows when degenerate."""
    pts = np.unique(np.asarray(points, dtype=np.float64), axis=0)
    idx = monotone_chain(np.ascontiguousarray(pts[:, 0]),
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
            ux, uy, umin, umax, vmin, vmax = calipers(
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
