"""Pair kernels on the Earth (SPEC, "Geodesic distances"): firms as
Earth-centred points (x, y, z), a pair's distance the arc s = 2R asin(c/2R)
of their chord c. The same passes as ``window`` and ``moments`` (a
histogram of a distance window with its sums and values; per-bin moments
for Eq. 1), over 3D tiles whose chord bounds map to arc bounds (the map is
monotone). The arc of each chord up to R is a vectorised series (18 terms,
float64 rounding); longer chords take asin.
"""
import math

import numpy as np

from .._numba import njit, prange
from ..engine import Kernel
from ..geodesic import ARC_COEF, POLY_ARC_LIMIT, R_ARC
from .blocks import blocks, chunked, run_chunks
from .grid import DRAIN_PAIRS, PACK_SHIFT, _drain
from .rows import NCHUNK, _b_first, _max_tile, _shifted_sums, _slots, _tile_pairs
from .window import collect_squares

INV_4R2 = 1.0 / (4.0 * R_ARC * R_ARC)
TWO_R = 2.0 * R_ARC
SERIES_AT_LIMIT = float(np.polyval(ARC_COEF, 0.25))
# chords up to 2R/10 (1,274 km, u = (c/2R)^2 <= 0.01): the series' first 7
# terms meet float64 rounding (the next, C_7 u^7, is below 2e-16)
SHORT_U = 0.01
(C17, C16, C15, C14, C13, C12, C11, C10, C9, C8, C7, C6, C5, C4, C3, C2, C1,
 C0) = [float(c) for c in ARC_COEF]


# ---- the chord-to-arc map -------------------------------------------------
@njit(inline="always")
def _series(u):
    """asin(t)/t at u = t^2 (Horner, highest term first)."""
    p = C17
    p = p * u + C16
    p = p * u + C15
    p = p * u + C14
    p = p * u + C13
    p = p * u + C12
    p = p * u + C11
    p = p * u + C10
    p = p * u + C9
    p = p * u + C8
    p = p * u + C7
    p = p * u + C6
    p = p * u + C5
    p = p * u + C4
    p = p * u + C3
    p = p * u + C2
    p = p * u + C1
    return p * u + C0


@njit(inline="always")
def _short_series(u):
    """asin(t)/t at u = t^2 <= SHORT_U: its first 7 terms (Horner)."""
    return (((((C6 * u + C5) * u + C4) * u + C3) * u + C2) * u + C1) * u + C0


@njit
def _arc_one(c):
    """The arc of one chord (scalar)."""
    t = min(c / TWO_R, 1.0)
    return TWO_R * math.asin(t)


@njit(fastmath=True)
def _arc_fill(x, y, z, xi, yi, zi, j0, j1, buf):
    """buf[:m] = arcs from (xi, yi, zi) to firms j0..j1-1: chord, then the
    series capped at u = 1/4 (vectorised); the rare chords beyond R are
    recognised by their capped value and redone with asin."""
    m = j1 - j0
    xs = x[j0:j1]
    ys = y[j0:j1]
    zs = z[j0:j1]
    top = 0.0
    for t in range(m):
        dx = xs[t] - xi
        dy = ys[t] - yi
        dz = zs[t] - zi
        c2 = dx * dx + dy * dy + dz * dz
        buf[t] = c2
        top = max(top, c2)
    if top * INV_4R2 <= SHORT_U:    # every chord short: the 7-term series
        for t in range(m):
            c2 = buf[t]
            buf[t] = math.sqrt(c2) * _short_series(c2 * INV_4R2)
    else:
        for t in range(m):
            c2 = buf[t]
            buf[t] = math.sqrt(c2) * _series(min(c2 * INV_4R2, 0.25))
    return m


@njit
def _arc_row(x, y, z, xi, yi, zi, j0, j1, buf):
    m = _arc_fill(x, y, z, xi, yi, zi, j0, j1, buf)
    for t in range(m):
        if buf[t] > POLY_ARC_LIMIT:
            buf[t] = _arc_one(buf[t] / SERIES_AT_LIMIT)
    return m


@njit
def _bounds3(bbox, a, b):
    """Min and max arc between any point of tile a and any of tile b (the
    arcs of the boxes' chord bounds; the max is capped at half the Earth's
    circumference when the boxes' diagonal exceeds the Earth's diameter)."""
    dx = max(0.0, bbox[b, 0] - bbox[a, 1], bbox[a, 0] - bbox[b, 1])
    dy = max(0.0, bbox[b, 2] - bbox[a, 3], bbox[a, 2] - bbox[b, 3])
    dz = max(0.0, bbox[b, 4] - bbox[a, 5], bbox[a, 4] - bbox[b, 5])
    dX = max(bbox[b, 1] - bbox[a, 0], bbox[a, 1] - bbox[b, 0])
    dY = max(bbox[b, 3] - bbox[a, 2], bbox[a, 3] - bbox[b, 2])
    dZ = max(bbox[b, 5] - bbox[a, 4], bbox[a, 5] - bbox[b, 4])
    lo = _arc_one(math.sqrt(dx * dx + dy * dy + dz * dz)) * (1 - 1e-12)
    hi = _arc_one(math.sqrt(dX * dX + dY * dY + dZ * dZ)) * (1 + 1e-12)
    return lo, hi


# ---- numba passes -------------------------------------------------------------
@njit(parallel=True)
def _window_kernel(x, y, z, starts, bbox, lo, hi, nb, dlim, with_sums, shift, capc, split):
    """window._window_kernel on arcs: slot 0 below the window [lo, hi),
    slots 1..nb inside, nb + 1 above; arcs > dlim left out; optional shifted
    sums; up to ``capc`` values inside the window per chunk."""
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
            for b in range(_b_first(a, split, nt), nt):
                sb = starts[b]
                eb = starts[b + 1]
                dmin, dmax = _bounds3(bbox, a, b)
                if dmin > dlim:
                    continue
                if not with_sums and dmax <= dlim and (dmin >= hi or dmax < lo):
                    h[0 if dmax < lo else nb + 1] += _tile_pairs(starts, a, b)
                    continue
                ls1 = 0.0
                ls2 = 0.0
                for i in range(sa, ea):
                    j0 = i + 1 if a == b else sb
                    m = _arc_row(x, y, z, x[i], y[i], z[i], j0, eb, buf)
                    if bounded:
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


def _window_numba(x, y, z, starts, bbox, lo, hi, nb, dlim, with_sums, shift, capc, split=0):
    hist, count, s1, s2, got, vals = _window_kernel(x, y, z, starts, bbox, lo, hi, nb, dlim,
                                                    with_sums, shift, capc, split)
    values = None
    if capc > 0 and got.max() <= capc:
        values = np.concatenate([vals[c, :got[c]] for c in range(NCHUNK)])
    return hist, count, s1, s2, values


@njit(parallel=True)
def _moment_kernel(x, y, z, w, weighted, starts, bbox, lo, cutoff, delta, nb, split=0):
    """moments._moment_kernel on arcs: per-bin Σw, Σw e, Σw e^2 of the
    pairs lo <= s < cutoff."""
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
            for b in range(_b_first(a, split, nt), nt):
                dmin, dmax = _bounds3(bbox, a, b)
                if dmin >= cutoff or dmax < lo:
                    continue
                sb = starts[b]
                eb = starts[b + 1]
                for i in range(sa, ea):
                    j0 = i + 1 if a == b else sb
                    m = _arc_row(x, y, z, x[i], y[i], z[i], j0, eb, buf)
                    for t in range(m):
                        k = np.int64((buf[t] - lo) * inv + 1.0) - 1
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


# ---- numpy forms --------------------------------------------------------------
def arc_np(c, scale=TWO_R):
    """Arcs of an array of chords (in place): 2R asin(c / 2R), times
    ``scale`` / 2R (one ufunc pass; the numba forms' series agrees to float64
    rounding)."""
    c *= 1.0 / TWO_R
    np.minimum(c, 1.0, out=c)
    np.arcsin(c, out=c)
    c *= scale
    return c


def bounds3(bbox, a, b):
    """_bounds3 for tile a and an array of tiles b."""
    ba, bb = bbox[a], bbox[b]
    lo2 = np.zeros(len(b))
    hi2 = np.zeros(len(b))
    for k in range(3):
        gap = np.maximum(np.maximum(bb[:, 2 * k] - ba[2 * k + 1], ba[2 * k] - bb[:, 2 * k + 1]),
                         0.0)
        far = np.maximum(bb[:, 2 * k + 1] - ba[2 * k], ba[2 * k + 1] - bb[:, 2 * k])
        lo2 += gap * gap
        hi2 += far * far
    t_lo = np.minimum(np.sqrt(lo2) / TWO_R, 1.0)
    t_hi = np.minimum(np.sqrt(hi2) / TWO_R, 1.0)
    return (TWO_R * np.arcsin(t_lo) * (1 - 1e-12), TWO_R * np.arcsin(t_hi) * (1 + 1e-12))


def tile_pairs3(starts, bbox, tiles, split=0):
    """blocks.tile_pairs with arc bounds of 3D tiles."""
    nt = starts.shape[0] - 1
    for a in tiles:
        a = int(a)
        first = a if split == 0 else (split if a < split else nt)
        if first >= nt:
            continue
        b = np.arange(first, nt)
        dmin, dmax = bounds3(bbox, a, b)
        k = int(starts[a + 1] - starts[a])
        pairs = k * (starts[b + 1] - starts[b])
        if first == a:
            pairs[0] = k * (k - 1) // 2
        yield a, b, dmin, dmax, pairs


def blocks3(xyz, starts, a, tiles, w=None, scale=TWO_R):
    """blocks.blocks on arcs: its flat blocks of chords (tiles[0] == a: the
    pairs inside a) made arcs, times ``scale`` / 2R."""
    for got in blocks(xyz, starts, a, tiles, w=w):
        if w is None:
            yield arc_np(got, scale)
        else:
            yield arc_np(got[0], scale), got[1]


def _window_numpy(x, y, z, starts, bbox, lo, hi, nb, dlim, with_sums, shift, capc, split=0):
    """numpy form of _window_numba (up to NCHUNK * capc values)."""
    xyz = np.column_stack([x, y, z])
    scale = nb / (hi - lo)

    def work(tiles):
        hist = np.zeros(nb + 2, dtype=np.int64)
        count, s1, s2, vals, got = 0, 0.0, 0.0, [], 0
        for a, b, dmin, dmax, pairs in tile_pairs3(starts, bbox, tiles, split):
            keep = dmin <= dlim
            if not with_sums:
                whole = keep & (dmax <= dlim) & ((dmin >= hi) | (dmax < lo))
                hist[0] += int(pairs[whole & (dmax < lo)].sum())
                hist[nb + 1] += int(pairs[whole & (dmax >= lo)].sum())
                keep &= ~whole
            for d in blocks3(xyz, starts, a, b[keep]):
                if dlim != np.inf:
                    d = d[d <= dlim]
                if with_sums:
                    count += d.size
                    u = d - shift
                    s1 += float(u.sum())
                    s2 += float(np.sum(u * u))
                k = ((d - lo) * scale + 1.0).astype(np.int64)
                np.clip(k, 0, nb + 1, out=k)
                hist += np.bincount(k, minlength=nb + 2)
                if capc > 0:
                    inside = d[(k != 0) & (k != nb + 1)]
                    got += inside.size
                    if got <= capc:
                        vals.append(inside)
        return hist, count, s1, s2, vals, got

    parts = chunked(work, starts.shape[0] - 1)
    hist = sum(p[0] for p in parts)
    count = sum(p[1] for p in parts)
    s1 = sum(p[2] for p in parts)
    s2 = sum(p[3] for p in parts)
    if capc == 0 or any(p[5] > capc for p in parts):
        return hist, count, s1, s2, None
    vals = [v for p in parts for v in p[4]]
    return hist, count, s1, s2, np.concatenate(vals) if vals else np.zeros(0)


def _moment_numpy(x, y, z, w, weighted, starts, bbox, lo, cutoff, delta, nb, split=0):
    """numpy form of _moment_kernel."""
    from .moments import _slot_moments
    xyz = np.column_stack([x, y, z])

    def work(tiles):
        hist = np.zeros((nb + 1, 3))
        for a, b, dmin, dmax, _pairs in tile_pairs3(starts, bbox, tiles, split):
            visit = b[(dmin < cutoff) & (dmax >= lo)]
            for got in blocks3(xyz, starts, a, visit, w=w if weighted else None):
                d, ww = got if weighted else (got, None)
                _slot_moments(d, ww, lo, cutoff, delta, nb, hist)
        return hist

    return sum(chunked(work, starts.shape[0] - 1))[:nb]


arc_window = Kernel(_window_numba, _window_numpy)
arc_moments = Kernel(_moment_kernel, _moment_numpy)


# ---- the fused pass (grid.grid_counts on arcs) -----------------------------------
F3, F2, F1, F0 = (np.float32(c) for c in (C3, C2, C1, C0))
F_INV_4R2 = np.float32(INV_4R2)
F_SHORT_U = np.float32(SHORT_U)


@njit(fastmath=True)
def _position_row3(xl, yl, zl, xi, yi, zi, j0, j1, scale, top, short, pos):
    """grid's _position_row on arcs: pos[:m] = s / delta in fixed point
    (15 fractional bits), capped at ``top``, in the arguments' precision
    (float32 chords relative to tile origins; ``short`` 2: the grid ends
    below chords of R/20, where the series' first two terms meet float32
    rounding, folded into one multiply-add; 1: below 2R/10, 4 terms; 0: the
    18-term series in float64)."""
    m = j1 - j0
    xs = xl[j0:j1]
    ys = yl[j0:j1]
    zs = zl[j0:j1]
    if short == 2:      # s * scale = c (scale C0 + scale C1 u): as cheap as the planar pass
        a = scale * F0
        b = scale * F1 * F_INV_4R2
        for t in range(m):
            dx = xs[t] - xi
            dy = ys[t] - yi
            dz = zs[t] - zi
            c2 = dx * dx + dy * dy + dz * dz
            pos[t] = np.uint32(np.int32(min(math.sqrt(c2) * (b * c2 + a), top)))
    elif short == 1:    # in the arguments' precision (float32: 8 lanes), as the planar pass
        for t in range(m):
            dx = xs[t] - xi
            dy = ys[t] - yi
            dz = zs[t] - zi
            c2 = dx * dx + dy * dy + dz * dz
            u = min(c2 * F_INV_4R2, F_SHORT_U)
            p = ((F3 * u + F2) * u + F1) * u + F0       # the next term < 3e-10
            pos[t] = np.uint32(np.int32(min(math.sqrt(c2) * p * scale, top)))
    else:
        for t in range(m):
            dx = xs[t] - xi
            dy = ys[t] - yi
            dz = zs[t] - zi
            c2 = np.float64(dx * dx + dy * dy + dz * dz)
            s = math.sqrt(c2) * _series(min(c2 * INV_4R2, 0.25))
            pos[t] = np.uint32(np.int32(min(s * scale, top)))
    return m


@njit(nogil=True)
def _grid_chunk(c, x, y, z, xl, yl, zl, ox, oy, oz, wide, starts, bbox, a0, a1, ext, inv, nb,
                split):
    """Chunk c of _grid_kernel's work: the tiles a0 <= a < a1 with a = c
    (mod NCHUNK). Releases the GIL: the chunks run on a pool of threads."""
    nt = starts.shape[0] - 1
    scale = inv * (1 << 15)
    top = float(nb * (1 << 15))
    scale32 = np.float32(scale)
    top32 = np.float32(top)
    one = np.int64(1) << PACK_SHIFT
    maxtile = _max_tile(starts)
    # the next term of the series at the grid's end, relative: 3u^2/40 < 3e-8
    # below chords of R/20 (u < 1/1600); u^4 terms < 3e-10 below 2R/10
    short = 2 if ext < 0.05 * R_ARC * 0.999 else (1 if ext < 0.2 * R_ARC * 0.999 else 0)
    pos = np.empty(maxtile, dtype=np.uint32)
    h = np.zeros(nb + 1, dtype=np.int64)
    cnt = np.zeros(nb, dtype=np.int64)
    fsum = np.zeros(nb, dtype=np.int64)
    tot = np.zeros(3)
    pending = 0
    beyond_n = 0.0
    beyond_top = 0.0
    first = a0 + (c - a0 % NCHUNK) % NCHUNK
    for a in range(first, a1, NCHUNK):
        sa = starts[a]
        ea = starts[a + 1]
        for b in range(_b_first(a, split, nt), nt):
            sb = starts[b]
            eb = starts[b + 1]
            dmin, dmax = _bounds3(bbox, a, b)
            if dmin >= ext:
                npair = _tile_pairs(starts, a, b)
                beyond_n += npair
                beyond_top += npair * dmax
                continue
            offx = np.float32(ox[a] - ox[b])
            offy = np.float32(oy[a] - oy[b])
            offz = np.float32(oz[a] - oz[b])
            exact = wide[a] or wide[b]
            if pending > DRAIN_PAIRS - maxtile * maxtile:
                _drain(h, cnt, fsum, nb)
                pending = 0
            before = h[nb]
            for i in range(sa, ea):
                j0 = i + 1 if a == b else sb
                if exact:
                    m = _position_row3(x, y, z, x[i], y[i], z[i], j0, eb, scale, top,
                                       min(short, 1), pos)
                else:
                    m = _position_row3(xl, yl, zl, xl[i] + offx, yl[i] + offy,
                                       zl[i] + offz, j0, eb, scale32, top32, short, pos)
                for t in range(m):
                    u = pos[t]
                    h[u >> 15] += one + (u & 32767)
                pending += m
            over = (h[nb] - before) >> 37
            beyond_n += over
            beyond_top += over * dmax
    _drain(h, cnt, fsum, nb)
    tot[0] = beyond_n
    tot[1] = beyond_top
    return cnt, fsum, tot


def _grid_kernel(x, y, z, xl, yl, zl, ox, oy, oz, wide, starts, bbox, a0, a1, ext, inv, nb,
                 split):
    """grid._count_kernel on arcs (without the far sums: Eq. 2's std of
    arcs has no closed form, pairs.exact_std gives it): linear binning of
    every arc below ``ext`` on the grid k delta, count and 15-bit fraction
    packed in one int64 add; tot = (pairs not binned, Σ of their tile
    pair's largest arc, 0). The NCHUNK fixed chunks (summed in chunk order:
    the same bits whatever the threads) go one at a time to a pool of
    threads (blocks.run_chunks), as the planar pass."""
    args = (x, y, z, xl, yl, zl, ox, oy, oz, wide, starts, bbox, a0, a1, ext, inv, nb, split)
    parts = run_chunks(lambda c: _grid_chunk(c, *args), max(a1 - a0, 0))
    cnt_t = np.zeros(nb, dtype=np.int64)
    fsum_t = np.zeros(nb, dtype=np.int64)
    tot_t = np.zeros(3)
    for cnt, fsum, tot in parts:
        cnt_t += cnt
        fsum_t += fsum
        tot_t += tot
    return cnt_t, fsum_t, tot_t


PACK = float(1 << 17)


def _grid_numpy(x, y, z, xl, yl, zl, ox, oy, oz, wide, starts, bbox, a0, a1, ext, inv, nb,
                split):
    """numpy form of _grid_kernel (float64 arcs; as grid._count_numpy)."""
    xyz = np.column_stack([x, y, z])
    top = float(nb)

    def work(tiles):
        cnt = np.zeros(nb + 1, dtype=np.int64)
        fsum = np.zeros(nb + 1)
        beyond_n = beyond_top = 0.0
        for a, b, dmin, dmax, pairs in tile_pairs3(starts, bbox, tiles, split):
            far = dmin >= ext
            beyond_n += float(pairs[far].sum())
            beyond_top += float(np.sum(pairs[far] * dmax[far]))
            for d in blocks3(xyz, starts, a, b[~far], scale=TWO_R * inv):   # d / delta
                if d.size == 0:
                    continue
                np.minimum(d, top, out=d)
                k = d.astype(np.intp)
                d -= k
                d += PACK
                k0 = int(k.min())
                k -= k0
                s = np.bincount(k, weights=d)
                c = np.floor(s / PACK)
                cnt[k0:k0 + s.size] += c.astype(np.int64)
                fsum[k0:k0 + s.size] += s - c * PACK
                if k0 + s.size > nb and cnt[nb]:
                    beyond_n += int(cnt[nb])
                    beyond_top += int(cnt[nb]) * float(dmax[~far].max())
                    cnt[nb] = 0
        return cnt[:nb], fsum[:nb], beyond_n, beyond_top, 0.0

    tiles = np.arange(a0, a1)
    parts = chunked(lambda c: work(tiles[c[c < tiles.size]]), max(a1 - a0, 0))
    cnt = sum(p[0] for p in parts)
    fsum = sum(p[1] for p in parts)
    tot = np.array([sum(p[2] for p in parts), sum(p[3] for p in parts), 0.0])
    return cnt, fsum * float(1 << 15), tot


arc_grid = Kernel(_grid_kernel, _grid_numpy)


# ---- Eq. 2's std of arcs (no closed form): one vectorised sweep ----------------------
@njit(fastmath=True)
def _row_short(x, y, z, xi, yi, zi, j0, j1, shift):
    """_row_shifted for chords all below 2R/10 (7 terms of the series)."""
    s1 = 0.0
    s2 = 0.0
    xs = x[j0:j1]
    ys = y[j0:j1]
    zs = z[j0:j1]
    for t in range(j1 - j0):
        dx = xs[t] - xi
        dy = ys[t] - yi
        dz = zs[t] - zi
        c2 = dx * dx + dy * dy + dz * dz
        v = math.sqrt(c2) * _short_series(min(c2 * INV_4R2, SHORT_U)) - shift
        s1 += v
        s2 += v * v
    return s1, s2, 0


@njit(fastmath=True)
def _row_shifted(x, y, z, xi, yi, zi, j0, j1, shift):
    """Σ (s - shift), Σ (s - shift)^2 of the arcs from (xi, yi, zi) to firms
    j0..j1-1 (the series; chords beyond R are corrected after)."""
    s1 = 0.0
    s2 = 0.0
    far = 0
    xs = x[j0:j1]
    ys = y[j0:j1]
    zs = z[j0:j1]
    for t in range(j1 - j0):
        dx = xs[t] - xi
        dy = ys[t] - yi
        dz = zs[t] - zi
        c2 = dx * dx + dy * dy + dz * dz
        s = math.sqrt(c2) * _series(min(c2 * INV_4R2, 0.25))
        far += 1 if s > POLY_ARC_LIMIT else 0
        u = s - shift
        s1 += u
        s2 += u * u
    return s1, s2, far


@njit(parallel=True)
def _sums_kernel(x, y, z, starts, bbox, shift, split, short):
    """(pairs, Σ (s - shift), Σ (s - shift)^2) over every pair (the cross
    pairs of two sets when ``split``), by fixed chunks of tiles."""
    nt = starts.shape[0] - 1
    n = x.shape[0]
    out = np.zeros((NCHUNK, 3))
    for c in prange(NCHUNK):
        cn = 0.0
        a1 = 0.0
        a2 = 0.0
        row = np.empty(n)
        for a in range(c, nt, NCHUNK):
            b0 = _b_first(a, split, nt)
            if b0 >= nt:
                continue
            for i in range(starts[a], starts[a + 1]):
                j0 = i + 1 if b0 == a else starts[b0]
                if short:
                    u1, u2, far = _row_short(x, y, z, x[i], y[i], z[i], j0, n, shift)
                else:
                    u1, u2, far = _row_shifted(x, y, z, x[i], y[i], z[i], j0, n, shift)
                if far:     # redo the row's arcs beyond R with asin
                    m = _arc_row(x, y, z, x[i], y[i], z[i], j0, n, row)
                    u1 = 0.0
                    u2 = 0.0
                    for t in range(m):
                        v = row[t] - shift
                        u1 += v
                        u2 += v * v
                cn += n - j0
                a1 += u1
                a2 += u2
        out[c, 0] = cn
        out[c, 1] = a1
        out[c, 2] = a2
    tot = np.zeros(3)
    for c in range(NCHUNK):
        tot += out[c]
    return tot


def _sums_numpy(x, y, z, starts, bbox, shift, split, short):
    """numpy form of _sums_kernel."""
    xyz = np.column_stack([x, y, z])
    nt = starts.shape[0] - 1

    def work(tiles):
        tot = np.zeros(3)
        for a, b, _dmin, _dmax, _pairs in tile_pairs3(starts, bbox, tiles, split):
            for d in blocks3(xyz, starts, a, b):
                u = d - shift
                tot += (d.size, float(u.sum()), float(np.sum(u * u)))
        return tot

    return sum(chunked(work, nt))


arc_sums = Kernel(_sums_kernel, _sums_numpy)


# ---- exact window collection (quartiles): classified by squared chords ----------------
@njit
def _arc_of_sq(c2):
    """The arc of a squared chord (the series; asin beyond chords of R)."""
    s = math.sqrt(c2) * _series(min(c2 * INV_4R2, 0.25))
    if s > POLY_ARC_LIMIT:
        s = _arc_one(math.sqrt(c2))
    return s


@njit(fastmath=True)
def _sq_row3(x, y, z, xi, yi, zi, j0, j1, buf):
    """buf[:m] = squared chords from (xi, yi, zi) to firms j0..j1-1."""
    m = j1 - j0
    xs = x[j0:j1]
    ys = y[j0:j1]
    zs = z[j0:j1]
    for t in range(m):
        dx = xs[t] - xi
        dy = ys[t] - yi
        dz = zs[t] - zi
        buf[t] = dx * dx + dy * dy + dz * dz
    return m


@njit(parallel=True)
def _collect_kernel(x, y, z, starts, bbox, lo2, hi2, lo, hi, cap, split):
    """window._collect_kernel on arcs: the pairs below the window and the
    arcs inside it, classified by squared chords against the chords of the
    window's ends (the map is monotone: no arc is computed outside it)."""
    nt = starts.shape[0] - 1
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
            for b in range(_b_first(a, split, nt), nt):
                sb = starts[b]
                eb = starts[b + 1]
                dmin, dmax = _bounds3(bbox, a, b)
                if dmin > hi * (1 + 1e-9):
                    continue
                if dmax < lo * (1 - 1e-9):
                    nbl += _tile_pairs(starts, a, b)
                    continue
                for i in range(sa, ea):
                    j0 = i + 1 if a == b else sb
                    m = _sq_row3(x, y, z, x[i], y[i], z[i], j0, eb, buf)
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
                                    vals[c, ng] = _arc_of_sq(s)
                                ng += 1
        below[c] = nbl
        got[c] = ng
    return below, got, vals


def _window_chords(lo, hi):
    """The squared chords of the arcs lo and hi (hi beyond half the Earth's
    circumference: inf)."""
    lo2 = float(2.0 * R_ARC * math.sin(min(lo, math.pi * R_ARC) / TWO_R)) ** 2
    hi2 = float(2.0 * R_ARC * math.sin(min(hi, math.pi * R_ARC) / TWO_R)) ** 2 \
        if hi < math.pi * R_ARC else np.inf
    return lo2, hi2


def _collect_numba(x, y, z, starts, bbox, lo, hi, cap, split=0):
    """(pairs with arc below lo, the arcs in [lo, hi)) or (below, None) when
    a chunk holds more than ``cap`` of them."""
    lo2, hi2 = _window_chords(lo, hi)
    below, got, vals = _collect_kernel(x, y, z, starts, bbox, lo2, hi2, float(lo), float(hi),
                                       int(cap), int(split))
    if got.max() > cap:
        return int(below.sum()), None
    return int(below.sum()), np.concatenate([vals[c, :got[c]] for c in range(NCHUNK)])


def _collect_numpy(x, y, z, starts, bbox, lo, hi, cap, split=0):
    """numpy form of _collect_numba: classified by squared chords, arcs
    computed for the window's pairs only."""
    lo2, hi2 = _window_chords(lo, hi)
    return collect_squares(np.column_stack([x, y, z]), starts,
                           lambda tiles: tile_pairs3(starts, bbox, tiles, split),
                           lo, hi, lo2, hi2, cap, lambda c2: arc_np(np.sqrt(c2)))


arc_collect = Kernel(_collect_numba, _collect_numpy)
