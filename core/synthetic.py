"""The synthetic datasets of section 3.1.1 (SPEC "Synthetic datasets").

A 50 x 50 square [0, 50]^2; industry A (core and sparse firms) and other
firms M. Positions are uniform by area in disks and rings.
Dataset 1: cluster I at (25, 25), diameter 10: 100 core A firms; the ring
5-15 from its centre holds 100 sparse A firms and 200 M firms.
Dataset 2: clusters I (15, 25) and II (35, 25), diameter 6, centres 20
apart, 50 core A firms each; the ring 8-9 from cluster I's centre holds 50
sparse A firms; 500 M firms uniform over the square.
"""
import numpy as np

SIZE = 50.0


def _annulus(rng, n, centre, r_in, r_out):
    """n points uniform by area with r_in <= distance <= r_out of centre."""
    r = np.sqrt(r_in ** 2 + rng.random(n) * (r_out ** 2 - r_in ** 2))
    a = rng.random(n) * 2.0 * np.pi
    return np.column_stack((centre[0] + r * np.cos(a),
                            centre[1] + r * np.sin(a)))


def synthetic_dataset(number, seed=None):
    """Regenerate synthetic dataset 1 or 2.

    Returns (points (n, 2), is_industry (n,) bool, truth (n,) str): truth is
    "core" or "sparse" for A firms, "" for M firms. A firms come first.
    """
    if isinstance(number, bool) or number not in (1, 2):
        raise ValueError(f"the synthetic dataset number must be 1 or 2, "
                         f"got {number!r}")
    rng = np.random.default_rng(seed)
    if number == 1:
        c = (25.0, 25.0)
        parts = [(_annulus(rng, 100, c, 0.0, 5.0), "core"),
                 (_annulus(rng, 100, c, 5.0, 15.0), "sparse"),
                 (_annulus(rng, 200, c, 5.0, 15.0), "")]
    else:
        c1, c2 = (15.0, 25.0), (35.0, 25.0)
        parts = [(_annulus(rng, 50, c1, 0.0, 3.0), "core"),
                 (_annulus(rng, 50, c2, 0.0, 3.0), "core"),
                 (_annulus(rng, 50, c1, 8.0, 9.0), "sparse"),
                 (rng.random((500, 2)) * SIZE, "")]
    points = np.concatenate([p for p, _ in parts])
    truth = np.concatenate([np.full(len(p), t, dtype="<U6") for p, t in parts])
    return points, truth != "", truth
