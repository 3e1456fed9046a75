"""Per-firm sums over arcs on the Earth (SPEC, "Geodesic distances"), by
blocks of rows: the LDO sums (Eq. 6, 12, 13) and the local scale's std and
lower quartile (Eq. 2 over one row) of Earth-centred points. Each block
holds its rows' arcs to every firm (ROW_CELLS at a time), never the n x n
matrix; both engines run this numpy form (exact: no cut-off)."""
import numpy as np
from scipy.spatial.distance import cdist

from .bandwidth import linear_percentile
from .geodesic import arc

ROW_CELLS = 1 << 22     # arcs held at once (32 MB)


def _row_blocks(n):
    step = max(1, ROW_CELLS // max(n, 1))
    for r0 in range(0, n, step):
        yield r0, min(r0 + step, n)


def ldo_sums(p3, w, hs, peak):
    """(Σ_{j≠i} K_ij, Σ_{j≠i} w_j K_ij) with K_ij = exp(-((d̂ - s_ij)/h_i)^2)
    (SPEC's kernel, no √2); the second is None without weights."""
    n = p3.shape[0]
    sk = np.empty(n)
    swk = None if w is None else np.empty(n)
    for r0, r1 in _row_blocks(n):
        s = arc(cdist(p3[r0:r1], p3))
        k = np.exp(-((peak - s) / hs[r0:r1, None]) ** 2)
        k[np.arange(r1 - r0), np.arange(r0, r1)] = 0.0     # j != i
        sk[r0:r1] = k.sum(axis=1)
        if w is not None:
            swk[r0:r1] = k @ w
    return sk, swk


def row_spread(p3):
    """std (ddof 0) and lower quartile (linear interpolation) of each firm's
    arcs to the other n - 1 firms."""
    n = p3.shape[0]
    std = np.empty(n)
    q1 = np.empty(n)
    for r0, r1 in _row_blocks(n):
        s = arc(cdist(p3[r0:r1], p3))
        for t in range(r1 - r0):
            row = np.delete(s[t], r0 + t)
            std[r0 + t] = float(row.std())
            q1[r0 + t] = linear_percentile(row, 0.25)
    return std, q1
