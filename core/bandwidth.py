"""Silverman's bandwidth, Eq. 2: h = 0.9 N_A^(-1/5) min(std, Q1 / 1.34).

As SPEC.md fixes it: the LOWER QUARTILE Q1 of the pair distances (not the
IQR), std with ddof 0, quantiles by linear interpolation (numpy's default).
Co-location rule: when more than a quarter of the pairs coincide Q1 = 0,
then h = 0.9 N_A^(-1/5) std (with a warning); std = 0 too is an error.
The ``dbmss`` convention follows R's bw.nrd0 over the distances <= 2 Dmax.
"""
import math

import numpy as np

from .pairs import (GridEdges, arc_std, window_pass, window_collect, order_statistics,
                    REFINE_BINS, COLLECT_PER_CHUNK)

FIRST_BINS = 4096
COLOCATED = ("more than a quarter of the firm pairs are at the same location "
             "(lower quartile of the distances is 0); the bandwidth uses the "
             "standard deviation only (SPEC co-location rule)")
ONE_LOCATION = ("all {what} are at one location: the distances between them "
                "are all 0, so no bandwidth (Eq. 2) can be computed")


def silverman(n, std, q1, what="firms"):
    """Eq. 2 from a spread ``std`` and lower quartile ``q1``.

    Returns (h, colocated): ``colocated`` is True when SPEC's co-location
    rule applied (q1 == 0, h from std alone).
    """
    if std <= 0.0 and q1 <= 0.0:
        raise ValueError(ONE_LOCATION.format(what=what))
    if std <= 1e-9 * q1:  # rounding noise: every pair distance is the same
        raise ValueError(
            f"all pair distances of the {what} are equal (their spread is 0), "
            "so Eq. 2 gives no bandwidth; set the bandwidth yourself")
    factor = 0.9 * n ** -0.2
    if q1 <= 0.0:
        return factor * std, True
    return factor * min(std, q1 / 1.34), False


def dbmss_pairs_needed(count, dlim):
    """dbmss's bandwidth needs 2 pair distances within 2 Dmax."""
    if count < 2:
        raise ValueError(
            f"fewer than 2 pair distances are within {dlim:g} (twice the "
            "largest threshold): extend the distances for the dbmss convention")


def eq2_from_sums(convention, count, s1, s2, quartiles, n_eq2, dlim, what="firms"):
    """(h, colocated, std) from a pass's sums over ``count`` pair distances
    (Σd, Σd^2) and their quartiles: Eq. 2 with std (ddof 0), Q1 and N_A =
    ``n_eq2``; or dbmss's bw.nrd0 (sd with ddof 1, the IQR, m = count)."""
    mean = s1 / count
    if convention == "dbmss":
        dbmss_pairs_needed(count, dlim)
        std = math.sqrt(max((s2 - count * mean * mean) / (count - 1), 0.0))
        # bw.nrd0: 0.9 min(sd, IQR/1.34) m^(-1/5); IQR 0 -> sd (SPEC rule)
        h, colocated = silverman(count, std, quartiles[1] - quartiles[0], what)
        return h, colocated, std
    std = math.sqrt(max(s2 / count - mean * mean, 0.0))
    h, colocated = silverman(n_eq2, std, quartiles[0], what)
    return h, colocated, std


def _quantile_ranks(probs, count):
    """numpy.percentile's linear interpolation: the positions p (count - 1)
    and the order statistics (0-based ranks) they need."""
    pos = [p * (count - 1) for p in probs]
    ranks = sorted({int(math.floor(v)) for v in pos} |
                   {min(int(math.floor(v)) + 1, count - 1) for v in pos})
    return pos, ranks


def _interpolate(pos, vals, count):
    """Linear interpolation between the order statistics ``vals`` (rank ->
    value) at the positions ``pos``."""
    out = []
    for v in pos:
        k = int(math.floor(v))
        frac = v - k
        top = vals[min(k + 1, count - 1)]
        out.append(vals[k] + frac * (top - vals[k]) if frac else vals[k])
    return out


def _linear_quantile(tiles, probs, count, first, dlim):
    """numpy.percentile's linear interpolation over ``count`` pair distances."""
    pos, ranks = _quantile_ranks(probs, count)
    vals = dict(zip(ranks, order_statistics(tiles, ranks, first, dlim)))
    return _interpolate(pos, vals, count)


def _shift(tiles):
    """A rough mean pair distance (centres the sums for a stable variance)."""
    i, j = _random_pairs(tiles, np.random.default_rng(12345), 256, distinct=False)
    return float(np.mean(tiles.pair_distances(i, j)))


def _random_pairs(tiles, rng, k, distinct=True):
    """k random pairs (i, j) of the tiled firms: i != j, or across the two
    sets of cross tiles (i in A, j in B)."""
    n = tiles.n
    if tiles.split:
        na = tiles.n_first
        return rng.integers(0, na, k), rng.integers(na, n, k)
    i = rng.integers(0, n, k)
    if not distinct:
        return i, rng.integers(0, n, k)
    j = rng.integers(0, n - 1, k)
    j += j >= i
    return i, j


def pair_bandwidth(tiles, convention="paper", dlim=np.inf, what="firms"):
    """Eq. 2 over all pair distances of the tiled firms.

    Returns (h, info): info holds std, q1 (q3), the number of pairs used and
    ``colocated`` (SPEC's rule applied).
    """
    shift = _shift(tiles)
    top = min(tiles.diameter, dlim)
    hi = top * (1 + 1e-9) + 1e-300
    below, hist, count, s1, s2, _ = window_pass(
        tiles, 0.0, hi, FIRST_BINS, dlim=dlim, with_sums=True, shift=shift)
    first = (0.0, hi, below, hist, None)
    probs = (0.25, 0.75) if convention == "dbmss" else (0.25,)
    if convention == "dbmss":
        dbmss_pairs_needed(count, dlim)
    quartiles = _linear_quantile(tiles, probs, count, first, dlim)
    h, colocated, std = eq2_from_sums(convention, count, s1, s2, quartiles, tiles.n_eq2,
                                      dlim, what)
    info = {"std": std, "q1": quartiles[0], "pairs": count, "colocated": colocated}
    if convention == "dbmss":
        info["q3"] = quartiles[1]
    return h, info


def linear_percentile(d, q):
    """``np.percentile(d, 100 q)`` to the bit (linear interpolation, numpy's
    lerp) from a one-kth partition: 0.21 instead of 0.35 ms on 19,900
    distances, which counts over 1000 simulated curves."""
    n = d.size
    v = q * (n - 1)
    k = int(math.floor(v))
    t = v - k
    part = np.partition(d, k)
    a = part[k]
    if t == 0 or k + 1 >= n:
        return float(a)
    b = part[k + 1:].min()
    diff = b - a
    return float(b - diff * (1 - t)) if t >= 0.5 else float(a + diff * t)


def bandwidth_from_distances(d, n, convention="paper", dlim=np.inf, what="firms"):
    """Eq. 2 (or bw.nrd0 for dbmss) from explicit pair distances ``d`` of n
    firms. Returns (h, colocated)."""
    if convention == "dbmss":
        sel = d[d <= dlim]
        if sel.size < 2:
            raise ValueError(
                f"fewer than 2 pair distances are within {dlim:g} (twice the "
                "largest threshold): extend the distances for the dbmss convention")
        q1, q3 = np.percentile(sel, [25, 75])
        return silverman(sel.size, float(sel.std(ddof=1)), float(q3 - q1), what)
    return silverman(n, float(d.std()), linear_percentile(d, 0.25), what)


# ---------------------------------------------------------------------------
# One fused pass for large sets: Eq. 2 and the DO histogram together.

PILOT_PAIRS = 100_000
PILOT_MARGIN = 1.25     # the histogram reaches Dmax + 8.5 * 1.25 * h_pilot


def pilot_terms(tiles, seed=12345):
    """Eq. 2's two terms, std and Q1 / 1.34, on a random sample of pairs:
    only to size the fused histogram and to foresee which term decides
    (random pairs converge slowly on clustered data: a pilot, never h)."""
    i, j = _random_pairs(tiles, np.random.default_rng(seed), PILOT_PAIRS)
    d = tiles.pair_distances(i, j)
    return float(d.std()), float(np.percentile(d, 25)) / 1.34


def _rough_quantiles(d, probs):
    """A pilot's quantiles of the sample d: the values of rank p (n - 1)
    rounded down (one partition; np.percentile's interpolation costs 1.7x
    for nothing a pilot needs). d is reordered."""
    ks = [int(p * (d.size - 1)) for p in probs]
    d.partition(ks)
    return d[ks]


def pilot_bandwidth(tiles, seed=12345):
    """Eq. 2 from the pilot terms (see pilot_terms)."""
    std, q = pilot_terms(tiles, seed)
    return 0.9 * tiles.n_eq2 ** -0.2 * (std if q <= 0 else min(std, q))


def dbmss_pilot_bandwidth(tiles, dlim, seed=12345):
    """dbmss's bw.nrd0 on a random sample of the pairs within ``dlim`` (1/64
    of the pairs, from 20,000 to 100,000): only to size the dbmss pass's
    grid (a pilot, never h). 0 when fewer than 100 sampled pairs are within
    ``dlim``."""
    k = int(min(PILOT_PAIRS, max(DBMSS_PILOT_MIN, tiles.pairs // 64)))
    i, j = _random_pairs(tiles, np.random.default_rng(seed), k)
    d = tiles.pair_distances(i, j)
    d = d[d <= dlim]
    if d.size < 100:
        return 0.0
    sd = float(d.std(ddof=1))
    q1, q3 = _rough_quantiles(d, (0.25, 0.75))
    spread = min(sd, (q3 - q1) / 1.34) if q3 > q1 else sd
    return 0.9 * spread * (tiles.pairs * d.size / k) ** -0.2


DBMSS_PILOT_MIN = 20_000    # a 2,000-firm set: 31,234 sampled pairs (1/64)


def sum_sq_distances(tiles):
    """Σ_{i<j} d_ij^2 = n Σ|p_i - p̄|^2 (closed form, no pair visited);
    across two sets, Σ_{i∈A, j∈B} d_ij^2 = n_B Σ|a_i - ā|^2 + n_A Σ|b_j - b̄|^2
    + n_A n_B |ā - b̄|^2.
    Of Earth-centred points: the squared chords (a lower bound of Σ s^2)."""
    cols = [tiles.x, tiles.y] if tiles.z is None else [tiles.x, tiles.y, tiles.z]
    if tiles.split:
        k = tiles.n_first
        parts = []
        for part in ([c[:k] for c in cols], [c[k:] for c in cols]):
            means = np.array([c.mean() for c in part])
            parts.append((part[0].size, means,
                          float(sum(np.sum((c - m) ** 2) for c, m in zip(part, means)))))
        (na, am, sa), (nb, bm, sb) = parts
        return nb * sa + na * sb + na * nb * float(np.sum((am - bm) ** 2))
    return tiles.n * float(sum(np.sum((c - c.mean()) ** 2) for c in cols))


COLLECT_MAX = 1 << 22   # distances collected per chunk in one window


def quantile_from_histogram(tiles, probs, count, cnt, delta, coarse=None):
    """Exact linear-interpolated quantiles of all pair distances, located
    with the grid histogram ``cnt`` (bins [k delta, (k+1) delta), with
    ``coarse`` the two grids of GridEdges); None when a rank lies beyond
    the histogram.

    The ranks' bins, one bin of slack each side (the histogram rounds in
    float32), are collected exactly in float64; the window widens until the
    exact count below it and the collected values hold the ranks.
    """
    pos, ranks = _quantile_ranks(probs, count)
    cum = np.cumsum(cnt)
    if cum[-1] <= ranks[-1]:
        return None
    grid = GridEdges(delta, coarse)
    b0 = int(np.searchsorted(cum, ranks[0], side="right"))
    b1 = int(np.searchsorted(cum, ranks[-1], side="right"))
    lo = grid.edge(max(b0 - 1, 0))
    hi = grid.edge(b1 + 2)
    for _ in range(8):      # the bins from lo to hi (its upper edge), one of slack each side
        k0 = max(grid.bin_of(lo) - 1, 0)
        k1 = min(grid.bin_of(hi) + 2, len(cnt) - 1)
        expected = int(cum[k1] - (cum[k0 - 1] if k0 > 0 else 0))
        if expected > COLLECT_MAX:
            break   # a pile of equal distances: refine by histograms instead
        below, values = window_collect(tiles, lo, hi, expected + 4096)
        if values is None:
            break
        if below <= ranks[0] and ranks[-1] < below + len(values):
            values.sort()
            vals = {r: values[r - below] for r in ranks}
            return _interpolate(pos, vals, count)
        width = hi - lo
        lo, hi = max(lo - width, 0.0), hi + width
    below, hist, _, _, _, values = window_pass(tiles, lo, hi, REFINE_BINS,
                                               collect=COLLECT_PER_CHUNK)
    vals = dict(zip(ranks, order_statistics(tiles, ranks, (lo, hi, below, hist, values))))
    return _interpolate(pos, vals, count)


def exact_std(tiles):
    """std (ddof 0) of all pair distances by a full pass of shifted sums."""
    shift = _shift(tiles)
    if tiles.z is not None:
        return arc_std(tiles, shift)
    _, _, count, s1, s2, _ = window_pass(
        tiles, 0.0, tiles.diameter * (1 + 1e-9) + 1e-300, 1, with_sums=True,
        shift=shift)
    mean = s1 / count
    return math.sqrt(max(s2 / count - mean * mean, 0.0))
