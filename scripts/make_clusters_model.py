"""Regenerate models/clusters_by_city.model3 (issue 23): doldo:industryclusters
then doldo:regions on its FIRMS (core_local) and CENTRES. Run with QGIS's
Python and a clean PATH, as make_model.py; the tests run the committed file."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from make_model import fill_defaults  # noqa: E402


def output(child, name, label):
    from qgis.core import QgsProcessingModelOutput
    o = QgsProcessingModelOutput(label)
    o.setChildOutputName(name)
    o.setChildId(child)
    o.setMandatory(False)
    o.setDefaultValue("TEMPORARY_OUTPUT")
    return o


def build():
    from qgis.core import (QgsProcessing, QgsProcessingModelAlgorithm,
                           QgsProcessingModelChildAlgorithm,
                           QgsProcessingModelChildParameterSource as Src,
                           QgsProcessingModelParameter, QgsProcessingParameterFeatureSource,
                           QgsProcessingParameterField, QgsProcessingParameterNumber)
    from qgis.PyQt.QtCore import QPointF
    m = QgsProcessingModelAlgorithm("Clusters by city", "DO-LDO")
    m.setHelpContent({"ALG_DESC": (
        "The clusters of every industry (doldo:industryclusters), then what each city "
        "holds (doldo:regions): the firms with their local-scale core flag (core_local) "
        "and the cluster centres are counted in the regions, with location quotients, "
        "the locational Gini of every industry and the groups of regions side by side.")})
    params = [
        (QgsProcessingParameterFeatureSource("firms", "Firms (points, with an industry code)",
                                             [QgsProcessing.SourceType.TypeVectorPoint]), 80),
        (QgsProcessingParameterField("industry_field", "Industry field",
                                     parentLayerParameterName="firms"), 260),
        (QgsProcessingParameterFeatureSource("regions", "Regions (polygons)",
                                             [QgsProcessing.SourceType.TypeVectorPolygon]),
         440),
        (QgsProcessingParameterField("region_field", "Region id field",
                                     parentLayerParameterName="regions"), 620),
        (QgsProcessingParameterField("group_field", "Group field (optional)",
                                     parentLayerParameterName="regions", optional=True), 800),
        (QgsProcessingParameterNumber("simulations", "Simulations",
                                      QgsProcessingParameterNumber.Type.Integer, 99, False,
                                      20), 980),
        (QgsProcessingParameterNumber("distance_max", "Largest distance (layer units)",
                                      QgsProcessingParameterNumber.Type.Double, None, True,
                                      0.0), 1160),
        (QgsProcessingParameterNumber("distance_step", "Distance step (layer units)",
                                      QgsProcessingParameterNumber.Type.Double, None, True,
                                      0.0), 1340),
        (QgsProcessingParameterNumber("seed", "Random seed",
                                      QgsProcessingParameterNumber.Type.Integer, None, True,
                                      0), 1520),
    ]
    for p, x in params:
        m.addModelParameter(p, QgsProcessingModelParameter(p.name()))
        m.parameterComponent(p.name()).setPosition(QPointF(x, 60))

    c1 = QgsProcessingModelChildAlgorithm("doldo:industryclusters")
    c1.setChildId("industryclusters")
    c1.setDescription("Clusters of every industry")
    c1.setPosition(QPointF(400, 220))
    for name, src in (("INPUT", "firms"), ("INDUSTRY_FIELD", "industry_field"),
                      ("SIMULATIONS", "simulations"), ("DISTANCE_MAX", "distance_max"),
                      ("DISTANCE_STEP", "distance_step"), ("SEED", "seed")):
        c1.addParameterSources(name, [Src.fromModelParameter(src)])
    c1.setModelOutputs({label: output("industryclusters", name, label) for name, label in (
        ("FIRMS", "firms_out"), ("CLUSTERS", "clusters"), ("CENTRES", "centres"),
        ("SUMMARY", "summary"), ("OUTPUT_HTML", "clusters_report"))})
    fill_defaults(c1)
    m.addChildAlgorithm(c1)

    c2 = QgsProcessingModelChildAlgorithm("doldo:regions")
    c2.setChildId("regions")
    c2.setDescription("Agglomeration by region")
    c2.setPosition(QPointF(400, 400))
    c2.addParameterSources("INPUT", [Src.fromChildOutput("industryclusters", "FIRMS")])
    c2.addParameterSources("INDUSTRY_FIELD", [Src.fromStaticValue("industry")])
    c2.addParameterSources("CORE_FIELD", [Src.fromStaticValue("core_local")])
    c2.addParameterSources("CENTRES", [Src.fromChildOutput("industryclusters", "CENTRES")])
    c2.addParameterSources("CLUSTER_SCALE", [Src.fromStaticValue("local")])
    for name, src in (("REGIONS", "regions"), ("REGION_FIELD", "region_field"),
                      ("GROUP_FIELD", "group_field")):
        c2.addParameterSources(name, [Src.fromModelParameter(src)])
    c2.setModelOutputs({label: output("regions", name, label) for name, label in (
        ("TABLE", "table"), ("REGIONS_OUT", "regions_out"), ("OUTPUT_HTML", "regions_report"))})
    fill_defaults(c2)
    m.addChildAlgorithm(c2)
    return m


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing
    Processing.initialize()
    import tempfile
    link_dir = tempfile.mkdtemp()
    os.symlink(ROOT, os.path.join(link_dir, "doldo"))
    sys.path.insert(0, link_dir)
    import doldo
    plugin = doldo.classFactory(None)
    plugin.initProcessing()
    model = build()
    path = os.path.join(ROOT, "models", "clusters_by_city.model3")
    print("valid:", model.validate() if hasattr(model, "validate") else "?")
    model.toFile(path)
    print("wrote", path)
