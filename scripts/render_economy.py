"""Render the README pictures of the economy demo (scripts/demo_economy.sh
first): docs/economy_map.png (QGIS rendering of the styled GeoPackages: the
regions' choropleth of core firms per 1,000 firms, every local cluster
coloured by industry, their centres as stars; the clusters of the
localized industries) and docs/economy_regions.png
(the Lorenz curves of the regions report)."""
import base64
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main(demo=os.path.join(ROOT, "out", "demo-economy")):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import (QgsApplication, QgsMapRendererParallelJob, QgsMapSettings,
                           QgsVectorLayer)
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor
    app = QgsApplication([], False)
    app.initQgis()
    regions = QgsVectorLayer(os.path.join(demo, "regions.gpkg"), "regions", "ogr")
    summary = QgsVectorLayer(os.path.join(demo, "summary.gpkg"), "summary", "ogr")
    localized = [f["industry"] for f in summary.getFeatures()
                 if str(f["status"]).startswith("localized")]
    keep = "\"scale\" = 'local' AND \"industry\" IN (%s)" % ", ".join(
        "'%s'" % code for code in localized)
    clusters = QgsVectorLayer(os.path.join(demo, "clusters.gpkg"), "clusters", "ogr")
    clusters.setSubsetString(keep)
    centres = QgsVectorLayer(os.path.join(demo, "centres.gpkg"), "centres", "ogr")
    centres.setSubsetString(keep)
    layers = [centres, clusters, regions]
    for lay in layers:
        assert lay.isValid(), lay.name()
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(regions.crs())
    ext = regions.extent()
    ext.scale(1.03)
    settings.setExtent(ext)
    settings.setOutputSize(QSize(900, int(900 * ext.height() / ext.width())))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    os.makedirs(os.path.join(ROOT, "docs"), exist_ok=True)
    job.renderedImage().save(os.path.join(ROOT, "docs", "economy_map.png"), "png")
    html = open(os.path.join(demo, "regions.html"), encoding="utf-8").read()
    img = re.findall(r"alt=\"Lorenz curves\" src=\"data:image/png;base64,([^\"]+)\"", html)[0]
    with open(os.path.join(ROOT, "docs", "economy_regions.png"), "wb") as f:
        f.write(base64.b64decode(img))
    print("wrote docs/economy_map.png docs/economy_regions.png")


if __name__ == "__main__":
    main(*sys.argv[1:])
