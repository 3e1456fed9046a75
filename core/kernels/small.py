"""DO curves of small sets (Eq. 1 and 2, or dbmss's Kd), many at a time:
all the draws of one industry in one call.

Per curve one pass over its n(n-1)/2 pairs gathers everything: Eq. 2's
sums (count, Σd, Σd^2), the exact lower quartile (the pairs inside a
window around an estimate from 4,096 pairs are kept, those below it
counted) and fine moment bins of the distances (their width proportional
to the set's radius alone, so a translated, rotated, scaled or permuted
set gets the same bins, scaled). Once h is known the fine bins are moved,
exactly (the parallel-axis rule), into Taylor bins of at most h/64. dbmss's reflection
counts the pairs with d <= 4 h exactly: the pairs near 4 h' (h' the
estimate) are kept until h is known. A curve whose quartile falls outside
its window, or whose h is finer than the fine bins, takes a second pass
(or the explicit-distance form). Sets of at most EXACT_PAIRS pairs keep
their distances instead. The results match the explicit form: h to
rounding, DO within 1e-7.

Status of a curve: OK, COLOCATED (SPEC's co-location rule applied),
ONE_LOCATION and EQUAL (no Eq. 2 bandwidth), FEW_PAIRS (dbmss: < 2 pairs
within dlim) and REDO (the caller computes it by the explicit form).
"""
import math

import numpy as np

from .._numba import njit
from ..engine import Kernel
from .arcs import _arc_one, _arc_row

OK, COLOCATED, ONE_LOCATION, EQUAL, FEW_PAIRS, REDO = range(6)
CUTOFF_H = 8.5
BINS_PER_H = 64          # Taylor bins at most h/64 wide (error ~ 1e-7 of the kernel)
FINE_BINS = 32768        # fine moment bins over [0, 2R], R the farthest firm from the centre
PILOT_PAIRS = 4096       # up to 2^23 pairs (npairs / 64 for smaller sets, at least 512);
                         # beyond, 8 sqrt(npairs) up to 65,536 (the window's memory)
PILOT_RANGE = (0.8, 1.3)  # dbmss: pairs with 4 * 0.8 h' <= d < 4 * 1.3 h' are kept
WINDOW_SIGMAS = 6.0      # quartile window: the pilot's estimate +- 6 standard errors
EXACT_PAIRS = 8192       # sets with at most this many pairs keep their distances
DIRECT_TERMS = 65536     # pairs x thresholds up to this: the kernel summed directly
MAX_BINS = 1 << 18       # more: the explicit form (its segments bound memory)
SQRT_2PI = math.sqrt(2.0 * math.pi)
EDGE = 0.37              # table bins: thresholds 0.37 of a bin past an edge


@njit
def _lerp(a, b, t):
    """numpy.percentile's linear interpolation between a and b (its lerp)."""
    if t == 0.0:
        return a
    diff = b - a
    return b - diff * (1.0 - t) if t >= 0.5 else a + diff * t


@njit
def _eq2(n_eff, spread, q, silverman_q):
    """Eq. 2 (bw.nrd0 for dbmss) -> (h, status). ``q``: Q1 (paper) or the
    IQR (dbmss); ``spread``: std (ddof 0) or sd (ddof 1)."""
    if spread <= 0.0 and q <= 0.0:
        return 0.0, ONE_LOCATION
    if spread <= 1e-9 * q:
        return 0.0, EQUAL
    factor = 0.9 * n_eff ** -0.2
    if q <= 0.0:
        return factor * spread, COLOCATED
    return factor * min(spread, q / silverman_q), OK


@njit
def _bins_plan(dist, h, per_h, reach_h, diag, from_zero):
    """(lo, delta, nb) of moment bins h/per_h wide covering the thresholds
    +- reach_h h (from 0 for dbmss's reflection), cut at the set's diameter
    bound (the explicit form's layout)."""
    delta = h / per_h
    reach = CUTOFF_H * reach_h * h + delta
    lo = 0.0 if from_zero else max(dist[0] - reach, 0.0)
    lo = math.floor(lo / delta) * delta
    hi = min(dist[dist.shape[0] - 1] + reach, diag + delta)
    nb = max(1, int(math.ceil((hi - lo) / delta)))
    return lo, delta, nb


@njit
def _fine_step(radius):
    """The fine bin width for a set of radius R: 2R / (FINE_BINS + 3.37),
    proportional to R (a scaled set gets scaled bins) and no simple fraction
    of it (distances that are, such as 2R across a symmetric grid, stay off
    the bin edges, so rounding cannot move them between bins)."""
    return 2.0 * radius / (FINE_BINS + 3.37)


@njit
def _step(dist):
    """The thresholds' common step, or 0 when they are not equally spaced."""
    T = dist.shape[0]
    if T < 2:
        return 0.0
    step = (dist[T - 1] - dist[0]) / (T - 1)
    for t in range(1, T):
        if abs(dist[t] - dist[0] - t * step) > 1e-9 * step * t:
            return 0.0
    return step


@njit
def _plan(dist, h, step, diag, dbmss):
    """Taylor bins for h: (lo, delta, nb, j, L). With equally spaced
    thresholds the width is step/j <= h/64 and the thresholds sit at the
    same place in their bins (d_0 = lo + (L + EDGE) delta): every threshold
    sees the same kernel values, one table for all. EDGE keeps distances
    tied to the thresholds (such as twice the largest one) off the bin
    edges. Else (j = 0) the explicit form's layout."""
    if step <= 0.0:
        lo, delta, nb = _bins_plan(dist, h, BINS_PER_H, 1.0, diag, dbmss)
        return lo, delta, nb, 0, 0
    j = int(math.ceil(BINS_PER_H * step / h * (1 + 1e-12)))
    delta = step / j
    reach = CUTOFF_H * h + delta
    if dbmss:   # the reflection's table needs d_0 on the grid from 0 too
        L = int(math.floor(dist[0] / delta + 0.5))
        if abs(dist[0] - L * delta) > 1e-9 * delta:
            lo, delta, nb = _bins_plan(dist, h, BINS_PER_H, 1.0, diag, dbmss)
            return lo, delta, nb, 0, 0
    else:
        L = int(math.floor(min(reach, dist[0]) / delta)) + 1
    lo = dist[0] - (L + EDGE) * delta
    hi = min(dist[dist.shape[0] - 1] + reach, diag + delta)
    nb = max(1, int(math.ceil((hi - lo) / delta)))
    return lo, delta, nb, j, L


@njit
def _rebin(fine, delta0, lo, delta, nb):
    """Moment bins of width delta from lo out of fine bins (width delta0
    from 0): each fine bin joins the bin holding its centre, its moments
    moved to that centre by the parallel-axis rule (exact; offsets grow by
    at most delta0/2)."""
    out = np.zeros((nb, 3))
    for k in range(fine.shape[0]):
        w0 = fine[k, 0]
        w1 = fine[k, 1]
        w2 = fine[k, 2]
        if w0 == 0.0 and w1 == 0.0 and w2 == 0.0:
            continue
        c = (k + 0.5) * delta0
        K = int(math.floor((c - lo) / delta))
        if K < 0 or K >= nb:
            continue
        s = c - (lo + (K + 0.5) * delta)
        out[K, 0] += w0
        out[K, 1] += w1 + s * w0
        out[K, 2] += w2 + 2.0 * s * w1 + s * s * w0
    return out


@njit
def _table(u0, m, delta, inv_h2, sign):
    """The kernel's Taylor factors at u = u0 + sign q delta, q < m: rows
    g, g u / h^2, g (u^2/h^2 - 1) / (2 h^2), g = exp(-u^2 / (2 h^2)) by
    the Gaussian recurrence."""
    out = np.empty((3, max(m, 0)))
    if m <= 0:
        return out
    g = math.exp(-0.5 * u0 * u0 * inv_h2)
    r = math.exp(-sign * (u0 + 0.5 * sign * delta) * delta * inv_h2)
    c = math.exp(-delta * delta * inv_h2)
    for q in range(m):
        u = u0 + sign * q * delta
        uu = u * u * inv_h2
        out[0, q] = g
        out[1, q] = g * u * inv_h2
        out[2, q] = g * 0.5 * (uu - 1.0) * inv_h2
        g *= r
        r *= c
    return out


@njit
def _taylor_table(hist, hist_r, lo, delta, dist, h, dbmss, j, L):
    """_taylor for equally spaced thresholds: bin k seen from threshold t at
    u = (L + EDGE + t j - k - 1/2) delta, one table for all; the
    reflection's bins start at -EDGE delta."""
    nb = hist.shape[0]
    inv_h2 = 1.0 / (h * h)
    reach = CUTOFF_H * h + delta
    off = EDGE - 0.5
    r_lo = int(math.ceil(-reach / delta - off))
    r_hi = int(math.floor(reach / delta - off))
    tab = _table((r_lo + off) * delta, r_hi - r_lo + 1, delta, inv_h2, 1.0)
    T = dist.shape[0]
    out = np.zeros(T)
    for t in range(T):
        centre = L + t * j
        k0 = max(centre - r_hi, 0)
        k1 = min(centre - r_lo, nb - 1)
        total = 0.0
        for k in range(k0, k1 + 1):
            r = centre - k - r_lo
            total += hist[k, 0] * tab[0, r] + hist[k, 1] * tab[1, r] + hist[k, 2] * tab[2, r]
        out[t] = total
    if dbmss:   # φ((r + d_k)/h): v = (L + t j + q + 1/2 - EDGE) delta, s = L + t j + q
        nr = hist_r.shape[0]
        ref = _table((0.5 - EDGE) * delta, L + (T - 1) * j + nr, delta, inv_h2, 1.0)
        for t in range(T):
            base = L + t * j
            total = 0.0
            for q in range(nr):
                s = base + q
                total += hist_r[q, 0] * ref[0, s] - hist_r[q, 1] * ref[1, s] \
                    + hist_r[q, 2] * ref[2, s]
            out[t] += total
    return out


@njit
def _rows(n, na):
    """Rows of the pair loop: self pairs (na = 0) i < j, or cross pairs
    (rows 0..na-1 with columns na..n-1)."""
    return na if na > 0 else n - 1


@njit
def _first(i, na):
    """The first column of row i."""
    return na if na > 0 else i + 1


@njit
def _pair_count(n, na):
    return na * (n - na) if na > 0 else n * (n - 1) // 2


@njit
def _direct(d, w, weighted, dist, h, dbmss, na):
    """Σ over the pairs (i < j, in order) of the kernel at each threshold,
    not normalised (dbmss: plus the reflection of the pairs below 4 h)."""
    n = w.shape[0]
    inv = 1.0 / h
    out = np.zeros(dist.shape[0])
    for t in range(dist.shape[0]):
        total = 0.0
        k = 0
        for i in range(_rows(n, na)):
            for jj in range(_first(i, na), n):
                ww = w[i] * w[jj] if weighted else 1.0
                u = (dist[t] - d[k]) * inv
                total += ww * math.exp(-0.5 * u * u)
                if dbmss and d[k] <= 4.0 * h:
                    v = (dist[t] + d[k]) * inv
                    total += ww * math.exp(-0.5 * v * v)
                k += 1
        out[t] = total
    return out


@njit(fastmath=True)
def _row(x, y, i, j0, buf):
    """buf[:m] <- the distances from firm i to firms j0..n-1 (vectorised)."""
    xi = x[i]
    yi = y[i]
    m = x.shape[0] - j0
    for t in range(m):
        dx = x[j0 + t] - xi
        dy = y[j0 + t] - yi
        buf[t] = math.sqrt(dx * dx + dy * dy)
    return m


@njit
def _rowz(x, y, z, i, j0, buf):
    """_row, or for Earth-centred points (z not empty) the arcs (SPEC,
    geodesic distances)."""
    if z.shape[0] > 0:
        return _arc_row(x, y, z, x[i], y[i], z[i], j0, x.shape[0], buf)
    return _row(x, y, i, j0, buf)


@njit(fastmath=True)
def _sums_within(buf, m, dlim):
    """The count, Σd and Σd^2 of buf[:m] within dlim (vectorised)."""
    c = 0
    s1 = 0.0
    s2 = 0.0
    for t in range(m):
        d = buf[t]
        inside = d <= dlim
        c += 1 if inside else 0
        s1 += d if inside else 0.0
        s2 += d * d if inside else 0.0
    return c, s1, s2


@njit
def _row_sumsz(x, y, z, i, j0, buf, dlim):
    """_row_sums, or for Earth-centred points the arcs and their sums."""
    if z.shape[0] > 0:
        m = _arc_row(x, y, z, x[i], y[i], z[i], j0, x.shape[0], buf)
        c, s1, s2 = _sums_within(buf, m, dlim)
        return m, c, s1, s2
    return _row_sums(x, y, i, j0, buf, dlim)


@njit
def _bin(hist, d, ww, lo, delta, nb):
    """Moment bins: Σw, Σw e, Σw e^2 about the bin centre."""
    k = int((d - lo) / delta)
    if d >= lo and k < nb:
        e = d - lo - (k + 0.5) * delta
        we = ww * e
        hist[k, 0] += ww
        hist[k, 1] += we
        hist[k, 2] += we * e


@njit(fastmath=True)
def _row_sums(x, y, i, j0, buf, dlim):
    """buf[:m] <- the distances from firm i to firms j0..n-1, with the
    count, Σd and Σd^2 of those within dlim (one vectorised loop)."""
    xi = x[i]
    yi = y[i]
    m = x.shape[0] - j0
    c = 0
    s1 = 0.0
    s2 = 0.0
    for t in range(m):
        dx = x[j0 + t] - xi
        dy = y[j0 + t] - yi
        d2 = dx * dx + dy * dy
        d = math.sqrt(d2)
        buf[t] = d
        inside = d <= dlim
        c += 1 if inside else 0
        s1 += d if inside else 0.0
        s2 += d2 if inside else 0.0
    return m, c, s1, s2


@njit(fastmath=True)
def _row_slots(buf, m, inv, delta, kb, eb):
    """Fine bin and offset from its centre of each distance (vectorised)."""
    for t in range(m):
        k = np.int64(buf[t] * inv)
        kb[t] = k
        eb[t] = buf[t] - (k + 0.5) * delta


@njit
def _scatter(hist, counts, weighted, kb, eb, buf, m, w, wi, j0, klo, span, cand, ncand, nq):
    """Fine moment bins of a row of pairs (and, weighted, their counts);
    the distances whose fine bin lies in a quartile window join its
    candidates (up to their capacity; the count goes on). Branch-free
    collection: each distance is written, the count moves on only for the
    candidates."""
    cap = cand.shape[1]
    for t in range(m):
        k = kb[t]
        e = eb[t]
        if weighted:
            ww = wi * w[j0 + t]
            we = ww * e
            hist[k, 0] += ww
            hist[k, 1] += we
            hist[k, 2] += we * e
            counts[k] += 1
        else:
            hist[k, 0] += 1.0
            hist[k, 1] += e
            hist[k, 2] += e * e
    for q in range(nq):
        c = ncand[q]
        lo = klo[q]
        sp = np.uint64(span[q])
        if c + m <= cap:
            row = cand[q]
            for t in range(m):
                row[c] = buf[t]
                c += 1 if np.uint64(kb[t] - lo) <= sp else 0
        else:
            for t in range(m):
                if np.uint64(kb[t] - lo) <= sp:
                    if c < cap:
                        cand[q, c] = buf[t]
                    c += 1
        ncand[q] = c


@njit
def _bins_pass(x, y, z, w, weighted, lo, delta, nb, reflect, r_lo, buf, na):
    """Moment bins of every pair (a second pass, when h needs other bins)
    and, for dbmss, those of the pairs with d <= ``reflect`` (4 h; bins
    from r_lo)."""
    n = x.shape[0]
    hist = np.zeros((nb, 3))
    nr = min(nb, int((reflect - r_lo) / delta) + 1) if reflect > 0 else 1
    hist_r = np.zeros((nr, 3))
    for i in range(_rows(n, na)):
        j0 = _first(i, na)
        m = _rowz(x, y, z, i, j0, buf)
        for t in range(m):
            d = buf[t]
            ww = w[i] * w[j0 + t] if weighted else 1.0
            _bin(hist, d, ww, lo, delta, nb)
            if d <= reflect:
                _bin(hist_r, d, ww, r_lo, delta, nr)
    return hist, hist_r


@njit
def _gauss_window(g, k0, m, u0, delta, inv_h2):
    """g[q] = exp(-(u0 - q delta)^2 / (2 h^2)), q < m, by the recurrence
    g[q+1] = g[q] r[q], r[q+1] = r[q] exp(-delta^2/h^2) (one exp per
    window; relative error ~ m * 1e-16)."""
    if m <= 0:
        return
    g[0] = math.exp(-0.5 * u0 * u0 * inv_h2)
    r = math.exp((u0 - 0.5 * delta) * delta * inv_h2)
    c = math.exp(-delta * delta * inv_h2)
    for q in range(1, m):
        g[q] = g[q - 1] * r
        r *= c


@njit
def _taylor(hist, hist_r, lo, delta, dist, h, dbmss, buf, tb):
    """Σ over bins of the kernel, Taylor-expanded about each bin centre (as
    moments._taylor_sum), plus dbmss's reflected term from ``hist_r`` (the
    pairs with d <= 4h, bins from 0); not normalised."""
    nb = hist.shape[0]
    inv_h2 = 1.0 / (h * h)
    reach = CUTOFF_H * h + delta
    out = np.zeros(dist.shape[0])
    for t in range(dist.shape[0]):
        d = dist[t] - lo
        k0 = max(int((d - reach) / delta), 0)
        k1 = min(int((d + reach) / delta) + 1, nb)
        m = max(k1 - k0, 0)
        u0 = d - (k0 + 0.5) * delta
        _gauss_window(buf, k0, m, u0, delta, inv_h2)
        total = 0.0
        for q in range(m):
            k = k0 + q
            u = u0 - q * delta
            uu = u * u * inv_h2
            total += buf[q] * (hist[k, 0] + hist[k, 1] * u * inv_h2 +
                               0.5 * hist[k, 2] * (uu - 1.0) * inv_h2)
        if dbmss:   # φ((r + d_k)/h): v = -(u) with u0 = -(r + delta/2)
            k1 = hist_r.shape[0]
            v0 = dist[t] + 0.5 * delta
            _gauss_window(buf, 0, k1, -v0, delta, inv_h2)
            for q in range(k1):
                v = v0 + q * delta
                vv = v * v * inv_h2
                total += buf[q] * (hist_r[q, 0] - hist_r[q, 1] * v * inv_h2 +
                                   0.5 * hist_r[q, 2] * (vv - 1.0) * inv_h2)
        out[t] = total
    return out


@njit
def _pilot(x, y, z, dlim, m, buf, na):
    """Distances of m pairs picked by a fixed-seed generator (within dlim);
    returns their number."""
    n = x.shape[0]
    state = np.uint64(0x9E3779B97F4A7C15)
    got = 0
    for _ in range(m):
        state = state * np.uint64(6364136223846793005) + np.uint64(1442695040888963407)
        i = np.int64(state >> np.uint64(33)) % n
        state = state * np.uint64(6364136223846793005) + np.uint64(1442695040888963407)
        if na > 0:      # a cross pair: i in the first na firms, j in the rest
            i = i % na
            j = na + np.int64(state >> np.uint64(33)) % (n - na)
        else:
            j = np.int64(state >> np.uint64(33)) % (n - 1)
            if j >= i:
                j += 1
        dx = x[i] - x[j]
        dy = y[i] - y[j]
        if z.shape[0] > 0:
            dz = z[i] - z[j]
            d = _arc_one(math.sqrt(dx * dx + dy * dy + dz * dz))
        else:
            d = math.sqrt(dx * dx + dy * dy)
        if d <= dlim:
            buf[got] = d
            got += 1
    return got


@njit
def _order_pair(vals, r0, r1):
    """The order statistics r0 <= r1 (r1 <= r0 + 1) of vals: a histogram of
    1024 bins locates them, only the values of their bins are sorted."""
    lo = vals.min()
    hi = vals.max()
    if hi <= lo:
        return lo, lo
    nbins = 1024
    scale = nbins / (hi - lo) * (1 - 1e-12)
    counts = np.zeros(nbins, dtype=np.int64)
    for t in range(vals.shape[0]):
        counts[int((vals[t] - lo) * scale)] += 1
    below = 0
    b0 = nbins - 1
    for b in range(nbins):
        if below + counts[b] > r0:
            b0 = b
            break
        below += counts[b]
    b1 = b0
    upto = below + counts[b0]
    while upto <= r1 and b1 + 1 < nbins:
        b1 += 1
        upto += counts[b1]
    sel = np.empty(upto - below)
    c = 0
    for t in range(vals.shape[0]):
        k = int((vals[t] - lo) * scale)
        if k >= b0 and k <= b1:
            sel[c] = vals[t]
            c += 1
    sel.sort()
    return sel[r0 - below], sel[r1 - below]


@njit
def _n_eq2(n, na):
    """Eq. 2's N_A: n, or for cross pairs (n_A n_B)^(1/2) (SPEC)."""
    return math.sqrt(na * (n - na)) if na > 0 else n


@njit
def _pilot_size(npairs):
    if npairs > 1 << 23:
        return min(65536, int(8.0 * math.sqrt(npairs)))
    return max(512, min(PILOT_PAIRS, npairs // 64))


@njit
def _window_share(npairs):
    """The share of the pairs a quartile window may hold: its nominal
    width (+- WINDOW_SIGMAS standard errors of the pilot) with a 60 %
    margin for the pilot's own noise."""
    size = _pilot_size(npairs)
    return min(1.0, 1.6 * 2.0 * (WINDOW_SIGMAS * math.sqrt(0.1875 / size) + 2.0 / size))


@njit
def _windows(x, y, z, dlim, nq, probs, pil, wlo, whi, na):
    """Quartile windows from the pilot pairs (+- WINDOW_SIGMAS standard
    errors; edges widened by 1e-9 so that a pile of equal distances at an
    edge lies wholly inside) and the pilot h' (0 when too few pairs)."""
    n = x.shape[0]
    npairs = _pair_count(n, na)
    size = _pilot_size(npairs)
    got = _pilot(x, y, z, dlim, size, pil, na)
    if got < 64:
        return 0.0
    ps = pil[:got]
    ps.sort()
    for q in range(nq):
        half = WINDOW_SIGMAS * math.sqrt(probs[q] * (1 - probs[q]) / got) + 2.0 / got
        a = probs[q] - half
        b = probs[q] + half
        wlo[q] = ps[int(a * (got - 1))] * (1 - 1e-9) if a > 0 else -1.0
        whi[q] = ps[min(int(math.ceil(b * (got - 1))), got - 1)] * (1 + 1e-9) + 1e-300 \
            if b < 1 else np.inf
    mean = ps.mean()
    spread = math.sqrt(max((ps * ps).mean() - mean * mean, 0.0))
    q1 = ps[int(0.25 * (got - 1))]
    if nq == 2:
        h, _ = _eq2(npairs * got / size, spread, ps[int(0.75 * (got - 1))] - q1, 1.34)
    else:
        h, _ = _eq2(_n_eq2(n, na), spread, q1, 1.34)
    return h


@njit
def _one(x, y, z, w, weighted, dist, fixed_h, dbmss, dlim, out, buf, tb, cand, keep, pil, na):
    """One curve (see the module text) into ``out``; returns (h, status).
    na > 0: the cross pairs of the first na firms with the others."""
    n = x.shape[0]
    cx = 0.0
    cy = 0.0
    for i in range(n):
        cx += x[i]
        cy += y[i]
    x = x - cx / n
    y = y - cy / n
    npairs = _pair_count(n, na)
    if z.shape[0] > 0:      # Earth-centred points: arcs, bounded by that of 2 radii
        z = z - z.mean()
        radius = 0.5 * _arc_one(2.0 * math.sqrt((x * x + y * y + z * z).max())) \
            * (1 + 1e-9)
    else:
        radius = math.sqrt((x * x + y * y).max())
    diag = 2.0 * radius
    nq = 2 if dbmss else 1
    probs = np.array([0.25, 0.75])
    exact = npairs <= EXACT_PAIRS
    fixed = fixed_h > 0.0
    cap = cand.shape[1]
    wlo = np.full(2, -1.0)
    whi = np.full(2, np.inf)
    h_pilot = 0.0
    if not exact and not fixed:
        h_pilot = _windows(x, y, z, dlim, nq, probs, pil, wlo, whi, na)
        if not h_pilot > 0.0:
            return 0.0, REDO
    # ---- the bins of the pass: fine bins (with a fixed h, Taylor bins)
    step = _step(dist)
    j = 0
    L = 0
    if fixed:
        lo, delta, nb, j, L = _plan(dist, fixed_h, step, diag, dbmss)
        if nb > MAX_BINS:
            return 0.0, REDO
    else:
        lo = 0.0
        delta = _fine_step(radius) if radius > 0 else 1.0
        nb = int(diag / delta) + 2
    inv = 1.0 / delta
    hist = np.zeros((1 if exact else nb, 3))
    r_sure = 4.0 * PILOT_RANGE[0] * h_pilot if dbmss else 0.0
    r_top = 4.0 * PILOT_RANGE[1] * h_pilot if dbmss else 0.0
    nr = int(r_sure / delta) + 2 if r_sure > 0 else 1
    hist_r = np.zeros((nr, 3))
    count = 0
    s1 = 0.0
    s2 = 0.0
    below = np.zeros(2, dtype=np.int64)
    ncand = np.zeros(2, dtype=np.int64)
    nkeep = 0
    # ---- the pass
    kb = np.empty(n, dtype=np.int64)
    eb = np.empty(n)
    counts = np.zeros(nb if (weighted and not exact and not fixed) else 1, dtype=np.int64)
    klo = np.zeros(2, dtype=np.int64)
    span = np.full(2, -1, dtype=np.int64)      # no window: no fine bin qualifies
    if not exact and not fixed:
        for q in range(nq):     # the windows as ranges of whole fine bins
            klo[q] = int(wlo[q] * inv) if wlo[q] > 0 else 0
            span[q] = (min(int(whi[q] * inv), nb - 1) if whi[q] < np.inf else nb - 1) - klo[q]
    for i in range(_rows(n, na)):
        j0 = _first(i, na)
        if exact:
            m = _rowz(x, y, z, i, j0, buf)
            for t in range(m):
                cand[0, count + t] = buf[t]
            count += m
            continue
        m, rc, rs1, rs2 = _row_sumsz(x, y, z, i, j0, buf, dlim)
        wi = w[i] if weighted else 1.0
        if fixed:
            for t in range(m):
                _bin(hist, buf[t], wi * w[j0 + t] if weighted else 1.0, lo, delta, nb)
        else:
            s1 += rs1
            s2 += rs2
            count += rc
            _row_slots(buf, m, inv, delta, kb, eb)
            _scatter(hist, counts, weighted, kb, eb, buf, m, w, wi, j0, klo, span, cand,
                     ncand, nq)
        if r_top > 0.0:
            for t in range(m):
                d = buf[t]
                if d < r_top:
                    ww = wi * w[j0 + t] if weighted else 1.0
                    if d < r_sure:
                        _bin(hist_r, d, ww, 0.0, delta, nr)
                    else:
                        if nkeep < cap:
                            keep[0, nkeep] = d
                            keep[1, nkeep] = ww
                        nkeep += 1
    if not exact and not fixed:   # pairs in the fine bins below each window
        for q in range(nq):
            if klo[q] * delta > dlim:
                return 0.0, REDO
            for k in range(klo[q]):
                below[q] += counts[k] if weighted else np.int64(hist[k, 0])
    # ---- Eq. 2
    status = OK
    if fixed:
        h = fixed_h
    elif exact:
        d = cand[0, :count]
        if dbmss:
            d = d[d <= dlim]
        nsel = d.shape[0]
        if nsel < 2:
            return 0.0, FEW_PAIRS
        mean = d.mean()
        v = d - mean
        ss = (v * v).sum()
        quart = np.empty(2)
        for q in range(nq):
            pos = probs[q] * (nsel - 1)
            r0 = int(math.floor(pos))
            a, b = _order_pair(d, r0, min(r0 + 1, nsel - 1))
            quart[q] = _lerp(a, b, pos - r0)
        if dbmss:
            h, status = _eq2(nsel, math.sqrt(ss / (nsel - 1)), quart[1] - quart[0], 1.34)
        else:
            h, status = _eq2(_n_eq2(n, na), math.sqrt(ss / nsel), quart[0], 1.34)
    else:
        if count < 2:
            return 0.0, FEW_PAIRS
        quart = np.empty(2)
        for q in range(nq):
            pos = probs[q] * (count - 1)
            r0 = int(math.floor(pos))
            r1 = min(r0 + 1, count - 1)
            if ncand[q] > cap or r0 < below[q] or r1 >= below[q] + ncand[q]:
                return 0.0, REDO
            vals = cand[q, :ncand[q]]
            if dbmss:
                vals = vals[vals <= dlim]
            if r1 >= below[q] + vals.shape[0]:
                return 0.0, REDO
            a, b = _order_pair(vals, r0 - below[q], r1 - below[q])
            quart[q] = _lerp(a, b, pos - r0)
        mean = s1 / count
        if dbmss:
            var = (s2 - count * mean * mean) / (count - 1)
            h, status = _eq2(count, math.sqrt(max(var, 0.0)), quart[1] - quart[0], 1.34)
        else:
            var = s2 / count - mean * mean
            h, status = _eq2(_n_eq2(n, na), math.sqrt(max(var, 0.0)), quart[0], 1.34)
    if status == ONE_LOCATION or status == EQUAL:
        return 0.0, status
    if weighted and na > 0:
        total = w[:na].sum() * w[na:].sum()
    elif weighted:
        sw = w.sum()
        total = (sw * sw - (w * w).sum()) / 2.0
    else:
        total = npairs
    norm = SQRT_2PI * h * total if dbmss else 2.0 * h * total
    if exact and npairs * dist.shape[0] <= DIRECT_TERMS:   # tiny: Eq. 1 as printed
        out[:] = _direct(cand[0, :npairs], w, weighted, dist, h, dbmss, na) / norm
        return h, status
    # ---- Taylor bins: the fine bins moved into them, or a second pass
    if not fixed:
        delta0 = delta
        lo, delta, nb, j, L = _plan(dist, h, step, diag, dbmss)
        if nb > MAX_BINS:
            return h, REDO
    r_lo = -EDGE * delta if j > 0 else 0.0      # where the reflection's bins start
    nr = min(nb, int((4.0 * h - r_lo) / delta) + 1) if dbmss else 1
    merge = not (exact or fixed) and delta0 <= 0.5 * delta and \
        (not dbmss or (r_sure <= 4.0 * h < r_top and nkeep <= cap))
    if merge:
        hist = _rebin(hist, delta0, lo, delta, nb)
        if dbmss:
            hist_r = _rebin(hist_r, delta0, r_lo, delta, nr)
            for t in range(nkeep):
                if keep[0, t] <= 4.0 * h:
                    _bin(hist_r, keep[0, t], keep[1, t], r_lo, delta, nr)
    elif fixed and not exact:       # the pass binned with the fixed h
        if dbmss:
            hist, hist_r = _bins_pass(x, y, z, w, weighted, lo, delta, nb, 4.0 * h, r_lo, buf,
                                      na)
    elif exact:
        hist = np.zeros((nb, 3))
        hist_r = np.zeros((nr, 3))
        k = 0
        for i in range(_rows(n, na)):
            for jj in range(_first(i, na), n):
                d = cand[0, k]
                ww = w[i] * w[jj] if weighted else 1.0
                _bin(hist, d, ww, lo, delta, nb)
                if dbmss and d <= 4.0 * h:
                    _bin(hist_r, d, ww, r_lo, delta, nr)
                k += 1
    else:
        hist, hist_r = _bins_pass(x, y, z, w, weighted, lo, delta, nb,
                                  4.0 * h if dbmss else 0.0, r_lo, buf, na)
    size = int(max(2 * (CUTOFF_H * h + delta), 4.0 * h) / delta) + 16
    if tb.shape[0] < size:
        buf = np.empty(size)
        tb = np.empty(size)
    if j > 0:
        out[:] = _taylor_table(hist, hist_r, lo, delta, dist, h, dbmss, j, L) / norm
    else:
        out[:] = _taylor(hist, hist_r, lo, delta, dist, h, dbmss, buf, tb) / norm
    return h, status


@njit(nogil=True)
def _batch(px, py, pz, pw, weighted, idx, dist, fixed_h, dbmss, dlim, curves, hs, status,
           na):
    """Curves of the draws idx (m, n) of the pool (px, py, pw) into curves
    (m, T), their h and status (see the module text)."""
    m, n = idx.shape
    npairs = _pair_count(n, na)
    buf = np.empty(max(n, 4096))
    tb = np.empty(max(n, 4096))
    pil = np.empty(_pilot_size(npairs))
    width = npairs if npairs <= EXACT_PAIRS else int(_window_share(npairs) * npairs) + 64
    cand = np.empty((1 if npairs <= EXACT_PAIRS else 2, width))
    keep = np.empty((2, width if dbmss and npairs > EXACT_PAIRS else 1))
    x = np.empty(n)
    y = np.empty(n)
    geo = pz.shape[0] > 0       # Earth-centred points (arcs)
    z = np.empty(n if geo else 0)
    w = np.ones(n)
    for s in range(m):
        for k in range(n):
            x[k] = px[idx[s, k]]
            y[k] = py[idx[s, k]]
            if geo:
                z[k] = pz[idx[s, k]]
            if weighted:
                w[k] = pw[idx[s, k]]
        hs[s], status[s] = _one(x, y, z, w, weighted, dist, fixed_h, dbmss, dlim, curves[s],
                                buf, tb, cand, keep, pil, na)
    return curves


def _batch_numpy(px, py, pz, pw, weighted, idx, dist, fixed_h, dbmss, dlim, curves, hs,
                 status, na):
    """numpy form of _batch: every curve REDO, i.e. by the explicit form
    (scipy's pdist, numpy's percentile and bincount), the numpy engine's
    fastest for small sets."""
    status[:] = REDO
    return curves


batch = Kernel(_batch, _batch_numpy)
CHUNK = 16               # draws per call: progress and cancel between calls


def small_curves(px, py, pw, idx, dist, fixed_h, dbmss, dlim, tick=None, na=0, pz=None):
    """(curves (m, T), h (m), status (m)) of the draws idx (m, n) of a pool
    of firms: chunks of draws run on the machine's cores (the numba form
    releases the GIL), the same bits whatever the number of threads.
    ``tick(fraction)`` is called between chunks. na > 0: the curves of the
    cross pairs of each draw's first na firms with its others. ``pz``: the
    third coordinate of Earth-centred points (distances are then arcs)."""
    from concurrent.futures import ThreadPoolExecutor
    from .blocks import threads
    m = idx.shape[0]
    curves = np.zeros((m, dist.shape[0]))
    hs = np.zeros(m)
    status = np.zeros(m, dtype=np.int64)
    weighted = pw is not None
    w = pw if weighted else px[:1]
    args = (px, py, px[:0] if pz is None else pz, w, weighted)
    spans = [(s, min(s + CHUNK, m)) for s in range(0, m, CHUNK)]

    def run(span):
        s0, s1 = span
        batch(*args, idx[s0:s1], dist, float(fixed_h), bool(dbmss), float(dlim),
              curves[s0:s1], hs[s0:s1], status[s0:s1], int(na))

    if threads() == 1 or len(spans) == 1:
        for k, span in enumerate(spans):
            run(span)
            if tick is not None:
                tick((k + 1) / len(spans))
    else:
        pool = ThreadPoolExecutor(threads())
        try:
            futures = [pool.submit(run, span) for span in spans]
            for k, f in enumerate(futures):
                f.result()
                if tick is not None:
                    tick((k + 1) / len(spans))   # may raise Cancelled
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    return curves, hs, status
