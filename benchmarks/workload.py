"""A Guangdong-like clustered workload with a fixed seed (coordinates in metres).

A 600 x 400 km region, most firms inside one metropolitan area ~150 km wide
made of dense blobs of very different sizes, a uniform sprinkle over the whole
region, and 7 % of the firms geocoded onto another firm's exact location.
The background (all manufacturing firms) contains the industry's firms.
"""
import numpy as np

REGION = (600_000.0, 400_000.0)
ORIGIN = (200_000.0, 2_400_000.0)   # UTM-size coordinates
METRO = (330_000.0, 170_000.0)
N_INDUSTRY = 75_275
N_BACKGROUND = 300_000
DUPLICATES = 0.07
SPRINKLE = 0.12


def _blobs(rng, n_blobs):
    centres = np.c_[rng.normal(METRO[0], 30_000.0, n_blobs),
                    rng.normal(METRO[1], 22_000.0, n_blobs)]
    sizes = np.exp(rng.uniform(np.log(400.0), np.log(9_000.0), n_blobs))
    return centres, sizes


def _draw(rng, n, centres, sizes, shares, sprinkle):
    n_spr = int(round(sprinkle * n))
    which = rng.choice(len(centres), n - n_spr, p=shares)
    pts = centres[which] + rng.normal(size=(n - n_spr, 2)) * sizes[which, None]
    spr = rng.uniform((0.0, 0.0), REGION, (n_spr, 2))
    p = np.r_[pts, spr]
    p = np.clip(p, (0.0, 0.0), REGION)
    k = int(round(DUPLICATES * n))
    src = rng.choice(n, k, replace=False)
    dst = rng.choice(n, k, replace=False)
    p[dst] = p[src]
    return p[rng.permutation(n)] + np.asarray(ORIGIN)


def guangdong(n_industry=N_INDUSTRY, n_background=N_BACKGROUND, seed=2024):
    """(industry, background): the background's first rows are the industry.

    The industry concentrates on a third of the blobs (it is localized); the
    other firms spread over all blobs with weights by blob size.
    """
    rng = np.random.default_rng(seed)
    centres, sizes = _blobs(rng, 60)
    base = sizes ** 1.2
    base /= base.sum()
    fav = np.zeros(len(sizes))
    fav[rng.choice(len(sizes), 20, replace=False)] = 1.0
    ind_share = base * (0.15 + fav)
    ind_share /= ind_share.sum()
    ind = _draw(rng, n_industry, centres, sizes, ind_share, SPRINKLE)
    other = _draw(rng, max(n_background - n_industry, 0), centres, sizes, base, SPRINKLE)
    return ind, np.r_[ind, other]


def subset(industry, background, n, seed=7):
    """A smaller industry of n firms (a random subset) with the same background."""
    if n >= len(industry):
        return industry, background
    rng = np.random.default_rng(seed + n)
    return industry[rng.choice(len(industry), n, replace=False)], background
