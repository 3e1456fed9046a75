"""Spatial tiles: firms sorted into compact blocks so that pair loops can skip
whole blocks that are too far apart (or wholly inside a distance window).

Nothing here is from the paper; it only makes the O(N_A^2) sums of Eqs. 1, 2
and 6 cheap without ever storing a pair.
"""
import numpy as np

from .kernels.tile_split import split

TILE_SIZE = 128


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
            order, starts, x, y, bbox = split(
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
