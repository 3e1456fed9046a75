"""Issue 5, plugin side: every bad input stops with a plain message (the
core's ValueError text, or a plugin one for layer problems) and leaves no
output file; data problems that are not fatal are logged; an output that
cannot be written fails before any computation; cancel or failure midway
removes the partial outputs and leaves the inputs untouched; two algorithms
run at once from two threads; the same under a real qgis_process.bin."""
import math
import os
import threading
import time

import numpy as np
import pytest

from .helpers import fingerprint, layer_of, point_layer, write_gpkg
from .test_plugin_inputs import Log

RNG = np.random.default_rng(5)
XY = RNG.random((40, 2)) * 1000.0          # 40 industry firms
BXY = np.vstack([XY, RNG.random((360, 2)) * 1000.0])   # 400 background firms


def core_message(func, *args, **kwargs):
    """The core's ValueError text for the same arrays."""
    with pytest.raises(ValueError) as err:
        func(*args, **kwargs)
    return str(err.value)


def outputs_in(folder):
    return sorted(p.name for p in folder.iterdir())


# --------------------------------------------------------------------------
# bad input -> QgsProcessingException with the exact message, nothing written
# --------------------------------------------------------------------------
def bad_case(case, tmp_path):
    """(algorithm, parameters, expected message). Core-checked inputs expect
    exactly the core's ValueError text for the same arrays."""
    from doldo import core
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
    ind, bg = point_layer(XY), point_layer(BXY)
    d = np.linspace(0, 500, 51)
    curve = {"INPUT": ind, "BACKGROUND": bg, "SIMULATIONS": 20, "SEED": 1,
             "DISTANCE_MAX": 500, "DISTANCE_STEP": 10,
             "OUTPUT_HTML": str(tmp_path / "report.html")}
    local = {"INPUT": ind, "SCALE": "local"}

    def weighted(values, xy=XY, ftype="double"):
        return point_layer(xy, fields=[("w", ftype)],
                           values=[[v if v is None or isinstance(v, str) else float(v)]
                                   for v in values])

    if case == "empty layer":
        return ("doldo:ldo", dict(local, INPUT=point_layer(np.empty((0, 2)))),
                core_message(core.local_bandwidths, np.empty((0, 2))))
    if case == "empty layer (DO curve)":
        return ("doldo:docurve", dict(curve, INPUT=point_layer(np.empty((0, 2))),
                                      DISTANCE_MAX=None, DISTANCE_STEP=None),
                core_message(core.do_curve, np.empty((0, 2)), BXY, d, n_sim=20))
    if case == "empty background":
        return ("doldo:docurve", dict(curve, BACKGROUND=point_layer(np.empty((0, 2)))),
                core_message(core.do_curve, XY, np.empty((0, 2)), d, n_sim=20))
    if case in ("non-point layer", "non-point background"):
        poly = QgsVectorLayer("Polygon?crs=EPSG:32622", "p", "memory")
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromWkt("POLYGON((0 0,1 0,1 1,0 0))"))
        poly.dataProvider().addFeatures([f])
        if case == "non-point layer":
            return ("doldo:ldo", dict(local, INPUT=poly),
                    "'Industry firms' must be a point layer (one point per firm); got geometry type Polygon")
        return ("doldo:docurve", dict(curve, BACKGROUND=poly),
                "'Background' must be a point layer (one point per firm); got geometry type "
                "Polygon")
    if case == "fewer than 3 firms":
        return ("doldo:ldo", dict(local, INPUT=point_layer(XY[:2])),
                core_message(core.local_bandwidths, XY[:2]))
    if case == "fewer than 3 firms (DO curve)":
        return ("doldo:docurve", dict(curve, INPUT=point_layer(XY[:2])),
                core_message(core.do_curve, XY[:2], BXY, d, n_sim=20))
    if case == "background smaller than the industry":
        return ("doldo:docurve", dict(curve, BACKGROUND=point_layer(XY[:20])),
                core_message(core.do_curve, XY, XY[:20], d, n_sim=20))
    if case in ("infinite coordinates", "infinite coordinates (background)"):
        bad = np.vstack([XY, [[math.inf, 3.0]]])
        msg = core_message(core.ldo_index, bad, 50.0)
        if case == "infinite coordinates":
            return ("doldo:ldo", dict(local, INPUT=point_layer(bad)),
                    msg.replace("industry firms", "'Industry firms'"))
        return ("doldo:docurve", dict(curve, BACKGROUND=point_layer(np.vstack([BXY, bad[-1:]]))),
                msg.replace("industry firms", "'Background'"))
    if case == "all firms at one location":
        one = np.full((10, 2), 500.0)
        return ("doldo:docurve", dict(curve, INPUT=point_layer(one), DISTANCE_MAX=None,
                                      DISTANCE_STEP=None),
                core_message(core.do_curve, one, BXY, d, n_sim=20))
    if case == "all firms at one location (local scale)":
        one = np.full((10, 2), 500.0)
        return ("doldo:mclmldo", dict(local, INPUT=point_layer(one)),
                core_message(core.local_bandwidths, one))
    if case == "NULL weight":
        return ("doldo:ldo", dict(local, INPUT=weighted([None] + [1.0] * 39), WEIGHT_FIELD="w"),
                "'Industry firms': 1 feature(s) have NULL in the weight field 'w'; fill them in or "
                "filter them out")
    if case == "negative weight":
        w = np.r_[-1.0, np.ones(39)]
        return ("doldo:ldo", dict(local, INPUT=weighted(list(w)), WEIGHT_FIELD="w"),
                core_message(core.ldo_index, XY, 50.0, weights=w))
    if case == "all weights zero":
        w = np.zeros(40)
        return ("doldo:ldo", dict(local, INPUT=weighted(list(w)), WEIGHT_FIELD="w"),
                core_message(core.ldo_index, XY, 50.0, weights=w))
    if case == "negative background weight":
        bw = np.r_[np.ones(399), -2.0]
        return ("doldo:docurve", dict(curve, INPUT=weighted([1.0] * 40),
                                      BACKGROUND=weighted(list(bw), BXY), WEIGHT_FIELD="w"),
                core_message(core.do_curve, XY, BXY, d, n_sim=20, weights=np.ones(40),
                             background_weights=bw))
    if case == "non-numeric weight field":
        return ("doldo:ldo", dict(local, INPUT=weighted(["a"] * 40, ftype="string"),
                                  WEIGHT_FIELD="w"),
                "'Industry firms': the weight field 'w' is not numeric")
    if case == "distances not increasing":
        return ("doldo:docurve", dict(curve, DISTANCE_MIN=50, DISTANCE_MAX=10),
                "'Largest distance' (10) must be greater than 'Smallest distance' (50)")
    if case == "step < 0":
        return ("doldo:docurve", dict(curve, DISTANCE_STEP=-1),
                "'Distance step' must be at least 0, got -1")
    if case == "step = 0":
        return ("doldo:docurve", dict(curve, DISTANCE_STEP=0),
                "'Distance step' must be greater than 0, got 0 (leave it empty for (largest "
                "− smallest distance) / 100)")
    if case == "step larger than the range":
        return ("doldo:docurve", dict(curve, DISTANCE_STEP=600),
                "'Distance step' is larger than the distance range: need at least two distances")
    if case == "too few simulations":
        return ("doldo:docurve", dict(curve, SIMULATIONS=19),
                core_message(core.do_curve, XY, BXY, d, n_sim=19, confidence=0.05))
    if case == "too few simulations (1 %)":
        return ("doldo:docurve", dict(curve, SIMULATIONS=50, CONFIDENCE=1),
                core_message(core.do_curve, XY, BXY, d, n_sim=50, confidence=0.01))
    if case == "confidence 0":
        return ("doldo:docurve", dict(curve, CONFIDENCE=0),
                "'Significance level of the global band' must be at least 0.01, got 0")
    if case == "confidence > 50":
        return ("doldo:docurve", dict(curve, CONFIDENCE=60),
                "'Significance level of the global band' must be at most 50, got 60")
    if case == "h = 0":
        return ("doldo:ldo", {"INPUT": ind, "SCALE": "global", "BOUNDARY_DISTANCE": 0},
                "'Boundary distance ĥ' is required for the global scale and must be greater "
                "than 0: use the h_max of 'DO curve and localization index' (if that found "
                "no h_max the industry is not localized at short distances), or choose "
                "the local 'Scale'")
    if case == "h missing":
        return ("doldo:ldo", {"INPUT": ind, "SCALE": "global"},
                bad_case("h = 0", tmp_path)[2])
    if case == "h < 0":
        return ("doldo:mclmldo", {"INPUT": ind, "SCALE": "global", "BOUNDARY_DISTANCE": -5},
                "'Boundary distance ĥ' must be at least 0, got -5")
    if case == "h = 0 (baseline)":
        return ("doldo:mclmlk", {"INPUT": ind, "BACKGROUND": bg, "BOUNDARY_DISTANCE": 0,
                                 "SELECTION": "threshold"},
                "'Boundary distance ĥ' must be greater than 0 (normally the h_max of "
                "'DO curve and localization index')")
    if case == "negative peak distance":
        return ("doldo:ldo", {"INPUT": ind, "SCALE": "global", "BOUNDARY_DISTANCE": 50,
                              "PEAK_DISTANCE": -1},
                "'Peak distance d̂' must be at least 0, got -1")
    if case == "local test without background":
        return ("doldo:mclmlk", {"INPUT": ind, "BOUNDARY_DISTANCE": 50,
                                 "SELECTION": "local test", "SIMULATIONS": 19},
                "The local test needs the 'Background' layer (all firms)")
    raise AssertionError(case)


BAD_CASES = [
    "empty layer", "empty layer (DO curve)", "empty background", "non-point layer",
    "non-point background", "fewer than 3 firms", "fewer than 3 firms (DO curve)",
    "background smaller than the industry", "infinite coordinates",
    "infinite coordinates (background)", "all firms at one location",
    "all firms at one location (local scale)", "NULL weight", "negative weight",
    "all weights zero", "negative background weight", "non-numeric weight field",
    "distances not increasing", "step < 0", "step = 0", "step larger than the range",
    "too few simulations", "too few simulations (1 %)", "confidence 0", "confidence > 50",
    "h = 0", "h missing", "h < 0", "h = 0 (baseline)", "negative peak distance",
    "local test without background",
]

SINKS = {"doldo:ldo": ["OUTPUT"], "doldo:docurve": ["OUTPUT"],
         "doldo:mclmldo": ["OUTPUT", "CLUSTERS", "CENTRES", "BOUNDARY"],
         "doldo:mclmlk": ["OUTPUT", "CLUSTERS", "CENTRES", "BOUNDARY"]}


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_input_gives_the_plain_message_and_no_output(run, tmp_path, case):
    from qgis.core import QgsProcessingException
    alg, params, expected = bad_case(case, tmp_path)
    params = {k: v for k, v in params.items() if v is not None}
    for name in SINKS[alg]:
        params[name] = str(tmp_path / f"{name.lower()}.gpkg")
    with pytest.raises(QgsProcessingException) as err:
        run(alg, params)
    # processing.run prefixes QGIS's parameter check with "Unable to execute algorithm"
    assert str(err.value).split("\n")[-1] == expected
    assert "Traceback" not in str(err.value)
    assert outputs_in(tmp_path) == []


# --------------------------------------------------------------------------
# not fatal: skipped / exploded / warned, and the result is produced
# --------------------------------------------------------------------------
def test_empty_and_nan_geometries_are_skipped_and_counted(run, tmp_path):
    from qgis.core import QgsFeature, QgsGeometry, QgsPoint
    layer = point_layer(XY, fields=[("name", "string")], values=[[f"f{i}"] for i in range(40)])
    extra = []
    for g in (QgsGeometry(), QgsGeometry(QgsPoint()),     # NULL, POINT EMPTY
              QgsGeometry.fromWkt("POINT(nan nan)"), QgsGeometry(QgsPoint(3.0, math.nan))):
        f = QgsFeature(layer.fields())
        f.setGeometry(g)
        f.setAttributes(["bad"])
        extra.append(f)
    layer.dataProvider().addFeatures(extra)
    log = Log()
    res = run("doldo:ldo", {"INPUT": layer, "SCALE": "local",
                            "OUTPUT": str(tmp_path / "o.gpkg")}, feedback=log)
    out = layer_of(res["OUTPUT"])
    assert out.featureCount() == 40 and "bad" not in [f["name"] for f in out.getFeatures()]
    assert "'Industry firms': 4 feature(s) without geometry (NULL, empty or NaN coordinates) were " \
           "skipped" in log.all()
    assert "'Industry firms': 40 firms read from 44 features" in log.all()


def test_co_located_pairs_warn_and_still_give_a_result(run, tmp_path):
    """More than a quarter of the pairs at one place: SPEC's rule (h from
    the standard deviation), a warning in the log, and a result."""
    from doldo.core.bandwidth import COLOCATED
    from doldo.algorithms.common.feedback import sentence
    xy = np.vstack([np.full((25, 2), 400.0), XY[:15]])    # 300 of 780 pairs at 0
    log = Log()
    res = run("doldo:docurve", {"INPUT": point_layer(xy), "BACKGROUND": point_layer(BXY),
                                "SIMULATIONS": 20, "SEED": 1, "DISTANCE_MAX": 500,
                                "DISTANCE_STEP": 10, "OUTPUT": str(tmp_path / "c.gpkg")},
                 feedback=log)
    assert sentence(COLOCATED) in log.all()       # a sentence: capital first
    assert layer_of(res["OUTPUT"]).featureCount() == 51 and res["BANDWIDTH"] > 0
    log = Log()
    res = run("doldo:ldo", {"INPUT": point_layer(xy), "SCALE": "local",
                            "OUTPUT": str(tmp_path / "l.gpkg")}, feedback=log)
    assert "SPEC co-location rule" in log.all()
    assert layer_of(res["OUTPUT"]).featureCount() == 40


def test_geographic_input_and_background_in_another_crs_never_use_degrees(run, tmp_path):
    """Degrees are reprojected (logged) and give the same result as metres;
    a BACKGROUND in another CRS is reprojected to INPUT's (logged)."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject
    tr = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:32631"),
                                QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance())
    off = np.array([500000.0, 5000000.0])
    ll = np.array([[p.x(), p.y()] for p in
                   (tr.transform(*(xy + off)) for xy in XY)])
    params = {"SIMULATIONS": 20, "SEED": 3, "DISTANCE_MAX": 500, "DISTANCE_STEP": 10}
    ref = run("doldo:docurve", {"INPUT": point_layer(XY + off, crs="EPSG:32631"),
                                "BACKGROUND": point_layer(BXY + off, crs="EPSG:32631"), **params,
                                "OUTPUT": str(tmp_path / "a.gpkg")})
    log = Log()
    res = run("doldo:docurve", {"INPUT": point_layer(ll, crs="EPSG:4326"),
                                "BACKGROUND": point_layer(BXY + off, crs="EPSG:32631"), **params,
                                "DISTANCES": 1, "OUTPUT": str(tmp_path / "b.gpkg")},
              feedback=log)
    text = log.all()
    assert "'Industry firms' is in the geographic CRS EPSG:4326 (degrees)" in text
    assert "reprojected to EPSG:32631" in text
    assert "'Background': reprojected from EPSG:32631" not in text   # already in EPSG:32631
    assert res["BANDWIDTH"] == pytest.approx(ref["BANDWIDTH"], rel=1e-6)
    assert res["GAMMA_SUM"] == pytest.approx(ref["GAMMA_SUM"], rel=1e-6)


# --------------------------------------------------------------------------
# outputs that cannot be written: a clear error before any computation
# --------------------------------------------------------------------------
@pytest.mark.parametrize("where", ["missing folder", "file as folder", "folder as file",
                                   "read-only folder", "html in a missing folder"])
def test_unwritable_output_fails_before_computing(run, tmp_path, where):
    from qgis.core import QgsProcessingException
    out = str(tmp_path / "ok.gpkg")
    html = None
    if where == "missing folder":
        out = str(tmp_path / "no" / "such" / "dir" / "o.gpkg")
        expected = f"the folder {tmp_path / 'no' / 'such' / 'dir'} does not exist"
    elif where == "file as folder":
        (tmp_path / "afile").write_text("x")
        out = str(tmp_path / "afile" / "o.gpkg")
        expected = f"{tmp_path / 'afile'} is a file, not a folder"
    elif where == "folder as file":
        (tmp_path / "adir.gpkg").mkdir()
        out = str(tmp_path / "adir.gpkg")
        expected = "it is a folder, give a file name"
    elif where == "read-only folder":
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            ro = "/proc"          # root ignores permissions; /proc refuses new files
        else:
            ro = str(tmp_path / "ro")
            os.mkdir(ro, 0o500)
        out = os.path.join(ro, "doldo_o.gpkg")
        expected = f"the folder {ro} is not writable"
    else:
        html = str(tmp_path / "missing" / "r.html")
        expected = f"the folder {tmp_path / 'missing'} does not exist"
    log = Log()
    params = {"INPUT": point_layer(XY), "BACKGROUND": point_layer(BXY), "SIMULATIONS": 20,
              "DISTANCE_MAX": 500, "DISTANCE_STEP": 10, "OUTPUT": out}
    if html:
        params["OUTPUT_HTML"] = html
    with pytest.raises(QgsProcessingException) as err:
        run("doldo:docurve", params, feedback=log)
    assert str(err.value).startswith("Cannot write the output OUTPUT")
    assert expected in str(err.value)
    assert "firms read" not in log.all()         # stopped before reading or computing
    assert not os.path.exists(out) or os.path.isdir(out)
    assert not os.path.exists(str(tmp_path / "ok.gpkg"))


def test_existing_output_is_kept_when_a_run_fails_before_writing(run, tmp_path):
    from qgis.core import QgsProcessingException
    out = tmp_path / "keep.gpkg"
    out.write_bytes(b"an earlier result")
    with pytest.raises(QgsProcessingException):
        run("doldo:ldo", {"INPUT": point_layer(XY[:2]), "SCALE": "local", "OUTPUT": str(out)})
    assert out.read_bytes() == b"an earlier result"


# --------------------------------------------------------------------------
# failure or cancel midway: no partial output, inputs untouched
# --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def firm_gpkg(tmp_path_factory, doldo_plugin):
    """industry / background layers in a GeoPackage, with a year field for
    the evolution and a weight."""
    from doldo.core.evolution import synthetic_evolution
    ev = synthetic_evolution(seed=1)
    path = str(tmp_path_factory.mktemp("firms") / "firms.gpkg")
    write_gpkg(path, {
        "industry": point_layer(ev["points"], crs="EPSG:3857", fields=[("year", "integer")],
                                values=[[int(y)] for y in ev["years"]]),
        "all": point_layer(ev["background"], crs="EPSG:3857", fields=[("year", "integer")],
                           values=[[int(y)] for y in ev["background_years"]]),
    })
    return path


def gpkg_fingerprints(path):
    from qgis.core import QgsVectorLayer
    return [fingerprint(QgsVectorLayer(f"{path}|layername={n}", n, "ogr"))
            for n in ("industry", "all")]


LONG_RUNS = {
    "docurve": ({"SIMULATIONS": 999, "DISTANCE_MAX": 40, "DISTANCE_STEP": 1, "SEED": 1},
                ["OUTPUT"], 40),
    "framework": ({"SIMULATIONS": 39, "DISTANCE_MAX": 40, "DISTANCE_STEP": 1, "SEED": 1},
                  ["CURVE", "GLOBAL_FIRMS", "BOUNDARY", "LOCAL_FIRMS", "CLUSTERS", "CENTRES"],
                  50),
    "mclmlk": ({"BOUNDARY_DISTANCE": 5, "STATISTIC": "ldo", "SELECTION": "local test",
                "SIMULATIONS": 99999, "SEED": 1},
               ["OUTPUT", "CLUSTERS", "CENTRES", "BOUNDARY"], 40),
    "evolution": ({"YEAR_FIELD": "year", "YEARS": "2000:2015:5", "SIMULATIONS": 39,
                   "DISTANCE_MAX": 40, "DISTANCE_STEP": 1, "SEED": 1},
                  ["SUMMARY", "CURVES", "CLUSTERS", "BOUNDARY", "CENTRES"], 50),
}


@pytest.mark.parametrize("alg", sorted(LONG_RUNS))
def test_cancel_midway_leaves_no_partial_output_and_inputs_untouched(run, firm_gpkg, tmp_path,
                                                                     alg):
    from qgis.core import QgsProcessingException
    extra, sinks, at = LONG_RUNS[alg]
    before = gpkg_fingerprints(firm_gpkg)
    params = {"INPUT": f"{firm_gpkg}|layername=industry",
              "BACKGROUND": f"{firm_gpkg}|layername=all", **extra}
    for name in sinks:
        params[name] = str(tmp_path / f"{name.lower()}.gpkg")
    if alg != "mclmlk":
        params["OUTPUT_HTML"] = str(tmp_path / "report.html")
    log = Log(cancel_after=at)
    seen = []
    log.progressChanged.connect(seen.append)
    t0 = time.perf_counter()
    with pytest.raises(QgsProcessingException) as err:
        run(f"doldo:{alg}", params, feedback=log)
    assert "Cancel" in str(err.value)
    # exactly the base class: the 3.22 dialog prints a traceback for subclasses
    assert type(err.value) is QgsProcessingException
    assert time.perf_counter() - t0 < 20
    assert max(seen) > at                      # it was midway, not before starting
    assert outputs_in(tmp_path) == []
    assert gpkg_fingerprints(firm_gpkg) == before
    if alg == "framework":                    # the DO curve table was written, then removed
        assert "Removed the incomplete output file(s)" in log.all()
        assert "curve.gpkg" in log.all()


def test_error_midway_removes_written_outputs(run, firm_gpkg, tmp_path, monkeypatch):
    """framework writes the curve and the global scale, then the local scale
    fails: every file written so far is removed, the message is the core's."""
    import doldo.core
    real = doldo.core.mclm_ldo

    def failing(points, h, **kw):
        if isinstance(h, str):
            raise ValueError("a failure in the local scale")
        return real(points, h, **kw)
    monkeypatch.setattr(doldo.core, "mclm_ldo", failing)
    from qgis.core import QgsProcessingException
    sinks = LONG_RUNS["framework"][1]
    params = {"INPUT": f"{firm_gpkg}|layername=industry",
              "BACKGROUND": f"{firm_gpkg}|layername=all", **LONG_RUNS["framework"][0],
              "OUTPUT_HTML": str(tmp_path / "r.html")}
    params.update({n: str(tmp_path / f"{n.lower()}.gpkg") for n in sinks})
    log = Log()
    with pytest.raises(QgsProcessingException) as err:
        run("doldo:framework", params, feedback=log)
    assert str(err.value) == "a failure in the local scale"
    assert "curve.gpkg" in log.all() and "global_firms.gpkg" in log.all()
    assert outputs_in(tmp_path) == []


def test_report_write_failure_is_plain_and_removes_the_table(run, tmp_path, monkeypatch):
    from doldo.algorithms.common import report
    from qgis.core import QgsProcessingException

    def no_space(self, path):
        raise OSError(28, "No space left on device", path)
    monkeypatch.setattr(report.Report, "write", no_space)
    html = str(tmp_path / "r.html")
    with pytest.raises(QgsProcessingException) as err:
        run("doldo:docurve", {"INPUT": point_layer(XY), "BACKGROUND": point_layer(BXY),
                              "SIMULATIONS": 20, "DISTANCE_MAX": 500, "DISTANCE_STEP": 10,
                              "OUTPUT": str(tmp_path / "o.gpkg"), "OUTPUT_HTML": html})
    assert str(err.value) == f"Could not write or read a file ({html}): No space left on device"
    assert outputs_in(tmp_path) == []


# --------------------------------------------------------------------------
# the local test's run time: warned, with the estimate, before it starts
# --------------------------------------------------------------------------
def test_huge_local_test_is_warned_before_it_starts(run, tmp_path, monkeypatch):
    import doldo.core
    from qgis.core import QgsProcessingException
    calls = []

    def estimate(n_industry, n_background, n_sim=999, statistic="lk", neighbour_share=0.1):
        calls.append((n_industry, n_background, n_sim, statistic, neighbour_share))
        return 200000.0
    monkeypatch.setattr(doldo.core, "estimate_local_test_seconds", estimate)
    log = Log()
    seen = []
    log.progressChanged.connect(seen.append)
    warned = []

    def on_warning(m):
        log.text.append(m)
        if "estimated run time" in m:
            warned.append(max(seen, default=0.0))
            log.cancel()          # the user reads the warning and cancels
    log.pushWarning = on_warning
    with pytest.raises(QgsProcessingException) as err:
        run("doldo:mclmlk", {"INPUT": point_layer(XY), "BACKGROUND": point_layer(BXY),
                             "BOUNDARY_DISTANCE": 50, "STATISTIC": "ldo",
                             "SELECTION": "local test", "SIMULATIONS": 999, "SEED": 1,
                             **{n: str(tmp_path / f"{n.lower()}.gpkg") for n in
                                SINKS["doldo:mclmlk"]}}, feedback=log)
    assert "Cancel" in str(err.value)
    n, nb, sims, stat, share = calls[0]
    assert (n, nb, sims, stat) == (40, 400, 999, "ldo") and 0 < share <= 1
    assert ("Local test: 999 simulations for each of 40 firms against 400 background firms; "
            "estimated run time up to 55.6 h. This is a long run") in log.all()
    assert warned and warned[0] < 40          # before the test's progress
    assert outputs_in(tmp_path) == []


def test_short_local_test_estimate_is_information(run, tmp_path):
    log = Log()
    run("doldo:mclmlk", {"INPUT": point_layer(XY), "BACKGROUND": point_layer(BXY),
                         "BOUNDARY_DISTANCE": 50, "SELECTION": "local test", "SIMULATIONS": 99,
                         "SEED": 1, **{n: str(tmp_path / f"{n.lower()}.gpkg") for n in
                                       SINKS["doldo:mclmlk"]}}, feedback=log)
    assert "estimated run time up to 0 s" in log.all()
    assert "This is a long run" not in log.all()


# --------------------------------------------------------------------------
# two algorithms at once from two threads
# --------------------------------------------------------------------------
def test_two_algorithms_at_once_from_two_threads(doldo_plugin, paracou_gpkg, tmp_path,
                                                 monkeypatch):
    """Two DO curves (exact and fft, numba's parallel kernels) and a local
    MCLM-LDO at the same time, each with its own context and feedback: no
    crash, and the results of sequential runs.

    Each run reads its own copy of the GeoPackage: QGIS 3.22's OGR provider
    can deadlock when several threads open layers of one GeoPackage file at
    once (QgsOgrProviderUtils::getLayer/release; qgis/QGIS#63583)."""
    import shutil

    import processing
    import warnings

    from doldo.algorithms.common import feedback as base
    import sys
    # the 2,426 trees take the tiled kernels (numba's parallel ones), not
    # the small-set batch kernel
    monkeypatch.setattr(sys.modules["doldo.core.do_curve"], "SMALL_N", 1500)
    from qgis.core import QgsProcessingContext, QgsProject
    from qgis.PyQt.QtCore import QCoreApplication
    jobs = {
        "exact": ("doldo:docurve", {"INPUT": "v_americana", "BACKGROUND": "trees",
                                    "SIMULATIONS": 99, "SEED": 4, "DISTANCE_MAX": 100,
                                    "DISTANCE_STEP": 2, "METHOD": "exact"}, ["OUTPUT_HTML"]),
        "fft": ("doldo:docurve", {"INPUT": "trees", "BACKGROUND": "trees", "SIMULATIONS": 0,
                                  "SEED": 4, "DISTANCE_MAX": 100, "DISTANCE_STEP": 2,
                                  "METHOD": "fft"}, ["OUTPUT_HTML"]),
        "local": ("doldo:mclmldo", {"INPUT": "trees", "SCALE": "local"},
                  ["CLUSTERS", "CENTRES", "BOUNDARY"]),
    }

    def one(key, folder, results, errors):
        try:
            alg, p, more = jobs[key]
            work = folder / key
            gpkg = str(work / "in.gpkg")
            p = dict(p, INPUT=f"{gpkg}|layername={p['INPUT']}",
                     OUTPUT=str(work / "out.gpkg"))
            if "BACKGROUND" in p:
                p["BACKGROUND"] = f"{gpkg}|layername={p['BACKGROUND']}"
            for name in more:
                p[name] = str(work / (name.lower() + (".html" if name == "OUTPUT_HTML"
                                                      else ".gpkg")))
            context = QgsProcessingContext()
            context.setProject(QgsProject.instance())
            log = Log()
            res = processing.run(alg, p, context=context, feedback=log)
            results[key] = {k: v for k, v in res.items() if isinstance(v, (int, float))}
            # each run's warnings reach its own log, and only its own
            results[key]["fft warning"] = "Approximate DO curves" in log.all()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors[key] = repr(exc)

    for run_name in ("seq", "par"):
        for key in jobs:
            (tmp_path / run_name / key).mkdir(parents=True)
            shutil.copy(paracou_gpkg, tmp_path / run_name / key / "in.gpkg")
    expected, errors = {}, {}
    for key in jobs:
        one(key, tmp_path / "seq", expected, errors)
    assert not errors, errors
    got = {}
    threads = [threading.Thread(target=one, args=(key, tmp_path / "par", got, errors))
               for key in jobs]
    for t in threads:
        t.start()
    # the main thread keeps the event loop running, as QGIS does
    deadline = time.monotonic() + 120
    while any(t.is_alive() for t in threads) and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.005)
    assert not any(t.is_alive() for t in threads)
    assert not errors, errors
    assert got == expected
    assert [got[k]["fft warning"] for k in jobs] == [False, True, False]
    assert warnings.showwarning is not base._dispatch_warning    # nothing left installed
    assert layer_of(str(tmp_path / "par" / "local" / "out.gpkg")).featureCount() == 2426
    assert os.path.getsize(tmp_path / "par" / "exact" / "output_html.html") > 10000


# --------------------------------------------------------------------------
# the same under a real qgis_process.bin: exit code 1, the message, no file
# --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def bad_gpkg(tmp_path_factory, doldo_plugin):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer
    poly = QgsVectorLayer("Polygon?crs=EPSG:32622", "p", "memory")
    f = QgsFeature()
    f.setGeometry(QgsGeometry.fromWkt("POLYGON((0 0,1 0,1 1,0 0))"))
    poly.dataProvider().addFeatures([f])
    path = str(tmp_path_factory.mktemp("bad") / "bad.gpkg")
    return write_gpkg(path, {
        "industry": point_layer(XY, fields=[("w", "double")],
                                values=[[-1.0]] + [[1.0]] * 39),
        "all": point_layer(BXY),
        "two": point_layer(XY[:2]),
        "polygons": poly,
    })


HEADLESS_CASES = {
    "non-point layer": (["doldo:ldo", "INPUT={g}|layername=polygons", "SCALE=local"],
                        "'Industry firms' must be a point layer (one point per firm); got geometry type "
                        "Polygon"),
    "fewer than 3 firms": (["doldo:ldo", "INPUT={g}|layername=two", "SCALE=local"],
                           "need at least 3 industry firms, got 2"),
    "negative weight": (["doldo:ldo", "INPUT={g}|layername=industry", "SCALE=local",
                         "WEIGHT_FIELD=w"],
                        "weights: 1 value(s) are negative; weights must be >= 0"),
    "negative peak distance": (["doldo:ldo", "INPUT={g}|layername=industry", "SCALE=global",
                                "BOUNDARY_DISTANCE=50", "PEAK_DISTANCE=-1"],
                               "'Peak distance d̂' must be at least 0, got -1"),
    "too few simulations": (["doldo:docurve", "INPUT={g}|layername=industry",
                             "BACKGROUND={g}|layername=all", "SIMULATIONS=10",
                             "OUTPUT_HTML={t}/r.html"],
                            "10 simulations are too few for a 5 % band: need at least 20"),
    "output folder missing": (["doldo:ldo", "INPUT={g}|layername=industry", "SCALE=local",
                               "OUTPUT={t}/missing/o.gpkg"],
                              "Cannot write the output OUTPUT (Firms with LDO index) to "
                              "{t}/missing/o.gpkg: the folder {t}/missing does not exist"),
}


@pytest.mark.parametrize("case", sorted(HEADLESS_CASES))
def test_bad_input_under_qgis_process(headless, bad_gpkg, tmp_path, case):
    args, expected = HEADLESS_CASES[case]
    out = tmp_path / "out"
    out.mkdir()
    args = [a.format(g=bad_gpkg, t=out) for a in args]
    if not any(a.startswith("OUTPUT=") for a in args):
        args.append(f"OUTPUT={out}/o.gpkg")
    proc = headless("run", args[0], "--", *args[1:], check=False)
    text = proc.stdout + proc.stderr
    assert proc.returncode == 1, text[-2000:]
    assert expected.format(t=out) in text
    assert "Traceback" not in text
    assert outputs_in(out) == []
