"""Spatial tiles: firms sorted into compact blocks so that pair loops can skip
whole blocks that are too far apart (or wholly inside a distance window).

Nothing here is from the paper; it only makes the O(N_A^2) sums of Eqs. 1, 2
and 6 cheap without ever storing a pair.
"""
import numpy as np

from ._numba import njit

TILE_SIZE = 128


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


class Tiles:
    """Firms re-ordered tile by tile.

    ``x``, ``y``: centred coordinates in tile order; ``order``: the original
    index of each re-ordered firm; ``starts``: tile t holds firms
    ``starts[t]:starts[t+1]``; ``bbox``: (tiles, 4) xmin, xmax, ymin, ymax.
    """

    def __init__(self, points, tile_size=TILE_SIZE, weights=None):
        pts = np.asarray(points, dtype=np.float64)
        n = pts.shape[0]
        # Centre first: UTM-size coordinates with firms metres apart keep
        # their precision (translation never changes a distance).
        self.offset = pts.mean(axis=0) if n else np.zeros(2)
        centred = pts - self.offset
        if n:
            order, starts, x, y, bbox = _split(
                np.ascontiguousarray(centred[:, 0]), np.ascontiguousarray(centred[:, 1]),
                int(tile_size))
        else:
            order, starts = np.arange(0), np.zeros(1, dtype=np.int64)
            x = y = np.zeros(0)
            bbox = np.empty((0, 4))
        self.order = order
        self.starts = starts
        self.x = x
        self.y = y
        self.bbox = bbox
        self.w = (np.ascontiguousarray(np.asarray(weights, dtype=np.float64)[order])
                  if weights is not None else None)
        self.n = n

    @property
    def diameter(self):
        """An upper bound of every pair distance (the bounding box diagonal)."""
        if self.n == 0:
            return 0.0
        dx = self.bbox[:, 1].max() - self.bbox[:, 0].min()
        dy = self.bbox[:, 3].max() - self.bbox[:, 2].min()
        return float(np.hypot(dx, dy))

    def to_original(self, values):
        """Values in tile order -> values in the caller's firm order."""
        out = np.empty_like(values)
        out[self.order] = values
        return out
