"""Inputs that run but mislead (issue 11, part 3): every case through
processing.run, with the exact message in the log, in the report where
the algorithm writes one, or as the error when the result could mean
nothing. The README's "Odd inputs" section lists the same cases."""
import html
import math

import numpy as np
import pytest
from scipy.spatial.distance import pdist

from .helpers import point_layer
from .test_plugin_inputs import Log

RNG = np.random.default_rng(17)
# 60 firms of an industry in two blobs of a 10 km square, in a background of
# 600 firms (the industry's included), meters
IND = np.r_[RNG.normal(3000, 150, (30, 2)), RNG.normal(7000, 150, (30, 2))]
BG = np.r_[IND, RNG.uniform(0, 10000, (540, 2))]
SPAN = float(pdist(IND).max())
CURVE = {"SIMULATIONS": 99, "SEED": 3, "DISTANCE_MAX": 2000, "DISTANCE_STEP": 20}


# a docurve run of layers in degrees: distances in metres of the UTM zone
IN_DEGREES = {"DISTANCE_MAX": 200000, "DISTANCE_STEP": 5000, "SIMULATIONS": 19,
              "CONFIDENCE": 10}


def utm_error(degrees_off):
    """UTM's length error at the equator, ``degrees_off`` from the zone's
    central meridian: k0 / sqrt(1 - sin²(Δλ)) - 1."""
    b = math.sin(math.radians(degrees_off))
    return 0.9996 / math.sqrt(1 - b * b) - 1


def docurve(run, tmp_path, ind=IND, bg=BG, crs="EPSG:32631", **extra):
    """Run doldo:docurve with a report; returns (results, log text, report text)."""
    log = Log()
    p = dict(CURVE, INPUT=point_layer(ind, crs=crs), BACKGROUND=point_layer(bg, crs=crs),
             OUTPUT=str(tmp_path / "c.gpkg"), OUTPUT_HTML=str(tmp_path / "r.html"))
    p.update(extra)
    res = run("doldo:docurve", p, feedback=log)
    with open(tmp_path / "r.html", encoding="utf-8") as f:
        report = html.unescape(f.read())
    return res, log.all(), report


def failure(run, alg, params):
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException) as err:
        run(alg, params)
    return str(err.value)


# ---- CRS ------------------------------------------------------------------------
def test_no_crs_says_layer_units_and_how_to_fix_degrees(run, tmp_path):
    res, log, report = docurve(run, tmp_path, crs="")
    msg = ("'Industry firms' has no coordinate reference system: distances are measured in its "
           "own coordinate units ('layer units'). If these are longitudes and latitudes, "
           "set the layer's CRS (e.g. EPSG:4326) and run again: degrees are not distances")
    assert msg in log and msg in report
    assert "step 20" in report and "layer units" in report
    assert "degree" not in report.replace(msg, "")


def test_geographic_crs_with_projected_coordinates_is_refused(run, tmp_path):
    text = failure(run, "doldo:docurve", dict(
        CURVE, INPUT=point_layer(IND + 2.8e5, crs="EPSG:4326"),
        BACKGROUND=point_layer(BG + 2.8e5, crs="EPSG:4326"), OUTPUT=str(tmp_path / "c.gpkg")))
    far = float((IND + 2.8e5).max())
    assert text == (
        f"'Industry firms' is declared in EPSG:4326 (longitude and latitude in degrees), but its "
        f"coordinates reach {far:.6g}: they are not degrees, so the layer's CRS is set "
        "wrongly. Set its real (projected) CRS in the layer properties (Source, Assigned "
        "CRS) and run again")
    assert not (tmp_path / "c.gpkg").exists()


def test_geographic_layer_beyond_its_utm_zone_says_by_how_much(run, tmp_path):
    # firms from 0 to 9 degrees east at the equator: zone 31 (0-6 E, meridian
    # 3 E) holds the centre; at 9 E (6 degrees off) UTM lengths err by 0.51 %
    lonlat = np.c_[np.r_[np.linspace(0, 1, 30), np.linspace(8, 9, 30)],
                   np.r_[np.linspace(0, 1, 30), np.linspace(0, 1, 30)]]
    bg = np.r_[lonlat, RNG.uniform(0, 9, (200, 2)) * [1, 1 / 9]]
    err = utm_error(9 - 3)
    _, log, report = docurve(run, tmp_path, ind=lonlat, bg=bg, crs="EPSG:4326",
                             DISTANCES=1, **IN_DEGREES)
    msg = ("'Industry firms' reaches beyond its UTM zone (EPSG:32631): distances at its edges are "
           f"too long by up to {100 * err:.2g} %. For exact distances reproject the layers "
           "to a projected CRS made for the area first")
    assert msg in log and msg in report


def test_geographic_layer_far_too_wide_is_refused(run, tmp_path):
    lonlat = RNG.uniform(0, 50, (60, 2))            # the synthetic square read as degrees
    text = failure(run, "doldo:docurve", dict(
        CURVE, INPUT=point_layer(lonlat, crs="EPSG:4326"),
        BACKGROUND=point_layer(np.r_[lonlat, RNG.uniform(0, 50, (100, 2))], crs="EPSG:4326"),
        OUTPUT=str(tmp_path / "c.gpkg"), DISTANCES=1))
    assert text.startswith("'Industry firms' spans ") and "would be wrong by up to" in text
    assert text.endswith("Reproject the layers to an equidistant or local projected CRS "
                         "that fits the whole area and run again")


def test_a_layer_across_the_180_degree_meridian_is_refused(run, tmp_path):
    """Fiji: 177 E to 177 W. Its box spans the globe; it took zone 31 (0-6 E)."""
    lonlat = np.c_[np.r_[RNG.uniform(177, 180, 30), RNG.uniform(-180, -177, 30)],
                   RNG.uniform(-19, -16, 60)]
    text = failure(run, "doldo:docurve", dict(
        CURVE, INPUT=point_layer(lonlat, crs="EPSG:4326"),
        BACKGROUND=point_layer(np.r_[lonlat, lonlat + [0, 0.5]], crs="EPSG:4326"),
        OUTPUT=str(tmp_path / "c.gpkg"), DISTANCES=1))
    assert text.startswith("'Industry firms' spans ") and text.endswith(
        "degrees of longitude (around the globe, or across the 180° meridian): no UTM zone "
        "fits it, and distances would be wrong. Reproject the layers to a projected CRS "
        "made for the area (e.g. an equidistant one centred on it) and run again")


def test_a_layer_near_the_pole_says_ups_shortens_lengths(run, tmp_path):
    lonlat = np.c_[RNG.uniform(-180, 180, 60), RNG.uniform(84.5, 89.5, 60)]
    _, log, _ = docurve(run, tmp_path, ind=lonlat, bg=np.r_[lonlat, lonlat + [0, 0.3]],
                        crs="EPSG:4326", DISTANCES=1, **IN_DEGREES)
    assert ("'Industry firms' reaches beyond its UTM zone (EPSG:32661): distances at its edges are "
            "too short by up to 0.6 %") in log      # k = k0 = 0.994 at the pole


def test_a_background_wider_than_the_zone_of_the_industry(run, tmp_path):
    """The industry near 3 E, its background out to 12 E: the draws come
    from places the zone distorts."""
    ind = np.c_[RNG.uniform(2, 4, 60), RNG.uniform(0, 1, 60)]
    bg = np.r_[ind, np.c_[RNG.uniform(0, 12, 300), RNG.uniform(0, 1, 300)]]
    err = utm_error(12 - 3)
    _, log, report = docurve(run, tmp_path, ind=ind, bg=bg, crs="EPSG:4326",
                             DISTANCES=1, **IN_DEGREES)
    msg = ("'Background' reaches beyond its UTM zone (EPSG:32631): distances at its edges are "
           f"too long by up to {100 * err:.2g} %")
    assert msg in log and msg in report
    assert "'Industry firms' reaches beyond" not in log


def test_a_background_in_another_crs_still_holds_the_industry(run, tmp_path):
    """BACKGROUND in degrees, INPUT in metres: the firms match after the
    reprojection (no false 'not in 'Background''), and the industry alone as
    BACKGROUND is still refused."""
    from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform,
                           QgsPointXY, QgsProject)
    tr = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:32631"),
                                QgsCoordinateReferenceSystem("EPSG:4326"),
                                QgsProject.instance())
    bg_deg = np.array([[p.x(), p.y()] for p in
                       (tr.transform(QgsPointXY(*xy)) for xy in (BG + [5e5, 0]))])
    log = Log()
    run("doldo:docurve", dict(CURVE, INPUT=point_layer(IND + [5e5, 0], crs="EPSG:32631"),
                              BACKGROUND=point_layer(bg_deg, crs="EPSG:4326"),
                              OUTPUT=str(tmp_path / "c.gpkg")), feedback=log)
    log = log.all()
    assert "'Background': reprojected from EPSG:4326 to EPSG:32631" in log
    assert "not in 'Background'" not in log and "none of the industry" not in log
    ind_deg = bg_deg[:60]
    text = failure(run, "doldo:docurve", dict(
        CURVE, INPUT=point_layer(IND + [5e5, 0], crs="EPSG:32631"),
        BACKGROUND=point_layer(ind_deg, crs="EPSG:4326"), OUTPUT=str(tmp_path / "d.gpkg")))
    assert text.startswith("'Background' holds exactly the industry's 60 firms")


def test_a_nan_first_point_in_degrees_is_skipped(run, tmp_path):
    lonlat = np.c_[RNG.uniform(2, 4, 60), RNG.uniform(0, 1, 60)]
    bad = np.r_[[[math.nan, math.nan]], lonlat]
    _, log, _ = docurve(run, tmp_path, ind=bad, bg=np.r_[lonlat, lonlat + [0, 0.5]],
                        crs="EPSG:4326", DISTANCES=1, **IN_DEGREES)
    assert "'Industry firms': 1 feature(s) without geometry (NULL, empty or NaN coordinates) were " \
           "skipped" in log
    assert "internal error" not in log


# ---- the background ---------------------------------------------------------------
def test_background_that_is_the_industry_is_refused(run, tmp_path):
    text = failure(run, "doldo:docurve", dict(
        CURVE, INPUT=point_layer(IND), BACKGROUND=point_layer(IND[::-1]),
        OUTPUT=str(tmp_path / "c.gpkg")))
    assert text == (
        "'Background' holds exactly the industry's 60 firms: every simulated draw would be "
        "the industry itself, so the band would be its own curve and Γ(A) = 0 would say "
        "nothing. Give all firms of the economy (every industry) as 'Background'")
    assert not (tmp_path / "c.gpkg").exists()


def test_background_without_the_industry(run, tmp_path):
    _, log, report = docurve(run, tmp_path, bg=BG[60:])
    msg = ("None of the industry's 60 firms is in 'Background': the background should be "
           "all firms of the economy, the industry's own included, so that the draws "
           "compare the industry with the whole economy; add the industry's firms to the "
           "background (or check that both layers are the same data)")
    assert msg in log and msg in report


def test_background_missing_some_of_the_industry(run, tmp_path):
    _, log, report = docurve(run, tmp_path, bg=BG[5:])
    msg = ("5 of the industry's 60 firms are not in 'Background' (no background firm at "
           "their location): the background should be all firms of the economy, the "
           "industry's own included")
    assert msg in log and msg in report


def test_industry_most_of_the_background(run, tmp_path):
    _, log, report = docurve(run, tmp_path, bg=BG[:100])
    msg = ("The industry is 60 % of 'Background' (60 of 100 firms): the simulated draws are "
           "mostly the industry's own firms, so the band hugs its curve and Γ(A) is "
           "small; use all firms of the economy as background")
    assert msg in log and msg in report


# ---- distances ----------------------------------------------------------------------
def test_distance_max_beyond_the_industry(run, tmp_path):
    _, log, report = docurve(run, tmp_path, DISTANCE_MAX=20000, DISTANCE_STEP=200)
    msg = (f"The 'Largest distance' (20000 meters) is beyond the largest distance between "
           f"two industry firms ({SPAN:.6g} meters): the curve is about 0 past it and Γ(A) "
           "gains nothing there; a smaller 'Largest distance' gives a finer step for the "
           "same number of distances")
    assert msg in log and msg in report


def test_distances_all_beyond_the_industry_are_refused(run, tmp_path):
    text = failure(run, "doldo:docurve", dict(
        CURVE, INPUT=point_layer(IND), BACKGROUND=point_layer(BG), DISTANCE_MIN=20000,
        DISTANCE_MAX=30000, DISTANCE_STEP=1000, OUTPUT=str(tmp_path / "c.gpkg")))
    assert text == (f"every distance is at or beyond the largest distance between two "
                    f"industry firms ({SPAN:.6g} meters): the DO curve would be 0 everywhere. "
                    "Lower 'Smallest distance' and 'Largest distance'")


def test_step_coarser_than_the_bandwidth(run, tmp_path):
    res, log, report = docurve(run, tmp_path, DISTANCE_MAX=6000, DISTANCE_STEP=500)
    h = res["BANDWIDTH"]
    assert h < 500
    msg = (f"The 'Distance step' (500 meters) is larger than the bandwidth h ({h:.4g} "
           "meters): "
           "the curve changes over about h, so steps this coarse can miss its crests "
           "and troughs, and h_max is only known to a step; use a step of at most "
           f"{h / 2:.3g} meters")
    assert msg in log and msg in report


def test_distances_shorter_than_three_bandwidths(run, tmp_path):
    res, log, report = docurve(run, tmp_path, DISTANCE_MAX=100, DISTANCE_STEP=5)
    h = res["BANDWIDTH"]
    msg = (f"The distances end at 100 meters, less than three bandwidths (h = {h:.4g} "
           "meters): the curve is smoothed over most of the range, so agglomeration and "
           "its boundary h_max cannot show; extend the 'Largest distance'")
    assert msg in log and msg in report
    _, log2, _ = docurve(run, tmp_path, DISTANCE_MAX=100, DISTANCE_STEP=5, BANDWIDTH=50)
    assert ("extend the 'Largest distance' or lower the 'Kernel bandwidth h'") in log2


@pytest.mark.parametrize("n_sim,msg", [
    (0, "'Monte-Carlo simulations' = 0: the observed curve only, without a band, Γ, Ψ or "
        "h_max; give simulations (1000 is the paper's) to test it"),
    (19, "Only 19 simulations: the global band is set by its few most extreme draws, so "
         "Γ(A) and h_max vary from seed to seed; the paper uses 1000"),
])
def test_few_simulations(run, tmp_path, n_sim, msg):
    _, log, report = docurve(run, tmp_path, SIMULATIONS=n_sim, CONFIDENCE=10)
    assert msg in log and msg in report


# ---- the LDO scale ----------------------------------------------------------------
def ldo_log(run, tmp_path, alg="doldo:ldo", **params):
    log = Log()
    p = {"INPUT": point_layer(IND, crs="EPSG:32631"), "OUTPUT": str(tmp_path / "l.gpkg")}
    p.update(params)
    run(alg, p, feedback=log)
    return log.all()


def test_boundary_distance_wider_than_the_industry(run, tmp_path):
    log = ldo_log(run, tmp_path, SCALE="global", BOUNDARY_DISTANCE=50000)
    assert (f"'Boundary distance ĥ' = 50000 meters is larger than the largest distance "
            f"between two industry firms ({SPAN:.6g} meters): every firm weighs every "
            "other about equally, so the LDO index hardly differs between firms and its "
            "core firms mean little; use the h_max of 'DO curve and localization index'"
            ) in log


def test_boundary_distance_below_the_firms_spacing(run, tmp_path):
    log = ldo_log(run, tmp_path, "doldo:mclmldo", SCALE="global", BOUNDARY_DISTANCE=0.5,
                  CLUSTERS=str(tmp_path / "c.gpkg"), CENTRES=str(tmp_path / "ce.gpkg"),
                  BOUNDARY=str(tmp_path / "b.gpkg"))
    assert ("'Boundary distance ĥ' = 0.5 meters is small: 100 % of the firms have no other "
            "firm within 3 ĥ, so their LDO is about 0 and the core firms are the few with "
            "a close neighbour; check the units of ĥ (the layer is in meters) or use h_max"
            ) in log


def test_peak_distance_beyond_the_industry(run, tmp_path):
    log = ldo_log(run, tmp_path, SCALE="global", BOUNDARY_DISTANCE=300, PEAK_DISTANCE=40000)
    assert (f"'Peak distance d̂' = 40000 meters is beyond the largest distance between two "
            f"industry firms ({SPAN:.6g} meters): every LDO value is about 0") in log


def test_parameters_that_the_options_ignore(run, tmp_path):
    log = ldo_log(run, tmp_path, SCALE="local", BOUNDARY_DISTANCE=300, WEIGHT_MODE="sum")
    assert ("'Boundary distance ĥ' is ignored at the local scale (every firm uses its own "
            "h_i); choose the global 'Scale' to use it") in log
    assert "'Weight mode' is ignored without a 'Weight field'" in log
    sinks = {k: str(tmp_path / f"{k}.gpkg") for k in ("OUTPUT", "CLUSTERS", "CENTRES",
                                                      "BOUNDARY")}
    log2 = Log()
    run("doldo:mclmlk", {"INPUT": point_layer(IND), "BACKGROUND": point_layer(BG),
                         "BOUNDARY_DISTANCE": 300, "SELECTION": "threshold", **sinks},
        feedback=log2)
    assert ("The 'Background' is ignored with the 'Selection of core firms' threshold (only "
            "the local test draws from it)") in log2.all()


def test_local_test_with_few_simulations_and_a_foreign_background(run, tmp_path):
    sinks = {k: str(tmp_path / f"{k}.gpkg") for k in ("OUTPUT", "CLUSTERS", "CENTRES",
                                                      "BOUNDARY")}
    log = Log()
    run("doldo:mclmlk", {"INPUT": point_layer(IND), "BACKGROUND": point_layer(BG[60:]),
                         "BOUNDARY_DISTANCE": 300, "SELECTION": "local test",
                         "SIMULATIONS": 19, "SEED": 1, **sinks}, feedback=log)
    assert ("Only 19 simulations in the local test: a firm is core when it beats all 19, "
            "a test at level 0.05; the paper uses 999") in log.all()
    assert "None of the industry's 60 firms is in 'Background'" in log.all()


# ---- evaluation ----------------------------------------------------------------------
def test_evaluation_without_a_truly_core_firm(run, tmp_path):
    layer = point_layer(IND[:10], fields=[("core", "integer"), ("truth", "string")],
                        values=[[i % 2, "sparse"] for i in range(10)])
    log = Log()
    res = run("doldo:evaluate", {"INPUT": layer, "PREDICTED_FIELD": "core",
                                 "TRUTH_FIELD": "truth", "TRUTH_CORE_VALUE": "core"},
              feedback=log)
    assert res["RECALL"] is None or res["RECALL"] != res["RECALL"]
    assert ("no firm of 'Firms with predicted and true core status' has truth = 'core': recall is undefined (NULL); check "
            "the 'Truth field' and the 'Truth value of core firms'") in log.all()


def test_an_internal_error_is_a_plain_message_and_leaves_no_file(run, tmp_path, monkeypatch):
    """Any exception of the core that is not a ValueError (a bug) reaches the
    user as one plain sentence, never a RuntimeError or a traceback, and the
    partial outputs are removed."""
    import doldo.core
    from qgis.core import QgsProcessingException

    def broken(*args, **kwargs):
        raise RuntimeError("pair-distance quantile did not converge")
    monkeypatch.setattr(doldo.core, "do_curve", broken)
    with pytest.raises(QgsProcessingException) as err:
        run("doldo:docurve", dict(CURVE, INPUT=point_layer(IND), BACKGROUND=point_layer(BG),
                                  OUTPUT=str(tmp_path / "c.gpkg"),
                                  OUTPUT_HTML=str(tmp_path / "r.html")))
    assert str(err.value) == (
        "DO-LDO stopped on an internal error (RuntimeError: pair-distance quantile did not "
        "converge). This is a bug, not a problem of your data: please report it with the "
        "log above.")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("alg,extra", [("doldo:industries", {}),
                                       ("doldo:colocalization", {"TOP": 2})])
def test_an_industry_that_is_most_of_the_economy(run, paracou_gpkg, tmp_path, alg, extra):
    """Paracou's species code 'Other' is 2,309 of its 2,426 trees."""
    log = Log()
    out = {"doldo:industries": "SUMMARY", "doldo:colocalization": "PAIRS"}[alg]
    p = dict(extra, INPUT=f"{paracou_gpkg}|layername=trees", INDUSTRY_FIELD="species",
             SIMULATIONS=39, SEED=1, DISTANCE_MAX=60, DISTANCE_STEP=4,
             OUTPUT_HTML=str(tmp_path / "r.html"), CURVES=str(tmp_path / "c.gpkg"))
    p[out] = str(tmp_path / "s.gpkg")
    run(alg, p, feedback=log)
    msg = ("Industry Other is 95 % of the background (2309 of 2426 firms): its draws are "
           "mostly its own firms, so its band hugs its curve and its Γ says little. A "
           "catch-all code (e.g. 'Other') is better left NULL: its firms then stay in the "
           "background only")
    with open(tmp_path / "r.html", encoding="utf-8") as f:
        report = html.unescape(f.read())
    assert msg in log.all() and msg in report
    assert "V. Americana is" not in log.all()


def _economy_layer(codes):
    return point_layer(BG[:len(codes)], crs="EPSG:32631", fields=[("code", "string")],
                       values=[[c] for c in codes])


def _industries(run, tmp_path, codes, **extra):
    log = Log()
    p = dict(CURVE, INPUT=_economy_layer(codes), INDUSTRY_FIELD="code",
             SUMMARY=str(tmp_path / "s.gpkg"), CURVES=str(tmp_path / "c.gpkg"))
    p.update(extra)
    res = run("doldo:industries", p, feedback=log)
    return res, log.all()


def test_industry_codes_null_or_blank_for_every_firm_are_refused(run, tmp_path):
    msg = failure(run, "doldo:industries", dict(
        CURVE, INPUT=_economy_layer([None, "", "  "] * 50), INDUSTRY_FIELD="code",
        SUMMARY=str(tmp_path / "s.gpkg"), CURVES=str(tmp_path / "c.gpkg")))
    assert msg.startswith("the 'Industry field' ('code') is NULL or blank for every firm: choose "
                          "the field that holds each firm's industry code")


def test_firms_without_a_code_and_industries_too_small(run, tmp_path):
    codes = ["A"] * 8 + [None] * 2 + [""] * 3 + ["B"] * 5 + ["C"] * 582
    res, log = _industries(run, tmp_path, codes)
    assert ("5 firm(s) have no industry code (NULL or blank in 'code'): they stay in the "
            "background but belong to no industry") in log
    assert "(3 codes in 'code')" in log
    assert res["INDUSTRIES"] == 1                      # C only: A and B have < 10 firms
    res, log = _industries(run, tmp_path, codes, MIN_FIRMS=600)
    assert res["INDUSTRIES"] == 0
    assert ("No industry has 600 firms or more (the 'Smallest industry analysed'): nothing "
            "was analysed") in log


def test_nothing_analysed_for_another_reason_says_that_reason(run, tmp_path):
    res, log = _industries(run, tmp_path, ["A"] * 50)
    assert res["INDUSTRIES"] == 0
    assert ("No industry was analysed (A: the industry holds every firm of the background: "
            "no counterfactual to draw)") in log
