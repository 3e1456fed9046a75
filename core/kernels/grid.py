"""The exact DO pass: linear binning of every pair distance below a cut-off
on a fine grid (float32 tile-local distances, fixed-point positions, count
and fraction packed into one integer add per pair)."""

import math

import numpy as np

from .._numba import njit
from ..engine import Kernel
from .blocks import blocks, chunked, run_chunks, tile_pairs
from .rows import NCHUNK, _b_first, _max_tile, _position_row, _tile_bounds, _tile_pairs

FRAC_BITS = 15
PACK_SHIFT = 37                # addend = (1 << 37) + fraction (15 bits)
DRAIN_PAIRS = 1 << 21          # fraction sums stay < 2^37 between drains
ONE_GRID = 1 << 62             # nbf >= nb: no coarse bins


@njit
def _drain(h, cnt, fsum, nb):
    for k in range(nb):
        v = h[k]
        cnt[k] += v >> 37
        fsum[k] += v & 137438953471
        h[k] = 0
    h[nb] = 0


@njit(fastmath=True)
def _dist_sum(x, y, xi, yi, j0, j1):
    """Σ of the float64 distances from (xi, yi) to firms j0..j1-1 (a run of
    tiles: long rows vectorise, about 4e9 pairs/s per core)."""
    s = 0.0
    for j in range(j0, j1):
        dx = x[j] - xi
        dy = y[j] - yi
        s += math.sqrt(dx * dx + dy * dy)
    return s


@njit
def _run_sums(x, y, sa, ea, r0, r1):
    """Σd over the pairs of tile a (firms sa..ea-1) with the run of firms
    r0..r1-1 (tiles after a)."""
    s = 0.0
    if r1 > r0:
        for i in range(sa, ea):
            s += _dist_sum(x, y, x[i], y[i], r0, r1)
    return s


@njit
def _binned_positions(pos, m, topu):
    """Σ of the fixed-point positions in pos[:m] that were binned (< topu)."""
    s = np.uint64(0)
    for t in range(m):
        u = pos[t]
        s += np.uint64(u) if u < topu else np.uint64(0)
    return s


@njit(fastmath=True)
def _pair_weights(w, wi, j0, m, wrow):
    """wrow[:m] = wi * w[j0:j0 + m] (the pair weights of a row, vectorised)."""
    ws = w[j0:j0 + m]
    for t in range(m):
        wrow[t] = wi * ws[t]


@njit(fastmath=True)
def _position_lim_row(x, y, xi, yi, j0, j1, scale, top, pos, dlim, shift, topf, cs):
    """rows._position_row in float64, and from the same distances the
    count, Σ (d - shift) and Σ (d - shift)^2 of those d <= dlim (dbmss's
    bw.nrd0, exact as the window pass; each distance computed once).
    Positions past ``topf`` go on a coarser grid, ``cs`` <= 1 of a unit
    each: min(p, topf + (p - topf) cs) is p below topf, the coarse one past
    it (topf = top, cs = 1: one grid)."""
    c = 0
    s1 = 0.0
    s2 = 0.0
    xs = x[j0:j1]
    ys = y[j0:j1]
    for t in range(j1 - j0):
        dx = xs[t] - xi
        dy = ys[t] - yi
        d = math.sqrt(dx * dx + dy * dy)
        p = d * scale
        pos[t] = np.uint32(np.int32(min(p, topf + (p - topf) * cs, top)))
        inside = d <= dlim
        u = d - shift
        c += 1 if inside else 0
        s1 += u if inside else 0.0
        s2 += u * u if inside else 0.0
    return j1 - j0, c, s1, s2


@njit(fastmath=True)
def _position_sum_row(x, y, xi, yi, j0, j1, scale, top, pos):
    """rows._position_row in float64, and Σd of the row (Eq. 2's exact std:
    one reduction, 1.4x the float32 row's pass against 1.6x for the three
    of _position_lim_row)."""
    s = 0.0
    xs = x[j0:j1]
    ys = y[j0:j1]
    for t in range(j1 - j0):
        dx = xs[t] - xi
        dy = ys[t] - yi
        d = math.sqrt(dx * dx + dy * dy)
        pos[t] = np.uint32(np.int32(min(d * scale, top)))
        s += d
    return j1 - j0, s


@njit(nogil=True)
def _count_chunk(c, x, y, xl, yl, ox, oy, wide, starts, bbox, a0, a1, ext, inv, nb, far_sums,
                 split, w, weighted, dlim, shift, fb, nbf, cs):
    """Chunk c of _count_kernel's work: the tiles a0 <= a < a1 with a = c
    (mod NCHUNK). Releases the GIL: the chunks run on a pool of threads."""
    nt = starts.shape[0] - 1
    nw = nb + 1 if weighted else 1
    wsum = np.zeros(2 * nw)
    tot = np.zeros(6)
    lim_c = 0
    lim_s1 = 0.0
    lim_s2 = 0.0
    lim = dlim > 0.0
    every = dlim == math.inf
    scale = np.float32(inv * (1 << fb))
    top = np.float32(nb * (1 << fb))
    scale64 = np.float64(scale)
    top64 = np.float64(top)
    topf = np.float64(nbf * (1 << fb))
    one = np.int64(1) << PACK_SHIFT
    topu = np.uint32(nb << fb)
    mask = np.uint32((1 << fb) - 1)
    shift_fb = np.uint32(fb)
    unit = 1.0 / (np.float64(scale))        # a fixed-point position unit, in distance
    maxtile = _max_tile(starts)
    pos = np.empty(maxtile, dtype=np.uint32)
    wrow = np.empty(maxtile if weighted else 1)
    h = np.zeros(nb + 1, dtype=np.int64)
    cnt = np.zeros(nb, dtype=np.int64)
    fsum = np.zeros(nb, dtype=np.int64)
    pending = 0
    beyond_n = 0.0
    beyond_top = 0.0
    beyond_sum = 0.0
    first = a0 + (c - a0 % NCHUNK) % NCHUNK
    for a in range(first, a1, NCHUNK):
        sa = starts[a]
        ea = starts[a + 1]
        r0 = 0          # the current run of far tiles (far_sums)
        r1 = 0
        for b in range(_b_first(a, split, nt), nt):
            sb = starts[b]
            eb = starts[b + 1]
            dmin, dmax = _tile_bounds(bbox, a, b)
            if dmin >= ext:
                npair = _tile_pairs(starts, a, b)
                beyond_n += npair
                beyond_top += npair * dmax
                if far_sums:             # b > a here: dmin > 0
                    if r1 != sb:
                        beyond_sum += _run_sums(x, y, sa, ea, r0, r1)
                        r0 = sb
                    r1 = eb
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
                if every:   # Eq. 2's exact std: Σd of every pair (lim_s1, no shift)
                    m, l1 = _position_sum_row(x, y, x[i], y[i], j0, eb, scale64, top64, pos)
                    lim_c += m
                    lim_s1 += l1
                elif lim:   # every binned pair (dmin < ext <= dlim (1 + 1e-9))
                    m, lc, l1, l2 = _position_lim_row(x, y, x[i], y[i], j0, eb, scale64,
                                                      top64, pos, dlim, shift, topf, cs)
                    lim_c += lc
                    lim_s1 += l1
                    lim_s2 += l2
                elif exact:
                    m = _position_row(x, y, x[i], y[i], j0, eb, scale64, top64, pos)
                else:
                    m = _position_row(xl, yl, xl[i] + offx, yl[i] + offy, j0,
                                      eb, scale, top, pos)
                if weighted:
                    _pair_weights(w, w[i], j0, m, wrow)
                    for t in range(m):
                        u = pos[t]
                        k = np.int64(u >> shift_fb)
                        f = u & mask
                        h[k] += one + f
                        ww = wrow[t]
                        wsum[2 * k] += ww
                        wsum[2 * k + 1] += ww * np.float64(f)
                else:
                    for t in range(m):
                        u = pos[t]
                        h[u >> shift_fb] += one + (u & mask)
                pending += m
                if far_sums and not lim and dmax * inv >= nb * (1 - 1e-6):
                    # the row's pairs beyond the grid: all of its Σd (float64)
                    # less that of its binned pairs (from their positions)
                    beyond_sum += _dist_sum(x, y, x[i], y[i], j0, eb) - float(
                        _binned_positions(pos, m, topu)) * unit
            over = (h[nb] - before) >> 37
            beyond_n += over
            beyond_top += over * dmax
        if far_sums:
            beyond_sum += _run_sums(x, y, sa, ea, r0, r1)
    _drain(h, cnt, fsum, nb)
    tot[0] = beyond_n
    tot[1] = beyond_top
    tot[2] = beyond_sum
    tot[3] = lim_c
    tot[4] = lim_s1
    tot[5] = lim_s2
    return cnt, fsum, tot, wsum


def _count_kernel(x, y, xl, yl, ox, oy, wide, starts, bbox, a0, a1, ext, inv, nb, far_sums,
                  split, w, weighted, dlim=0.0, shift=0.0, fb=FRAC_BITS, nbf=ONE_GRID, cs=1.0):
    """One pass over the pairs of tiles a0 <= a < a1 (with every b >= a;
    ``split`` > 0: the cross pairs only, rows._b_first).

    Linear binning on the grid k delta: a pair at d = (k + f) delta adds
    one count and its fraction f (15 bits) to bin k, packed into one int64
    add (count in the high bits), drained into exact int64 totals before a
    field can overflow; slot nb collects the pairs beyond the grid. Tile
    pairs wholly beyond ``ext`` are not binned; tile pairs with a ``wide``
    tile take float64 distances. Also returned (tot): the pairs not binned,
    Σ of their tile pair's maximum distance (an upper bound of their Σd,
    for the std test of Eq. 2) and, with ``far_sums``, their exact Σd
    (float64 distances: the pairs beyond ``ext`` are then visited too, so
    that Eq. 2's std comes from this one pass; with ``dlim`` = inf those
    of the tile pairs wholly beyond ``ext`` only).
    ``weighted``: the same linear binning of the pair weights w_i w_j too
    (the weighted Eq. 1): wsum[k] = (Σ w_i w_j, Σ w_i w_j f) of bin k, f in
    units of 2^-15 (Eq. 2 stays on the counts). ``dlim`` > 0 (<= ext):
    tot[3:6] = the count, Σ (d - shift) and Σ (d - shift)^2 of the float64
    distances d <= dlim (dbmss's bw.nrd0, exact as the window pass).
    ``dlim`` = inf (with ``far_sums``): tot[3:5] = the count and Σd
    (float64) of every pair of the tile pairs binned, tot[2] that of the
    tile pairs beyond ext (Eq. 2's exact std; the numpy form returns
    Σ (d - shift)^2 too).
    ``fb``: the fraction's bits (15; fewer give 2^(31 - fb) - 2 bins).
    ``nbf`` < nb (with ``dlim``): bins nbf.. are coarse, 1/cs steps each
    (a distance v steps of delta past the fine grid's end lands at
    nbf + v cs): dbmss needs its fine grid to Dmax + 8.5 h only, and
    beyond only counts for its quartiles.

    The NCHUNK fixed chunks (merged in chunk order: the same bits whatever
    the threads) are handed out one at a time to a pool of threads, so a
    thread slowed by other work on a shared machine does not hold the
    others back (numba's prange splits its range statically).
    """
    args = (x, y, xl, yl, ox, oy, wide, starts, bbox, a0, a1, ext, inv, nb, far_sums,
            split, w, weighted, float(dlim), float(shift), int(fb),
            int(min(nbf, nb)), float(cs))
    parts = run_chunks(lambda c: _count_chunk(c, *args), max(a1 - a0, 0))
    cnt_t = np.zeros(nb, dtype=np.int64)
    fsum_t = np.zeros(nb, dtype=np.int64)
    tot_t = np.zeros(6)
    wsum_t = np.zeros(2 * (nb + 1 if weighted else 1))
    for cnt, fsum, tot, wsum in parts:
        cnt_t += cnt
        fsum_t += fsum
        tot_t += tot
        wsum_t += wsum
    return cnt_t, fsum_t, tot_t, wsum_t.reshape((-1, 2))[:nb]


PACK = float(1 << 17)   # numpy form: 2^17 + fraction per pair in one float64 weight


def _count_numpy(x, y, xl, yl, ox, oy, wide, starts, bbox, a0, a1, ext, inv, nb, far_sums,
                 split, w, weighted, dlim=0.0, shift=0.0, fb=FRAC_BITS, nbf=ONE_GRID, cs=1.0):
    """numpy form of _count_kernel: float64 distances in units of delta,
    the fractions kept in float64 (fsum in units of 2^-15, as a float). A
    block of at most 2^16 pairs adds 2^17 + fraction per pair in one
    bincount over the bins it reaches: each bin's sum stays below 2^34, so
    its count is exact and its fractions err by about 2^-19. ``weighted``:
    the pair weights binned too (two more bincounts)."""
    xy = np.column_stack([x, y]) * inv
    top = float(nb)

    def work(tiles):
        cnt = np.zeros(nb + 1, dtype=np.int64)
        fsum = np.zeros(nb + 1)
        wsum = np.zeros((nb + 1 if weighted else 1, 2))
        beyond_n = beyond_top = beyond_sum = 0.0
        lim = np.zeros(3)
        for a, b, dmin, dmax, pairs in tile_pairs(starts, bbox, tiles, split):
            far = dmin >= ext
            beyond_n += float(pairs[far].sum())
            beyond_top += float(np.sum(pairs[far] * dmax[far]))
            if far_sums:
                for d in blocks(xy, starts, a, b[far]):
                    beyond_sum += float(d.sum()) / inv
            for d in blocks(xy, starts, a, b[~far], w=w if weighted else None):
                if weighted:
                    d, ww = d
                if d.size == 0:
                    continue
                if dlim > 0:                        # dbmss: d <= dlim, float64
                    u = d[d <= dlim * inv] / inv - shift
                    lim += (u.size, float(u.sum()), float(np.dot(u, u)))
                if far_sums and dlim <= 0:          # Σd of the pairs beyond the grid
                    big = d >= top
                    if big.any():
                        beyond_sum += float(d[big].sum()) / inv
                if nbf < nb:                        # dbmss: coarse bins past nbf
                    past = d >= nbf
                    d[past] = nbf + (d[past] - nbf) * cs
                np.minimum(d, top, out=d)
                k = d.astype(np.intp)
                d -= k
                d += PACK
                k0 = int(k.min())
                k -= k0
                s = np.bincount(k, weights=d)
                if weighted:
                    wsum[k0:k0 + s.size, 0] += np.bincount(k, weights=ww)
                    ww *= d - PACK
                    wsum[k0:k0 + s.size, 1] += np.bincount(k, weights=ww)
                c = np.floor(s / PACK)
                cnt[k0:k0 + s.size] += c.astype(np.int64)
                fsum[k0:k0 + s.size] += s - c * PACK
                if k0 + s.size > nb and cnt[nb]:   # beyond the grid: bounded by
                    beyond_n += int(cnt[nb])       # the farthest tile pair
                    beyond_top += int(cnt[nb]) * float(dmax[~far].max())
                    cnt[nb] = 0
        return cnt[:nb], fsum[:nb], beyond_n, beyond_top, beyond_sum, wsum[:nb], lim

    tiles = np.arange(a0, a1)
    parts = chunked(lambda c: work(tiles[c[c < tiles.size]]), max(a1 - a0, 0))
    cnt = sum(p[0] for p in parts)
    fsum = sum(p[1] for p in parts)
    tot = np.r_[sum(p[2] for p in parts), sum(p[3] for p in parts),
                sum(p[4] for p in parts), sum(p[6] for p in parts)]
    wsum = sum(p[5] for p in parts) if weighted else np.zeros((0, 2))
    wsum[:, 1] *= float(1 << fb)
    return cnt, fsum * float(1 << fb), tot, wsum


grid_counts = Kernel(_count_kernel, _count_numpy)
