"""doldo:industryclusters, doldo:regions and the synthetic province through
processing.run: against the core on the same arrays, hand-built regions,
styles, reports, and the model chaining the two under qgis_process."""
import os
import warnings

import numpy as np
import pytest
from qgis.core import NULL, QgsProcessingException

from .helpers import ROOT, column, layer_of, point_layer

D_MAX, D_STEP = 600, 25


def economy(seed=0):
    """As tests/test_industry_clusters.py: 2,000 background firms (no code),
    11 two clumps, 22 random, 33 one wide clump, 44 too small."""
    rng = np.random.default_rng(seed)
    bg = rng.uniform(0, 4000, (2000, 2))
    clumps = np.r_[rng.normal((1000, 1000), 40, (60, 2)), rng.normal((3000, 2500), 40, (60, 2)),
                   rng.uniform(0, 4000, (30, 2))]
    pts = np.r_[bg, clumps, rng.uniform(0, 4000, (80, 2)),
                rng.normal((2000, 2000), 500, (90, 2)), rng.uniform(0, 4000, (5, 2))]
    codes = [None] * 2000 + ["11"] * 150 + ["22"] * 80 + ["33"] * 90 + ["44"] * 5
    return pts + [500_000, 2_000_000], codes


@pytest.fixture(scope="module")
def firms_layer(doldo_plugin):
    pts, codes = economy()
    return point_layer(pts, crs="EPSG:32649", fields=[("code", "string")],
                       values=[[c] for c in codes]), pts, codes


def cluster_params(layer, tmp_path, **extra):
    p = {"INPUT": layer, "INDUSTRY_FIELD": "code", "SIMULATIONS": 99, "SEED": 4,
         "DISTANCE_MAX": D_MAX, "DISTANCE_STEP": D_STEP, "ONLY_LOCALIZED": False,
         "FIRMS": str(tmp_path / "firms.gpkg"), "CLUSTERS": str(tmp_path / "clusters.gpkg"),
         "CENTRES": str(tmp_path / "centres.gpkg"),
         "BOUNDARIES": str(tmp_path / "boundaries.gpkg"),
         "SUMMARY": str(tmp_path / "summary.gpkg"), "OUTPUT_HTML": str(tmp_path / "r.html")}
    p.update(extra)
    return p


def test_industryclusters_matches_the_core(run, firms_layer, tmp_path):
    from doldo.core import industry_clusters
    layer, pts, codes = firms_layer
    res = run("doldo:industryclusters", cluster_params(layer, tmp_path))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = industry_clusters(pts, codes, np.arange(0, D_MAX + 1, D_STEP), n_sim=99,
                                seed=4, only_localized=False)
    assert res["INDUSTRIES"] == 3 == len(ref.industries)
    assert res["CLUSTER_COUNT"] == sum(c["scale"] == "local" for c in ref.clusters)
    summary = layer_of(res["SUMMARY"])
    got = {f["industry"]: f for f in summary.getFeatures()}
    for r in ref.summary:
        f = got[r["industry"]]
        assert f["firms"] == r["firms"] and f["status"] == r["status"]
        if r["h_max"] is None:
            assert f["h_max"] == NULL
        else:
            assert f["h_max"] == pytest.approx(r["h_max"])
        if r["clusters"] is not None:
            assert f["clusters"] == r["clusters"]
            assert f["local_core_firms"] == r["local_core_firms"]
    firms = layer_of(res["FIRMS"])
    assert firms.featureCount() == 150 + 80 + 90
    assert sum(column(firms, "core_local")) == sum(r["core_local"] for r in ref.firms)
    ldo = sorted(column(firms, "ldo_local"))
    np.testing.assert_allclose(ldo, sorted(r["ldo_local"] for r in ref.firms), rtol=1e-12)
    clusters = layer_of(res["CLUSTERS"])
    assert clusters.featureCount() == len(ref.clusters)
    assert sorted(zip(column(clusters, "industry"), column(clusters, "scale"),
                      column(clusters, "firms"))) == \
        sorted((c["industry"], c["scale"], c["firms"]) for c in ref.clusters)
    assert layer_of(res["CENTRES"]).featureCount() == len(ref.clusters)
    assert layer_of(res["BOUNDARIES"]).featureCount() == 3
    # styled: clusters categorised by industry, centres as stars
    assert clusters.renderer().type() == "categorizedSymbol"
    assert clusters.renderer().classAttribute() == "industry"
    centres = layer_of(res["CENTRES"])
    assert centres.renderer().symbol().symbolLayer(0).shape() is not None
    text = open(res["OUTPUT_HTML"], encoding="utf-8").read()
    assert "Every cluster on one map" in text and "ranked by firms in clusters" in text
    assert text.count("data:image/png") >= 2


def test_industryclusters_only_localized_and_plain_errors(run, firms_layer, tmp_path):
    layer, _, _ = firms_layer
    res = run("doldo:industryclusters", cluster_params(layer, tmp_path, ONLY_LOCALIZED=True,
                                                       SIMULATIONS=39))
    s = {f["industry"]: f for f in layer_of(res["SUMMARY"]).getFeatures()}
    assert s["22"]["status"] in ("dispersed", "neither")
    assert s["22"]["clusters"] == NULL and s["11"]["clusters"] >= 2
    with pytest.raises(QgsProcessingException, match="19 simulations are too few"):
        run("doldo:industryclusters", cluster_params(layer, tmp_path, SIMULATIONS=19))


def square(x0, y0, x1, y1):
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]


@pytest.fixture(scope="module")
def hand_regions(doldo_plugin):
    """Regions 1 and 2 side by side, 3 with a hole, 4 in two parts (metres)."""
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:32649&field=rid:integer&field=grp:string",
                           "regions", "memory")
    geoms = {1: [[square(1, 0, 2, 1)]], 2: [[square(0, 0, 1, 1)]],
             3: [[square(3, 0, 6, 3), square(4, 1, 5, 2)]],
             4: [[square(10, 0, 11, 1)], [square(20, 0, 21, 1)]]}
    groups = {1: "core", 2: "core", 3: "periphery", 4: "periphery"}
    feats = []
    for rid, parts in geoms.items():
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromMultiPolygonXY(
            [[[QgsPointXY(x * 1000, y * 1000) for x, y in ring] for ring in part]
             for part in parts]))
        f.setAttributes([rid, groups[rid]])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    return layer


def test_regions_counts_by_hand(run, hand_regions, tmp_path):
    xy = np.array([(0.5, 0.5), (1.0, 0.5), (1.5, 0.5), (1.5, 0.7), (4.5, 1.5), (3.5, 1.5),
                   (10.5, 0.5), (20.5, 0.5), (15, 0.5)]) * 1000
    codes = ["A", "A", "A", "B", "A", "B", "B", "A", "B"]
    core = [1, 1, 0, 1, 0, 0, 1, 0, 0]
    layer = point_layer(xy, crs="EPSG:32649", fields=[("code", "string"), ("core", "integer")],
                        values=[[c, k] for c, k in zip(codes, core)])
    res = run("doldo:regions", {
        "INPUT": layer, "INDUSTRY_FIELD": "code", "CORE_FIELD": "core",
        "REGIONS": hand_regions, "REGION_FIELD": "rid", "GROUP_FIELD": "grp",
        "TABLE": str(tmp_path / "t.gpkg"), "REGIONS_OUT": str(tmp_path / "r.gpkg"),
        "OUTPUT_HTML": str(tmp_path / "r.html")})
    assert res["REGIONS"] == 4
    t = {(f["region"], f["industry"]): f for f in layer_of(res["TABLE"]).getFeatures()}
    # region 1 (lower id) takes the firm on the shared edge: A 2 (1 core), B 1 (core)
    assert t[(1, "A")]["firms"] == 2 and t[(1, "A")]["core_firms"] == 1
    assert t[(2, "A")]["firms"] == 1 and t[(2, "A")]["core_firms"] == 1
    assert t[(3, "A")]["firms"] == 0 and t[(3, "B")]["firms"] == 1       # the hole's firm out
    assert t[(4, "A")]["firms"] == 1 and t[(4, "B")]["firms"] == 1       # both parts
    # LQ of A in region 1: (2 / 3) / (5 / 9)
    assert t[(1, "A")]["lq"] == pytest.approx((2 / 3) / (5 / 9))
    assert t[(1, "A")]["share_of_core"] == pytest.approx(1 / 2)
    regions = layer_of(res["REGIONS_OUT"])
    recs = {f["rid"]: f for f in regions.getFeatures()}
    assert recs[1]["firms"] == 3 and recs[1]["core_firms"] == 2 and recs[1]["group"] == "core"
    assert recs[1]["core_per_1000"] == pytest.approx(1000 * 2 / 3)
    assert regions.renderer().type() == "graduatedSymbol"
    assert regions.renderer().classAttribute() == "core_per_1000"
    # Gini of A over the inside firms (region 1: 3 firms, 2 A; 2: 1, 1; 3: 1, 0; 4: 2, 1)
    from doldo.core.regions import lorenz
    g = lorenz(np.array([2, 1, 0, 1]) / 4, np.array([3, 1, 1, 2]) / 7)[2]
    g_b = lorenz(np.array([1, 0, 1, 1]) / 3, np.array([3, 1, 1, 2]) / 7)[2]
    assert res["GINI_MEAN"] == pytest.approx((g + g_b) / 2)
    text = open(res["OUTPUT_HTML"], encoding="utf-8").read()
    assert "Regions ranked" in text and "Lorenz" in text and "Groups of regions" in text


def test_regions_refuses_duplicate_ids(run, tmp_path):
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer
    layer = QgsVectorLayer("Polygon?crs=EPSG:32649&field=rid:integer", "r", "memory")
    feats = []
    for _ in range(2):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPolygonXY([[QgsPointXY(x, y) for x, y in
                                                  square(0, 0, 1, 1)]]))
        f.setAttributes([7])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    pts = point_layer([(0.5, 0.5)], crs="EPSG:32649", fields=[("code", "string")],
                      values=[["A"]])
    with pytest.raises(QgsProcessingException, match="the region ids must be unique"):
        run("doldo:regions", {"INPUT": pts, "INDUSTRY_FIELD": "code", "REGIONS": layer,
                              "REGION_FIELD": "rid", "TABLE": str(tmp_path / "t.gpkg"),
                              "REGIONS_OUT": str(tmp_path / "r.gpkg")})


@pytest.fixture(scope="module")
def province(run, tmp_path_factory):
    out = tmp_path_factory.mktemp("province")
    return run("doldo:synthetic", {"DATASET": 3, "SEED": 1,
                                   "OUTPUT": str(out / "firms.gpkg"),
                                   "REGIONS": str(out / "regions.gpkg")})


def test_the_province_dataset(province):
    from doldo.core.province import province_dataset
    firms = layer_of(province["OUTPUT"])
    regions = layer_of(province["REGIONS"])
    assert firms.featureCount() == 200_000 and regions.featureCount() == 21
    assert firms.crs().authid() == "EPSG:32649"
    groups = column(regions, "group")
    assert groups.count("core") == 9 and groups.count("periphery") == 12
    ref = province_dataset(seed=1)
    first = next(firms.getFeatures())
    assert first["industry"] == ref.industries[0]
    p = first.geometry().asPoint()
    assert (p.x(), p.y()) == pytest.approx(tuple(ref.points[0]))
    # the cells tile the outline: their areas sum to its area
    from doldo.core.province import OUTLINE
    x, y = OUTLINE[:, 0], OUTLINE[:, 1]
    area = abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2
    assert sum(f.geometry().area() for f in regions.getFeatures()) == pytest.approx(area)


def test_the_model_under_qgis_process(headless, province, tmp_path):
    """models/clusters_by_city.model3 on a 20,000-firm extract of the province."""
    from qgis.core import QgsVectorFileWriter, QgsCoordinateTransformContext, QgsVectorLayer
    src = QgsVectorLayer(province["OUTPUT"], "f", "ogr")
    src.setSubsetString('"id" <= 20000')
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    small = str(tmp_path / "small.gpkg")
    err = QgsVectorFileWriter.writeAsVectorFormatV3(src, small,
                                                    QgsCoordinateTransformContext(), opts)
    assert err[0] == QgsVectorFileWriter.WriterError.NoError
    model = os.path.join(ROOT, "models", "clusters_by_city.model3")
    res = headless("run", model, "--", f"firms={small}", "industry_field=industry",
                   f"regions={province['REGIONS']}", "region_field=region",
                   "group_field=group", "simulations=39", "distance_max=10000",
                   "distance_step=1000", "seed=3",
                   f"industryclusters:firms_out={tmp_path / 'mf.gpkg'}",
                   "industryclusters:centres=TEMPORARY_OUTPUT",
                   "industryclusters:clusters=TEMPORARY_OUTPUT",
                   "industryclusters:summary=TEMPORARY_OUTPUT",
                   f"regions:table={tmp_path / 'mt.gpkg'}",
                   f"regions:regions_out={tmp_path / 'mr.gpkg'}",
                   f"regions:regions_report={tmp_path / 'mr.html'}")
    regions = layer_of(res["regions:regions_out"])
    assert regions.featureCount() == 21
    # the core firms of the first child are counted in the regions
    firms = layer_of(res["industryclusters:firms_out"])
    core = sum(column(firms, "core_local"))
    assert core > 0
    assert sum(column(regions, "core_firms")) == core
    assert os.path.getsize(tmp_path / "mr.html") > 1000
