"""The differences between the QGIS and Qt versions DO-LDO runs on (QGIS 3.22
to 4.x, Qt 5 and Qt 6), in one place, as ``qgis.PyQt`` does for Qt.

Everything here uses the current API where this QGIS has it and falls back
to the 3.22 one otherwise, so that the plugin raises no deprecation warning
on 3.40/3.44 and imports under PyQt6:

- enums that moved to scoped ``Qgis.*`` enums (3.30: WKB and geometry
  types; 3.36: Processing source, number, field and flag types): the new
  member where it exists, the fully qualified 3.22 one otherwise;
- field types: ``QMetaType.Type`` where QGIS accepts it (3.38+),
  ``QVariant`` types before (PyQt6 has no ``QVariant.Int``-style names, so
  they are looked up by name, only here);
- a style saved as the default inside a GeoPackage: the provider's
  ``styleStorageCapabilities()`` where it exists (``isSaveAndLoadStyleToDatabaseSupported``
  is gone in 3.40) and ``saveStyleToDatabaseV2`` where it exists
  (``saveStyleToDatabase`` is deprecated there);
- a default style saved as a ``.qml``: ``saveDefaultStyle`` with style
  categories (3.26+; the call without them is deprecated);
- writing a layer to a file: ``QgsVectorFileWriter.writeAsVectorFormatV3``
  (3.20+; V2 is deprecated).
"""
from qgis.core import (
    Qgis,
    QgsCoordinateTransformContext,
    QgsField,
    QgsMapLayer,
    QgsProcessing,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsVectorFileWriter,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QMetaType, QVariant

QGIS_VERSION_INT = Qgis.QGIS_VERSION_INT


def _pick(scoped, member, old):
    """``Qgis.<scoped>.<member>`` where this QGIS has that enum, else ``old()``
    (a callable, so that an old name is never read on a QGIS without it)."""
    enum_type = getattr(Qgis, scoped, None)
    if enum_type is not None and hasattr(enum_type, member):
        return getattr(enum_type, member)
    return old()


# ---- enums that became Qgis.* enums ----------------------------------------
WKB_POINT = _pick("WkbType", "Point", lambda: QgsWkbTypes.Type.Point)
WKB_POLYGON = _pick("WkbType", "Polygon", lambda: QgsWkbTypes.Type.Polygon)
WKB_MULTIPOLYGON = _pick("WkbType", "MultiPolygon", lambda: QgsWkbTypes.Type.MultiPolygon)
WKB_NO_GEOMETRY = _pick("WkbType", "NoGeometry", lambda: QgsWkbTypes.Type.NoGeometry)
GEOMETRY_POINT = _pick("GeometryType", "Point", lambda: QgsWkbTypes.GeometryType.PointGeometry)

SOURCE_VECTOR = _pick("ProcessingSourceType", "Vector",
                      lambda: QgsProcessing.SourceType.TypeVector)
SOURCE_POINT = _pick("ProcessingSourceType", "VectorPoint",
                     lambda: QgsProcessing.SourceType.TypeVectorPoint)
SOURCE_POLYGON = _pick("ProcessingSourceType", "VectorPolygon",
                       lambda: QgsProcessing.SourceType.TypeVectorPolygon)

NUMBER_INTEGER = _pick("ProcessingNumberParameterType", "Integer",
                       lambda: QgsProcessingParameterNumber.Type.Integer)
NUMBER_DOUBLE = _pick("ProcessingNumberParameterType", "Double",
                      lambda: QgsProcessingParameterNumber.Type.Double)

FIELD_ANY = _pick("ProcessingFieldParameterDataType", "Any",
                  lambda: QgsProcessingParameterField.DataType.Any)
FIELD_NUMERIC = _pick("ProcessingFieldParameterDataType", "Numeric",
                      lambda: QgsProcessingParameterField.DataType.Numeric)

FLAG_OPTIONAL = _pick("ProcessingParameterFlag", "Optional",
                      lambda: QgsProcessingParameterDefinition.Flag.FlagOptional)


# ---- field types -------------------------------------------------------------
if QGIS_VERSION_INT >= 33800:
    INT = QMetaType.Type.Int
    DOUBLE = QMetaType.Type.Double
    STRING = QMetaType.Type.QString
    DATE = QMetaType.Type.QDate
else:  # QgsField takes a QVariant type before 3.38 (Qt 5 only)
    INT, DOUBLE, STRING, DATE = (getattr(QVariant, n) for n in ("Int", "Double", "String", "Date"))


def field(name, field_type):
    """A new ``QgsField`` of one of INT, DOUBLE, STRING, DATE."""
    return QgsField(name, field_type)


# ---- styles in the data source -------------------------------------------------
def has_flag(flags, flag):
    """``flag`` is set in ``flags`` (sip QFlags under PyQt5, enum.Flag under PyQt6)."""
    test = getattr(flags, "testFlag", None)
    if test is not None:
        return bool(test(flag))
    return bool(flags & flag)


def can_store_style(layer):
    """Whether the layer's provider saves styles in its database (a GeoPackage
    does)."""
    provider = layer.dataProvider()
    if provider is None:
        return False
    capabilities = getattr(provider, "styleStorageCapabilities", None)
    if capabilities is not None:
        return has_flag(capabilities(), Qgis.ProviderStyleStorageCapability.SaveToDatabase)
    return bool(provider.isSaveAndLoadStyleToDatabaseSupported())


def save_default_style(layer, name, description):
    """Save the layer's style into its data source as the default one; the
    error message ('' when saved)."""
    save_v2 = getattr(layer, "saveStyleToDatabaseV2", None)
    if save_v2 is None:
        return layer.saveStyleToDatabase(name, description, True, "") or ""
    out = save_v2(name, description, True, "")
    results, message = out if isinstance(out, tuple) else (out, "")
    failed = [n for n in ("QmlGenerationFailed", "DatabaseWriteFailed")
              if has_flag(results, getattr(QgsMapLayer.SaveStyleResult, n))]
    if not failed:
        return ""
    return message or ", ".join(failed)


def save_default_style_file(layer):
    """Save the layer's style as its default outside the data source (a
    ``.qml`` beside a file); True when saved. ``saveDefaultStyle()`` without
    style categories is deprecated since 3.26."""
    if QGIS_VERSION_INT >= 32600:
        _msg, ok = layer.saveDefaultStyle(QgsMapLayer.StyleCategory.AllStyleCategories)
    else:
        _msg, ok = layer.saveDefaultStyle()
    return bool(ok)


# ---- writing layers to files -------------------------------------------------
def write_vector(layer, path, options, transform_context=None):
    """Write ``layer`` to ``path`` with ``QgsVectorFileWriter.SaveVectorOptions``;
    '' when written, else the writer's message."""
    ctx = transform_context if transform_context is not None else QgsCoordinateTransformContext()
    out = QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, ctx, options)
    if out[0] == QgsVectorFileWriter.WriterError.NoError:
        return ""
    return out[1] or f"error {out[0]}"
