"""Pair-distance kernels over tiles: never an n x n matrix, memory O(n + bins).

- ``window_pass``: counts of pair distances below / inside a window, a
  histogram of the window, optional shifted sums for the standard deviation.
- ``collect``: the pair distances inside a narrow window.
- ``order_statistics``: exact order statistics of all pair distances (the
  quartiles of Eq. 2) by refining a histogram window, then collecting it.
- ``moment_histogram``: per-bin weight, first and second moment of the pair
  distances below a cut-off: the DO kernel sum (Eq. 1) is then a per-bin
  Taylor expansion with O(bin^3) error.

Work is split into a fixed number of chunks (not threads) so a seeded run
gives the same bits whatever the thread count.
"""
import math

import numpy as np

from ._numba import njit, prange, PARALLEL_LOCK

NCHUNK = 8


@njit
def _tile_bounds(bbox, a, b):
    """Min and max distance between any point of tile a and any of tile b."""
    dx = max(0.0, bbox[b, 0] - bbox[a, 1], bbox[a, 0] - bbox[b, 1])
    dy = max(0.0, bbox[b, 2] - bbox[a, 3], bbox[a, 2] - bbox[b, 3])
    dX = max(bbox[b, 1] - bbox[a, 0], bbox[a, 1] - bbox[b, 0])
    dY = max(bbox[b, 3] - bbox[a, 2], bbox[a, 3] - bbox[b, 2])
    return math.sqrt(dx * dx + dy * dy), math.sqrt(dX * dX + dY * dY)


@njit(fastmath=True)
def _distances(x, y, xi, yi, j0, j1, buf):
    """buf[:j1-j0] = distances from (xi, yi) to firms j0..j1-1 (vectorised)."""
    m = j1 - j0
    xs = x[j0:j1]
    ys = y[j0:j1]
    for t in range(m):
        dx = xs[t] - xi
        dy = ys[t] - yi
        buf[t] = math.sqrt(dx * dx + dy * dy)
    return m


@njit(fastmath=True)
def _shifted_sums(buf, m, shift):
    """Σ (d - shift) and Σ (d - shift)^2 over buf[:m] (vectorised)."""
    s1 = 0.0
    s2 = 0.0
    for t in range(m):
        u = buf[t] - shift
        s1 += u
        s2 += u * u
    return s1, s2


@njit
def _slots(buf, m, lo, scale, nb, ib):
    """Histogram slot of each distance: 0 below lo, 1..nb inside the window,
    nb + 1 at or above its end. Monotone in d, so slot counts are exact."""
    top = nb + 1
    for t in range(m):
        # trunc(f + 1) = floor(f) + 1 for f >= -1; integer clamps vectorise
        k = np.int64((buf[t] - lo) * scale + 1.0)
        ib[t] = min(max(k, 0), top)


@njit
def _tile_pairs(starts, a, b):
    """Number of firm pairs between tiles a <= b (inside the tile if a == b)."""
    k = starts[a + 1] - starts[a]
    return k * (k - 1) // 2 if a == b else k * (starts[b + 1] - starts[b])


@njit
def _max_tile(starts):
    m = 0
    for a in range(starts.shape[0] - 1):
        m = max(m, starts[a + 1] - starts[a])
    return m


@njit(parallel=True)
def _window_kernel(x, y, starts, bbox, lo, hi, nb, dlim, with_sums, shift,
                   capc):
    """Histogram pass over pair distances d <= dlim.

    Slot 0 counts d below the window, slots 1..nb the window [lo, hi),
    slot nb + 1 above it. Values inside the window are also collected, up to
    ``capc`` per chunk. Tile pairs wholly outside the window are counted
    from their bounds without visiting a pair (unless sums are wanted).
    """
    nt = starts.shape[0] - 1
    count = np.zeros(NCHUNK, dtype=np.int64)
    s1 = np.zeros(NCHUNK)
    s2 = np.zeros(NCHUNK)
    hist = np.zeros((NCHUNK, nb + 2), dtype=np.int64)
    got = np.zeros(NCHUNK, dtype=np.int64)
    vals = np.empty((NCHUNK, capc))
    scale = nb / (hi - lo)
    maxtile = _max_tile(starts)
    bounded = dlim != np.inf
    for c in prange(NCHUNK):
        buf = np.empty(maxtile)
        ib = np.empty(maxtile, dtype=np.int64)
        h = np.zeros(nb + 2, dtype=np.int64)
        cn = 0
        ng = 0
        for a in range(c, nt, NCHUNK):
            sa = starts[a]
            ea = starts[a + 1]
            for b in range(a, nt):
                sb = starts[b]
                eb = starts[b + 1]
                dmin, dmax = _tile_bounds(bbox, a, b)
                if dmin > dlim:
                    continue
                if not with_sums and dmax <= dlim and (dmin >= hi or dmax < lo):
                    h[0 if dmax < lo else nb + 1] += _tile_pairs(starts, a, b)
                    continue
                ls1 = 0.0
                ls2 = 0.0
                for i in range(sa, ea):
                    j0 = i + 1 if a == b else sb
                    m = _distances(x, y, x[i], y[i], j0, eb, buf)
                    if bounded:  # dbmss truncation: keep d <= dlim
                        kept = 0
                        for t in range(m):
                            if buf[t] <= dlim:
                                buf[kept] = buf[t]
                                kept += 1
                        m = kept
                    if with_sums:
                        cn += m
                        u1, u2 = _shifted_sums(buf, m, shift)
                        ls1 += u1
                        ls2 += u2
                    _slots(buf, m, lo, scale, nb, ib)
                    for t in range(m):
                        h[ib[t]] += 1
                    if capc > 0 and dmax >= lo and dmin < hi:
                        for t in range(m):
                            if ib[t] != 0 and ib[t] != nb + 1:
                                if ng < capc:
                                    vals[c, ng] = buf[t]
                                ng += 1
                s1[c] += ls1
                s2[c] += ls2
        count[c] = cn
        hist[c] = h
        got[c] = ng
    return hist.sum(axis=0), count.sum(), s1.sum(), s2.sum(), got, vals


def window_pass(tiles, lo, hi, nb, dlim=np.inf, with_sums=False, shift=0.0,
                collect=0):
    """Count pair distances d <= dlim: below ``lo``, in [lo, hi) binned into
    ``nb`` bins; with ``with_sums`` also the number of such pairs and the
    sums of (d - shift) and (d - shift)^2.
    ``collect`` > 0: also return the window's values when it holds at most
    that many per chunk (else None)."""
    capc = int(collect)
    with PARALLEL_LOCK:
        hist, count, s1, s2, got, vals = _window_kernel(
            tiles.x, tiles.y, tiles.starts, tiles.bbox, float(lo), float(hi),
            int(nb), float(dlim), bool(with_sums), float(shift), capc)
    values = None
    if capc > 0 and got.max() <= capc:
        values = np.concatenate([vals[c, :got[c]] for c in range(NCHUNK)])
    return int(hist[0]), hist[1:nb + 1], int(count), float(s1), float(s2), values


@njit(parallel=True)
def _zero_kernel(x, y, starts, bbox):
    nt = starts.shape[0] - 1
    out = np.zeros(NCHUNK, dtype=np.int64)
    for c in prange(NCHUNK):
        z = 0
        for a in range(c, nt, NCHUNK):
            for b in range(a, nt):
                dmin, dmax = _tile_bounds(bbox, a, b)
                if dmin > 0.0:
                    continue
                for i in range(starts[a], starts[a + 1]):
                    j0 = i + 1 if a == b else starts[b]
                    for j in range(j0, starts[b + 1]):
                        z += x[i] == x[j] and y[i] == y[j]
        out[c] = z
    return out.sum()


def count_zero_distances(tiles):
    """Number of co-located pairs (distance exactly 0)."""
    with PARALLEL_LOCK:
        return int(_zero_kernel(tiles.x, tiles.y, tiles.starts, tiles.bbox))


COLLECT_PER_CHUNK = 1 << 16
REFINE_BINS = 4096


def order_statistics(tiles, ranks, first, dlim=np.inf):
    """Exact values of the pair distances of 0-based ``ranks`` (ascending).

    ``first``: (lo, hi, below, hist, values) of a window pass that
    covers every pair distance <= dlim. Ranks far apart (the two quartiles
    of dbmss's IQR) are located one group of adjacent ranks at a time: a
    window holding both would hold half of the pairs and never shrink.
    """
    ranks = np.asarray(ranks, dtype=np.int64)
    groups = np.split(ranks, np.flatnonzero(np.diff(ranks) > 1) + 1)
    return np.concatenate([_group_statistics(tiles, g, first, dlim) for g in groups])


MAX_REFINE = 64


def _group_statistics(tiles, ranks, first, dlim):
    """order_statistics for ranks close together: the window holding them
    is refined by histogram passes (cheap: whole tile pairs are counted
    from their bounds) until a pass can collect its values; they are then
    sorted. Each pass keeps the ranks' bins plus one bin each side, so the
    window shrinks about 1000-fold per pass."""
    rmin, rmax = int(ranks.min()), int(ranks.max())
    lo, hi, below, hist, values = first
    if lo == 0.0 and below == 0 and rmax < hist[0]:
        # the ranks fall in the first bin: co-located pairs may hold them
        if rmax < count_zero_distances(tiles):
            return np.zeros(len(ranks))
    for _ in range(MAX_REFINE):
        if values is not None:
            return np.sort(values)[ranks - below]
        cum = below + np.cumsum(hist)
        b0 = int(np.searchsorted(cum, rmin, side="right"))
        b1 = int(np.searchsorted(cum, rmax, side="right"))
        nb = len(hist)
        bw = (hi - lo) / nb
        # Widen by one bin each side: bin edges in floating point may differ
        # from the kernel's bin assignment by a rounding error.
        new_lo = lo + (b0 - 1) * bw if b0 > 0 else lo
        new_hi = lo + (b1 + 2) * bw if b1 + 2 < nb else hi
        if new_hi - new_lo <= 16 * np.spacing(max(abs(new_hi), 1e-300)):
            return np.full(len(ranks), new_lo)  # ties: equal to rounding
        got = window_pass(tiles, new_lo, new_hi, REFINE_BINS, dlim,
                          collect=COLLECT_PER_CHUNK)
        if not (got[0] <= rmin and rmax < got[0] + int(got[1].sum())):
            break   # (never seen) rounding lost a rank: keep the last window
        lo, hi = new_lo, new_hi
        below, hist, values = got[0], got[1], got[5]
    # Last resort (never needed in the tests): the values of the last window
    # that held the ranks, collected whole when they fit in memory.
    inside = int(hist.sum())
    if inside <= COLLECT_MAX_LAST:
        values = window_pass(tiles, lo, hi, 1, dlim, collect=inside + 1)[5]
        if values is not None:
            return np.sort(values)[ranks - below]
    raise ValueError(
        "the quartiles of the pair distances could not be located exactly "
        f"({inside} distances lie within {hi - lo:.6g} of each other); set the "
        "bandwidth yourself")


COLLECT_MAX_LAST = 1 << 23


@njit(parallel=True)
def _moment_kernel(x, y, w, weighted, starts, bbox, lo, cutoff, delta, nb):
    """Per-bin Σw, Σw e, Σw e^2 (e = d - bin centre) of pairs with
    lo <= d < cutoff, bins from lo; slot nb collects the pairs outside and
    is dropped."""
    nt = starts.shape[0] - 1
    hist = np.zeros((NCHUNK, nb + 1, 3))
    inv = 1.0 / delta
    maxtile = _max_tile(starts)
    for c in prange(NCHUNK):
        buf = np.empty(maxtile)
        ib = np.empty(maxtile, dtype=np.int64)
        h = np.zeros((nb + 1, 3))
        for a in range(c, nt, NCHUNK):
            sa = starts[a]
            ea = starts[a + 1]
            for b in range(a, nt):
                dmin, dmax = _tile_bounds(bbox, a, b)
                if dmin >= cutoff or dmax < lo:
                    continue
                sb = starts[b]
                eb = starts[b + 1]
                for i in range(sa, ea):
                    j0 = i + 1 if a == b else sb
                    m = _distances(x, y, x[i], y[i], j0, eb, buf)
                    for t in range(m):
                        k = np.int64((buf[t] - lo) * inv + 1.0) - 1  # floor
                        ib[t] = nb if (k < 0 or buf[t] >= cutoff) else min(k, nb)
                    if weighted:
                        wi = w[i]
                        for t in range(m):
                            k = ib[t]
                            ww = wi * w[j0 + t]
                            e = buf[t] - lo - (k + 0.5) * delta
                            h[k, 0] += ww
                            h[k, 1] += ww * e
                            h[k, 2] += ww * e * e
                    else:
                        for t in range(m):
                            k = ib[t]
                            e = buf[t] - lo - (k + 0.5) * delta
                            h[k, 0] += 1.0
                            h[k, 1] += e
                            h[k, 2] += e * e
        hist[c] = h
    return hist.sum(axis=0)[:nb]


def moment_histogram(tiles, cutoff, delta, lo=0.0):
    """(nb, 3) per-bin sums of w, w*e, w*e^2 over pairs with lo <= d <
    cutoff, e = d - bin centre, bins [lo + k*delta, lo + (k+1)*delta)."""
    nb = max(1, int(math.ceil((cutoff - lo) / delta)))
    weighted = tiles.w is not None
    w = tiles.w if weighted else np.ones(1)
    with PARALLEL_LOCK:
        return _moment_kernel(tiles.x, tiles.y, w, weighted, tiles.starts,
                              tiles.bbox, float(lo), float(cutoff), float(delta), nb)


FUSED_MAX_BINS = 65534         # bin index = u >> 15 of a 31-bit position
FRAC_BITS = 15
PACK_SHIFT = 37                # addend = (1 << 37) + fraction (15 bits)
DRAIN_PAIRS = 1 << 21          # fraction sums stay < 2^37 between drains


def local32(tiles):
    """float32 coordinates relative to a per-tile origin (cached on tiles).

    Origins lie on a grid of power-of-two step q with every difference of
    origins below 2^24 q, so each origin difference is exact in float32 and a
    float32 difference of two firms errs by about 6e-8 of the tile extent
    plus 6e-8 of their distance (micrometres to millimetres).
    """
    got = getattr(tiles, "_local32", None)
    if got is None:
        span = max(tiles.diameter, 1e-300)
        q = 2.0 ** math.ceil(math.log2(span / 2.0 ** 22))
        b = tiles.bbox
        ox = np.round(0.5 * (b[:, 0] + b[:, 1]) / q) * q
        oy = np.round(0.5 * (b[:, 2] + b[:, 3]) / q) * q
        sizes = np.diff(tiles.starts)
        xl = (tiles.x - np.repeat(ox, sizes)).astype(np.float32)
        yl = (tiles.y - np.repeat(oy, sizes)).astype(np.float32)
        got = (xl, yl, ox, oy)
        tiles._local32 = got
    return got


@njit(fastmath=True)
def _position_row(xl, yl, xi, yi, j0, j1, scale, top, pos):
    """pos[:m] = d / delta in fixed point (15 fractional bits), capped at
    ``top``, for the distances from (xi, yi) to firms j0..j1-1, in the
    arguments' precision (float32: 8 lanes on AVX2; float64 for tile pairs
    with a wide tile). Unsigned values keep the scatter free of sign and
    wrap-around code."""
    m = j1 - j0
    xs = xl[j0:j1]
    ys = yl[j0:j1]
    for t in range(m):
        dx = xs[t] - xi
        dy = ys[t] - yi
        pos[t] = np.uint32(np.int32(min(math.sqrt(dx * dx + dy * dy) * scale, top)))
    return m


@njit
def _drain(h, cnt, fsum, nb):
    for k in range(nb):
        v = h[k]
        cnt[k] += v >> 37
        fsum[k] += v & 137438953471
        h[k] = 0
    h[nb] = 0


@njit(parallel=True)
def _count_kernel(x, y, xl, yl, ox, oy, wide, starts, bbox, a0, a1, ext, inv, nb):
    """One pass over the pairs of tiles a0 <= a < a1 (with every b >= a).

    Linear binning on the grid k delta: a pair at d = (k + f) delta adds
    one count and its fraction f (15 bits) to bin k, packed into one int64
    add (count in the high bits), drained into exact int64 totals before a
    field can overflow; slot nb collects the pairs beyond the grid. Tile
    pairs wholly beyond ``ext`` are not visited; tile pairs with a ``wide``
    tile take float64 distances. Also returned: the pairs
    not binned and Σ of their tile pair's maximum distance (an upper bound
    of their Σd, for the std test of Eq. 2).
    """
    nt = starts.shape[0] - 1
    cnt_all = np.zeros((NCHUNK, nb), dtype=np.int64)
    fsum_all = np.zeros((NCHUNK, nb), dtype=np.int64)
    tot = np.zeros((NCHUNK, 2))
    scale = np.float32(inv * (1 << FRAC_BITS))
    top = np.float32(nb * (1 << FRAC_BITS))
    scale64 = np.float64(scale)
    top64 = np.float64(top)
    one = np.int64(1) << PACK_SHIFT
    maxtile = _max_tile(starts)
    for c in prange(NCHUNK):
        pos = np.empty(maxtile, dtype=np.uint32)
        h = np.zeros(nb + 1, dtype=np.int64)
        cnt = np.zeros(nb, dtype=np.int64)
        fsum = np.zeros(nb, dtype=np.int64)
        pending = 0
        beyond_n = 0.0
        beyond_top = 0.0
        first = a0 + (c - a0 % NCHUNK) % NCHUNK
        for a in range(first, a1, NCHUNK):
            sa = starts[a]
            ea = starts[a + 1]
            for b in range(a, nt):
                sb = starts[b]
                eb = starts[b + 1]
                dmin, dmax = _tile_bounds(bbox, a, b)
                if dmin >= ext:
                    npair = _tile_pairs(starts, a, b)
                    beyond_n += npair
                    beyond_top += npair * dmax
                    continue
                offx = np.float32(ox[a] - ox[b])
                offy = np.float32(oy[a] - oy[b])
                exact = wide[a] or wide[b]
                if pending > DRAIN_PAIRS - maxtile * maxtile:
                    _drain(h, cnt, fsum, nb)
                    pending = 0
                before = h[nb]
                for i in range(sa, ea):
                    j0 = i + 1 if a == b else sb
                    if exact:
                        m = _position_row(x, y, x[i], y[i], j0, eb, scale64, top64, pos)
                    else:
                        m = _position_row(xl, yl, xl[i] + offx, yl[i] + offy, j0,
                                          eb, scale, top, pos)
                    for t in range(m):
                        u = pos[t]
                        h[u >> 15] += one + (u & 32767)
                    pending += m
                over = (h[nb] - before) >> 37
                beyond_n += over
                beyond_top += over * dmax
        _drain(h, cnt, fsum, nb)
        cnt_all[c] = cnt
        fsum_all[c] = fsum
        tot[c, 0] = beyond_n
        tot[c, 1] = beyond_top
    cnt_t = np.zeros(nb, dtype=np.int64)
    fsum_t = np.zeros(nb, dtype=np.int64)
    tot_t = np.zeros(2)
    for c in range(NCHUNK):
        cnt_t += cnt_all[c]
        fsum_t += fsum_all[c]
        tot_t += tot[c]
    return cnt_t, fsum_t, tot_t


@njit(fastmath=True)
def _sq_row(x, y, xi, yi, j0, j1, scale, buf):
    """buf[:m] = squared distances from (xi, yi) to firms j0..j1-1, times
    ``scale`` (1 for plain squares; 1/h^2 for the LDO kernel)."""
    m = j1 - j0
    xs = x[j0:j1]
    ys = y[j0:j1]
    for t in range(m):
        dx = xs[t] - xi
        dy = ys[t] - yi
        buf[t] = (dx * dx + dy * dy) * scale
    return m


@njit(parallel=True)
def _collect_kernel(x, y, starts, bbox, lo, hi, cap):
    """Exact count of pairs with d < lo and the distances in [lo, hi)
    (float64, compared as squares: no square root outside the window)."""
    nt = starts.shape[0] - 1
    lo2 = lo * lo
    hi2 = hi * hi
    below = np.zeros(NCHUNK, dtype=np.int64)
    got = np.zeros(NCHUNK, dtype=np.int64)
    vals = np.empty((NCHUNK, cap))
    maxtile = _max_tile(starts)
    for c in prange(NCHUNK):
        buf = np.empty(maxtile)
        nbl = 0
        ng = 0
        for a in range(c, nt, NCHUNK):
            sa = starts[a]
            ea = starts[a + 1]
            for b in range(a, nt):
                sb = starts[b]
                eb = starts[b + 1]
                dmin, dmax = _tile_bounds(bbox, a, b)
                if dmin > hi * (1 + 1e-9):
                    continue
                if dmax < lo * (1 - 1e-9):
                    nbl += _tile_pairs(starts, a, b)
                    continue
                for i in range(sa, ea):
                    j0 = i + 1 if a == b else sb
                    m = _sq_row(x, y, x[i], y[i], j0, eb, 1.0, buf)
                    inside = 0
                    for t in range(m):
                        s = buf[t]
                        nbl += s < lo2
                        inside += (s >= lo2) & (s < hi2)
                    if inside:
                        for t in range(m):
                            s = buf[t]
                            if s >= lo2 and s < hi2:
                                if ng < cap:
                                    vals[c, ng] = math.sqrt(s)
                                ng += 1
        below[c] = nbl
        got[c] = ng
    return below, got, vals


def window_collect(tiles, lo, hi, cap):
    """(number of pair distances below lo, the distances in [lo, hi)), or
    (below, None) when a chunk holds more than ``cap`` of them."""
    with PARALLEL_LOCK:
        below, got, vals = _collect_kernel(tiles.x, tiles.y, tiles.starts,
                                           tiles.bbox, float(lo), float(hi), int(cap))
    if got.max() > cap:
        return int(below.sum()), None
    return int(below.sum()), np.concatenate([vals[c, :got[c]] for c in range(NCHUNK)])


def _pieces(tiles, pairs_per_piece):
    """Split the tile range into pieces of about equal pair work."""
    sizes = np.diff(tiles.starts).astype(np.float64)
    work = sizes * (np.cumsum(sizes[::-1])[::-1])  # tile a pairs with b >= a
    total = float(work.sum())
    k = max(1, int(math.ceil(total / pairs_per_piece)))
    if k == 1:
        return [(0, len(sizes))]
    cum = np.cumsum(work)
    cuts = np.searchsorted(cum, total * np.arange(1, k) / k)
    edges = sorted(set([0] + [int(c) for c in cuts] + [len(sizes)]))
    return list(zip(edges[:-1], edges[1:]))


PIECE_PAIRS = 3e8   # ~0.1-0.3 s of work per piece on 2 cores: progress/cancel


F32_REL = 3e-8      # float32 rounding of a local coordinate, per unit extent


def grid_histogram(tiles, ext, delta, tick=None, h=None):
    """Linear-binning histogram of all pair distances d < ext on the grid
    k delta (Eq. 1 is then a sum over grid points, error ~ (delta/h)^2/8).

    Returns (count, fsum, beyond_n, beyond_top): count[k] pairs in
    [k delta, (k+1) delta) (float32 arithmetic) whose fractional positions
    d/delta - k sum to fsum[k]; and for the pairs not binned, their number
    and an upper bound of their distances' sum. ``tick(fraction)`` is called
    between pieces of work (progress and cancel). Tiles so wide that float32
    local coordinates could err by more than 1e-6 h (``h`` or 400 delta)
    take float64 distances.
    """
    nb = min(max(1, int(math.ceil(ext / delta))), FUSED_MAX_BINS)
    xl, yl, ox, oy = local32(tiles)
    b = tiles.bbox
    extent = np.maximum(b[:, 1] - b[:, 0], b[:, 3] - b[:, 2])
    wide = extent * F32_REL > 1e-6 * (h if h is not None else 400 * delta)
    cnt = np.zeros(nb, dtype=np.int64)
    fsum = np.zeros(nb, dtype=np.int64)
    tot = np.zeros(2)
    pieces = _pieces(tiles, PIECE_PAIRS)
    for p, (a0, a1) in enumerate(pieces):
        with PARALLEL_LOCK:
            c, f, t = _count_kernel(tiles.x, tiles.y, xl, yl, ox, oy, wide,
                                    tiles.starts, tiles.bbox,
                                    a0, a1, float(ext), 1.0 / delta, nb)
        cnt += c
        fsum += f
        tot += t
        if tick is not None and p + 1 < len(pieces):
            tick((p + 1) / len(pieces))
    return cnt, fsum / float(1 << FRAC_BITS), float(tot[0]), float(tot[1])
