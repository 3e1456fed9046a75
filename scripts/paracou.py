"""Build the bundled Paracou 16 demo data as QGIS layers / a GeoPackage.

tests/data/paracou16.csv holds plot-local coordinates in metres (0-250 m).
For display on a map they are placed approximately at the Paracou station,
French Guiana, in WGS 84 / UTM zone 22N (EPSG:32622) by adding a constant
offset: distances are unchanged. The industry ("V. Americana", 90 trees) and
the background (all 2426 trees) become two layers.

    python3 scripts/paracou.py out.gpkg     # writes layers v_americana, trees
"""
import csv
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CSV = os.path.join(ROOT, "tests", "data", "paracou16.csv")
CRS = "EPSG:32622"
OFFSET = (286000.0, 583000.0)   # approx. Paracou station in UTM 22N
SPECIES = "V. Americana"


def read_rows(path=CSV):
    with open(path, newline="", encoding="utf-8") as f:
        return [(float(r["x"]), float(r["y"]), r["PointType"], float(r["PointWeight"]))
                for r in csv.DictReader(f)]


def memory_layer(rows, name, crs=CRS, offset=OFFSET):
    """A memory point layer with fields species, weight."""
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer
    uri = f"Point?crs={crs}&field=tree:integer&field=species:string(40)&field=weight:double(24,15)"
    layer = QgsVectorLayer(uri, name, "memory")
    feats = []
    for i, (x, y, sp, w) in enumerate(rows, start=1):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x + offset[0], y + offset[1])))
        f.setAttributes([i, sp, w])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    layer.updateExtents()
    return layer


def layers(offset=OFFSET, crs=CRS):
    """(industry layer, background layer) as memory layers."""
    rows = read_rows()
    industry = [r for r in rows if r[2] == SPECIES]
    return (memory_layer(industry, "v_americana", crs, offset),
            memory_layer(rows, "trees", crs, offset))


def write_gpkg(path):
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter
    if os.path.exists(path):
        os.remove(path)
    for i, layer in enumerate(layers()):
        opts = QgsVectorFileWriter.SaveVectorOptions()
        opts.driverName = "GPKG"
        opts.layerName = layer.name()
        if i:
            opts.actionOnExistingFile = QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
        err = QgsVectorFileWriter.writeAsVectorFormatV3(
            layer, path, QgsCoordinateTransformContext(), opts)
        if err[0] != QgsVectorFileWriter.WriterError.NoError:
            raise SystemExit(f"could not write {path}: {err}")


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    write_gpkg(sys.argv[1] if len(sys.argv) > 1 else "paracou16.gpkg")
    print("wrote", sys.argv[1] if len(sys.argv) > 1 else "paracou16.gpkg")
    app.exitQgis()
