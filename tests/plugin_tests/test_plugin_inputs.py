"""Input handling: CRS, NULL geometries, multipoints, selections, bad input,
cancellation."""
import numpy as np
import pytest
from .helpers import column, layer_of, point_layer


def reproject(layer, crs):
    import processing
    return processing.run("native:reprojectlayer", {
        "INPUT": layer, "TARGET_CRS": crs, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]


class Log:
    """A feedback that keeps every message."""

    def __new__(cls, cancel_after=None):
        from qgis.core import QgsProcessingFeedback

        class _Log(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.text = []
                self.calls = 0

            def pushInfo(self, m):  # noqa: N802
                self.text.append(m)

            def pushWarning(self, m):  # noqa: N802
                self.text.append(m)

            def setProgressText(self, m):  # noqa: N802
                self.text.append(m)

            def all(self):
                return "\n".join(self.text)

        log = _Log()
        if cancel_after is not None:
            log.progressChanged.connect(
                lambda p: log.cancel() if p > cancel_after else None)
        return log


def test_geographic_crs_is_reprojected_to_utm(run, paracou_layers, tmp_path):
    ind, bg = paracou_layers
    ind4326, bg4326 = reproject(ind, "EPSG:4326"), reproject(bg, "EPSG:4326")
    params = {"SIMULATIONS": 20, "SEED": 2, "DISTANCE_MAX": 60, "DISTANCE_STEP": 2}
    ref = run("doldo:docurve", {"INPUT": ind, "BACKGROUND": bg, **params,
                                "OUTPUT": str(tmp_path / "a.gpkg")})
    log = Log()
    res = run("doldo:docurve", {"INPUT": ind4326, "BACKGROUND": bg4326, **params,
                                "OUTPUT": str(tmp_path / "b.gpkg")}, feedback=log)
    assert "EPSG:4326" in log.all() and "EPSG:32622" in log.all()
    assert res["BANDWIDTH"] == pytest.approx(ref["BANDWIDTH"], rel=1e-6)
    assert res["H_MAX"] == ref["H_MAX"]
    # outputs are in the projected CRS
    out = run("doldo:ldo", {"INPUT": ind4326, "SCALE": "local",
                            "OUTPUT": str(tmp_path / "l.gpkg")})
    assert layer_of(out["OUTPUT"]).crs().authid() == "EPSG:32622"


def test_background_in_another_crs(run, paracou_layers, tmp_path):
    ind, bg = paracou_layers
    params = {"SIMULATIONS": 20, "SEED": 2, "DISTANCE_MAX": 60, "DISTANCE_STEP": 2}
    ref = run("doldo:docurve", {"INPUT": ind, "BACKGROUND": bg, **params,
                                "OUTPUT": str(tmp_path / "a.gpkg")})
    log = Log()
    res = run("doldo:docurve", {"INPUT": ind, "BACKGROUND": reproject(bg, "EPSG:4326"),
                                **params, "OUTPUT": str(tmp_path / "b.gpkg")}, feedback=log)
    assert "BACKGROUND: reprojected from EPSG:4326 to EPSG:32622" in log.all()
    assert res["H_MAX"] == ref["H_MAX"]
    assert res["GAMMA_SUM"] == pytest.approx(ref["GAMMA_SUM"], rel=1e-6)


def test_null_geometries_skipped_and_multipoints_exploded(run, tmp_path):
    from doldo.core import ldo_index
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer
    rng = np.random.default_rng(1)
    xy = rng.random((30, 2)) * 100
    layer = QgsVectorLayer("MultiPoint?crs=EPSG:32631&field=name:string", "m", "memory")
    feats = []
    for k in range(10):  # 10 features of 3 points each
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromMultiPointXY(
            [QgsPointXY(*xy[3 * k + i]) for i in range(3)]))
        f.setAttributes([f"f{k}"])
        feats.append(f)
    for k in range(2):  # two features without geometry
        f = QgsFeature(layer.fields())
        f.setAttributes([f"null{k}"])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    log = Log()
    res = run("doldo:ldo", {"INPUT": layer, "SCALE": "global", "BOUNDARY_DISTANCE": 20,
                            "OUTPUT": str(tmp_path / "o.gpkg")}, feedback=log)
    out = layer_of(res["OUTPUT"])
    assert out.featureCount() == 30
    assert column(out, "name")[:3] == ["f0"] * 3
    np.testing.assert_allclose(column(out, "ldo"), ldo_index(xy, 20.0), rtol=1e-9)
    text = log.all()
    assert "2 feature(s) without geometry" in text and "10 multipoint" in text


def test_selected_features_only(run, paracou_layers, tmp_path):
    from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProject
    ind, _ = paracou_layers
    QgsProject.instance().addMapLayer(ind)
    try:
        ids = [f.id() for f in ind.getFeatures()][:40]
        ind.selectByIds(ids)
        res = run("doldo:ldo", {
            "INPUT": QgsProcessingFeatureSourceDefinition(ind.id(), True),
            "SCALE": "local", "OUTPUT": str(tmp_path / "sel.gpkg")})
        assert layer_of(res["OUTPUT"]).featureCount() == 40
    finally:
        QgsProject.instance().removeMapLayer(ind.id())


@pytest.mark.parametrize("case", ["polygon", "no_h", "range", "too_few", "null_weight",
                                  "few_sims"])
def test_bad_input_raises_processing_exception(run, paracou_layers, tmp_path, case):
    from qgis.core import QgsProcessingException, QgsVectorLayer, QgsFeature, QgsGeometry
    ind, bg = paracou_layers
    out = str(tmp_path / "x.gpkg")
    if case == "polygon":
        poly = QgsVectorLayer("Polygon?crs=EPSG:32622", "p", "memory")
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromWkt("POLYGON((0 0,1 0,1 1,0 0))"))
        poly.dataProvider().addFeatures([f])
        alg, params, msg = "doldo:ldo", {"INPUT": poly, "SCALE": "local"}, ""
    elif case == "no_h":
        alg, params, msg = "doldo:ldo", {"INPUT": ind, "SCALE": "global"}, "BOUNDARY_DISTANCE"
    elif case == "range":
        alg, params, msg = "doldo:docurve", {"INPUT": ind, "BACKGROUND": bg, "DISTANCE_MIN": 50,
                                             "DISTANCE_MAX": 10, "SIMULATIONS": 20}, "DISTANCE_MAX"
    elif case == "too_few":
        alg, params, msg = "doldo:ldo", {"INPUT": point_layer([(0, 0), (1, 1)]),
                                         "SCALE": "local"}, "at least"
    elif case == "null_weight":
        lay = point_layer([(0, 0), (1, 1), (2, 5), (7, 1)], fields=[("w", "double")],
                          values=[[1.0], [None], [2.0], [1.0]])
        alg, params, msg = "doldo:ldo", {"INPUT": lay, "SCALE": "local",
                                         "WEIGHT_FIELD": "w"}, "NULL"
    else:
        alg, params, msg = "doldo:docurve", {"INPUT": ind, "BACKGROUND": bg,
                                             "SIMULATIONS": 10}, "too few"
    params["OUTPUT"] = out
    with pytest.raises(QgsProcessingException) as err:
        run(alg, params)
    assert msg in str(err.value)


def test_cancel_stops_the_simulations(run, paracou_layers, tmp_path):
    from qgis.core import QgsProcessingException
    ind, bg = paracou_layers
    log = Log(cancel_after=40)
    with pytest.raises(QgsProcessingException) as err:
        run("doldo:docurve", {"INPUT": ind, "BACKGROUND": bg, "SIMULATIONS": 5000,
                              "DISTANCE_MAX": 100, "OUTPUT": str(tmp_path / "c.gpkg")},
            feedback=log)
    assert "Cancel" in str(err.value)
