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
from .pairs import _distances, _sq_row, _tile_bounds, NCHUNK
from .tiles import Tiles

CUTOFF = 6.5  # exp(-6.5^2) < 5e-19: farther pairs add nothing in float64
WEIGHT_MODES = ("product", "sum")


# Vectorisable exp(-z), z >= 0 (math.exp is not vectorised without SVML):
# -z = k ln2 + r, |r| <= ln2/2 (Cody-Waite split of ln2), e^-z = 2^k e^r with
# e^r a degree-10 minimax polynomial (relative error 2.1e-16 on the interval,
# Remez in 40 digits) and 2^k built from the integer k in the low bits of
# s = -z log2(e) + 1.5 * 2^52. Measured relative error <= 7e-16 against
# math.exp for z < 708; exp(-z) = 0 for z >= 708 (math.exp < 3.3e-308 there).
LOG2E = 1.4426950408889634
LN2_HI = 6.93147180369123816490e-01   # low 32 bits zero: k * LN2_HI exact
LN2_LO = 1.90821492927058770002e-10
MAGIC = 6755399441055744.0            # 1.5 * 2^52: s - MAGIC = round(s)
ZMAX = 708.0
BLOCK = 512


@njit(fastmath={"contract"})
def _exp_neg(z, m, tb):
    """z[:m] <- exp(-z[:m]) in place; tb: float64 scratch of length >= m."""
    for t in range(m):
        zz = z[t]
        x = -min(zz, ZMAX)
        s = x * LOG2E + MAGIC
        tb[t] = s
        k = s - MAGIC
        r = (x - k * LN2_HI) - k * LN2_LO
        p = 2.748844352290197e-07
        p = p * r + 2.7639768251354328e-06
        p = p * r + 2.480191768787707e-05
        p = p * r + 0.00019841171384225596
        p = p * r + 0.001388888849913829
        p = p * r + 0.008333333384665794
        p = p * r + 0.041666666668426014
        p = p * r + 0.16666666666557742
        p = p * r + 0.49999999999997286
        p = p * r + 1.0000000000000064
        p = p * r + 1.0
        z[t] = p if zz < ZMAX else 0.0
    # bits of s = bits(MAGIC) + k, k in [-1022, 0]: 2^k has exponent k + 1023
    tbi = tb.view(np.int64)
    for t in range(m):
        tbi[t] = ((tbi[t] + 1023) & 2047) << 52
    for t in range(m):
        z[t] *= tb[t]


@njit(fastmath=True)
def _u2_peak(xs, ys, xi, yi, peak, inv, buf):
    """buf <- ((d̂ - d) / h)^2."""
    for t in range(xs.shape[0]):
        dx = xs[t] - xi
        dy = ys[t] - yi
        u = (peak - math.sqrt(dx * dx + dy * dy)) * inv
        buf[t] = u * u


@njit(fastmath=True)
def _sum1(k, m):
    s = 0.0
    for t in range(m):
        s += k[t]
    return s


@njit(fastmath=True)
def _sumw(k, ws, m):
    s = 0.0
    for t in range(m):
        s += ws[t] * k[t]
    return s


@njit(fastmath=True)
def _scatter1(k, acc, m):
    """acc[t] += k[t], returns Σ k (symmetric pairs: K_ij = K_ji)."""
    s = 0.0
    for t in range(m):
        s += k[t]
        acc[t] += k[t]
    return s


@njit(fastmath=True)
def _scatterw(k, ws, wi, acc, accw, m):
    """Symmetric weighted: acc += k, accw += w_i k; returns Σ k, Σ w_j k."""
    s0 = 0.0
    s1 = 0.0
    for t in range(m):
        s0 += k[t]
        s1 += ws[t] * k[t]
        acc[t] += k[t]
        accw[t] += wi * k[t]
    return s0, s1


@njit
def _block_kernel(x, y, i, j0, j1, h, peak, buf, tb):
    """buf[:j1-j0] <- K_ij for j in j0..j1-1 (j != i assumed)."""
    m = j1 - j0
    if peak == 0.0:
        inv = 1.0 / h
        _sq_row(x, y, x[i], y[i], j0, j1, inv * inv, buf)
    else:
        _u2_peak(x[j0:j1], y[j0:j1], x[i], y[i], peak, 1.0 / h, buf)
    _exp_neg(buf, m, tb)
    return m


@njit
def _tile_ranges(bbox, starts, a, b0, peak, reach, ranges):
    """Runs of consecutive tiles b >= b0 that can hold a pair of tile a at a
    distance within d̂ ± reach; returns their number (ranges[:, 0:2])."""
    nt = starts.shape[0] - 1
    nr = 0
    for b in range(b0, nt):
        dmin, dmax = _tile_bounds(bbox, a, b)
        if dmin > peak + reach or dmax < peak - reach:
            continue
        if nr > 0 and ranges[nr - 1, 1] == starts[b]:
            ranges[nr - 1, 1] = starts[b + 1]
        else:
            ranges[nr, 0] = starts[b]
            ranges[nr, 1] = starts[b + 1]
            nr += 1
    return nr


@njit(parallel=True)
def _ldo_kernel(x, y, w, weighted, h, peak, starts, bbox):
    """Per firm Σ_j K_ij and Σ_j w_j K_ij, K_ij = exp(-((d̂ - d_ij)/h_i)^2),
    over tile pairs that can hold d_ij within d̂ ± 6.5 h_i.

    One ĥ for all firms: K_ij = K_ji, so each pair is visited once and added
    to both firms (per-chunk accumulators, merged in a fixed order)."""
    n = x.shape[0]
    nt = starts.shape[0] - 1
    same = True
    for i in range(1, n):
        if h[i] != h[0]:
            same = False
            break
    nacc = NCHUNK if same else 1
    acc = np.zeros((nacc, n))
    accw = np.zeros((nacc if weighted else 1, n))
    sk = np.zeros(n)
    swk = np.zeros(n)
    for c in prange(NCHUNK):
        buf = np.empty(BLOCK)
        tb = np.empty(BLOCK)
        ranges = np.empty((nt, 2), dtype=np.int64)
        ca = acc[c] if same else acc[0]
        cw = accw[c] if same and weighted else accw[0]
        for a in range(c, nt, NCHUNK):
            sa = starts[a]
            ea = starts[a + 1]
            hmax = 0.0
            for i in range(sa, ea):
                hmax = max(hmax, h[i])
            nr = _tile_ranges(bbox, starts, a, a if same else 0, peak,
                              CUTOFF * hmax, ranges)
            for i in range(sa, ea):
                hi = h[i]
                wi = w[i] if weighted else 0.0
                s0 = 0.0
                s1 = 0.0
                for r in range(nr):
                    r0 = ranges[r, 0]
                    r1 = ranges[r, 1]
                    if same:
                        r0 = max(r0, i + 1)   # pairs j > i only
                    for part in range(2):
                        if part == 0:
                            p0 = r0
                            p1 = min(r1, i) if (not same and r0 <= i < r1) else r1
                        else:
                            if same or not (r0 <= i < r1):
                                break
                            p0 = i + 1
                            p1 = r1
                        for j0 in range(p0, p1, BLOCK):
                            j1 = min(j0 + BLOCK, p1)
                            m = _block_kernel(x, y, i, j0, j1, hi, peak, buf, tb)
                            if same:
                                if weighted:
                                    u0, u1 = _scatterw(buf, w[j0:j1], wi, ca[j0:j1],
                                                       cw[j0:j1], m)
                                    s0 += u0
                                    s1 += u1
                                else:
                                    s0 += _scatter1(buf, ca[j0:j1], m)
                            else:
                                s0 += _sum1(buf, m)
                                if weighted:
                                    s1 += _sumw(buf, w[j0:j1], m)
                sk[i] += s0
                swk[i] += s1
    for c in range(nacc if same else 0):
        for i in range(n):
            sk[i] += acc[c, i]
            if weighted:
                swk[i] += accw[c, i]
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
    tiles = Tiles(pts, weights=w)
    weighted = w is not None
    if same and peak == 0.0 and n > 1:
        from .gauss_transform import gauss_sums, PA, PB, COEF, EPS, EPS_MAX
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
            sk, swk = _ldo_kernel(tiles.x, tiles.y, wt, weighted, hs[tiles.order], peak,
                                  tiles.starts, tiles.bbox)
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


@njit(fastmath=True)
def _shifted_all(x, y, xi, yi, shift):
    """Σ (d - shift) and Σ (d - shift)^2 over every firm (d_ii = 0 included)."""
    s1 = 0.0
    s2 = 0.0
    for t in range(x.shape[0]):
        dx = x[t] - xi
        dy = y[t] - yi
        u = math.sqrt(dx * dx + dy * dy) - shift
        s1 += u
        s2 += u * u
    return s1, s2


@njit
def _order_pair_histogram(x, y, i, nbins, k0, k1, buf, ib, cand, hist):
    """Order statistics k0 and k1 (0-based) of firm i's distances to the
    n - 1 others: a histogram locates their bin(s), only those are sorted."""
    n = x.shape[0]
    m = _distances(x, y, x[i], y[i], 0, n, buf)
    buf[i] = buf[n - 1]  # drop d_ii = 0: move the last value in
    m = n - 1
    top = 0.0
    for t in range(m):
        top = max(top, buf[t])
    if top == 0.0:
        return 0.0, 0.0
    scale = nbins / (top * (1.0 + 1e-12))
    hist[:] = 0
    for t in range(m):
        k = min(np.int64(buf[t] * scale), nbins - 1)
        ib[t] = k
        hist[k] += 1
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
    return sel[k0 - below0], sel[k1 - below0]


@njit(fastmath=True)
def _window_count(xs, ys, xi, yi, lo2, hi2, buf):
    """buf <- squared distances; returns (# below lo2, # in [lo2, hi2])."""
    nb = 0
    nw = 0
    for t in range(xs.shape[0]):
        dx = xs[t] - xi
        dy = ys[t] - yi
        d2 = dx * dx + dy * dy
        buf[t] = d2
        nb += d2 < lo2
        nw += (d2 >= lo2) & (d2 <= hi2)
    return nb, nw


@njit
def _order_pair_window(x, y, i, starts, bbox, lo, hi, k0, k1, buf, cand):
    """Order statistics k0, k1 of firm i's distances if both lie in
    [lo, hi]: firms are classified by squared distance (sqrt is monotone,
    so the ranks are exact), whole tiles from their bounding boxes. Returns
    (ok, v0, v1)."""
    nt = starts.shape[0] - 1
    xi = x[i]
    yi = y[i]
    lo2 = lo * lo if lo > 0.0 else 0.0
    hi2 = hi * hi
    below = 0
    nc = 0
    for b in range(nt):
        sb = starts[b]
        eb = starts[b + 1]
        ex = max(bbox[b, 0] - xi, xi - bbox[b, 1], 0.0)
        ey = max(bbox[b, 2] - yi, yi - bbox[b, 3], 0.0)
        fx = max(xi - bbox[b, 0], bbox[b, 1] - xi)
        fy = max(yi - bbox[b, 2], bbox[b, 3] - yi)
        dmin2 = (ex * ex + ey * ey) * (1.0 - 1e-9)
        dmax2 = (fx * fx + fy * fy) * (1.0 + 1e-9)
        own = sb <= i < eb
        if dmax2 < lo2:
            below += eb - sb - (1 if own else 0)
            continue
        if dmin2 > hi2:
            continue
        for part in range(2):
            if own:
                j0 = sb if part == 0 else i + 1
                j1 = i if part == 0 else eb
            else:
                if part == 1:
                    break
                j0 = sb
                j1 = eb
            if j1 <= j0:
                continue
            nb, nw = _window_count(x[j0:j1], y[j0:j1], xi, yi, lo2, hi2, buf)
            below += nb
            if nw > 0:
                for t in range(j1 - j0):
                    d2 = buf[t]
                    if d2 >= lo2 and d2 <= hi2:
                        cand[nc] = d2
                        nc += 1
    if below > k0 or k1 >= below + nc:
        return False, 0.0, 0.0
    r0 = k0 - below
    sel = np.partition(cand[:nc], r0)
    v1 = sel[r0]
    if k1 > k0:  # k1 = k0 + 1: the smallest value above rank r0
        v1 = sel[r0 + 1]
        for t in range(r0 + 2, nc):
            v1 = min(v1, sel[t])
    return True, math.sqrt(sel[r0]), math.sqrt(v1)


@njit(parallel=True)
def _local_kernel(x, y, starts, bbox, nbins, rank_pos):
    """Per firm (tile order): std (ddof 0) and the linear-interpolated lower
    quartile of its distances to the n - 1 others.

    The std comes from one vectorised pass of shifted sums. The quartile's
    order statistics move by at most d(i, i') between firms i and i'
    (triangle inequality, element by element), so the previous firm's
    values ± d(i, i') bracket firm i's: whole tiles are counted from their
    bounding boxes and only the few distances inside the bracket are
    sorted. A bracket that fails its rank check (never in exact arithmetic)
    and each chunk's first firm use a per-firm histogram instead."""
    n = x.shape[0]
    nt = starts.shape[0] - 1
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
    nch = NCHUNK * 2
    for c in prange(nch):
        buf = np.empty(n)
        ib = np.empty(n, dtype=np.int64)
        cand = np.empty(n)
        hist = np.zeros(nbins + 2, dtype=np.int64)
        i0 = starts[(nt * c) // nch]
        i1 = starts[(nt * (c + 1)) // nch]
        prev = -1
        v0 = 0.0
        v1 = 0.0
        for i in range(i0, i1):
            xi = x[i]
            yi = y[i]
            shift = math.sqrt((xi - cx) ** 2 + (yi - cy) ** 2)
            s1, s2 = _shifted_all(x, y, xi, yi, shift)
            s1 += shift   # remove j = i: d_ii - shift = -shift
            s2 -= shift * shift
            m = n - 1
            mean = s1 / m
            std[i] = math.sqrt(max(s2 / m - mean * mean, 0.0))
            ok = False
            if prev >= 0:
                dx = xi - x[prev]
                dy = yi - y[prev]
                step = math.sqrt(dx * dx + dy * dy)
                lo = (v0 - step) * (1.0 - 1e-12) - 1e-300
                hi = (v1 + step) * (1.0 + 1e-12) + 1e-300
                ok, w0, w1 = _order_pair_window(x, y, i, starts, bbox, lo, hi,
                                                k0, k1, buf, cand)
            if not ok:
                w0, w1 = _order_pair_histogram(x, y, i, nbins, k0, k1, buf, ib,
                                               cand, hist)
            v0 = w0
            v1 = w1
            prev = i
            q1[i] = v0 + frac * (v1 - v0) if frac != 0.0 else v0
    return std, q1


def local_bandwidths(points, return_info=False):
    """h_i of every firm (section 2.2.2): Eq. 2 over its own distances.

    Firms with more than a quarter of the others at their location get
    h_i from std_i alone (SPEC's co-location rule, with a warning)."""
    warn_missing_numba()
    pts = as_points(points, "industry firms")
    n = pts.shape[0]
    tiles = Tiles(pts)
    with PARALLEL_LOCK:
        std, q1 = _local_kernel(tiles.x, tiles.y, tiles.starts, tiles.bbox,
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
