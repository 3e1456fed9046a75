"""Shared plumbing of the DO-LDO algorithms: layer <-> array conversion, CRS
handling, progress/cancel wiring, core warnings -> log, sinks and styles.

The mathematics lives in ``core`` (no QGIS there); this module only turns
QGIS layers into ``(n, 2)`` coordinate arrays in a projected CRS and the
core's arrays back into features.
"""
import math
import os
import warnings
from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np
from qgis.PyQt.QtCore import QCoreApplication, QVariant
from qgis.PyQt.QtGui import QIcon
from qgis.core import (
    NULL,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingUtils,
    QgsRectangle,
    QgsWkbTypes,
)

from .. import core as _core_pkg  # noqa: F401  (the package must import)

ICONS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "icons")

GROUP_ANALYSIS = ("analysis", "Agglomeration analysis")
GROUP_BASELINES = ("baselines", "Baselines")
GROUP_DATA = ("data", "Test data and evaluation")

SCALES = ["global", "local"]
WEIGHT_MODES = ["product", "sum"]
RECTANGLES = ["oriented", "axis-aligned"]

UNITS_NOTE = (
    "<p><b>Units.</b> Distances are Euclidean, in the units of the layer's "
    "projected CRS (normally metres). A layer in a geographic CRS (degrees) is "
    "reprojected to the WGS 84 / UTM zone of its centre first (the log says "
    "so); the BACKGROUND layer is reprojected to the CRS of INPUT when they "
    "differ. Outputs are written in that projected CRS.</p>"
    "<p><b>Input.</b> Point layers only. Features without geometry are "
    "skipped and counted in the log; multipoint features are exploded (each "
    "point is one firm with the feature's attributes); \"selected features "
    "only\" is honoured.</p>")

REFERENCE = ("<p>Huang, Zhuo &amp; Cao (2024), the DO-LDO framework for "
             "industrial agglomeration.</p>")


def tr(text):
    return QCoreApplication.translate("doldo", text)


class Cancelled(QgsProcessingException):
    """The user pressed Cancel."""


# --------------------------------------------------------------------------
# the algorithm base class
# --------------------------------------------------------------------------
class DoldoAlgorithm(QgsProcessingAlgorithm):
    """Common metadata handling: subclasses set the class attributes."""

    ALG_ID = ""
    DISPLAY = ""
    GROUP = GROUP_ANALYSIS
    ICON = "doldo.svg"
    HELP = ""

    def name(self):
        return self.ALG_ID

    def displayName(self):  # noqa: N802
        return tr(self.DISPLAY)

    def group(self):
        return tr(self.GROUP[1])

    def groupId(self):  # noqa: N802
        return self.GROUP[0]

    def icon(self):
        return QIcon(self.svgIconPath())

    def svgIconPath(self):  # noqa: N802
        return os.path.join(ICONS, self.ICON)

    def shortHelpString(self):  # noqa: N802
        return tr(self.HELP)

    def createInstance(self):  # noqa: N802
        return type(self)()

    # ---- parameter helpers ------------------------------------------------
    def add_points(self, name, description, optional=False):
        self.addParameter(QgsProcessingParameterFeatureSource(
            name, tr(description), [QgsProcessing.TypeVectorPoint],
            optional=optional))

    def add_enum(self, name, description, options, default):
        self.addParameter(QgsProcessingParameterEnum(
            name, tr(description), options=options, defaultValue=default,
            usesStaticStrings=True))

    def add_number(self, name, description, default=None, optional=False,
                   integer=False, minimum=None, maximum=None):
        p = QgsProcessingParameterNumber(
            name, tr(description),
            QgsProcessingParameterNumber.Integer if integer
            else QgsProcessingParameterNumber.Double,
            defaultValue=default, optional=optional)
        if minimum is not None:
            p.setMinimum(minimum)
        if maximum is not None:
            p.setMaximum(maximum)
        self.addParameter(p)
        return p

    def add_weight_field(self, parent="INPUT"):
        self.addParameter(QgsProcessingParameterField(
            "WEIGHT_FIELD", tr("Weight field (e.g. employees; empty = unweighted)"),
            parentLayerParameterName=parent,
            type=QgsProcessingParameterField.Numeric, optional=True))

    # ---- parameter readers --------------------------------------------------
    @staticmethod
    def is_set(parameters, name):
        value = parameters.get(name)
        return value is not None and value != "" and value != NULL

    def optional_double(self, parameters, name, context):
        if not self.is_set(parameters, name):
            return None
        return self.parameterAsDouble(parameters, name, context)

    def seed(self, parameters, context, feedback):
        """SEED as an int; when empty a fresh one is drawn and logged so the
        run can be repeated."""
        if self.is_set(parameters, "SEED"):
            return self.parameterAsInt(parameters, "SEED", context)
        seed = int(np.random.SeedSequence().entropy % 2147483647)
        feedback.pushInfo(tr(f"SEED not given: using seed {seed} (give SEED={seed} "
                             "to repeat this run exactly)"))
        return seed

    def enum(self, parameters, name, context):
        return self.parameterAsEnumString(parameters, name, context)

    def source(self, parameters, name, context, label):
        src = self.parameterAsSource(parameters, name, context)
        if src is None:
            raise QgsProcessingException(
                self.invalidSourceError(parameters, name))
        if QgsWkbTypes.geometryType(src.wkbType()) != QgsWkbTypes.PointGeometry:
            raise QgsProcessingException(tr(
                f"{label} must be a point layer (one point per firm); got "
                f"geometry type {QgsWkbTypes.displayString(src.wkbType())}"))
        return src


# --------------------------------------------------------------------------
# CRS handling
# --------------------------------------------------------------------------
def utm_crs_for(lon, lat):
    """WGS 84 / UTM zone (or UPS near the poles) of a longitude/latitude."""
    if lat > 84:
        return QgsCoordinateReferenceSystem("EPSG:32661")
    if lat < -80:
        return QgsCoordinateReferenceSystem("EPSG:32761")
    zone = int(math.floor((lon + 180.0) / 6.0)) % 60 + 1
    return QgsCoordinateReferenceSystem(
        f"EPSG:{(32600 if lat >= 0 else 32700) + zone}")


def working_crs(source, context, feedback, label="INPUT"):
    """The projected CRS the distances are measured in.

    Projected: the layer's own. Geographic: the UTM zone of the layer's
    centre (logged). No CRS: coordinates used as they are (warned)."""
    crs = source.sourceCrs()
    if not crs.isValid():
        feedback.pushWarning(tr(
            f"{label} has no coordinate reference system: its coordinates are "
            "used as projected units (they must not be degrees)"))
        return crs
    if not crs.isGeographic():
        feedback.pushInfo(tr(
            f"Distances are in the units of {crs.authid() or crs.description()} "
            f"({distance_units(crs)})"))
        return crs
    extent = source.sourceExtent()
    if extent is None or extent.isNull():
        extent = QgsRectangle()
        for f in source.getFeatures(QgsFeatureRequest().setNoAttributes()):
            if f.hasGeometry() and not f.geometry().isEmpty():
                extent.combineExtentWith(f.geometry().boundingBox())
    if extent.isNull():
        raise QgsProcessingException(tr(f"{label} has no features with a geometry"))
    centre = extent.center()
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    if crs != wgs84:
        centre = QgsCoordinateTransform(crs, wgs84, context.transformContext()) \
            .transform(centre)
    target = utm_crs_for(centre.x(), centre.y())
    feedback.pushWarning(tr(
        f"{label} is in the geographic CRS {crs.authid()} (degrees), which "
        f"cannot measure distances: reprojected to {target.authid()} "
        f"({target.description()}, metres), the zone of the layer's centre "
        f"({centre.x():.4f}, {centre.y():.4f}). Outputs are in {target.authid()}."))
    if extent.width() > 12:
        feedback.pushWarning(tr(
            f"{label} spans {extent.width():.1f} degrees of longitude: far from "
            f"the centre of {target.authid()} distances are distorted; choose an "
            "equidistant or local projected CRS and reproject the layers first"))
    return target


def distance_units(crs):
    if not crs.isValid():
        return "layer units"
    from qgis.core import QgsUnitTypes
    return QgsUnitTypes.toString(crs.mapUnits())


# --------------------------------------------------------------------------
# layer -> arrays
# --------------------------------------------------------------------------
@dataclass
class Firms:
    """Points of one layer as arrays, plus what is needed to write them back."""
    xy: np.ndarray
    weights: Optional[np.ndarray]
    attributes: List[list]
    fields: QgsFields
    crs: QgsCoordinateReferenceSystem
    n_features: int = 0
    n_skipped: int = 0
    n_multipart: int = 0
    messages: List[str] = field(default_factory=list)

    @property
    def n(self):
        return self.xy.shape[0]


def read_firms(source, crs, context, feedback, label, weight_field=None,
               keep_attributes=True):
    """Read a point source into a :class:`Firms` in ``crs``.

    NULL/empty geometries are skipped and counted; multipoints are exploded;
    NULL weights stop the algorithm with a clear message."""
    request = QgsFeatureRequest()
    if crs.isValid() and source.sourceCrs().isValid() and crs != source.sourceCrs():
        request.setDestinationCrs(crs, context.transformContext())
        feedback.pushInfo(tr(
            f"{label}: reprojected from {source.sourceCrs().authid()} to {crs.authid()}"))
    fields = source.fields()
    w_idx = -1
    if weight_field:
        w_idx = fields.lookupField(weight_field)
        if w_idx < 0:
            raise QgsProcessingException(tr(
                f"{label} has no field '{weight_field}' (the weight field): the "
                "background firms need the same weight field as the industry"))
        if not fields.at(w_idx).isNumeric():
            raise QgsProcessingException(tr(
                f"{label}: the weight field '{weight_field}' is not numeric"))
    if not keep_attributes:
        request.setSubsetOfAttributes([w_idx] if w_idx >= 0 else [])
    xs, ys, ws, attrs = [], [], [], []
    n_feat = n_skip = n_multi = n_nullw = 0
    total = source.featureCount()
    step = 100.0 / total if total and total > 0 else 0
    for k, f in enumerate(source.getFeatures(request)):
        if feedback.isCanceled():
            raise Cancelled(tr("Cancelled by the user"))
        n_feat += 1
        g = f.geometry()
        if g is None or g.isNull() or g.isEmpty():
            n_skip += 1
            continue
        if w_idx >= 0:
            wv = f.attribute(w_idx)
            if wv is None or wv == NULL:
                n_nullw += 1
                continue
            wv = float(wv)
        else:
            wv = 1.0
        if g.isMultipart():
            pts = g.asMultiPoint()
            if len(pts) > 1:
                n_multi += 1
        else:
            pts = [g.asPoint()]
        a = f.attributes() if keep_attributes else None
        for p in pts:
            xs.append(p.x())
            ys.append(p.y())
            ws.append(wv)
            attrs.append(a)
        if step and k % 1000 == 0:
            feedback.setProgress(k * step)
    if n_nullw:
        raise QgsProcessingException(tr(
            f"{label}: {n_nullw} feature(s) have NULL in the weight field "
            f"'{weight_field}'; fill them in or filter them out"))
    messages = []
    if n_skip:
        messages.append(f"{label}: {n_skip} feature(s) without geometry (NULL or "
                        "empty) were skipped")
    if n_multi:
        messages.append(f"{label}: {n_multi} multipoint feature(s) were exploded "
                        "into one firm per point")
    for m in messages:
        feedback.pushWarning(tr(m))
    xy = np.column_stack([np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)]) \
        if xs else np.empty((0, 2))
    feedback.pushInfo(tr(f"{label}: {xy.shape[0]} firms read from {n_feat} features"))
    return Firms(xy=xy, weights=np.asarray(ws, dtype=float) if w_idx >= 0 else None,
                 attributes=attrs, fields=fields, crs=crs, n_features=n_feat,
                 n_skipped=n_skip, n_multipart=n_multi, messages=messages)


# --------------------------------------------------------------------------
# running the core: progress, cancel, warnings, errors
# --------------------------------------------------------------------------
def progress_to(feedback):
    """A core ``progress(fraction) -> cancel?`` callback for ``feedback``."""
    def callback(fraction):
        feedback.setProgress(100.0 * float(fraction))
        return feedback.isCanceled()
    return callback


def run_core(feedback, func, *args, **kwargs):
    """Call a core function: ValueError -> QgsProcessingException, Cancelled ->
    Cancelled, every warning -> the log (once)."""
    from ..core import Cancelled as CoreCancelled
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = func(*args, **kwargs)
        except CoreCancelled:
            raise Cancelled(tr("Cancelled by the user")) from None
        except ValueError as exc:
            raise QgsProcessingException(str(exc)) from None
        finally:
            seen = set()
            for w in caught:
                msg = str(w.message)
                if msg in seen or issubclass(w.category, (DeprecationWarning,
                                                          PendingDeprecationWarning)):
                    continue
                seen.add(msg)
                feedback.pushWarning(msg)
    return result


def check_cancel(feedback):
    if feedback.isCanceled():
        raise Cancelled(tr("Cancelled by the user"))


# --------------------------------------------------------------------------
# arrays -> features
# --------------------------------------------------------------------------
def extend_fields(fields, extra):
    """Input fields plus ``extra`` [(name, QVariant type)]; an input field with
    the same name as a new one is dropped (its values are replaced).
    Returns (fields, kept indices)."""
    names = {n.lower() for n, _ in extra}
    out = QgsFields()
    keep = []
    for i in range(fields.count()):
        f = fields.at(i)
        if f.name().lower() in names:
            continue
        out.append(QgsField(f))
        keep.append(i)
    for name, vtype in extra:
        out.append(QgsField(name, vtype))
    return out, keep


def py(value):
    """numpy scalar -> Python value; NaN/None -> NULL."""
    if value is None:
        return NULL
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        v = float(value)
        return NULL if math.isnan(v) else v
    if isinstance(value, np.bool_):
        return int(bool(value))
    return value


def write_firms(sink, firms, keep, columns, feedback=None):
    """Write the firms (point geometry in the working CRS) with their kept
    attributes and the extra ``columns`` (list of arrays/lists, one per extra
    field)."""
    n = firms.n
    for i in range(n):
        feat = QgsFeature()
        feat.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(firms.xy[i, 0], firms.xy[i, 1])))
        attrs = firms.attributes[i]
        row = [attrs[k] for k in keep] if attrs is not None else []
        row.extend(py(col[i]) for col in columns)
        feat.setAttributes(row)
        sink.addFeature(feat, QgsFeatureSink.FastInsert)
        if feedback is not None and i % 5000 == 0 and feedback.isCanceled():
            raise Cancelled(tr("Cancelled by the user"))


def polygon(corners):
    """A closed polygon geometry from a (4, 2) array of corners."""
    ring = [QgsPointXY(float(x), float(y)) for x, y in np.asarray(corners)]
    ring.append(ring[0])
    g = QgsGeometry.fromPolygonXY([ring])
    if g.isEmpty() or g.area() == 0:
        # a degenerate rectangle (one firm, or collinear firms): keep it
        # visible as a tiny buffer instead of a zero-area polygon
        g = QgsGeometry.fromPolylineXY(ring).buffer(1e-6, 4) if len(
            {(p.x(), p.y()) for p in ring}) > 1 else QgsGeometry.fromPointXY(ring[0]).buffer(1e-6, 4)
    return g


def new_fields(spec):
    out = QgsFields()
    for name, vtype in spec:
        out.append(QgsField(name, vtype))
    return out


INT = QVariant.Int
DOUBLE = QVariant.Double
STRING = QVariant.String


def pair_distance_median(xy, seed=0, exact_limit=3000, n_pairs=2_000_000):
    """Median distance between the industry's firms: exact up to
    ``exact_limit`` firms, else estimated from random pairs.
    Returns (median, exact?)."""
    n = xy.shape[0]
    if n < 2:
        return 0.0, True
    if n <= exact_limit:
        i, j = np.triu_indices(n, 1)
        d = np.hypot(xy[i, 0] - xy[j, 0], xy[i, 1] - xy[j, 1])
        return float(np.median(d)), True
    rng = np.random.default_rng(seed)
    i = rng.integers(0, n, n_pairs)
    j = rng.integers(0, n - 1, n_pairs)
    j = j + (j >= i)
    d = np.hypot(xy[i, 0] - xy[j, 0], xy[i, 1] - xy[j, 1])
    return float(np.median(d)), False


def thresholds(d_min, d_max, step):
    """The distances d_k = d_min, d_min + step, ..., <= d_max."""
    if d_max <= d_min:
        raise QgsProcessingException(tr(
            f"DISTANCE_MAX ({d_max:g}) must be greater than DISTANCE_MIN ({d_min:g})"))
    if step <= 0:
        raise QgsProcessingException(tr("DISTANCE_STEP must be greater than 0"))
    k = int(math.floor((d_max - d_min) / step + 1e-9))
    if k + 1 > 100000:
        raise QgsProcessingException(tr(
            f"{k + 1} distances are too many: increase DISTANCE_STEP"))
    if k < 1:
        raise QgsProcessingException(tr(
            "DISTANCE_STEP is larger than the distance range: need at least two distances"))
    return d_min + step * np.arange(k + 1, dtype=float)


def output_crs(crs):
    return crs if crs.isValid() else QgsCoordinateReferenceSystem()


def layer_from_dest(dest, context):
    """The output layer behind a sink's destination id (file or memory)."""
    layer = QgsProcessingUtils.mapLayerFromString(dest, context)
    return layer
