"""Spatial tiles: firms sorted into compact blocks so that pair loops can skip
whole blocks that are too far apart (or wholly inside a distance window).

Nothing here is from the paper; it only makes the O(N_A^2) sums of Eqs. 1, 2
and 6 cheap without ever storing a pair.
"""
import numpy as np

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
        order = np.arange(n)
        segments = [(0, n)]
        done = []
        while segments:
            lo, hi = segments.pop()
            if hi - lo <= tile_size:
                done.append((lo, hi))
                continue
            block = centred[order[lo:hi]]
            axis = int(np.ptp(block[:, 1]) > np.ptp(block[:, 0]))
            mid = (hi - lo) // 2
            part = np.argpartition(block[:, axis], mid, kind="introselect")
            order[lo:hi] = order[lo:hi][part]
            segments.append((lo + mid, hi))
            segments.append((lo, lo + mid))
        done.sort()
        self.order = order
        self.starts = np.array([s for s, _ in done] + [n], dtype=np.int64)
        sorted_pts = centred[order]
        self.x = np.ascontiguousarray(sorted_pts[:, 0])
        self.y = np.ascontiguousarray(sorted_pts[:, 1])
        nt = len(done)
        bbox = np.empty((nt, 4))
        for t, (s, e) in enumerate(done):
            bbox[t] = (self.x[s:e].min(), self.x[s:e].max(),
                       self.y[s:e].min(), self.y[s:e].max())
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
