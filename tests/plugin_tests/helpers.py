"""Layer helpers for the plugin tests."""
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def point_layer(xy, name="firms", crs="EPSG:32622", fields=(), values=None, multi=False):
    """A memory point layer from an (n, 2) array; ``fields`` [(name, type)]
    with ``values`` rows."""
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer
    spec = "&".join(f"field={n}:{t}" for n, t in fields)
    geom = "MultiPoint" if multi else "Point"
    layer = QgsVectorLayer(f"{geom}?crs={crs}" + (f"&{spec}" if spec else ""), name, "memory")
    feats = []
    for i, (x, y) in enumerate(np.asarray(xy)):
        f = QgsFeature(layer.fields())
        g = QgsGeometry.fromPointXY(QgsPointXY(float(x), float(y)))
        if multi:
            g.convertToMultiType()
        f.setGeometry(g)
        if values is not None:
            f.setAttributes(list(values[i]))
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    layer.updateExtents()
    return layer


def layer_of(path):
    from qgis.core import QgsVectorLayer
    layer = QgsVectorLayer(path, "out", "ogr")
    assert layer.isValid(), path
    return layer


def column(layer, name):
    return [f[name] for f in layer.getFeatures()]


def write_gpkg(path, layers):
    """Write memory layers into one GeoPackage: ``layers`` {layer name: layer}."""
    from qgis.core import QgsVectorFileWriter
    from doldo.algorithms.common import compat
    for k, (name, layer) in enumerate(layers.items()):
        opts = QgsVectorFileWriter.SaveVectorOptions()
        opts.driverName = "GPKG"
        opts.layerName = name
        opts.actionOnExistingFile = (QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer if k
                                     else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile)
        assert compat.write_vector(layer, path, opts) == ""
    return path


def fingerprint(layer):
    """(feature count, a checksum of the ids and coordinates): to show a run
    left its input untouched."""
    import hashlib
    h = hashlib.sha256()
    n = 0
    for f in sorted(layer.getFeatures(), key=lambda f: f.id()):
        n += 1
        g = f.geometry()
        h.update(f"{f.id()}:{g.asWkt(17) if not g.isNull() else 'NULL'};".encode())
    return n, h.hexdigest()
