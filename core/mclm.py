"""MCLM-LDO (section 2.2.3-2.2.4): LDO at a global or local scale, then
core firms by threshold selection (Eq. 7) and their clusters."""
import numpy as np

from .core_firms import core_firms
from .errors import as_points, check_progress, positive
from .ldo import ldo_index, local_bandwidths


def mclm_ldo(points, h, peak=0.0, weights=None, weight_mode="product",
             min_share=0.005, oriented=True, progress=None):
    """Core firms and clusters of the MCLM-LDO method.

    ``h``: the boundary distance ĥ (global scale, e.g. h_max), or "local"
    for the adaptive h_i of every firm. Returns the ``core_firms`` result
    with ``.ldo`` (LDO_i) and ``.h`` (the scale of every firm) added."""
    pts = as_points(points, "industry firms")
    check_progress(progress, 0.0)
    if isinstance(h, str):
        if h != "local":
            raise ValueError(f'h must be a distance or "local", got {h!r}')
        hs = local_bandwidths(pts)
        scale = hs
    else:
        scale = positive(h, "the boundary distance ĥ")
        hs = np.full(pts.shape[0], scale)
    check_progress(progress, 0.4)
    ldo = ldo_index(pts, scale, peak, weights, weight_mode)
    check_progress(progress, 0.8)
    result = core_firms(pts, ldo, scale, min_share=min_share, oriented=oriented)
    result.ldo = ldo
    result.h = hs
    check_progress(progress, 1.0)
    return result
