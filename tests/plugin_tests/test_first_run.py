"""A new user's first run (issue 18): defaults that give a real answer,
labels and messages that say what they mean, every run naming its engine.
Every case through processing.run, with the exact message in the log and
the report."""
import html

import numpy as np
import pytest
from scipy.spatial.distance import pdist

from .helpers import point_layer
from .test_plugin_inputs import Log

OUTS = ("CURVE", "GLOBAL_FIRMS", "BOUNDARY", "AGGLOMERATION_CENTRE", "LOCAL_FIRMS",
        "CLUSTERS", "CENTRES")


def framework(run, tmp_path, ind, bg, **extra):
    """doldo:framework with files for every output; (results, log, report)."""
    log = Log()
    p = {"INPUT": ind, "BACKGROUND": bg, "SIMULATIONS": 1000, "SEED": 1,
         "OUTPUT_HTML": str(tmp_path / "r.html")}
    p.update({k: str(tmp_path / f"{k.lower()}.gpkg") for k in OUTS})
    p.update(extra)
    res = run("doldo:framework", p, feedback=log)
    with open(tmp_path / "r.html", encoding="utf-8") as f:
        report = html.unescape(f.read())
    return res, log.all(), report


def medians(xy):
    d = pdist(xy)
    return float(np.median(d)), float(d.max())


# ---- 1. the default distance range ----------------------------------------------------
def test_default_range_is_extended_until_gamma_comes_back_to_0(run, paracou_layers,
                                                                paracou_arrays, tmp_path):
    """V. Americana against all trees, the dialog's defaults (seed 1): on the
    median pair distance (87.2067 m) h_max is only the last distance; the
    range is extended by half (0-130.81 m, the same step) and h_max is the
    real 86.33 m, as the core finds on that range."""
    from doldo.core import do_curve
    ind, bg = paracou_layers
    xy, bxy = paracou_arrays[0], paracou_arrays[1]
    med, span = medians(xy)
    step = med / 100
    first = do_curve(xy, bxy, step * np.arange(101), n_sim=1000, seed=1)
    assert first.h_max_at_end and first.h_max == pytest.approx(med)   # the case
    longer = step * np.arange(int(np.floor(1.5 * med / step + 1e-9)) + 1)
    ref = do_curve(xy, bxy, longer, n_sim=1000, seed=1)
    assert not ref.h_max_at_end
    res, log, report = framework(run, tmp_path, ind, bg)
    assert res["H_MAX"] == pytest.approx(ref.h_max, rel=1e-12)
    assert res["H_MAX"] == pytest.approx(86.3346, abs=1e-4)
    assert res["GLOBAL_CORE_FIRMS"] == 48
    assert (f"'Largest distance' is empty: the distances start with the median pair "
            f"distance of the industry, {med:.6g} meters, and are extended while h_max is "
            "only the last distance") in log
    assert (f"h_max is only the last distance ({med:g} meters): Γ(A,d) has not come back "
            f"to 0, so the distances are extended by half to {longer[-1]:g} meters (the "
            f"same step, {step:.6g} meters; at most the industry's largest pair distance, "
            f"{span:.6g} meters)") in log
    assert f"DO curve of 90 firms: 151 distances from 0 to {longer[-1]:g} meters" in log
    assert "extend the distance range" not in log     # the core's advice was followed
    assert (f"151 distances from 0 to {longer[-1]:g} meters, step {step:g} (chosen from "
            f"the data: the median pair distance {med:.6g}, extended to {longer[-1]:g})"
            ) in report


def test_a_largest_distance_given_is_kept_and_its_last_distance_is_no_boundary(
        run, paracou_layers, tmp_path):
    """The same run with 'Largest distance' = the median: no extension, h_max
    is the last distance, so the framework goes on at the local scale only:
    H_MAX is NULL and no global core firm, boundary or centre is written."""
    ind, bg = paracou_layers
    med = 87.20665112249179
    res, log, report = framework(run, tmp_path, ind, bg, DISTANCE_MAX=med)
    assert res["H_MAX"] is None and res["GLOBAL_CORE_FIRMS"] is None
    assert "extended by half" not in log
    assert (f"h_max is the last distance ({med:g}): Γ(A,d) neither falls to 0 nor has a "
            "significant trough inside the distances; extend the distance range") in log
    at_end = (f"h_max is only the last distance ({med:g} meters), where Γ(A,d) has not come "
              "back to 0: it is not a boundary, so there is no global scale (no global core "
              "firms, boundary or agglomeration centre) and H_MAX is NULL; the curve and the "
              "local scale are still given")
    assert "Step 3/5 skipped: " + at_end in log
    assert at_end[0].upper() + at_end[1:] + "." in report or at_end + "." in report
    for name in ("GLOBAL_FIRMS", "BOUNDARY", "AGGLOMERATION_CENTRE"):
        assert not (tmp_path / f"{name.lower()}.gpkg").exists(), name
    assert res["CORE_FIRMS"] == 18 and (tmp_path / "local_firms.gpkg").exists()


def test_default_range_stops_at_the_industry_and_says_so(run, tmp_path):
    """Firms spread evenly over a disc in a wide background: Γ(A,d) > 0 up
    to the industry's largest pair distance. The range grows by half while
    it can (87 -> 131 -> ... -> the diameter) and then says why h_max is
    still the last distance; the framework keeps to the local scale."""
    rng = np.random.default_rng(5)
    r, t = 400 * np.sqrt(rng.uniform(0, 1, 40)), rng.uniform(0, 2 * np.pi, 40)
    xy = np.c_[5000 + r * np.cos(t), 5000 + r * np.sin(t)]
    bxy = np.r_[xy, rng.uniform(0, 10000, (400, 2))]
    med, span = medians(xy)
    res, log, report = framework(run, tmp_path, point_layer(xy), point_layer(bxy),
                                 SIMULATIONS=99, SEED=3)
    step = med / 100
    ends, last = [], med
    while last < span * (1 - 1e-9):
        k = int(np.floor((min(1.5 * last, span)) / step + 1e-9))
        if k * step <= last * (1 + 1e-12):
            break
        last = k * step
        ends.append(last)
    assert len(ends) >= 2
    assert log.count("so the distances are extended by half") == len(ends)
    assert f"extended by half to {ends[-1]:g} meters" in log
    msg = (f"h_max is only the last distance ({ends[-1]:g} meters) even with the distances "
           f"extended to the industry's largest pair distance ({span:.6g} meters): Γ(A,d) "
           "does not come back to 0 within the industry, so h_max is not a boundary")
    assert msg in log and msg in report
    assert res["H_MAX"] is None and res["GLOBAL_CORE_FIRMS"] is None
