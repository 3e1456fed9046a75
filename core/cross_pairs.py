"""Cross pairs of two sets of firms (co-localization, Duranton and Overman
2005): the n_A n_B distances between the firms of A and those of B, by
blocks of A's firms against all of B's (scipy's cdist), never all at once.

The explicit form of the co-localization curve (the numpy engine's, and
the curves the numba batch kernel hands back): a pass for Eq. 2's sums and
a coarse histogram, one collecting the quartiles' bins exactly, and one per
segment of moment bins (do_curve._curve).
"""
import numpy as np
from scipy.spatial.distance import cdist

from .geodesic import arc

BLOCK_CELLS = 1 << 22          # distances held at once (32 MB)
COARSE_BINS = 4096


def blocks(pa, pb, wa=None, wb=None):
    """(distances, pair weights or None) of the rows of A against all of B,
    a block of rows at a time (flat, in the order i of A, then j of B)."""
    step = max(1, BLOCK_CELLS // max(pb.shape[0], 1))
    for i0 in range(0, pa.shape[0], step):
        d = cdist(pa[i0:i0 + step], pb).ravel()
        if pa.shape[1] == 3:    # Earth-centred points: arcs (SPEC, geodesic)
            d = arc(d)
        ww = None if wa is None else np.outer(wa[i0:i0 + step], wb).ravel()
        yield d, ww


def quantiles(pa, pb, probs, dlim, top):
    """(count, Σd, Σd^2, the linear-interpolated quantiles ``probs``) of the
    cross distances d <= dlim, exact: a coarse histogram over [0, top]
    locates the ranks, a second pass collects their bins."""
    hist = np.zeros(COARSE_BINS + 1, dtype=np.int64)
    count, s1, s2 = 0, 0.0, 0.0
    scale = COARSE_BINS / max(top, 1e-300)
    for d, _ in blocks(pa, pb):
        if dlim != np.inf:
            d = d[d <= dlim]
        count += d.size
        s1 += float(d.sum())
        s2 += float(np.sum(d * d))
        hist += np.bincount(np.minimum((d * scale).astype(np.int64), COARSE_BINS),
                            minlength=COARSE_BINS + 1)
    if count == 0:
        return 0, 0.0, 0.0, []
    cum = np.cumsum(hist)
    out = []
    for p in probs:
        pos = p * (count - 1)
        r0 = int(np.floor(pos))
        r1 = min(r0 + 1, count - 1)
        b0 = int(np.searchsorted(cum, r0, side="right"))
        b1 = int(np.searchsorted(cum, r1, side="right"))
        below = int(cum[b0 - 1]) if b0 > 0 else 0
        vals = []
        for d, _ in blocks(pa, pb):
            if dlim != np.inf:
                d = d[d <= dlim]
            k = np.minimum((d * scale).astype(np.int64), COARSE_BINS)
            vals.append(d[(k >= b0) & (k <= b1)])
        v = np.sort(np.concatenate(vals))
        a, b = v[r0 - below], v[r1 - below]
        t = pos - r0
        out.append(a if t == 0 else (b - (b - a) * (1 - t) if t >= 0.5 else a + (b - a) * t))
    return count, s1, s2, out


def moments(pa, pb, wa, wb, lo, cutoff, delta, bins):
    """Moment bins (bins(d, ww, lo, cutoff, delta)) summed over the blocks."""
    total = None
    for d, ww in blocks(pa, pb, wa, wb):
        got = bins(d, ww, lo, cutoff, delta)
        total = got if total is None else total + got
    return total
