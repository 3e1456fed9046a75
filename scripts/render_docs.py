"""Render the README pictures from the demo outputs (make demo first):
docs/demo_map.png (QGIS rendering of the styled GeoPackages) and
docs/demo_curve.png (the DO curve chart of the report)."""
import base64
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main(demo=os.path.join(ROOT, "out", "demo")):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import (QgsApplication, QgsMapRendererParallelJob, QgsMapSettings,
                           QgsVectorLayer, QgsMarkerSymbol, QgsSingleSymbolRenderer)
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor
    app = QgsApplication([], False)
    app.initQgis()
    trees = QgsVectorLayer(os.path.join(demo, "paracou16.gpkg") + "|layername=trees", "t", "ogr")
    trees.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple(
        {"name": "circle", "color": "#dcdcdc", "outline_style": "no", "size": "0.9"})))
    layers = [QgsVectorLayer(os.path.join(demo, f), f, "ogr") for f in
              ("centre.gpkg", "centres.gpkg", "boundary.gpkg", "clusters.gpkg",
               "local_firms.gpkg")]
    for lay in layers:
        assert lay.isValid(), lay.name()
    settings = QgsMapSettings()
    settings.setLayers(layers + [trees])
    settings.setDestinationCrs(layers[-1].crs())
    ext = trees.extent()
    for lay in layers:  # the boundary rectangle may reach beyond the plot
        ext.combineExtentWith(lay.extent())
    ext.scale(1.05)
    settings.setExtent(ext)
    settings.setOutputSize(QSize(700, int(700 * ext.height() / ext.width())))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    os.makedirs(os.path.join(ROOT, "docs"), exist_ok=True)
    job.renderedImage().save(os.path.join(ROOT, "docs", "demo_map.png"), "png")
    html = open(os.path.join(demo, "report.html"), encoding="utf-8").read()
    img = re.findall(r"base64,([^\"]+)\"", html)[0]
    with open(os.path.join(ROOT, "docs", "demo_curve.png"), "wb") as f:
        f.write(base64.b64decode(img))
    print("wrote docs/demo_map.png docs/demo_curve.png")


if __name__ == "__main__":
    main(*sys.argv[1:])
