"""A Guangdong-like clustered workload with a fixed seed (coordinates in metres).

A 600 x 400 km region, most firms inside one metropolitan area ~150 km wide
made of dense blobs of very different sizes, a uniform sprinkle over the whole
region, and 7 % of the firms geocoded onto another firm's exact location.
The background (all manufacturing firms) contains the industry's firms.
"""
import math
import os
import sys
import time

import numpy as np


def best_time(fn, repeat=1):
    """(the best of ``repeat`` wall times of fn() in seconds, fn()'s last value)."""
    t_best, out = math.inf, None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        t_best = min(t_best, time.perf_counter() - t)
    return t_best, out


def link_checkout():
    """Make this checkout importable as ``doldo`` (a link in the temp folder)."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    link_dir = os.path.join(os.environ.get("TMPDIR", "/tmp"), "doldo-bench-path-%d" % os.getuid())
    os.makedirs(link_dir, exist_ok=True)
    link = os.path.join(link_dir, "doldo")
    if not (os.path.islink(link) and os.path.realpath(link) == os.path.realpath(root)):
        if os.path.islink(link):
            os.unlink(link)
        os.symlink(root, link)
    if link_dir not in sys.path:
        sys.path.insert(0, link_dir)


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


def economy(n_industries=40, smallest=30, largest=20_000, seed=2025, firms=None):
    """(firms, codes): the 300,000 firms of ``guangdong`` with industry codes
    1..n_industries for industries of log-uniform sizes in [smallest,
    largest]. Odd codes are localized (firms drawn near two random centres,
    weights exp(-r / 15 km)), even codes spread like all firms (a random
    subset); every other firm has no code (None) and stays in the background.
    ``firms``: other firms than guangdong's (benchmarks/shapes.py)."""
    if firms is None:
        _, firms = guangdong()
    rng = np.random.default_rng(seed)
    sizes = np.exp(rng.uniform(np.log(smallest), np.log(largest), n_industries)).astype(int)
    codes = np.full(len(firms), None, dtype=object)
    free = np.ones(len(firms), dtype=bool)
    for k, size in enumerate(sizes, start=1):
        pool = np.flatnonzero(free)
        if k % 2:
            centres = firms[rng.choice(pool, 2, replace=False)]
            r = np.min([np.hypot(*(firms[pool] - c).T) for c in centres], axis=0)
            p = np.exp(-r / 15_000.0)
            p /= p.sum()
            take = rng.choice(pool, size, replace=False, p=p)
        else:
            take = rng.choice(pool, size, replace=False)
        codes[take] = k
        free[take] = False
    return firms, codes
