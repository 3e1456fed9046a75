"""The LK index (Eq. 4): LK_i(h) = C_i(h), the number of other firms of the
industry within distance h of firm i (the counting baseline of the MCLM-LK
method, Buzard et al.)."""
import numpy as np
from scipy.spatial import cKDTree

from .errors import positive
from .geodesic import chord, prepare_points


def lk_scale(h, n, name="the LK distance h"):
    """A positive distance, or n positive per-firm distances."""
    if np.ndim(h) == 0:
        return positive(h, name)
    arr = np.asarray(h, dtype=np.float64)
    if arr.shape != (n,):
        raise ValueError(f"{name}: expected one value per firm ({n}), "
                         f"got {arr.size}")
    if not np.all(np.isfinite(arr)) or np.any(arr <= 0):
        raise ValueError(f"{name}: every per-firm value must be a finite "
                         "number greater than 0")
    return arr


def lk_index(points, h, metric="planar"):
    """Eq. 4: for each firm, the number of OTHER firms at distance <= h.

    h: one distance, or one per firm (local scale). Exact (k-d tree);
    co-located firms count (distance 0 <= h). Returns a float array.
    ``metric="geodesic"``: (longitude, latitude) on WGS 84, h in metres (an
    arc <= h is a chord <= 2R sin(h / 2R): the tree of Earth-centred points).
    """
    pts = prepare_points(points, "industry firms", 1, metric)
    r = lk_scale(h, pts.shape[0])
    if pts.shape[1] == 3:
        r = chord(r)
    tree = cKDTree(pts - pts[0])
    counts = tree.query_ball_point(pts - pts[0], r, return_length=True,
                                   workers=-1)
    return np.asarray(counts, dtype=np.float64) - 1.0
