"""Data shapes for the benchmarks (issue 22), seeded, coordinates in metres.

Every generator returns (n, 2) float64 points at UTM-size coordinates.
``SHAPES`` maps a shape's name to its generator ``f(n, seed)``; a target is
reported on the worst of them.

- uniform disc: uniform over a disc of radius 50 km;
- tight clusters: five clusters of 1-3 km (normal sd) within 60 km;
- clusters + sprinkle: five clusters of 3-20 km, a fifth of the firms
  sprinkled over 150 km, 7 % of the firms at another firm's address (the
  shape of the issue);
- heavy duplication: clusters of 2-10 km and a sprinkle, 8 % of the firms
  at another firm's address, half of them piled on 1 % of addresses (dozens
  of firms each: business parks, registered offices);
- strip: 200 km x 5 km (a coastline or a river valley);
- guangdong: the Guangdong-like workload of ``workload.py`` (a random
  subset of its 300,000 firms).
"""
import numpy as np

ORIGIN = np.array([400_000.0, 2_500_000.0])


def _duplicate(rng, p, share, piled=0.0, piles=1):
    """Move ``share`` of the firms onto other firms' addresses; ``piled`` of
    those onto ``piles`` shared addresses (dozens each)."""
    n = p.shape[0]
    k = int(round(share * n))
    if k == 0:
        return p
    dst = rng.choice(n, k, replace=False)
    kp = int(round(piled * k))
    hubs = rng.choice(n, max(piles, 1), replace=False)
    src = np.r_[rng.choice(hubs, kp), rng.choice(n, k - kp)]
    p[dst] = p[src]
    return p


def uniform_disc(n, seed=1):
    rng = np.random.default_rng(seed)
    r = 50_000.0 * np.sqrt(rng.random(n))
    t = rng.random(n) * 2 * np.pi
    return np.c_[r * np.cos(t), r * np.sin(t)] + ORIGIN


def _clusters(rng, n, k, sd_lo, sd_hi, spread):
    centres = rng.uniform(-spread, spread, (k, 2))
    sds = rng.uniform(sd_lo, sd_hi, k)
    which = rng.integers(0, k, n)
    return centres[which] + rng.normal(size=(n, 2)) * sds[which, None]


def tight_clusters(n, seed=1):
    rng = np.random.default_rng(seed)
    return _clusters(rng, n, 5, 1_000.0, 3_000.0, 30_000.0) + ORIGIN


def clusters_sprinkle(n, seed=1):
    rng = np.random.default_rng(seed)
    ns = n // 5
    p = np.r_[_clusters(rng, n - ns, 5, 3_000.0, 20_000.0, 40_000.0),
              rng.uniform(-75_000.0, 75_000.0, (ns, 2))]
    p = _duplicate(rng, p, 0.07)
    return p[rng.permutation(n)] + ORIGIN


def heavy_duplication(n, seed=1):
    rng = np.random.default_rng(seed)
    ns = n // 10
    p = np.r_[_clusters(rng, n - ns, 8, 2_000.0, 10_000.0, 50_000.0),
              rng.uniform(-75_000.0, 75_000.0, (ns, 2))]
    p = _duplicate(rng, p, 0.08, piled=0.5, piles=max(1, n // 1000))
    return p[rng.permutation(n)] + ORIGIN


def strip(n, seed=1):
    rng = np.random.default_rng(seed)
    s = rng.uniform(0.0, 200_000.0, n)
    t = rng.uniform(-2_500.0, 2_500.0, n)
    a = 0.5                                 # a strip at an angle
    return np.c_[s * np.cos(a) - t * np.sin(a), s * np.sin(a) + t * np.cos(a)] + ORIGIN


def guangdong_like(n, seed=1):
    from workload import guangdong
    _, bg = guangdong()
    rng = np.random.default_rng(seed + n)
    return bg[rng.choice(bg.shape[0], n, replace=False)]


SHAPES = {
    "uniform disc": uniform_disc,
    "tight clusters": tight_clusters,
    "clusters + sprinkle": clusters_sprinkle,
    "heavy duplication": heavy_duplication,
    "strip": strip,
    "guangdong": guangdong_like,
}


def points(shape, n, seed=1):
    """n firms of ``shape`` (a name of SHAPES)."""
    return np.ascontiguousarray(SHAPES[shape](n, seed))

