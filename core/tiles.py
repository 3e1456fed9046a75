"""Spatial tiles: firms sorted into compact blocks so that pair loops can skip
whole blocks that are too far apart (or wholly inside a distance window).

Nothing here is from the paper; it only makes the O(N_A^2) sums of Eqs. 1, 2
and 6 cheap without ever storing a pair.
"""
import numpy as np

from .kernels.rows import pair_lengths
from .kernels.tile_split import split

TILE_SIZE = 128


class Tiles:
    """Firms re-ordered tile by tile.

    ``x``, ``y``: centred coordinates in tile order (``z`` too for
    Earth-centred points, (n, 3): pair distances are then arcs, SPEC
    "Geodesic distances", and ``bbox`` has 6 columns; else ``z`` is None); ``order``: the original
    index of each re-ordered firm; ``starts``: tile t holds firms
    ``starts[t]:starts[t+1]``; ``bbox``: (tiles, 4) xmin, xmax, ymin, ymax.
    """

    def __init__(self, points, tile_size=TILE_SIZE, weights=None):
        pts = np.asarray(points, dtype=np.float64)
        n = pts.shape[0]
        # Centre first: UTM-size coordinates with firms metres apart keep
        # their precision (translation never changes a distance).
        self.offset = pts.mean(axis=0) if n else np.zeros(pts.shape[1] if pts.ndim == 2 else 2)
        centred = pts - self.offset
        dim = pts.shape[1] if pts.ndim == 2 else 2
        if n:       # (x, y) planar or (x, y, z) Earth-centred: one split
            order, starts, srt, bbox = split(np.ascontiguousarray(centred), int(tile_size))
        else:
            order, starts = np.arange(0), np.zeros(1, dtype=np.int64)
            srt, bbox = np.zeros((0, dim)), np.empty((0, 2 * dim))
        cols = [np.ascontiguousarray(srt[:, k]) for k in range(dim)]
        self.order = order
        self.starts = starts
        self.x, self.y = cols[0], cols[1]
        self.z = cols[2] if dim == 3 else None
        self.bbox = np.ascontiguousarray(bbox)
        self.w = (np.ascontiguousarray(np.asarray(weights, dtype=np.float64)[order])
                  if weights is not None else None)
        self.n = n
        self.split = 0          # > 0: two sets, tiles below split the first (cross)
        self.n_first = n

    @property
    def geodesic(self):
        """Whether pair distances are arcs on the Earth (3D points)."""
        return self.z is not None

    def pair_distances(self, i, j):
        """The distances of pairs (i[k], j[k]) (tile order; a pilot's sampled
        pairs: one loop, no temporaries)."""
        if self.z is None:
            return pair_lengths(self.x, self.y, i, j)
        from .geodesic import arc
        return arc(np.sqrt((self.x[i] - self.x[j]) ** 2 + (self.y[i] - self.y[j]) ** 2
                           + (self.z[i] - self.z[j]) ** 2))

    @classmethod
    def cross(cls, first, second, tile_size=TILE_SIZE, weights=None):
        """The firms of two sets A and B, each tiled on its own, A's tiles
        first: the kernels then visit only the cross pairs (i in A, j in B;
        ``split`` = A's tiles, rows._b_first). Centred on the mean of both.
        ``weights``: of A's firms, then B's (as the rows of first, second)."""
        a = np.asarray(first, dtype=np.float64)
        b = np.asarray(second, dtype=np.float64)
        both = cls(np.r_[a, b][:0], tile_size)
        offset = np.r_[a, b].mean(axis=0)
        ta, tb = cls(a - offset, tile_size), cls(b - offset, tile_size)
        both.offset = offset
        both.order = np.r_[ta.order, a.shape[0] + tb.order]
        both.starts = np.r_[ta.starts, a.shape[0] + tb.starts[1:]]
        # each part was centred on its own mean: back to the common origin
        both.x = np.r_[ta.x + ta.offset[0], tb.x + tb.offset[0]]
        both.y = np.r_[ta.y + ta.offset[1], tb.y + tb.offset[1]]
        cols = [0, 0, 1, 1] if ta.z is None else [0, 0, 1, 1, 2, 2]
        if ta.z is not None:
            both.z = np.r_[ta.z + ta.offset[2], tb.z + tb.offset[2]]
        both.bbox = np.r_[ta.bbox + ta.offset[cols], tb.bbox + tb.offset[cols]]
        if weights is not None:
            w = np.asarray(weights, dtype=np.float64)
            both.w = np.ascontiguousarray(np.r_[w[:a.shape[0]][ta.order],
                                                w[a.shape[0]:][tb.order]])
        both.n = a.shape[0] + b.shape[0]
        both.n_first = a.shape[0]
        both.split = ta.starts.shape[0] - 1
        return both

    @property
    def n_eq2(self):
        """Eq. 2's N_A: n, or (n_A n_B)^(1/2) across two sets (SPEC)."""
        if self.split:
            return (self.n_first * (self.n - self.n_first)) ** 0.5
        return self.n

    @property
    def pairs(self):
        """The pairs the kernels visit: n(n - 1)/2, or n_A n_B across two sets."""
        if self.split:
            return self.n_first * (self.n - self.n_first)
        return self.n * (self.n - 1) // 2

    @property
    def diameter(self):
        """An upper bound of every pair distance (the bounding box diagonal)."""
        if self.n == 0:
            return 0.0
        if self.z is not None:
            from .geodesic import arc_upper
            b = self.bbox
            ext = b[:, 1::2].max(axis=0) - b[:, 0::2].min(axis=0)
            return arc_upper(float(np.sqrt(np.sum(ext * ext))))
        dx = self.bbox[:, 1].max() - self.bbox[:, 0].min()
        dy = self.bbox[:, 3].max() - self.bbox[:, 2].min()
        return float(np.hypot(dx, dy))

    def to_original(self, values):
        """Values in tile order -> values in the caller's firm order."""
        out = np.empty_like(values)
        out[self.order] = values
        return out
