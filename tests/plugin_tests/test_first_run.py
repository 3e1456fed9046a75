"""A new user's first run (issue 18): defaults that give a real answer,
labels and messages that say what they mean, every run naming its engine.
Every case through processing.run, with the exact message in the log and
the report."""
import html
import re

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
              "firms, boundary or agglomeration centre) and h_max is NULL; the curve and the "
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


# ---- 4. CRSs that are not real: layer units, never degrees ---------------------------------
RNG = np.random.default_rng(17)
IND = np.r_[RNG.normal(3000, 150, (30, 2)), RNG.normal(7000, 150, (30, 2))]
BG = np.r_[IND, RNG.uniform(0, 10000, (600, 2))]
CURVE = {"SIMULATIONS": 39, "SEED": 3, "DISTANCE_MAX": 2000, "DISTANCE_STEP": 20}
TAIL = (": distances are measured in its own coordinate units ('layer units'). If these "
        "are longitudes and latitudes, set the layer's CRS (e.g. EPSG:4326) and run again: "
        "degrees are not distances")


def ogr_gpkg(path, srs_wkt=None):
    """INPUT and BACKGROUND written by GDAL/OGR's Python bindings, as GDAL
    writes a layer without a CRS (srs_id 0, 'Undefined geographic SRS') or
    with its 'Undefined Cartesian SRS' (srs_id -1)."""
    from osgeo import ogr, osr
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = None
    if srs_wkt:
        srs = osr.SpatialReference()
        srs.SetFromUserInput(srs_wkt)
    for name, xy in (("ind", IND), ("bg", BG)):
        layer = ds.CreateLayer(name, srs, ogr.wkbPoint)
        for x, y in xy:
            f = ogr.Feature(layer.GetLayerDefn())
            # float(): numpy 2 prints a scalar as np.float64(...), which is not WKT
            f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({float(x)!r} {float(y)!r})"))
            layer.CreateFeature(f)
    ds = None
    import sqlite3
    with sqlite3.connect(str(path)) as con:
        if srs_wkt is None:
            # GDAL before 3.9 (Debian 12) writes a layer without SRS as srs_id 0,
            # "Undefined geographic SRS"; GDAL 3.9+ (Debian 13) as its own 99999,
            # "Undefined SRS", which QGIS reads as no CRS: point the layers at 0,
            # as the older GDAL and other tools write them
            for table in ("gpkg_geometry_columns", "gpkg_contents"):
                con.execute(f"UPDATE {table} SET srs_id = 0")
        return {r[0] for r in con.execute("SELECT srs_id FROM gpkg_geometry_columns")}


def docurve(run, tmp_path, ind, bg, **extra):
    log = Log()
    p = dict(CURVE, INPUT=ind, BACKGROUND=bg, OUTPUT=str(tmp_path / "c.gpkg"),
             OUTPUT_HTML=str(tmp_path / "r.html"))
    p.update(extra)
    res = run("doldo:docurve", p, feedback=log)
    with open(tmp_path / "r.html", encoding="utf-8") as f:
        report = html.unescape(f.read())
    return res, log.all(), report


def custom(layer, wkt=None, proj=None):
    from qgis.core import QgsCoordinateReferenceSystem
    crs = (QgsCoordinateReferenceSystem.fromWkt(wkt) if wkt
           else QgsCoordinateReferenceSystem.fromProj(proj))
    assert crs.isValid()
    layer.setCrs(crs)
    return layer


def in_layer_units(log, report, message):
    assert message in log and message in report
    assert "by 20 layer units" not in report        # the old wording
    assert "step 20" in report and "layer units" in report
    rest = report.replace(message, "")
    assert "degree" not in rest and " meters" not in rest


@pytest.mark.parametrize("srs_wkt, srs_id, name", [
    (None, 0, "Undefined geographic SRS"),
    ('LOCAL_CS["Undefined Cartesian SRS"]', -1, "Undefined Cartesian SRS")])
def test_a_geopackage_written_without_a_crs_is_in_layer_units(run, tmp_path, srs_wkt,
                                                               srs_id, name):
    path = tmp_path / "nosrs.gpkg"
    assert ogr_gpkg(path, srs_wkt) == {srs_id}
    res, log, report = docurve(run, tmp_path, f"{path}|layername=ind", f"{path}|layername=bg")
    in_layer_units(log, report, f"The CRS of 'Industry firms' is '{name}' (a file written without a CRS)"
                   + TAIL)
    assert res["H_MAX"] is not None     # coordinates up to 10,000: not refused as degrees


def test_a_memory_layer_without_crs_is_in_layer_units(run, tmp_path):
    res, log, report = docurve(run, tmp_path, point_layer(IND, crs=""), point_layer(BG, crs=""))
    in_layer_units(log, report, "'Industry firms' has no coordinate reference system" + TAIL)


def test_a_user_defined_crs_without_a_unit_is_in_layer_units(run, tmp_path):
    wkt = ('ENGCRS["Site grid",EDATUM["local"],CS[Cartesian,2],'
           'AXIS["x",east,ORDER[1],LENGTHUNIT["unknown",1]],'
           'AXIS["y",north,ORDER[2],LENGTHUNIT["unknown",1]]]')
    res, log, report = docurve(run, tmp_path, custom(point_layer(IND, crs=""), wkt=wkt),
                               custom(point_layer(BG, crs=""), wkt=wkt))
    in_layer_units(log, report, "The CRS of 'Industry firms' (Site grid) has no known distance unit" + TAIL)


def test_a_user_defined_projected_crs_from_a_proj_string_is_in_its_unit(run, tmp_path):
    """A proj string without +units: PROJ's default, metres."""
    proj = "+proj=tmerc +lat_0=0 +lon_0=0 +k=1 +x_0=0 +y_0=0 +ellps=WGS84"
    res, log, report = docurve(run, tmp_path, custom(point_layer(IND, crs=""), proj=proj),
                               custom(point_layer(BG, crs=""), proj=proj))
    assert "Distances are in the units of user-defined CRS: meters" in log
    assert "step 20" in report and " meters" in report and "layer units" not in report


def test_a_user_defined_geographic_crs_is_degrees(run, tmp_path):
    """QGIS 3.22 does not call a longitude/latitude CRS from a proj string
    geographic: its coordinates are still degrees, refused when they cannot
    be, reprojected to UTM when they are."""
    from qgis.core import QgsProcessingException
    proj = "+proj=longlat +ellps=GRS80 +no_defs"
    with pytest.raises(QgsProcessingException) as err:
        run("doldo:docurve", dict(CURVE, INPUT=custom(point_layer(IND, crs=""), proj=proj),
                                  BACKGROUND=custom(point_layer(BG, crs=""), proj=proj),
                                  OUTPUT=str(tmp_path / "c.gpkg")))
    assert str(err.value).startswith(
        "'Industry firms' is declared in user-defined CRS (longitude and latitude in degrees), but its "
        f"coordinates reach {IND.max():.6g}: they are not degrees")
    deg = IND / 111000.0 + [-52.9, 5.2]         # a few km near Paracou, in degrees
    bdeg = BG / 111000.0 + [-52.9, 5.2]
    res, log, report = docurve(run, tmp_path, custom(point_layer(deg, crs=""), proj=proj),
                               custom(point_layer(bdeg, crs=""), proj=proj), DISTANCES=1)
    assert ("'Industry firms' is in the geographic CRS user-defined CRS (degrees), which cannot measure "
            "distances: reprojected to EPSG:32622") in log
    # by default it is measured on the Earth, transformed from its datum to WGS 84
    res, log, report = docurve(run, tmp_path, custom(point_layer(deg, crs=""), proj=proj),
                               custom(point_layer(bdeg, crs=""), proj=proj))
    assert ("Distances: on the Earth (geodesic, WGS 84), in metres; 'Industry firms' is "
            "transformed from user-defined CRS to WGS 84 longitude, latitude") in log


@pytest.mark.parametrize("crs", ["EPSG:4269", "EPSG:4258"])
def test_other_geographic_crss_refuse_coordinates_that_are_not_degrees(run, tmp_path, crs):
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException) as err:
        run("doldo:docurve", dict(CURVE, INPUT=point_layer(IND, crs=crs),
                                  BACKGROUND=point_layer(BG, crs=crs),
                                  OUTPUT=str(tmp_path / "c.gpkg")))
    assert str(err.value).startswith(
        f"'Industry firms' is declared in {crs} (longitude and latitude in degrees), but its "
        f"coordinates reach {IND.max():.6g}: they are not degrees")


# ---- labels: significance, units, no parameter ids ----------------------------------------
def algorithms(doldo_plugin):
    return {a.name(): a for a in doldo_plugin.provider.algorithms()}


CURVE_ALGS = ("docurve", "framework", "evolution", "crests", "industries", "colocalization")
SIGNIFICANCE = "Significance level of the global band (%)"


def test_confidence_is_a_significance_level_everywhere(doldo_plugin, run, paracou_layers,
                                                       tmp_path):
    algs = algorithms(doldo_plugin)
    for name in CURVE_ALGS:
        assert algs[name].parameterDefinition("CONFIDENCE").description() == SIGNIFICANCE
        assert "onfidence" not in algs[name].shortHelpString(), name
    assert f"<b>{SIGNIFICANCE}</b>" in algs["docurve"].shortHelpString()
    ind, bg = paracou_layers
    res, log, report = docurve(run, tmp_path, ind, bg, CONFIDENCE=10, SIMULATIONS=49)
    assert ("DO curve of 90 firms: 101 distances from 0 to 2000 meters, 49 simulations from "
            "2426 background firms, global band at 10 % significance") in log
    assert "significance level of the global band10 %" in report.replace(
        '</td><td class="">', "").replace('<td class="l">', "")
    assert "confidence" not in report.lower()


def test_the_curve_figure_legend_says_significance(paracou_arrays):
    from doldo.algorithms.common.report import curve_figure
    from doldo.core import do_curve
    xy, bxy = paracou_arrays[0], paracou_arrays[1]
    curve = do_curve(xy, bxy, np.arange(0, 61, 2.0), n_sim=19, confidence=0.1, seed=2)
    fig = curve_figure(curve, "meters")
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "global band (10 % significance, 19 simulations)" in texts
    assert not any("90 %" in t for t in texts)


def test_economy_runs_say_significance_and_count_distances_once(run, paracou_gpkg, tmp_path):
    log = Log()
    run("doldo:industries", {
        "INPUT": f"{paracou_gpkg}|layername=trees", "INDUSTRY_FIELD": "species",
        "MIN_FIRMS": 80, "DISTANCE_MAX": 50, "DISTANCE_STEP": 5, "SIMULATIONS": 19,
        "CONFIDENCE": 10, "SEED": 4, "OUTPUT_HTML": str(tmp_path / "i.html"),
        "SUMMARY": "TEMPORARY_OUTPUT", "CURVES": "TEMPORARY_OUTPUT"}, feedback=log)
    text = log.all()
    assert "Global band of each curve at 10 % significance" in text
    assert "11 distances from 0 to 50 meters, step 5, 19 simulations each" in text
    assert "(11)" not in text
    with open(tmp_path / "i.html", encoding="utf-8") as f:
        report = html.unescape(f.read())
    assert ">significance level of the global band<" in report and ">10 %<" in report
    assert ">11 distances from 0 to 50 meters, step 5<" in report
    assert ">distance unit<" in report and ">meters<" in report


DISTANCE_PARAMETERS = ("DISTANCE_MIN", "DISTANCE_MAX", "DISTANCE_STEP", "BANDWIDTH",
                       "BOUNDARY_DISTANCE", "PEAK_DISTANCE", "CRESTS")


def test_every_distance_label_says_its_unit(doldo_plugin):
    seen = 0
    for name, alg in algorithms(doldo_plugin).items():
        for p in alg.parameterDefinitions():
            if p.name() in DISTANCE_PARAMETERS:
                seen += 1
                assert "(layer units, e.g. metres" in p.description(), (name, p.name())
    assert seen >= 25


def test_log_and_report_give_the_layers_real_unit(run, tmp_path):
    """A layer in US survey feet (EPSG:2263): feet in the log and report."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsUnitTypes
    unit = QgsUnitTypes.toString(QgsCoordinateReferenceSystem("EPSG:2263").mapUnits())
    assert unit != "meters"
    res, log, report = docurve(run, tmp_path, point_layer(IND + 1e6, crs="EPSG:2263"),
                               point_layer(BG + 1e6, crs="EPSG:2263"))
    assert f"Distances are in the units of EPSG:2263: {unit}" in log
    assert f"101 distances from 0 to 2000 {unit}" in log
    assert f"101 distances from 0 to 2000 {unit}, step 20" in report
    assert f">distance unit</td><td class=\"\">{unit}<" in report.replace("\n", "")


IDS = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|\b(?:INPUT|BACKGROUND|TOP|SEED|YEARS|"
                 r"CURVE|CURVES|CRESTS|OUTPUT|SUMMARY|PAIRS|CLUSTERS|CENTRES|BOUNDARY|"
                 r"SIMULATIONS|CONFIDENCE|BANDWIDTH|CONVENTION|METHOD|SCALE|STATISTIC|"
                 r"SELECTION|RECTANGLE|DATASET)\b")


def test_labels_and_help_use_no_parameter_ids(doldo_plugin):
    """The dialog shows labels, never ids: no parameter or output id (nor
    any UPPER_CASE id) in any algorithm's labels and help; 'Eq. 2' is always
    explained (Silverman's rule)."""
    for name, alg in algorithms(doldo_plugin).items():
        ids = {p.name() for p in alg.parameterDefinitions()} | {
            o.name() for o in alg.outputDefinitions()}
        texts = [alg.shortHelpString()] + [p.description() for p in
                                           alg.parameterDefinitions()]
        for text in texts:
            plain = re.sub(r"<[^>]+>", "", text)
            found = set(IDS.findall(plain)) | {i for i in ids if re.search(
                rf"\b{re.escape(i)}\b", plain)}
            assert not found, (name, found, plain[:200])
            if "Eq. 2" in plain:
                assert "Silverman" in plain, (name, plain[:200])


def test_messages_use_the_visible_labels(run, tmp_path):
    res, log, report = docurve(run, tmp_path, point_layer(IND), point_layer(BG),
                               SIMULATIONS=0, DISTANCE_STEP=200, DISTANCE_MAX=3000)
    expected = [
        "'Monte-Carlo simulations' = 0: the observed curve only, without a band, Γ, Ψ or "
        "h_max; give simulations (1000 is the paper's) to test it",
        "The 'Distance step' (200 meters) is larger than the bandwidth h"]
    for m in expected:
        assert m in log and m in report
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException) as err:
        run("doldo:docurve", dict(CURVE, INPUT=point_layer(IND), BACKGROUND=point_layer(BG),
                                  DISTANCE_MAX=10, DISTANCE_MIN=20,
                                  OUTPUT=str(tmp_path / "x.gpkg")))
    assert str(err.value) == "'Largest distance' (10) must be greater than 'Smallest distance' (20)"
    with pytest.raises(QgsProcessingException) as err:
        run("doldo:ldo", {"INPUT": point_layer(IND), "SCALE": "global",
                          "OUTPUT": str(tmp_path / "l.gpkg")})
    assert str(err.value).startswith("'Boundary distance ĥ' is required for the global scale")
    assert str(err.value).endswith("or choose the local 'Scale'")
    log2 = Log()
    run("doldo:ldo", {"INPUT": point_layer(IND), "SCALE": "local", "BOUNDARY_DISTANCE": 300,
                      "OUTPUT": str(tmp_path / "l2.gpkg")}, feedback=log2)
    assert ("'Boundary distance ĥ' is ignored at the local scale (every firm uses its own "
            "h_i); choose the global 'Scale' to use it") in log2.all()
    assert ("Local scale: adaptive bandwidth h_i per firm (Eq. 2: Silverman's rule on each "
            "firm's distances)") in log2.all()


# ---- the engine in every log and report ---------------------------------------------------------
def engine_text():
    from doldo import core
    if core.backend() == "numba":
        import numba
        return f"numba {numba.__version__}"
    return f"numpy engine (numpy {np.__version__})"


@pytest.mark.parametrize("engine", ["numba", "numpy"])
def test_every_run_names_its_engine(run, tmp_path, engine):
    from doldo.core import engine as core_engine
    from doldo.core._numba import HAVE_NUMBA
    if engine == "numba" and not HAVE_NUMBA:
        pytest.skip("numba is not installed")
    with core_engine.use(engine):
        want = engine_text()
        assert want == (f"numba {__import__('numba').__version__}" if engine == "numba"
                        else f"numpy engine (numpy {np.__version__})")
        for k in range(2):          # not only the first run
            res, log, report = docurve(run, tmp_path, point_layer(IND), point_layer(BG))
            assert f"Engine: {want}" in log.splitlines()
            assert f">engine</td><td class=\"\">{want}<" in report
        log = Log()
        from .helpers import write_gpkg
        flagged = write_gpkg(str(tmp_path / "flags.gpkg"), {"firms": point_layer(
            IND, fields=[("core", "integer"), ("truth", "string")],
            values=[(k % 2, "core" if k % 3 else "sparse") for k in range(len(IND))])})
        run("doldo:evaluate", {"INPUT": flagged, "PREDICTED_FIELD": "core",
                               "TRUTH_FIELD": "truth", "TRUTH_CORE_VALUE": "core",
                               "OUTPUT_HTML": str(tmp_path / "e.html")}, feedback=log)
        assert f"Engine: {want}" in log.all().splitlines()
        with open(tmp_path / "e.html", encoding="utf-8") as f:
            assert f"Computed with {want}." in html.unescape(f.read())
