"""Inputs that run but mislead: each check returns plain messages that say
what is wrong and what to do (the algorithms put them in the log and the
report), or raises when the result could mean nothing at all.

The cases and their messages are listed in the README ("Odd inputs").
"""
import math

import numpy as np
from qgis.core import QgsProcessingException

from .feedback import sentence, tr

MANY_SIMULATIONS = 99      # fewer: the band (or the local test) is coarse
MOSTLY_INDUSTRY = 0.5      # the industry is more than half of the background


SAME_PLACE = 1e-7          # of the layers' span: reprojection round-off


def _found_in(xy, others):
    """For each firm of ``xy``, whether a firm of ``others`` is at its
    location: within SAME_PLACE of the two layers' span, so that a layer
    reprojected from another CRS still matches."""
    if xy.shape[0] == 0 or others.shape[0] == 0:
        return np.zeros(xy.shape[0], dtype=bool)
    from scipy.spatial import cKDTree
    both = np.r_[xy, others]
    tol = SAME_PLACE * max(float(np.ptp(both, axis=0).max()), 1e-300)
    d, _ = cKDTree(others).query(xy, distance_upper_bound=tol)
    return np.isfinite(d)


def _hull(pts):
    """The vertices of the convex hull of (n, 2) ``pts`` (all of them when
    they are collinear)."""
    if pts.shape[0] > 3:
        try:
            from scipy.spatial import ConvexHull
            return ConvexHull(pts).vertices
        except Exception:  # noqa: BLE001 - collinear points: keep them all
            pass
    return np.arange(pts.shape[0])


def _geodesic_diameter(ll):
    """The largest distance in metres on the Earth between (longitude,
    latitude) firms: the hull of their local azimuthal equidistant
    projection gives the candidates, measured with the core's distance."""
    from ...core.geodesic import Aeqd, arc, arc_upper, centre_of, ecef, lonlat
    ll = np.unique(lonlat(ll), axis=0)
    if ll.shape[0] < 2:
        return 0.0
    p = ecef(ll)
    cand = p[_hull(Aeqd(*centre_of(ll)).forward(ll))]
    if cand.shape[0] > 4000:    # a huge hull: the bounding box of its points is close
        return arc_upper(float(np.linalg.norm(cand.max(axis=0) - cand.min(axis=0))))
    from scipy.spatial.distance import pdist
    return float(arc(pdist(cand).max()))


def diameter(xy, metric="planar"):
    """The largest distance between two firms (over the convex hull); in
    metres on the Earth for ``metric`` "geodesic" (xy longitude, latitude)."""
    if xy.shape[0] < 2:
        return 0.0
    if metric == "geodesic":
        return _geodesic_diameter(xy)
    pts = np.unique(xy, axis=0)
    pts = pts[_hull(pts)]
    if pts.shape[0] > 4000:     # a huge hull: its bounding box is close enough
        span = pts.max(axis=0) - pts.min(axis=0)
        return float(math.hypot(*span))
    from scipy.spatial.distance import pdist
    return float(pdist(pts).max()) if pts.shape[0] > 1 else 0.0


def background_notes(industry, background, label="'Background'"):
    """The background is every firm of the economy, the industry's included
    (SPEC, Inputs). Raises when it IS the industry; warns when the industry's
    firms are missing from it or make most of it."""
    n, m = industry.shape[0], background.shape[0]
    found = _found_in(industry, background)
    if n == m and found.all() and _found_in(background, industry).all():
        raise QgsProcessingException(tr(
            "{label} holds exactly the industry's {n} firms: every simulated draw "
            "would be the industry itself, so the band would be its own curve and "
            "Γ(A) = 0 would say nothing. Give all firms of the economy (every "
            "industry) as {label}").format(label=label, n=n))
    notes = []
    missing = int(np.count_nonzero(~found))
    if missing == n:
        notes.append(
            tr("none of the industry's {n} firms is in {label}: the background should "
            "be all firms of the economy, the industry's own included, so that the "
            "draws compare the industry with the whole economy; add the industry's "
            "firms to the background (or check that both layers are the same data)").format(
                n=n, label=label))
    elif missing:
        notes.append(
            tr("{missing} of the industry's {n} firms are not in {label} (no background "
            "firm at their location): the background should be all firms of the "
            "economy, the industry's own included").format(missing=missing, n=n, label=label))
    elif n > MOSTLY_INDUSTRY * m:
        notes.append(
            tr("the industry is {n:.0f} % of {label} ({n2} of {m} firms): the "
            "simulated draws are mostly the industry's own firms, so the band hugs "
            "its curve and Γ(A) is small; use all firms of the economy as background").format(
                n=100 * n / m, label=label, n2=n, m=m))
    return notes


def mostly_background_notes(sizes, m):
    """The industry of an economy run ({code: firms}) that is more than half
    of the background (there can be one at most)."""
    return [tr("industry {code} is {n:.0f} % of the background ({n2} of {m} "
            "firms): its draws are mostly its own firms, so its band hugs its curve and "
            "its Γ says little. A catch-all code (e.g. 'Other') is better left NULL: its "
            "firms then stay in the background only").format(code=code, n=100 * n / m, n2=n, m=m)
            for code, n in sizes.items() if n > MOSTLY_INDUSTRY * m]


def distance_notes(industry, distances, units, metric="planar"):
    """A largest distance beyond the industry's extent: the curve is 0 there."""
    span = diameter(industry, metric)
    d_max = float(distances[-1])
    if span > 0 and float(distances[0]) >= span:
        raise QgsProcessingException(tr(
            "every distance is at or beyond the largest distance between two industry "
            "firms ({span:.6g} {units}): the DO curve would be 0 everywhere. Lower "
            "'Smallest distance' and 'Largest distance'").format(span=span, units=units))
    if span > 0 and d_max > 1.5 * span:
        return [tr("the 'Largest distance' ({d_max:g} {units}) is beyond the largest distance "
                "between two industry firms ({span:.6g} {units}): the curve is about 0 past "
                "it and Γ(A) gains nothing there; a smaller 'Largest distance' gives a finer "
                "step for the same number of distances").format(
            d_max=d_max, units=units, span=span)]
    return []


def curve_notes(curve, distances, units, fixed_bandwidth):
    """Steps and range against the bandwidth h of the observed curve."""
    notes = []
    h = float(curve.bandwidth)
    step = float(np.median(np.diff(distances))) if distances.size > 1 else 0.0
    if step > h:
        notes.append(
            tr("the 'Distance step' ({step:g} {units}) is larger than the bandwidth h "
            "({h:.4g} {units}): the curve changes over about h, so steps this coarse "
            "can miss its crests and troughs, and h_max is only known to a step; use a "
            "step of at most {n:.3g} {units}").format(step=step, units=units, h=h, n=h / 2))
    if float(distances[-1]) < 3 * h:
        notes.append(
            tr("the distances end at {end:g} {units}, less than three "
            "bandwidths (h = {h:.4g} {units}): the curve is smoothed over most of the "
            "range, so agglomeration and its boundary h_max cannot show; extend "
            "the 'Largest distance'{lower}").format(
                end=float(distances[-1]), units=units, h=h,
                lower=tr(" or lower the 'Kernel bandwidth h'") if fixed_bandwidth else ""))
    if curve.n_sim == 0:
        notes.append(tr("'Monte-Carlo simulations' = 0: the observed curve only, without a "
                     "band, Γ, Ψ or h_max; give simulations (1000 is the paper's) to test it"))
    elif curve.n_sim < MANY_SIMULATIONS:
        notes.append(
            tr("only {n_sim} simulations: the global band is set by its few most "
            "extreme draws, so Γ(A) and h_max vary from seed to seed; the paper "
            "uses 1000").format(n_sim=curve.n_sim))
    return notes


def scale_notes(industry, h, peak, units, name="'Boundary distance ĥ'", metric="planar"):
    """A global LDO scale ĥ (and peak d̂) against the industry's distances
    (``metric`` "geodesic": longitude, latitude and metres on the Earth)."""
    from scipy.spatial import cKDTree
    notes = []
    n = industry.shape[0]
    span = diameter(industry, metric)
    if span > 0 and h > span:
        notes.append(
            tr("{name} = {h:g} {units} is larger than the largest distance between two "
            "industry firms ({span:.6g} {units}): every firm weighs every other about "
            "equally, so the LDO index hardly differs between firms and its core firms "
            "mean little; use the h_max of 'DO curve and localization index'").format(
                name=name, h=h, units=units, span=span))
    if n > 1:
        pts, radius = industry, 3 * h
        if metric == "geodesic":        # chords between Earth-centred points
            from ...core.geodesic import chord, ecef, lonlat
            pts, radius = ecef(lonlat(industry)), float(chord(3 * h))
        d, _ = cKDTree(pts).query(pts, k=2)
        far = float(np.mean(d[:, 1] > radius))
        if far >= 0.9:
            notes.append(
                tr("{name} = {h:g} {units} is small: {n:.0f} % of the firms have no "
                "other firm within 3 ĥ, so their LDO is about 0 and the core firms are "
                "the few with a close neighbour; check the units of ĥ (the layer is in "
                "{units}) or use h_max").format(name=name, h=h, units=units, n=100 * far))
    if peak and span > 0 and peak > span:
        notes.append(
            tr("'Peak distance d̂' = {peak:g} {units} is beyond the largest distance between "
            "two industry firms ({span:.6g} {units}): every LDO value is about 0").format(
                peak=peak, units=units, span=span))
    return notes


def ignored_notes(alg, parameters, context, scale=None, weighted=False, selection=None):
    """Parameters given but not used by the chosen options."""
    notes = []
    if scale == "local" and alg.is_set(parameters, "BOUNDARY_DISTANCE"):
        notes.append(tr("'Boundary distance ĥ' is ignored at the local scale (every firm uses "
                     "its own h_i); choose the global 'Scale' to use it"))
    if not weighted and alg.parameterDefinition("WEIGHT_MODE") is not None and \
            alg.enum(parameters, "WEIGHT_MODE", context) not in (None, "", "product"):
        notes.append(tr("'Weight mode' is ignored without a 'Weight field'"))
    if selection == "threshold" and alg.is_set(parameters, "BACKGROUND"):
        notes.append(tr("the 'Background' is ignored with the 'Selection of core firms' "
                     "threshold (only the local test draws from it)"))
    return notes


def local_test_notes(n_sim):
    if n_sim < MANY_SIMULATIONS:
        return [tr("only {n_sim} simulations in the local test: a firm is core when it "
                "beats all {n_sim}, a test at level {n:.2g}; the paper "
                "uses 999").format(n_sim=n_sim, n=1 / (n_sim + 1))]
    return []


def push(feedback, notes):
    for note in notes:
        feedback.pushWarning(tr(sentence(note)))
    return notes
