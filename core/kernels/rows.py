"""numba helpers of the pair kernels: one row of distances (squares, fixed
point positions) from a firm to a run of firms, and tile-pair bounds.
Work is split into a fixed number of chunks (not threads), so a seeded run
gives the same bits whatever the thread count."""
import math

import numpy as np

from .._numba import njit
from ..engine import Kernel

NCHUNK = 8


@njit
def _tile_bounds(bbox, a, b):
    """Min and max distance between any point of tile a and any of tile b."""
    dx = max(0.0, bbox[b, 0] - bbox[a, 1], bbox[a, 0] - bbox[b, 1])
    dy = max(0.0, bbox[b, 2] - bbox[a, 3], bbox[a, 2] - bbox[b, 3])
    dX = max(bbox[b, 1] - bbox[a, 0], bbox[a, 1] - bbox[b, 0])
    dY = max(bbox[b, 3] - bbox[a, 2], bbox[a, 3] - bbox[b, 2])
    return math.sqrt(dx * dx + dy * dy), math.sqrt(dX * dX + dY * dY)


@njit(fastmath=True)
def _distances(x, y, xi, yi, j0, j1, buf):
    """buf[:j1-j0] = distances from (xi, yi) to firms j0..j1-1 (vectorised)."""
    m = j1 - j0
    xs = x[j0:j1]
    ys = y[j0:j1]
    for t in range(m):
        dx = xs[t] - xi
        dy = ys[t] - yi
        buf[t] = math.sqrt(dx * dx + dy * dy)
    return m


@njit(fastmath=True)
def _shifted_sums(buf, m, shift):
    """Σ (d - shift) and Σ (d - shift)^2 over buf[:m] (vectorised)."""
    s1 = 0.0
    s2 = 0.0
    for t in range(m):
        u = buf[t] - shift
        s1 += u
        s2 += u * u
    return s1, s2


@njit
def _slots(buf, m, lo, scale, nb, ib):
    """Histogram slot of each distance: 0 below lo, 1..nb inside the window,
    nb + 1 at or above its end. Monotone in d, so slot counts are exact."""
    top = nb + 1
    for t in range(m):
        # trunc(f + 1) = floor(f) + 1 for f >= -1; integer clamps vectorise
        k = np.int64((buf[t] - lo) * scale + 1.0)
        ib[t] = min(max(k, 0), top)


@njit
def _tile_pairs(starts, a, b):
    """Number of firm pairs between tiles a <= b (inside the tile if a == b)."""
    k = starts[a + 1] - starts[a]
    return k * (k - 1) // 2 if a == b else k * (starts[b + 1] - starts[b])


@njit
def _b_first(a, split, nt):
    """The first tile b paired with tile a (b >= a): a itself (all pairs of
    one set), or, for the cross pairs of two sets (tiles below ``split``
    hold the first set), split when a < split and none (nt) otherwise."""
    if split == 0:
        return a
    return split if a < split else nt


@njit
def _max_tile(starts):
    m = 0
    for a in range(starts.shape[0] - 1):
        m = max(m, starts[a + 1] - starts[a])
    return m


@njit(fastmath=True)
def _sq_row(x, y, xi, yi, j0, j1, scale, buf):
    """buf[:m] = squared distances from (xi, yi) to firms j0..j1-1, times
    ``scale`` (1 for plain squares; 1/h^2 for the LDO kernel)."""
    m = j1 - j0
    xs = x[j0:j1]
    ys = y[j0:j1]
    for t in range(m):
        dx = xs[t] - xi
        dy = ys[t] - yi
        buf[t] = (dx * dx + dy * dy) * scale
    return m


@njit(fastmath=True)
def _position_row(xl, yl, xi, yi, j0, j1, scale, top, pos):
    """pos[:m] = d / delta in fixed point (15 fractional bits), capped at
    ``top``, for the distances from (xi, yi) to firms j0..j1-1, in the
    arguments' precision (float32: 8 lanes on AVX2; float64 for tile pairs
    with a wide tile). Unsigned values keep the scatter free of sign and
    wrap-around code."""
    m = j1 - j0
    xs = xl[j0:j1]
    ys = yl[j0:j1]
    for t in range(m):
        dx = xs[t] - xi
        dy = ys[t] - yi
        pos[t] = np.uint32(np.int32(min(math.sqrt(dx * dx + dy * dy) * scale, top)))
    return m


@njit(fastmath=True)
def _pair_lengths(x, y, i, j):
    """The distances of the pairs (i[k], j[k]) (a pilot's sampled pairs;
    one loop, no temporary arrays)."""
    out = np.empty(i.shape[0])
    for k in range(i.shape[0]):
        dx = x[i[k]] - x[j[k]]
        dy = y[i[k]] - y[j[k]]
        out[k] = math.sqrt(dx * dx + dy * dy)
    return out


def _pair_lengths_numpy(x, y, i, j):
    """numpy form of _pair_lengths."""
    dx = x[i] - x[j]
    dy = y[i] - y[j]
    return np.sqrt(dx * dx + dy * dy)


pair_lengths = Kernel(_pair_lengths, _pair_lengths_numpy)
