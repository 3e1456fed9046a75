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

from ._numba import njit, prange, PARALLEL_LOCK, warn_missing_numba
from .errors import as_points, as_weights, positive, warn
from .pairs import _distances, _max_tile, _tile_bounds, NCHUNK
from .tiles import Tiles

CUTOFF = 6.5  # exp(-6.5^2) < 5e-19: farther pairs add nothing in float64
WEIGHT_MODES = ("product", "sum")


@njit(parallel=True)
def _ldo_kernel(x, y, w, weighted, h, peak, starts, bbox):
    """Per firm Σ_j K_ij and Σ_j w_j K_ij, K_ij = exp(-((d̂ - d_ij)/h_i)^2),
    over tile pairs that can hold d_ij within d̂ ± 6.5 h_i."""
    n = x.shape[0]
    nt = starts.shape[0] - 1
    sk = np.zeros(n)
    swk = np.zeros(n)
    maxtile = _max_tile(starts)
    for c in prange(NCHUNK):
        buf = np.empty(maxtile)
        for a in range(c, nt, NCHUNK):
            sa = starts[a]
            ea = starts[a + 1]
            hmax = 0.0
            for i in range(sa, ea):
                hmax = max(hmax, h[i])
            for b in range(nt):
                dmin, dmax = _tile_bounds(bbox, a, b)
                if dmin > peak + CUTOFF * hmax or dmax < peak - CUTOFF * hmax:
                    continue
                sb = starts[b]
                eb = starts[b + 1]
                for i in range(sa, ea):
                    m = _distances(x, y, x[i], y[i], sb, eb, buf)
                    if a == b:
                        buf[i - sb] = np.inf  # j = i contributes exp(-inf) = 0
                    inv = 1.0 / h[i]
                    s0 = 0.0
                    s1 = 0.0
                    for t in range(m):
                        u = (peak - buf[t]) * inv
                        k = math.exp(-u * u)
                        s0 += k
                        if weighted:
                            s1 += w[sb + t] * k
                    sk[i] += s0
                    swk[i] += s1
    return sk, swk


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


def ldo_index(points, h, peak=0.0, weights=None, weight_mode="product"):
    """LDO_i(d̂, ĥ) of every firm: Eq. 6 (peak 0), Eq. 5 with SPEC's kernel
    (peak d̂ > 0), Eq. 12 (weights, "product") or Eq. 13 ("sum").
    ``h``: ĥ, a number, or one h_i per firm (local scale)."""
    warn_missing_numba()
    pts = as_points(points, "industry firms")
    n = pts.shape[0]
    hs, _ = _per_firm_h(h, n)
    try:
        peak = float(peak)
    except (TypeError, ValueError):
        raise ValueError("the peak distance d̂ must be a number") from None
    if not np.isfinite(peak) or peak < 0:
        raise ValueError(f"the peak distance d̂ must be >= 0, got {peak!r}")
    if weight_mode not in WEIGHT_MODES:
        raise ValueError(f"weight_mode must be one of {WEIGHT_MODES}, got {weight_mode!r}")
    w = as_weights(weights, n, "weights")
    tiles = Tiles(pts, weights=w)
    h_t = hs[tiles.order]
    weighted = w is not None
    with PARALLEL_LOCK:
        sk, swk = _ldo_kernel(tiles.x, tiles.y, tiles.w if weighted else np.ones(1),
                              weighted, h_t, peak, tiles.starts, tiles.bbox)
    sk = tiles.to_original(sk)
    if not weighted:
        return sk / (hs * n)
    swk = tiles.to_original(swk)
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


@njit(parallel=True)
def _local_kernel(x, y, nbins, rank_pos):
    """Per firm: std (ddof 0) and the linear-interpolated lower quartile of
    its distances to the n - 1 others. A histogram of each firm's distances
    finds the bin(s) of the two order statistics; only they are sorted."""
    n = x.shape[0]
    std = np.empty(n)
    q1 = np.empty(n)
    k0 = int(math.floor(rank_pos))
    frac = rank_pos - k0
    k1 = min(k0 + 1, n - 2)
    cx = 0.0
    cy = 0.0
    for i in range(n):
        cx += x[i]
        cy += y[i]
    cx /= n
    cy /= n
    nch = NCHUNK * 4
    for c in prange(nch):
        buf = np.empty(n)
        ib = np.empty(n, dtype=np.int64)
        cand = np.empty(n)
        hist = np.zeros(nbins + 2, dtype=np.int64)
        for i in range(c, n, nch):
            xi = x[i]
            yi = y[i]
            m = _distances(x, y, xi, yi, 0, n, buf)
            buf[i] = buf[n - 1]  # drop d_ii = 0: move the last value in
            m = n - 1
            shift = math.sqrt((xi - cx) ** 2 + (yi - cy) ** 2)
            s1 = 0.0
            s2 = 0.0
            top = 0.0
            for t in range(m):
                u = buf[t] - shift
                s1 += u
                s2 += u * u
                top = max(top, buf[t])
            mean = s1 / m
            std[i] = math.sqrt(max(s2 / m - mean * mean, 0.0))
            if top == 0.0:
                q1[i] = 0.0
                continue
            scale = nbins / (top * (1.0 + 1e-12))
            hist[:] = 0
            for t in range(m):
                k = min(np.int64(buf[t] * scale), nbins - 1)
                ib[t] = k
                hist[k] += 1
            # bins holding order statistics k0 and k1
            cum = 0
            b0 = -1
            b1 = -1
            below0 = 0
            for b in range(nbins):
                if b0 < 0 and cum + hist[b] > k0:
                    b0 = b
                    below0 = cum
                if cum + hist[b] > k1:
                    b1 = b
                    break
                cum += hist[b]
            nc = 0
            for t in range(m):
                if ib[t] >= b0 and ib[t] <= b1:
                    cand[nc] = buf[t]
                    nc += 1
            sel = np.sort(cand[:nc])
            v0 = sel[k0 - below0]
            v1 = sel[k1 - below0]
            q1[i] = v0 + frac * (v1 - v0) if frac != 0.0 else v0
    return std, q1


def local_bandwidths(points, return_info=False):
    """h_i of every firm (section 2.2.2): Eq. 2 over its own distances.

    Firms with more than a quarter of the others at their location get
    h_i from std_i alone (SPEC's co-location rule, with a warning)."""
    warn_missing_numba()
    pts = as_points(points, "industry firms")
    n = pts.shape[0]
    centred = pts - pts.mean(axis=0)
    x = np.ascontiguousarray(centred[:, 0])
    y = np.ascontiguousarray(centred[:, 1])
    with PARALLEL_LOCK:
        std, q1 = _local_kernel(x, y, 1024, 0.25 * (n - 2))
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
