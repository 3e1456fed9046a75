"""The LDO index (section 2.2.1) and the local scale h_i (section 2.2.2).

- Eq. 6 generalised to a peak distance d̂ (Eq. 5 with SPEC's kernel):
  LDO_i(d̂, ĥ) = 1/(ĥ N_A) Σ_{j≠i} exp(-((d̂ - d_ij)/ĥ)^2)  (no √2: SPEC).
- Eq. 12 (weights w_i w_j) and Eq. 13 (w_i + w_j), same kernel, normalised
  by ĥ Σ_{j≠i} of the pair weights.
- h_i: Eq. 2 over firm i's distances to the other N_A - 1 firms,
  0.9 N_A^(-1/5) min(std_i, Q1_i / 1.34), SPEC's co-location rule included.
"""
import math

import numpy as np

from ._numba import PARALLEL_LOCK
from .engine import warn_numpy_engine
from .errors import as_weights, positive, warn
from .geodesic import prepare_points
from . import arc_rows
from .kernels.gauss import COEF, EPS, EPS_MAX, PA, PB, gauss_sums
from .kernels.ldo_sums import CUTOFF, ldo_sums
from .kernels.local_scale import row_spread
from .tiles import Tiles

WEIGHT_MODES = ("product", "sum")


def _per_firm_h(h, n):
    if isinstance(h, str):
        raise ValueError(f"the boundary distance must be a number or per-firm values, got {h!r}")
    arr = np.asarray(h, dtype=np.float64)
    if arr.ndim == 0:
        return np.full(n, positive(float(arr), "the boundary distance ĥ")), True
    if arr.shape != (n,):
        raise ValueError(f"expected one boundary distance per firm ({n}), got {arr.size}")
    if not np.all(np.isfinite(arr)) or np.any(arr <= 0):
        raise ValueError("every per-firm boundary distance h_i must be > 0")
    return arr, False


def ldo_index(points, h, peak=0.0, weights=None, weight_mode="product", metric="planar"):
    """LDO_i(d̂, ĥ) of every firm: Eq. 6 (peak 0), Eq. 5 with SPEC's kernel
    (peak d̂ > 0), Eq. 12 (weights, "product") or Eq. 13 ("sum").
    ``h``: ĥ, a number, or one h_i per firm (local scale). ``metric``:
    "planar" or "geodesic" (longitude, latitude on WGS 84; ĥ, d̂ in metres)."""
    warn_numpy_engine()
    pts = prepare_points(points, "industry firms", 3, metric)
    n = pts.shape[0]
    hs, same = _per_firm_h(h, n)
    try:
        peak = float(peak)
    except (TypeError, ValueError):
        raise ValueError("the peak distance d̂ must be a number") from None
    if not np.isfinite(peak) or peak < 0:
        raise ValueError(f"the peak distance d̂ must be >= 0, got {peak!r}")
    if weight_mode not in WEIGHT_MODES:
        raise ValueError(f"weight_mode must be one of {WEIGHT_MODES}, got {weight_mode!r}")
    w = as_weights(weights, n, "weights")
    weighted = w is not None
    if pts.shape[1] == 3:       # arcs on the Earth: by blocks of rows
        sk, swk = arc_rows.ldo_sums(pts, w, hs, peak)
        return _normalise(sk, swk, w, hs, n, weight_mode)
    tiles = Tiles(pts, weights=w)
    if same and peak == 0.0 and n > 1:
        # The Gauss transform pays where tiles are small next to ĥ (a large
        # global scale such as h_max); tiles of 256 firms when most such
        # tiles would still be small enough, else 128; else direct sums.
        b = tiles.bbox
        radius = 0.5 * np.hypot(b[:, 1] - b[:, 0], b[:, 3] - b[:, 2])
        small = math.sqrt(EPS_MAX / 2) * float(hs[0])
        use_gauss = np.mean(radius <= small) >= 0.3
        if use_gauss and np.mean(math.sqrt(2.0) * radius <= small) >= 0.5:
            tiles = Tiles(pts, tile_size=256, weights=w)
    else:
        use_gauss = False
    wt = tiles.w if weighted else np.ones(1)
    if use_gauss:
        with PARALLEL_LOCK:
            sk, swk = gauss_sums(tiles.x, tiles.y, wt, weighted, float(hs[0]),
                                 tiles.starts, tiles.bbox, CUTOFF * float(hs[0]),
                                 PA, PB, COEF, EPS)
    else:
        with PARALLEL_LOCK:
            sk, swk = ldo_sums(tiles.x, tiles.y, wt, weighted, hs[tiles.order], peak,
                                  tiles.starts, tiles.bbox)
    sk = tiles.to_original(sk)
    swk = tiles.to_original(swk) if weighted else None
    return _normalise(sk, swk, w, hs, n, weight_mode)


def _normalise(sk, swk, w, hs, n, weight_mode):
    """LDO_i from the kernel sums: / (h_i N_A), or the weighted forms."""
    if w is None:
        return sk / (hs * n)
    total = float(w.sum())
    if weight_mode == "product":
        # Σ w_i w_j K / (ĥ Σ_{j≠i} w_i w_j) = Σ w_j K / (ĥ (W - w_i))
        denom = total - w
        num = swk
    else:
        # Σ (w_i + w_j) K / (ĥ Σ_{j≠i} (w_i + w_j))
        denom = (n - 1) * w + (total - w)
        num = w * sk + swk
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(denom > 0, num / (hs * np.where(denom > 0, denom, 1.0)), 0.0)
    return out


def local_bandwidths(points, return_info=False, metric="planar"):
    """h_i of every firm (section 2.2.2): Eq. 2 over its own distances.

    Firms with more than a quarter of the others at their location get
    h_i from std_i alone (SPEC's co-location rule, with a warning).
    ``metric``: "planar" or "geodesic" (longitude, latitude; h_i in metres)."""
    warn_numpy_engine()
    pts = prepare_points(points, "industry firms", 3, metric)
    n = pts.shape[0]
    if pts.shape[1] == 3:       # arcs on the Earth: by blocks of rows
        std, q1 = arc_rows.row_spread(pts)
    else:
        tiles = Tiles(pts)
        with PARALLEL_LOCK:
            std, q1 = row_spread(tiles.x, tiles.y, tiles.starts, tiles.bbox,
                                 1024, 0.25 * (n - 2))
        std = tiles.to_original(std)
        q1 = tiles.to_original(q1)
    if np.any(std <= 0):
        if np.all(pts == pts[0]):
            raise ValueError("all industry firms are at one location: the distances "
                             "between them are all 0, so no local scale h_i exists")
        raise ValueError(
            f"{int(np.count_nonzero(std <= 0))} firm(s) have all the other firms "
            "at one same distance (spread 0), so Eq. 2 gives them no local "
            "scale h_i; use a global boundary distance ĥ instead")
    factor = 0.9 * n ** -0.2
    coloc = q1 <= 0
    h = factor * np.where(coloc, std, np.minimum(std, q1 / 1.34))
    if np.any(coloc):
        warn(f"{int(coloc.sum())} firm(s) have more than a quarter of the other "
             "firms at their own location: their h_i uses the standard "
             "deviation only (SPEC co-location rule)")
    if return_info:
        return h, {"std": std, "q1": q1, "colocated": coloc}
    return h
