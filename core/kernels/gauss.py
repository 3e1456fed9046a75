"""Σ_j exp(-d_ij^2 / h^2) for every firm i (Eq. 6 at d̂ = 0, one ĥ), by a
Gauss transform over pairs of tiles.

Nothing here is from the paper; it only makes LDO at a large global scale
(ĥ = h_max, tens of km, where almost every pair is inside the cut-off)
cheap. With tile centres c_a, c_b, offsets s_i = p_i - c_a, t_j = p_j - c_b
and Δ = c_a - c_b:

    exp(-|p_i - p_j|^2/h^2) = G A_i B_j exp(2 s_i·t_j / h^2),
    G = exp(-|Δ|^2/h^2), A_i = exp(-(|s_i|^2 + 2Δ·s_i)/h^2),
    B_j = exp(-(|t_j|^2 - 2Δ·t_j)/h^2),

and exp(2 u·v) = Σ_{α+β<=K} 2^(α+β)/(α! β!) u_x^α u_y^β v_x^α v_y^β + R,
|R| <= ε^(K+1)/(K+1)! e^ε with ε = 2 r_a r_b / h^2 (r: tile radii). For a
tile pair with ε <= EPS_MAX the sums over j become P = 28 moments of tile b
(and over i of tile a): O(P (n_a + n_b)) work instead of n_a n_b kernel
evaluations, relative error <= 2e-13, with the smallest order K <= 10 that
reaches it (P = 3 terms for tiny ε, 66 at ε = 0.33). Other tile pairs are
summed directly.
"""
import math

import numpy as np

from .._numba import njit, prange
from ..engine import Kernel
from .ldo_sums import BLOCK, _block_kernel, _ldo_numpy, _scatter1, _scatterw
from .rows import NCHUNK, _tile_bounds

K_ORDER = 10           # highest order used (66 terms)
REL_ERR = 2e-13


def _eps_limits():
    """EPS[K]: the largest ε whose truncation after order K errs by at most
    REL_ERR relative (ε^(K+1)/(K+1)! e^(2ε)); the order of a tile pair is
    the smallest K with ε <= EPS[K]."""
    out = np.empty(K_ORDER + 1)
    for k in range(K_ORDER + 1):
        lo, hi = 0.0, 2.0
        for _ in range(100):
            mid = 0.5 * (lo + hi)
            if mid ** (k + 1) / math.factorial(k + 1) * math.exp(2 * mid) <= REL_ERR:
                lo = mid
            else:
                hi = mid
        out[k] = lo
    return out


EPS = _eps_limits()
EPS_MAX = float(EPS[-1])


def _terms():
    """Exponent pairs (α, β), α + β <= K, and their coefficients
    2^(α+β) / (α! β!)."""
    ab = [(a, k - a) for k in range(K_ORDER + 1) for a in range(k + 1)]
    pa = np.array([a for a, _ in ab], dtype=np.int64)
    pb = np.array([b for _, b in ab], dtype=np.int64)
    coef = np.array([2.0 ** (a + b) / (math.factorial(a) * math.factorial(b))
                     for a, b in ab])
    return pa, pb, coef


PA, PB, COEF = _terms()


@njit
def _monomial_table(x, y, starts, cx, cy, inv, pa, pb):
    """U[i, p] = u_x^pa[p] u_y^pb[p], u = (p_i - c_tile) / h, and |u|^2."""
    n = x.shape[0]
    P = pa.shape[0]
    U = np.empty((n, P))
    q = np.empty(n)
    px = np.empty(K_ORDER + 1)
    py = np.empty(K_ORDER + 1)
    for a in range(starts.shape[0] - 1):
        for i in range(starts[a], starts[a + 1]):
            ux = (x[i] - cx[a]) * inv
            uy = (y[i] - cy[a]) * inv
            q[i] = ux * ux + uy * uy
            px[0] = 1.0
            py[0] = 1.0
            for k in range(1, K_ORDER + 1):
                px[k] = px[k - 1] * ux
                py[k] = py[k - 1] * uy
            for p in range(P):
                U[i, p] = px[pa[p]] * py[pb[p]]
    return U, q


@njit(fastmath=True)
def _moments(U, q, w, weighted, s0, e0, dx, dy, sign, f, mom, momw, coef, P):
    """f[i - s0] = exp(-(|u_i|^2 + sign 2 Δ·u_i)); mom = coef * Σ f U,
    momw = coef * Σ w f U over the first P terms (U[:, 1:3] = u_y, u_x)."""
    for p in range(P):
        mom[p] = 0.0
        momw[p] = 0.0
    for i in range(s0, e0):
        fi = math.exp(-(q[i] + sign * 2.0 * (dx * U[i, 2] + dy * U[i, 1])))
        f[i - s0] = fi
        wi = fi * (w[i] if weighted else 1.0)
        for p in range(P):
            mom[p] += fi * U[i, p]
            if weighted:
                momw[p] += wi * U[i, p]
    for p in range(P):
        mom[p] *= coef[p]
        momw[p] *= coef[p]


@njit(fastmath=True)
def _evaluate(U, s0, e0, g, f, mom, momw, weighted, out, outw, P):
    """out[i] += g f_i Σ_{p<P} U[i, p] mom[p] (and outw with momw)."""
    for i in range(s0, e0):
        t0 = 0.0
        t1 = 0.0
        for p in range(P):
            t0 += U[i, p] * mom[p]
            if weighted:
                t1 += U[i, p] * momw[p]
        gf = g * f[i - s0]
        out[i] += gf * t0
        if weighted:
            outw[i] += gf * t1


@njit(parallel=True)
def _gauss_sums(x, y, w, weighted, h, starts, bbox, cutoff, pa, pb, coef, eps):
    """(Σ_{j≠i} exp(-d_ij^2/h^2), Σ_{j≠i} w_j exp(...)) for every firm of
    the tiles, pairs beyond ``cutoff`` left out. Each tile pair is visited
    once; per-chunk accumulators are merged in a fixed order."""
    n = x.shape[0]
    nt = starts.shape[0] - 1
    inv = 1.0 / h
    inv2 = inv * inv
    cx = np.empty(nt)
    cy = np.empty(nt)
    rad = np.empty(nt)
    maxtile = 0
    for a in range(nt):
        cx[a] = 0.5 * (bbox[a, 0] + bbox[a, 1])
        cy[a] = 0.5 * (bbox[a, 2] + bbox[a, 3])
        rad[a] = 0.5 * math.hypot(bbox[a, 1] - bbox[a, 0], bbox[a, 3] - bbox[a, 2])
        maxtile = max(maxtile, starts[a + 1] - starts[a])
    P = pa.shape[0]
    U, q = _monomial_table(x, y, starts, cx, cy, inv, pa, pb)
    acc = np.zeros((NCHUNK, n))
    accw = np.zeros((NCHUNK if weighted else 1, n))
    sk = np.zeros(n)
    swk = np.zeros(n)
    for c in prange(NCHUNK):
        ca = acc[c]
        cw = accw[c] if weighted else accw[0]
        ma = np.empty(P)
        maw = np.empty(P)
        mb = np.empty(P)
        mbw = np.empty(P)
        fa = np.empty(maxtile)
        fb = np.empty(maxtile)
        buf = np.empty(BLOCK)
        tb = np.empty(BLOCK)
        for a in range(c, nt, NCHUNK):
            sa = starts[a]
            ea = starts[a + 1]
            for b in range(a, nt):
                dmin, _ = _tile_bounds(bbox, a, b)
                if dmin > cutoff:
                    continue
                sb = starts[b]
                eb = starts[b + 1]
                e = 2.0 * rad[a] * rad[b] * inv2
                if b != a and e <= eps[K_ORDER]:
                    k = 0
                    while e > eps[k]:
                        k += 1
                    nterm = (k + 1) * (k + 2) // 2
                    dx = (cx[a] - cx[b]) * inv
                    dy = (cy[a] - cy[b]) * inv
                    g = math.exp(-(dx * dx + dy * dy))
                    _moments(U, q, w, weighted, sa, ea, dx, dy, 1.0, fa, ma, maw, coef, nterm)
                    _moments(U, q, w, weighted, sb, eb, dx, dy, -1.0, fb, mb, mbw, coef, nterm)
                    _evaluate(U, sa, ea, g, fa, mb, mbw, weighted, sk, swk, nterm)
                    _evaluate(U, sb, eb, g, fb, ma, maw, weighted, ca, cw, nterm)
                    continue
                for i in range(sa, ea):
                    j0 = i + 1 if a == b else sb
                    if j0 >= eb:
                        continue
                    m = _block_kernel(x, y, i, j0, eb, h, 0.0, buf, tb)
                    if weighted:
                        u0, u1 = _scatterw(buf, w[j0:eb], w[i], ca[j0:eb], cw[j0:eb], m)
                        sk[i] += u0
                        swk[i] += u1
                    else:
                        sk[i] += _scatter1(buf, ca[j0:eb], m)
    for c in range(NCHUNK):
        for i in range(n):
            sk[i] += acc[c, i]
            if weighted:
                swk[i] += accw[c, i]
    return sk, swk


def _gauss_numpy(x, y, w, weighted, h, starts, bbox, cutoff, pa, pb, coef, eps):
    """numpy form of _gauss_sums: the direct sums it approximates (to 2e-13)."""
    return _ldo_numpy(x, y, w, weighted, np.full(x.shape[0], h), 0.0, starts, bbox)


gauss_sums = Kernel(_gauss_sums, _gauss_numpy)
