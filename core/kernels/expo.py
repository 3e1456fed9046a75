"""A vectorisable exp(-z) for the numba kernels (math.exp does not vectorise
without SVML); the numpy engine uses np.exp."""
import numpy as np

from .._numba import njit

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
