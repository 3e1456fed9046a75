"""doldo:evolution through processing.run and qgis_process.bin, checked
against the core's evolution() on the same arrays."""
import sqlite3

import numpy as np
import pytest

from .helpers import column, layer_of, point_layer

YEARS = [2000, 2005, 2010, 2015]


@pytest.fixture(scope="module")
def case():
    from doldo.core.evolution import synthetic_evolution
    return synthetic_evolution(seed=1)


@pytest.fixture
def layers(case, doldo_plugin):
    """INPUT (industry, with 3 firms whose year is NULL or text) and
    BACKGROUND; year stored as text to exercise the parsing."""
    n = len(case["points"])
    extra = np.array([[10.0, 90.0], [12.0, 90.0], [14.0, 90.0]])
    xy = np.concatenate([case["points"], extra])
    years = [str(int(y)) for y in case["years"]] + [None, "unknown", ""]
    ind = point_layer(xy, "industry", crs="EPSG:3857", fields=[("year", "string")],
                      values=[[y] for y in years])
    bxy = np.concatenate([case["background"], extra])
    byears = [int(y) for y in case["background_years"]] + [None, None, None]
    bg = point_layer(bxy, "all", crs="EPSG:3857", fields=[("year", "integer")],
                     values=[[y] for y in byears])
    assert ind.featureCount() == n + 3
    return ind, bg


def params(ind, bg, tmp_path, **extra):
    p = {"INPUT": ind, "BACKGROUND": bg, "YEAR_FIELD": "year", "YEARS": "2000:2015:5",
         "DISTANCE_MAX": 40, "DISTANCE_STEP": 1, "SIMULATIONS": 39, "SEED": 5,
         "SUMMARY": str(tmp_path / "summary.gpkg"), "CURVES": str(tmp_path / "curves.gpkg"),
         "CLUSTERS": str(tmp_path / "clusters.gpkg"), "BOUNDARY": str(tmp_path / "boundary.gpkg"),
         "CENTRES": str(tmp_path / "centres.gpkg"), "OUTPUT_HTML": str(tmp_path / "evo.html")}
    p.update(extra)
    return p


def test_evolution_matches_core_and_tracks_clusters(run, layers, case, tmp_path):
    from doldo.core.evolution import evolution
    ind, bg = layers
    res = run("doldo:evolution", params(ind, bg, tmp_path))
    ref = evolution(case["points"], case["background"], YEARS, case["years"],
                    case["background_years"], np.arange(0, 41, 1.0), n_sim=39, seed=5)
    assert res["YEAR_COUNT"] == 4 and res["CLUSTER_TRACKS"] == 3
    assert res["SKIPPED_FIRMS"] == 6   # 3 industry (NULL, text, empty) + 3 background NULL
    summary = layer_of(res["SUMMARY"])
    assert column(summary, "year") == YEARS
    assert column(summary, "n_firms") == [210, 246, 342, 380]
    assert column(summary, "h_max") == [r.h_max for r in ref.years]
    np.testing.assert_allclose(column(summary, "gamma_sum"), [r.gamma_sum for r in ref.years],
                               rtol=1e-12)
    assert column(summary, "clusters") == [2, 2, 2, 2]
    assert column(summary, "global_core") == [r.n_global_core for r in ref.years]
    curves = layer_of(res["CURVES"])
    assert curves.featureCount() == 4 * 41
    g2010 = [f["gamma"] for f in curves.getFeatures() if f["year"] == 2010]
    np.testing.assert_allclose(g2010, ref.year(2010).curve.gamma, rtol=1e-12, atol=1e-18)
    # clusters: A = 1 every year and growing, B = 2 until 2005, C = 3 from 2010
    clusters = layer_of(res["CLUSTERS"])
    rows = sorted((f["year"], f["cluster"], f["firms"], f["status"])
                  for f in clusters.getFeatures())
    assert rows == [(2000, 1, 30, "new"), (2000, 2, 30, "new"),
                    (2005, 1, 30, "continued"), (2005, 2, 30, "continued"),
                    (2010, 1, 50, "continued"), (2010, 3, 49, "new"),
                    (2015, 1, 50, "continued"), (2015, 3, 50, "continued")]
    p_n = {(f["year"], f["cluster"]): f["p_n"] for f in clusters.getFeatures()}
    assert p_n[(2010, 1)] == pytest.approx(100 * 50 / 342)
    centre_a = [(f["centre_x"], f["centre_y"]) for f in clusters.getFeatures()
                if f["cluster"] == 1]
    assert all(np.hypot(x - 25, y - 25) < 2.6 for x, y in centre_a)
    boundary = layer_of(res["BOUNDARY"])
    assert column(boundary, "year") == YEARS
    assert column(boundary, "core_firms") == [r.n_global_core for r in ref.years]
    centres = layer_of(res["CENTRES"])
    xy = [(f.geometry().asPoint().x(), f.geometry().asPoint().y())
          for f in centres.getFeatures()]
    np.testing.assert_allclose(xy, [case["points"][r.centre] for r in ref.years])
    html = open(res["OUTPUT_HTML"], encoding="utf-8").read()
    assert html.count("data:image/png;base64") == 2
    assert "Table 5" in html and "2010: cluster 3 appears (49 firms)" in html
    assert "2010: cluster 2 vanishes" in html


def test_layers_are_temporal_and_styled_in_the_files(run, layers, tmp_path):
    from qgis.core import Qgis, QgsDateTimeRange, QgsVectorLayer
    from qgis.PyQt.QtCore import QDate, QDateTime, QTime
    ind, bg = layers
    res = run("doldo:evolution", params(ind, bg, tmp_path, SIMULATIONS=19, CONFIDENCE=10,
                                        OUTPUT_HTML=None))
    for key, renderer in (("CLUSTERS", "categorizedSymbol"), ("BOUNDARY", "singleSymbol"),
                          ("CENTRES", "singleSymbol")):
        with sqlite3.connect(res[key]) as db:
            qml = db.execute("select styleQML from layer_styles").fetchone()[0]
        assert "<temporal" in qml and 'startField="start"' in qml, key
        assert '<temporal' in qml and 'enabled="1"' in qml.split("<temporal")[1][:200]
        layer = QgsVectorLayer(res[key], "reopened", "ogr")   # default style loaded
        props = layer.temporalProperties()
        # QGIS 3.22 resets the temporal settings after loading the default
        # style (QgsVectorLayer's constructor), pre-selecting start/end ...
        assert not props.isActive()
        assert (props.startField(), props.endField()) == ("start", "end")
        # ... and loading the embedded default style restores them
        assert layer.loadDefaultStyle()[1]
        assert props.isActive(), key
        assert props.mode() == \
            Qgis.VectorTemporalMode.FeatureDateTimeStartAndEndFromFields
        assert (props.startField(), props.endField()) == ("start", "end")
        assert layer.renderer().type() == renderer, key
    clusters = QgsVectorLayer(res["CLUSTERS"], "c", "ogr")
    periods = sorted({(f["year"], f["start"], f["end"]) for f in clusters.getFeatures()})
    assert periods[0] == (2000, QDate(2000, 1, 1), QDate(2005, 1, 1))
    assert periods[-1] == (2015, QDate(2015, 1, 1), QDate(2016, 1, 1))
    # the temporal filter of 2012 selects the 2010 clusters only
    t = QgsDateTimeRange(QDateTime(QDate(2012, 6, 1), QTime(0, 0)),
                         QDateTime(QDate(2012, 6, 2), QTime(0, 0)))
    from qgis.core import QgsFeatureRequest, QgsVectorLayerTemporalContext
    assert clusters.loadDefaultStyle()[1]
    tc = QgsVectorLayerTemporalContext()
    tc.setLayer(clusters)
    expr = clusters.temporalProperties().createFilterString(tc, t)
    years = {f["year"] for f in clusters.getFeatures(QgsFeatureRequest().setFilterExpression(expr))}
    assert years == {2010}


def test_bad_years_and_fields(run, layers, tmp_path):
    from qgis.core import QgsProcessingException
    ind, bg = layers
    with pytest.raises(QgsProcessingException, match="'Years': cannot read 'twenty'"):
        run("doldo:evolution", params(ind, bg, tmp_path, YEARS="2000, twenty"))
    other = point_layer(np.random.default_rng(0).random((20, 2)) * 100, "x", crs="EPSG:3857")
    with pytest.raises(QgsProcessingException, match="'Background' has no field 'year'"):
        run("doldo:evolution", params(ind, other, tmp_path))


def test_parse_years():
    from doldo.algorithms.evolution import parse_years, year_value
    from qgis.PyQt.QtCore import QDate
    assert parse_years("2000:2020:5") == [2000, 2005, 2010, 2015, 2020]
    assert parse_years("2022; 2000,2000 2010") == [2000, 2010, 2022]
    assert [year_value(v) for v in (2005, "2005", " 2005.0 ", QDate(2003, 5, 1), None, "x",
                                    float("nan"))] == [2005, 2005, 2005, 2003, None, None, None]


def test_evolution_under_qgis_process(headless, case, tmp_path):
    """A real qgis_process.bin run on a GeoPackage (layers with a CRS in metres)."""
    from qgis.core import QgsVectorFileWriter
    from doldo.algorithms.common import compat
    from doldo.core.evolution import evolution
    gpkg = str(tmp_path / "firms.gpkg")
    for name, xy, years in (("industry", case["points"], case["years"]),
                            ("all", case["background"], case["background_years"])):
        lay = point_layer(xy, name, crs="EPSG:3857", fields=[("year", "integer")],
                          values=[[int(y)] for y in years])
        opts = QgsVectorFileWriter.SaveVectorOptions()
        opts.layerName = name
        opts.actionOnExistingFile = (QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
                                     if name == "all" else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile)
        assert compat.write_vector(lay, gpkg, opts) == ""
    outs = {k: str(tmp_path / f"q_{k.lower()}.gpkg") for k in
            ("SUMMARY", "CURVES", "CLUSTERS", "BOUNDARY", "CENTRES")}
    res = headless("run", "doldo:evolution", "--", f"INPUT={gpkg}|layername=industry",
                   f"BACKGROUND={gpkg}|layername=all", "YEAR_FIELD=year",
                   "YEARS=2000,2010,2015", "DISTANCE_MAX=40", "DISTANCE_STEP=1",
                   "SIMULATIONS=19", "CONFIDENCE=10", "SEED=3",
                   f"OUTPUT_HTML={tmp_path / 'q.html'}", *[f"{k}={v}" for k, v in outs.items()])
    assert res["YEAR_COUNT"] == 3 and res["SKIPPED_FIRMS"] == 0
    ref = evolution(case["points"], case["background"], [2000, 2010, 2015], case["years"],
                    case["background_years"], np.arange(0, 41, 1.0), n_sim=19,
                    confidence=0.1, seed=3)
    summary = layer_of(outs["SUMMARY"])
    assert column(summary, "h_max") == [r.h_max for r in ref.years]
    clusters = layer_of(outs["CLUSTERS"])
    assert sorted((f["year"], f["cluster"]) for f in clusters.getFeatures()) == \
        [(2000, 1), (2000, 2), (2010, 1), (2010, 3), (2015, 1), (2015, 3)]
    # temporal settings embedded although no GUI post-processor ran
    assert clusters.loadDefaultStyle()[1] and clusters.temporalProperties().isActive()


def test_results_loaded_in_the_gui_are_temporal(doldo_plugin, layers, tmp_path,
                                                qgis_new_project):
    import processing
    from qgis.core import QgsProject
    ind, bg = layers
    processing.runAndLoadResults("doldo:evolution", params(
        ind, bg, tmp_path, SIMULATIONS=19, CONFIDENCE=10, YEARS="2000,2010",
        OUTPUT_HTML=None, CENTRES="TEMPORARY_OUTPUT"))
    loaded = {lay.name(): lay for lay in QgsProject.instance().mapLayers().values()}
    for name in ("Local clusters over time", "Global boundary over time",
                 "Agglomeration centre over time"):
        assert loaded[name].temporalProperties().isActive(), name
