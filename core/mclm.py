"""MCLM-LDO (section 2.2.3-2.2.4): LDO at a global or local scale, then
core firms by threshold selection (Eq. 7) and their clusters."""
import numpy as np

from .core_firms import core_firms
from .errors import check_progress, positive
from .geodesic import check_metric, prepare_points
from .ldo import ldo_index, local_bandwidths


def mclm_ldo(points, h, peak=0.0, weights=None, weight_mode="product",
             min_share=0.005, oriented=True, progress=None, metric="planar"):
    """Core firms and clusters of the MCLM-LDO method.

    ``h``: the boundary distance ĥ (global scale, e.g. h_max), or "local"
    for the adaptive h_i of every firm. Returns the ``core_firms`` result
    with ``.ldo`` (LDO_i) and ``.h`` (the scale of every firm) added.
    ``metric="geodesic"``: (longitude, latitude) on WGS 84, ĥ in metres."""
    prepare_points(points, "industry firms", 3, metric)   # checked once here
    pts = np.asarray(points, dtype=np.float64)
    check_progress(progress, 0.0)
    if isinstance(h, str):
        if h != "local":
            raise ValueError(f'h must be a distance or "local", got {h!r}')
        hs = local_bandwidths(pts, metric=metric)
        scale = hs
    else:
        scale = positive(h, "the boundary distance ĥ")
        hs = np.full(pts.shape[0], scale)
    check_progress(progress, 0.4)
    ldo = ldo_index(pts, scale, peak, weights, weight_mode, metric=metric)
    check_progress(progress, 0.8)
    result = core_firms(pts, ldo, scale, min_share=min_share, oriented=oriented,
                        metric=metric)
    result.ldo = ldo
    result.h = hs
    check_progress(progress, 1.0)
    return result


def mclm_lk(points, background, h, statistic="lk", selection="local test",
            n_sim=999, seed=None, min_share=0.005, oriented=True, progress=None,
            metric="planar"):
    """The paper's baselines (section 2.2.5), clusters formed as MCLM-LDO's.

    statistic "lk" (Eq. 4) or "ldo" (Eq. 6); selection "local test" (999
    draws, core when the observed value beats every simulated one) or
    "threshold" (Eq. 7). Baseline 1 = lk + local test, 2 = lk + threshold,
    3 = ldo + local test. Adds ``.values`` (LK or LDO) and ``.h``."""
    from .lk import lk_index
    from .local_test import local_test

    prepare_points(points, "industry firms", 3, check_metric(metric))
    pts = np.asarray(points, dtype=np.float64)
    scale = positive(h, "the boundary distance ĥ")
    if statistic not in ("lk", "ldo"):
        raise ValueError(f'statistic must be "lk" or "ldo", got {statistic!r}')
    if selection not in ("local test", "threshold"):
        raise ValueError(f'selection must be "local test" or "threshold", got {selection!r}')
    values = lk_index(pts, scale, metric) if statistic == "lk" else \
        ldo_index(pts, scale, metric=metric)
    selected = None
    if selection == "local test":
        selected = local_test(pts, background, scale, statistic, n_sim, seed,
                              progress=progress, metric=metric)
    result = core_firms(pts, values, scale, min_share=min_share,
                        oriented=oriented, selected=selected, metric=metric)
    result.values = values
    result.ldo = values
    result.h = np.full(pts.shape[0], scale)
    return result
