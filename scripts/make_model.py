"""Regenerate models/docurve_to_mclmldo.model3 (run with QGIS's Python and
the plugin importable as ``doldo``; the tests run the committed file)."""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fill_defaults(child):
    """Give every parameter not wired yet its default (as the designer does)."""
    from qgis.core import (QgsApplication, QgsProcessingModelChildParameterSource as Src)
    alg = QgsApplication.processingRegistry().algorithmById(child.algorithmId())
    for p in alg.parameterDefinitions():
        if p.name() in child.parameterSources() or p.isDestination():
            continue
        if p.defaultValue() is not None:
            child.addParameterSources(p.name(), [Src.fromStaticValue(p.defaultValue())])


def build():
    from qgis.core import (QgsProcessingModelAlgorithm, QgsProcessingModelChildAlgorithm,
                           QgsProcessingModelChildParameterSource as Src,
                           QgsProcessingModelOutput, QgsProcessingModelParameter,
                           QgsProcessingParameterFeatureSource, QgsProcessingParameterNumber)
    from qgis.PyQt.QtCore import QPointF
    from doldo.algorithms.common import compat
    m = QgsProcessingModelAlgorithm("DO curve h_max to MCLM-LDO core firms", "DO-LDO")
    m.setHelpContent({"ALG_DESC": (
        "Example model: the DO curve of an industry (doldo:docurve) gives the boundary "
        "distance h_max, which feeds doldo:mclmldo's BOUNDARY_DISTANCE (global scale). "
        "Fails with a clear message when the DO curve finds no h_max.")})
    for name, desc, x in (("industry", "Industry firms", 120), ("background", "All firms", 320)):
        p = QgsProcessingParameterFeatureSource(name, desc, [compat.SOURCE_POINT])
        m.addModelParameter(p, QgsProcessingModelParameter(name))
        m.parameterComponent(name).setPosition(QPointF(x, 60))
    sims = QgsProcessingParameterNumber("simulations", "Simulations",
                                        compat.NUMBER_INTEGER, 1000, False, 20)
    m.addModelParameter(sims, QgsProcessingModelParameter("simulations"))
    m.parameterComponent("simulations").setPosition(QPointF(520, 60))
    seed = QgsProcessingParameterNumber("seed", "Random seed",
                                        compat.NUMBER_INTEGER, None, True, 0)
    m.addModelParameter(seed, QgsProcessingModelParameter("seed"))
    m.parameterComponent("seed").setPosition(QPointF(700, 60))

    c1 = QgsProcessingModelChildAlgorithm("doldo:docurve")
    c1.setChildId("docurve")
    c1.setDescription("DO curve and localization index")
    c1.setPosition(QPointF(250, 200))
    c1.addParameterSources("INPUT", [Src.fromModelParameter("industry")])
    c1.addParameterSources("BACKGROUND", [Src.fromModelParameter("background")])
    c1.addParameterSources("SIMULATIONS", [Src.fromModelParameter("simulations")])
    c1.addParameterSources("SEED", [Src.fromModelParameter("seed")])
    o = QgsProcessingModelOutput("curve")
    o.setChildOutputName("OUTPUT")
    o.setChildId("docurve")
    o.setMandatory(False)
    o.setDefaultValue("TEMPORARY_OUTPUT")
    c1.setModelOutputs({"curve": o})
    fill_defaults(c1)
    m.addChildAlgorithm(c1)

    c2 = QgsProcessingModelChildAlgorithm("doldo:mclmldo")
    c2.setChildId("mclmldo")
    c2.setDescription("MCLM-LDO core firms and clusters")
    c2.setPosition(QPointF(250, 360))
    c2.addParameterSources("INPUT", [Src.fromModelParameter("industry")])
    c2.addParameterSources("SCALE", [Src.fromStaticValue("global")])
    c2.addParameterSources("BOUNDARY_DISTANCE", [Src.fromChildOutput("docurve", "H_MAX")])
    outs = {}
    for child_out, label in (("OUTPUT", "core_firms"), ("CLUSTERS", "clusters"),
                             ("CENTRES", "centres"), ("BOUNDARY", "boundary")):
        o = QgsProcessingModelOutput(label)
        o.setChildOutputName(child_out)
        o.setChildId("mclmldo")
        o.setMandatory(False)
        o.setDefaultValue("TEMPORARY_OUTPUT")
        outs[label] = o
    c2.setModelOutputs(outs)
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
    path = os.path.join(ROOT, "models", "docurve_to_mclmldo.model3")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    print("valid:", model.validate() if hasattr(model, "validate") else "?")
    model.toFile(path)
    print("wrote", path)
