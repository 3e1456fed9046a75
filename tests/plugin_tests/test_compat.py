"""algorithms/common/compat.py on this QGIS: the field types, the style
storage in a GeoPackage and beside a shapefile, and writing files."""
import os

import pytest


@pytest.fixture
def compat(qgis_app):
    from doldo.algorithms.common import compat
    return compat


def memory_points(compat):
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer
    from qgis.PyQt.QtCore import QDate
    lay = QgsVectorLayer("Point?crs=EPSG:3857", "pts", "memory")
    pr = lay.dataProvider()
    assert pr.addAttributes([compat.field("n", compat.INT), compat.field("x", compat.DOUBLE),
                             compat.field("s", compat.STRING), compat.field("d", compat.DATE)])
    lay.updateFields()
    f = QgsFeature(lay.fields())
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(1.0, 2.0)))
    f.setAttributes([7, 2.5, "a", QDate(2001, 2, 3)])
    assert pr.addFeatures([f])[0]
    return lay


def test_field_types_are_integer_double_string_and_date(compat):
    lay = memory_points(compat)
    names = {f.name(): f.typeName().lower() for f in lay.fields()}
    assert names == {"n": "integer", "x": "double", "s": "string", "d": "date"}
    feat = next(lay.getFeatures())
    assert feat["n"] == 7 and feat["x"] == 2.5 and feat["s"] == "a"
    assert feat["d"].toString("yyyy-MM-dd") == "2001-02-03"


def write(compat, lay, path, driver):
    from qgis.core import QgsVectorFileWriter
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = driver
    opts.layerName = "pts"
    return compat.write_vector(lay, path, opts)


def test_a_style_saved_as_default_in_a_geopackage_comes_back(compat, tmp_path):
    from qgis.core import QgsSingleSymbolRenderer, QgsSymbol, QgsVectorLayer
    from qgis.PyQt.QtGui import QColor
    gpkg = str(tmp_path / "p.gpkg")
    assert write(compat, memory_points(compat), gpkg, "GPKG") == ""
    lay = QgsVectorLayer(f"{gpkg}|layername=pts", "pts", "ogr")
    assert lay.isValid() and compat.can_store_style(lay)
    symbol = QgsSymbol.defaultSymbol(lay.geometryType())
    symbol.setColor(QColor("#123456"))
    lay.setRenderer(QgsSingleSymbolRenderer(symbol))
    assert compat.save_default_style(lay, "test style", "a test") == ""
    del lay
    again = QgsVectorLayer(f"{gpkg}|layername=pts", "pts", "ogr")
    count, _ids, names = again.listStylesInDatabase()[:3]
    assert count == 1 and names == ["test style"]
    assert again.renderer().symbol().color().name() == "#123456"


def test_a_shapefile_gets_a_qml_beside_it(compat, tmp_path):
    from qgis.core import QgsSingleSymbolRenderer, QgsSymbol, QgsVectorLayer
    from qgis.PyQt.QtGui import QColor
    shp = str(tmp_path / "p.shp")
    assert write(compat, memory_points(compat), shp, "ESRI Shapefile") == ""
    lay = QgsVectorLayer(shp, "pts", "ogr")
    assert lay.isValid() and not compat.can_store_style(lay)
    symbol = QgsSymbol.defaultSymbol(lay.geometryType())
    symbol.setColor(QColor("#654321"))
    lay.setRenderer(QgsSingleSymbolRenderer(symbol))
    assert compat.save_default_style_file(lay)
    assert os.path.exists(str(tmp_path / "p.qml"))
    again = QgsVectorLayer(shp, "pts", "ogr")
    assert again.renderer().symbol().color().name() == "#654321"


def test_a_memory_layer_stores_no_style(compat):
    assert not compat.can_store_style(memory_points(compat))


def test_writing_into_a_missing_folder_gives_a_message(compat, tmp_path):
    msg = write(compat, memory_points(compat), str(tmp_path / "no" / "such" / "p.gpkg"), "GPKG")
    assert msg != ""
