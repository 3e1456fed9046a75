"""doldo:crests through processing.run on synthetic dataset 2 (Figure 14)."""
import numpy as np
import pytest

from .helpers import column, layer_of, point_layer


@pytest.fixture
def ds2_layers(synthetic2, doldo_plugin):
    pts, is_a, truth = synthetic2
    ind = point_layer(pts[is_a], "A", crs="EPSG:3857", fields=[("truth", "string")],
                      values=[[t] for t in truth[is_a]])
    bg = point_layer(pts, "all", crs="EPSG:3857")
    return ind, bg


def outputs(tmp_path, tag):
    return {"OUTPUT": str(tmp_path / f"{tag}_firms.gpkg"),
            "CRESTS_TABLE": str(tmp_path / f"{tag}_crests.gpkg"),
            "CLUSTERS": str(tmp_path / f"{tag}_clusters.gpkg"),
            "OUTPUT_HTML": str(tmp_path / f"{tag}.html")}


def test_figure_14_from_the_computed_curve(run, ds2_layers, synthetic2, tmp_path):
    from doldo.core import do_curve, mclm_ldo
    from doldo.core.crests import find_crests
    pts, is_a, truth = synthetic2
    a, ta = pts[is_a], truth[is_a]
    ind, bg = ds2_layers
    res = run("doldo:crests", {"INPUT": ind, "BACKGROUND": bg, "DISTANCE_MAX": 25,
                               "DISTANCE_STEP": 1, "SIMULATIONS": 199, "SEED": 7,
                               **outputs(tmp_path, "c")})
    curve = do_curve(a, pts, np.arange(0, 26, 1.0), n_sim=199, seed=7)
    want = [c.distance for c in find_crests(curve.distances, curve.gamma, 0.05)]
    assert res["H_MAX"] == curve.h_max == 6.0
    assert res["BOUNDARY_DISTANCE_USED"] == 2.0           # h_max / 3, the paper's ĥ
    assert res["CREST_COUNT"] == 3 and len(want) == 3
    assert want[0] == 3.0 and 8 <= want[1] <= 9 and 19 <= want[2] <= 20
    table = layer_of(res["CRESTS_TABLE"])
    assert column(table, "distance") == want
    firms = layer_of(res["OUTPUT"])
    t = np.array(column(firms, "truth"))
    flags = [np.array(column(firms, f"crest_{k}")) == 1 for k in (1, 2, 3)]
    for k, d in enumerate(want):   # the flags are MCLM-LDO at (d̂, 2)
        np.testing.assert_array_equal(flags[k], mclm_ldo(a, 2.0, peak=d).is_core)
    assert np.array_equal(t, ta)
    # Figure 14: crest 1 the clusters, crest 2 the ring, crest 3 mostly the clusters
    assert flags[0].sum() == np.sum(flags[0] & (t == "core")) >= 95
    assert np.sum(flags[1] & (t == "sparse")) >= 0.7 * flags[1].sum()
    assert np.sum(flags[2] & (t == "core")) >= 0.85 * flags[2].sum()
    share = column(table, "share_in")
    assert share[0] >= 0.95 and share[1] < 0.3 and share[2] >= 0.85
    verdicts = column(table, "verdict")
    assert "outside the clusters" in verdicts[1] and "clusters' firms" in verdicts[2]
    assert layer_of(res["CLUSTERS"]).featureCount() == 2   # global scale: the two clusters
    assert column(firms, "crests") == list(np.sum(flags, axis=0))
    assert firms.renderer().type() == "RuleRenderer"
    html = open(res["OUTPUT_HTML"], encoding="utf-8").read()
    assert html.count("data:image/png;base64") == 2 and "Figure 14" in html


def test_from_a_docurve_table_and_given_crests(run, ds2_layers, synthetic2, tmp_path):
    from doldo.core import mclm_ldo
    pts, is_a, truth = synthetic2
    ind, bg = ds2_layers
    cur = run("doldo:docurve", {"INPUT": ind, "BACKGROUND": bg, "DISTANCE_MAX": 25,
                                "DISTANCE_STEP": 1, "SIMULATIONS": 199, "SEED": 7,
                                "OUTPUT": str(tmp_path / "curve.gpkg")})
    res = run("doldo:crests", {"INPUT": ind, "CURVE": cur["OUTPUT"], "CRESTS": "20, 3 9",
                               "BOUNDARY_DISTANCE": 2, "CLUSTER_SCALE": "local",
                               **outputs(tmp_path, "t")})
    assert res["H_MAX"] == cur["H_MAX"] == 6.0
    table = layer_of(res["CRESTS_TABLE"])
    assert column(table, "distance") == [3.0, 9.0, 20.0]
    firms = layer_of(res["OUTPUT"])
    a = pts[is_a]
    np.testing.assert_array_equal(np.array(column(firms, "crest_2")) == 1,
                                  mclm_ldo(a, 2.0, peak=9.0).is_core)
    loc = mclm_ldo(a, "local")
    assert layer_of(res["CLUSTERS"]).featureCount() == len(loc.clusters)
    assert [v or 0 for v in column(firms, "cluster")] == loc.cluster.tolist()


def test_crests_errors(run, ds2_layers, tmp_path):
    from qgis.core import QgsProcessingException
    ind, bg = ds2_layers
    with pytest.raises(QgsProcessingException, match="'Crest distances d̂': cannot read"):
        run("doldo:crests", {"INPUT": ind, "BACKGROUND": bg, "SIMULATIONS": 19,
                             "CONFIDENCE": 10, "SEED": 1, "DISTANCE_MAX": 25,
                             "CRESTS": "3, nine", **outputs(tmp_path, "e")})
    table = point_layer(np.zeros((0, 2)), "t")
    with pytest.raises(QgsProcessingException, match="no field 'distance'"):
        run("doldo:crests", {"INPUT": ind, "CURVE": table, **outputs(tmp_path, "f")})


def test_crests_under_qgis_process(headless, synthetic2, tmp_path):
    from qgis.core import QgsVectorFileWriter
    from doldo.algorithms.common import compat
    pts, is_a, truth = synthetic2
    gpkg = str(tmp_path / "ds2.gpkg")
    lay = point_layer(pts[is_a], "A", crs="EPSG:3857")
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.layerName = "A"
    assert compat.write_vector(lay, gpkg, opts) == ""
    out = str(tmp_path / "q_crests.gpkg")
    res = headless("run", "doldo:crests", "--", f"INPUT={gpkg}|layername=A",
                   "CRESTS=3,9,20", "BOUNDARY_DISTANCE=2", "SIMULATIONS=0",
                   "CLUSTER_SCALE=local", f"CRESTS_TABLE={out}",
                   f"OUTPUT={tmp_path / 'q_firms.gpkg'}",
                   f"CLUSTERS={tmp_path / 'q_cl.gpkg'}", f"OUTPUT_HTML={tmp_path / 'q.html'}")
    assert res["CREST_COUNT"] == 3
    assert column(layer_of(out), "core_firms")[0] == 100
