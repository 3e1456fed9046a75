"""Spatial tiles: recursive median splits along the longest side of each
block until a block holds at most ``tile_size`` firms; planar points (x, y)
and Earth-centred ones (x, y, z) alike."""
import numpy as np

from .._numba import njit
from ..engine import Kernel


@njit
def _split(pts, tile_size):
    """Recursive median splits of the (n, d) points along the longest side
    of each block (the first such axis on ties) until a block holds <=
    tile_size firms. Returns (order, starts, sorted, bbox): the original
    index of each firm in tile order, tile starts (plus n), the points in
    tile order and each tile's box (min, max of each axis in turn)."""
    n, dim = pts.shape
    order = np.arange(n)
    lo_stack = [0]
    hi_stack = [n]
    starts = []
    while len(lo_stack) > 0:
        lo = lo_stack.pop()
        hi = hi_stack.pop()
        if hi - lo <= tile_size:
            starts.append(lo)
            continue
        idx = order[lo:hi].copy()
        axis = 0
        widest = -1.0
        for k in range(dim):
            col = pts[idx, k]
            span = col.max() - col.min()
            if span > widest:
                axis = k
                widest = span
        mid = (hi - lo) // 2
        order[lo:hi] = idx[np.argpartition(pts[idx, axis], mid)]
        lo_stack.append(lo + mid)
        hi_stack.append(hi)
        lo_stack.append(lo)    # popped first: tiles come out left to right
        hi_stack.append(lo + mid)
    nt = len(starts)
    st = np.empty(nt + 1, dtype=np.int64)
    for t in range(nt):
        st[t] = starts[t]
    st[nt] = n
    srt = pts[order]
    bbox = np.empty((nt, 2 * dim))
    for t in range(nt):
        s, e = st[t], st[t + 1]
        for k in range(dim):
            bbox[t, 2 * k] = srt[s:e, k].min()
            bbox[t, 2 * k + 1] = srt[s:e, k].max()
    return order, st, srt, bbox


def _split_numpy(pts, tile_size):
    """numpy form of _split (numpy's argpartition: the same tiles up to the
    order of firms inside a tile and of tied coordinates)."""
    n = pts.shape[0]
    order = np.arange(n)
    stack = [(0, n)]
    starts = []
    while stack:
        lo, hi = stack.pop()
        if hi - lo <= tile_size:
            starts.append(lo)
            continue
        idx = order[lo:hi]
        sub = pts[idx]
        axis = int(np.argmax(sub.max(axis=0) - sub.min(axis=0)))
        mid = (hi - lo) // 2
        order[lo:hi] = idx[np.argpartition(sub[:, axis], mid)]
        stack.append((lo + mid, hi))
        stack.append((lo, lo + mid))    # popped first: tiles come out left to right
    st = np.append(np.asarray(starts, dtype=np.int64), n)
    srt = pts[order]
    first = st[:-1]
    bbox = np.column_stack([f.reduceat(srt[:, k], first)
                            for k in range(pts.shape[1])
                            for f in (np.minimum, np.maximum)])
    return order, st, srt, bbox


split = Kernel(_split, _split_numpy)
