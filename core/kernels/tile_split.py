"""Spatial tiles: recursive median splits along the longer side of each
block until a block holds at most ``tile_size`` firms."""
import numpy as np

from .._numba import njit
from ..engine import Kernel


@njit
def _split(cx, cy, tile_size):
    """Recursive median splits along the longer side of each block until a
    block holds <= tile_size firms. Returns (order, starts, x, y, bbox):
    the original index of each firm in tile order, tile starts (plus n),
    the coordinates in tile order and each tile's bounding box."""
    n = cx.shape[0]
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
        bx = cx[idx]
        by = cy[idx]
        mid = (hi - lo) // 2
        if by.max() - by.min() > bx.max() - bx.min():
            part = np.argpartition(by, mid)
        else:
            part = np.argpartition(bx, mid)
        order[lo:hi] = idx[part]
        lo_stack.append(lo + mid)
        hi_stack.append(hi)
        lo_stack.append(lo)    # popped first: tiles come out left to right
        hi_stack.append(lo + mid)
    nt = len(starts)
    st = np.empty(nt + 1, dtype=np.int64)
    for t in range(nt):
        st[t] = starts[t]
    st[nt] = n
    x = cx[order]
    y = cy[order]
    bbox = np.empty((nt, 4))
    for t in range(nt):
        s, e = st[t], st[t + 1]
        bbox[t, 0] = x[s:e].min()
        bbox[t, 1] = x[s:e].max()
        bbox[t, 2] = y[s:e].min()
        bbox[t, 3] = y[s:e].max()
    return order, st, x, y, bbox


def _split_numpy(cx, cy, tile_size):
    """numpy form of _split (numpy's argpartition: the same tiles up to the
    order of firms inside a tile and of tied coordinates)."""
    n = cx.shape[0]
    order = np.arange(n)
    stack = [(0, n)]
    starts = []
    while stack:
        lo, hi = stack.pop()
        if hi - lo <= tile_size:
            starts.append(lo)
            continue
        idx = order[lo:hi]
        bx, by = cx[idx], cy[idx]
        mid = (hi - lo) // 2
        along = by if np.ptp(by) > np.ptp(bx) else bx
        order[lo:hi] = idx[np.argpartition(along, mid)]
        stack.append((lo + mid, hi))
        stack.append((lo, lo + mid))    # popped first: tiles come out left to right
    st = np.append(np.asarray(starts, dtype=np.int64), n)
    x, y = cx[order], cy[order]
    first = st[:-1]
    bbox = np.column_stack([np.minimum.reduceat(x, first), np.maximum.reduceat(x, first),
                            np.minimum.reduceat(y, first), np.maximum.reduceat(y, first)])
    return order, st, x, y, bbox


split = Kernel(_split, _split_numpy)
