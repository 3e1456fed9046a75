"""A run as the desktop dialog makes it: every layer output a temporary
layer (TEMPORARY_OUTPUT), results loaded with runAndLoadResults. It must
end clean (no "layers were not correctly generated"), load exactly the
layers produced, and stack centres and rectangles above the firms."""
import pytest

from .test_evolution_alg import case, layers, params as evolution_params  # noqa: F401

SINK_TYPES = ("sink",)

# the desktop's layer tree view, which runAndLoadResults uses on QGIS 3.44
pytestmark = pytest.mark.usefixtures("layer_tree_view")


class Log:
    def __init__(self):
        from qgis.core import QgsProcessingFeedback

        class Feedback(QgsProcessingFeedback):
            errors = []

            def reportError(self, message, fatalError=False):  # noqa: N802
                self.errors.append(message)
        self.feedback = Feedback()
        self.feedback.errors = []


def temporary_outputs(alg_id):
    """Every layer output of the algorithm as TEMPORARY_OUTPUT, as the
    dialog's defaults (optional ones created by default included)."""
    from qgis.core import QgsApplication, QgsProcessingParameterFeatureSink
    alg = QgsApplication.processingRegistry().algorithmById(alg_id)
    return {p.name(): "TEMPORARY_OUTPUT" for p in alg.destinationParameterDefinitions()
            if isinstance(p, QgsProcessingParameterFeatureSink)}


def dialog_run(alg_id, inputs):
    """(results, log errors, loaded layer names top to bottom, keys Processing
    was asked to load)."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProject
    from doldo.algorithms.common.loading import tree_order
    log = Log()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    params = dict(inputs, **temporary_outputs(alg_id))
    res = processing.runAndLoadResults(alg_id, params, feedback=log.feedback, context=context)
    return res, log.feedback.errors, tree_order()


@pytest.fixture
def paracou(paracou_layers):
    return paracou_layers


CURVE = {"DISTANCE_MAX": 100, "DISTANCE_STEP": 2, "SIMULATIONS": 99, "SEED": 1}


def test_framework_from_the_dialog_ends_clean_with_centres_on_top(paracou, qgis_new_project):
    ind, bg = paracou
    res, errors, order = dialog_run("doldo:framework", dict(CURVE, INPUT=ind, BACKGROUND=bg,
                                                            OUTPUT_HTML=None))
    assert errors == []
    assert res["H_MAX"] is not None
    assert order == ["Agglomeration centre (global scale)", "Cluster centres (local scale)",
                     "Cluster rectangles (local scale)", "Boundary (global scale)",
                     "Core firms (local scale)", "Core firms (global scale)", "DO curve"]
    from qgis.core import QgsProject
    loaded = {lay.name(): lay for lay in QgsProject.instance().mapLayers().values()}
    assert len(loaded) == 7
    centre = loaded["Agglomeration centre (global scale)"]
    assert centre.featureCount() == 1
    star = centre.renderer().symbol().symbolLayer(0)
    assert star.shape() == star.Star and star.color().name() == "#e31a1c"
    # the star is the boundary's agglomeration centre
    b = next(loaded["Boundary (global scale)"].getFeatures())
    c = next(centre.getFeatures())
    assert (c["x"], c["y"]) == (b["centre_x"], b["centre_y"])


@pytest.mark.parametrize("alg_id,extra", [
    ("doldo:docurve", dict(CURVE)),
    ("doldo:ldo", {"SCALE": "local"}),
    ("doldo:mclmldo", {"SCALE": "global", "BOUNDARY_DISTANCE": 40}),
    ("doldo:mclmlk", {"BOUNDARY_DISTANCE": 40, "SELECTION": "threshold"}),
    ("doldo:crests", dict(CURVE, OUTPUT_HTML=None)),
    ("doldo:synthetic", {"DATASET": 2, "SEED": 1}),
])
def test_every_algorithm_from_the_dialog_ends_clean(paracou, qgis_new_project, alg_id, extra):
    ind, bg = paracou
    inputs = dict(extra)
    if alg_id != "doldo:synthetic":
        inputs["INPUT"] = ind
        if alg_id not in ("doldo:ldo", "doldo:mclmldo"):
            inputs["BACKGROUND"] = bg
    res, errors, order = dialog_run(alg_id, inputs)
    assert errors == []
    produced = [k for k, v in res.items() if isinstance(v, str) and k in temporary_outputs(alg_id)]
    assert len(order) == len(produced) > 0
    if alg_id in ("doldo:mclmldo", "doldo:mclmlk"):
        assert order[:3] == ["Agglomeration centre (global scale)",
                             "Cluster centres (global scale)",
                             "Cluster rectangles (global scale)"]
        assert order[-1] == "Core firms (global scale)"


def test_evolution_from_the_dialog_ends_clean(layers, tmp_path, qgis_new_project):  # noqa: F811
    ind, bg = layers
    p = evolution_params(ind, bg, tmp_path, SIMULATIONS=19, CONFIDENCE=10, YEARS="2000,2010",
                         OUTPUT_HTML=None)
    res, errors, order = dialog_run("doldo:evolution", p)
    assert errors == []
    assert order[:3] == ["Agglomeration centre over time", "Local clusters over time",
                         "Global boundary over time"]
    tables = [n for n in order if n.endswith("per year")]
    assert tables == ["Summary per year", "Localization curves per year"]


@pytest.mark.parametrize("alg_id,extra,expected", [
    ("doldo:industries", {}, ["Industries: summary", "Industries: curves"]),
    ("doldo:colocalization", {"TOP": 3}, ["Co-localization: pairs", "Co-localization: curves"]),
])
def test_economy_algorithms_from_the_dialog_end_clean_summary_first(
        paracou_gpkg, qgis_new_project, alg_id, extra, expected):
    inputs = dict(extra, INPUT=f"{paracou_gpkg}|layername=trees", INDUSTRY_FIELD="species",
                  SIMULATIONS=39, SEED=1, DISTANCE_MAX=60, DISTANCE_STEP=4)
    res, errors, order = dialog_run(alg_id, inputs)
    assert errors == []
    assert order == expected
    from qgis.core import QgsProject
    counts = {lay.name(): lay.featureCount()
              for lay in QgsProject.instance().mapLayers().values()}
    assert counts[expected[0]] == 3         # 3 species / the 3 pairs of them
    assert counts[expected[1]] == 3 * 16    # 0..60 by 4


def test_the_interface_gives_a_real_layer_tree_view_of_the_project(qgis_iface):
    from qgis.core import QgsProject
    from qgis.gui import QgsLayerTreeView
    view = qgis_iface.layerTreeView()
    assert isinstance(view, QgsLayerTreeView)
    assert view.layerTreeModel().rootGroup() is QgsProject.instance().layerTreeRoot()


def test_the_results_viewer_names_each_report_after_its_algorithm_and_input(
        paracou, paracou_gpkg, qgis_new_project, qgis_iface, monkeypatch, tmp_path):
    """Issue 18: every report was "Report [time]" in the Results Viewer. The
    Processing dialog itself (built, not shown): its parameters for a run on
    the project's layer, the run, then the dialog's own finish(), which adds
    the report to the Results Viewer's list."""
    import processing
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProject
    from qgis.gui import QgsBrowserGuiModel
    from processing.core.ProcessingResults import resultsList
    from processing.gui.AlgorithmDialog import AlgorithmDialog
    model = QgsBrowserGuiModel()
    monkeypatch.setattr(qgis_iface, "browserModel", lambda: model, raising=False)
    ind, bg = paracou
    QgsProject.instance().addMapLayers([ind, bg])
    named = []
    for alg_id, inputs, expected in [
            ("doldo:framework", dict(CURVE, INPUT=ind.id(), BACKGROUND=bg.id()),
             "DO-LDO framework report: v_americana"),
            ("doldo:industries", {"INPUT": f"{paracou_gpkg}|layername=trees",
                                  "INDUSTRY_FIELD": "species", "SIMULATIONS": 39, "SEED": 1,
                                  "DISTANCE_MAX": 40, "DISTANCE_STEP": 4},
             "DO curves of every industry report: trees")]:
        alg = QgsApplication.processingRegistry().algorithmById(alg_id)
        dialog = AlgorithmDialog(alg.create(), False, None)
        dialog.setParameters(inputs)
        params = dialog.createProcessingParameters()
        params.update({k: v for k, v in inputs.items() if k not in params})
        params["OUTPUT_HTML"] = str(tmp_path / f"{alg.name()}.html")
        for p in alg.destinationParameterDefinitions():
            if p.name() != "OUTPUT_HTML":
                params[p.name()] = "TEMPORARY_OUTPUT"
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        log = Log()
        results = processing.run(alg_id, params, context=context, feedback=log.feedback)
        before = len(resultsList.getResults())
        dialog.iterateParam = None      # (runAlgorithm sets it: no "iterate over this layer")
        dialog.finish(True, results, context, log.feedback)
        added = resultsList.getResults()[before:]
        assert [(r.name, r.filename) for r in added] == [(expected, params["OUTPUT_HTML"])]
        named.append(added[0].name)
        dialog.deleteLater()
    assert len(set(named)) == 2
