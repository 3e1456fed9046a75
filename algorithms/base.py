"""Shared plumbing of the DO-LDO algorithms: layer <-> array conversion, CRS
handling, progress/cancel wiring, core warnings -> log, sinks and styles.

The mathematics lives in ``core`` (no QGIS there); this module only turns
QGIS layers into ``(n, 2)`` coordinate arrays in a projected CRS and the
core's arrays back into features.
"""
import contextlib
import gc
import math
import os
import tempfile
import threading
import traceback
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
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
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
    "<p><b>Input.</b> Point layers only. Features without geometry (NULL, "
    "empty, or NaN coordinates) are skipped and counted in the log; infinite "
    "coordinates stop the algorithm; multipoint features are exploded (each "
    "point is one firm with the feature's attributes); \"selected features "
    "only\" is honoured.</p>"
    "<p><b>Outputs.</b> An output file that cannot be written is reported "
    "before any computation; when a run fails or is cancelled, the output "
    "files it had started are removed.</p>")

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
    """Common metadata handling: subclasses set the class attributes.

    Every subclass's ``processAlgorithm`` is wrapped (``__init_subclass__``)
    so that: output paths that cannot be written fail before any
    computation; a failure or a cancel anywhere removes the output files
    this run created or overwrote (no half-written GeoPackage or report is
    left behind); an OSError / MemoryError becomes a plain
    QgsProcessingException instead of a Python traceback."""

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
        # QGIS shows every newline of the help as a line break: the HTML
        # source is wrapped for reading, so its newlines become spaces
        return " ".join(tr(self.HELP).split())

    def createInstance(self):  # noqa: N802
        return type(self)()

    def checkParameterValues(self, parameters, context):  # noqa: N802
        """QGIS's check, with a plain message for a number out of its range
        (instead of "Incorrect parameter value for X")."""
        ok, message = super().checkParameterValues(parameters, context)
        if ok:
            return ok, message
        for p in self.parameterDefinitions():
            if not isinstance(p, QgsProcessingParameterNumber):
                continue
            value = parameters.get(p.name())
            if p.checkValueIsAcceptable(value, context):
                continue
            plain = number_problem(p, value)
            if plain:
                return False, plain
            break
        return ok, message

    # ---- guarded run: output checks and clean-up on failure -------------------
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        body = cls.__dict__.get("processAlgorithm")
        if body is None or getattr(body, "_doldo_guarded", False):
            return

        def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
            return self._guarded_run(body, parameters, context, feedback)
        processAlgorithm._doldo_guarded = True
        processAlgorithm.__doc__ = body.__doc__
        cls.processAlgorithm = processAlgorithm

    def _guarded_run(self, body, parameters, context, feedback):
        self._doldo_outputs = []
        check_output_paths(self, parameters, context)
        try:
            return body(self, parameters, context, feedback)
        except BaseException as exc:
            # free the frames' references to open sinks before deleting files
            traceback.clear_frames(exc.__traceback__)
            gc.collect()
            removed = remove_outputs(self._doldo_outputs)
            if removed and feedback is not None:
                feedback.pushInfo(tr("Removed the incomplete output file(s): "
                                     + ", ".join(removed)))
            if isinstance(exc, QgsProcessingException):
                raise
            if isinstance(exc, OSError):
                where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
                raise QgsProcessingException(tr(
                    f"Could not write or read a file{where}: "
                    f"{exc.strerror or exc}")) from None
            if isinstance(exc, MemoryError):
                raise QgsProcessingException(tr(
                    "Not enough memory for this run: use fewer firms, fewer "
                    "SIMULATIONS or a coarser DISTANCE_STEP")) from None
            raise
        finally:
            self._doldo_outputs = []

    def _track(self, dest):
        """Remember an output file (and its state now, before it is written).
        A layer written into an existing container ("file.gpkg|layername=x",
        ogr:/database URIs) is not tracked: removing the file would remove
        the user's other layers."""
        if not isinstance(dest, str) or "|" in dest:
            return
        path = local_file(dest)
        if path and hasattr(self, "_doldo_outputs"):
            self._doldo_outputs.append((path, file_states(path)))

    def parameterAsSink(self, parameters, name, context, *args, **kwargs):  # noqa: N802
        self._track(self.parameterAsOutputLayer(parameters, name, context))
        return super().parameterAsSink(parameters, name, context, *args, **kwargs)

    def parameterAsFileOutput(self, parameters, name, context):  # noqa: N802
        path = super().parameterAsFileOutput(parameters, name, context)
        self._track(path)
        return path

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


def number_problem(p, value):
    """A plain message for a number parameter whose value QGIS rejects."""
    label = f"{p.name()} ({p.description()})"
    if value is None or value == "" or value == NULL:
        return f"{label} is required" if not (p.flags() & p.FlagOptional) else None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return f"{label} must be a number, got {value!r}"
    if not math.isfinite(v):
        return f"{label} must be a finite number, got {value!r}"
    if p.dataType() == QgsProcessingParameterNumber.Integer and not v.is_integer():
        return f"{label} must be a whole number, got {value!r}"
    lo, hi = p.minimum(), p.maximum()
    if v < lo:
        return f"{label} must be at least {lo:g}, got {v:g}"
    if v > hi:
        return f"{label} must be at most {hi:g}, got {v:g}"
    return None


# --------------------------------------------------------------------------
# output files: check before, remove after a failure
# --------------------------------------------------------------------------
SIDECARS = ("-wal", "-shm", "-journal")
SHAPEFILE_PARTS = (".shx", ".dbf", ".prj", ".cpg", ".qix", ".qmd", ".sbn", ".sbx")


def local_file(dest):
    """The local file behind an output destination, or None (memory layers,
    database URIs such as ogr:/postgres:, empty)."""
    if not dest or not isinstance(dest, str):
        return None
    path = dest.split("|", 1)[0].strip()
    low = path.lower()
    if (not path or "://" in path or low == "temporary_output"
            or low.startswith(("memory:", "ogr:", "postgres", "postgis:", "spatialite:",
                               "mssql:", "oracle:", "hana:", "dbname=", "virtual:"))):
        return None
    return os.path.abspath(path)


def _family(path):
    """The file and its companions (GeoPackage journals, shapefile parts)."""
    out = [path] + [path + s for s in SIDECARS]
    stem, ext = os.path.splitext(path)
    if ext.lower() == ".shp":
        out += [stem + e for e in SHAPEFILE_PARTS]
    return out


def file_states(path):
    """{file: (mtime_ns, size) or None} for the file and its companions."""
    states = {}
    for p in _family(path):
        try:
            st = os.stat(p)
            states[p] = (st.st_mtime_ns, st.st_size)
        except OSError:
            states[p] = None
    return states


def remove_outputs(tracked):
    """Delete the tracked files that were created or changed since they were
    tracked. Returns the removed main files."""
    removed = []
    for path, before in tracked:
        for p, state in before.items():
            try:
                st = os.stat(p)
            except OSError:
                continue
            if state is not None and state == (st.st_mtime_ns, st.st_size):
                continue  # untouched by this run
            try:
                os.remove(p)
            except OSError:
                continue
            if p == path and p not in removed:
                removed.append(p)
    return removed


def _is_temporary(value):
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        value = value.sink.staticValue()
    return value is None or str(value) in ("", QgsProcessing.TEMPORARY_OUTPUT)


def check_output_paths(alg, parameters, context):
    """Fail early, with a plain message, when an output file cannot be
    written (missing folder, read-only folder or file, a folder given as
    the file)."""
    for p in alg.destinationParameterDefinitions():
        name = p.name()
        if _is_temporary(parameters.get(name)):
            continue
        if isinstance(p, QgsProcessingParameterFileDestination):
            dest = QgsProcessingAlgorithm.parameterAsFileOutput(alg, parameters, name, context)
        elif isinstance(p, QgsProcessingParameterFeatureSink):
            dest = alg.parameterAsOutputLayer(parameters, name, context)
        else:
            continue
        path = local_file(dest)
        if not path:
            continue
        problem = writable_problem(path)
        if problem:
            raise QgsProcessingException(tr(
                f"Cannot write the output {name} ({p.description()}) to {path}: {problem}"))


def writable_problem(path):
    """Why ``path`` cannot be written, or None."""
    if os.path.isdir(path):
        return "it is a folder, give a file name"
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        ancestor = folder
        while ancestor and not os.path.exists(ancestor) and os.path.dirname(ancestor) != ancestor:
            ancestor = os.path.dirname(ancestor)
        if os.path.isfile(ancestor):
            return f"{ancestor} is a file, not a folder"
        return f"the folder {folder} does not exist"
    if os.path.exists(path):
        try:
            with open(path, "r+b"):
                pass
        except OSError as exc:
            return f"the file is not writable ({exc.strerror})"
        return None
    try:
        fd, probe = tempfile.mkstemp(prefix=".doldo-write-test-", dir=folder)
        os.close(fd)
        os.remove(probe)
    except OSError as exc:
        return f"the folder {folder} is not writable ({exc.strerror})"
    return None


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
    failed = []  # features that could not be reprojected (their geometry is dropped)
    if crs.isValid() and source.sourceCrs().isValid() and crs != source.sourceCrs():
        request.setDestinationCrs(crs, context.transformContext())
        request.setTransformErrorCallback(lambda f: failed.append(f.id()))
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
    n_feat = n_skip = n_multi = n_nullw = n_badw = n_inf = 0
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
            try:
                wv = float(wv)
            except (TypeError, ValueError):
                n_badw += 1
                continue
        else:
            wv = 1.0
        if g.isMultipart():
            pts = g.asMultiPoint()
            if len(pts) > 1:
                n_multi += 1
        else:
            pts = [g.asPoint()]
        if not all(math.isfinite(p.x()) and math.isfinite(p.y()) for p in pts):
            n_inf += 1
            continue
        a = f.attributes() if keep_attributes else None
        for p in pts:
            xs.append(p.x())
            ys.append(p.y())
            ws.append(wv)
            attrs.append(a)
        if step and k % 1000 == 0:
            feedback.setProgress(k * step)
    if n_inf:
        raise QgsProcessingException(tr(
            f"{label}: {n_inf} firm(s) have NaN or infinite coordinates; remove or "
            "fix them first"))
    if n_nullw:
        raise QgsProcessingException(tr(
            f"{label}: {n_nullw} feature(s) have NULL in the weight field "
            f"'{weight_field}'; fill them in or filter them out"))
    if n_badw:
        raise QgsProcessingException(tr(
            f"{label}: {n_badw} feature(s) have a value that is not a number in the "
            f"weight field '{weight_field}'"))
    messages = []
    n_failed = len(set(failed))
    if n_failed:
        messages.append(f"{label}: {n_failed} feature(s) could not be reprojected to "
                        f"{crs.authid()} and were skipped")
        n_skip = max(n_skip - n_failed, 0)
    if n_skip:
        messages.append(f"{label}: {n_skip} feature(s) without geometry (NULL, empty or "
                        "NaN coordinates) were skipped")
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


# Warnings of the core go to the feedback of the run that raised them.
# ``warnings.catch_warnings`` is not thread-safe (it swaps process-wide state
# and restores it on exit: with two runs at once, one run's warnings went to
# the other or were lost, and a finished run's hook could stay installed).
# One dispatcher is installed while any run is in the core (reference
# counted, under a lock) and routes each warning to the list of the thread
# that raised it; other threads' warnings go to the previous handler.
_WARN_LOCK = threading.Lock()
_WARN_STATE = {"depth": 0, "saver": None, "previous": None}
_WARN_LOCAL = threading.local()


def _dispatch_warning(message, category, filename, lineno, file=None, line=None):
    stack = getattr(_WARN_LOCAL, "stack", None)
    if stack:
        stack[-1].append((message, category))
        return
    previous = _WARN_STATE["previous"]
    if previous is not None:
        previous(message, category, filename, lineno, file, line)


@contextlib.contextmanager
def captured_warnings():
    """Collect the warnings raised in this thread (all of them, not once per
    place) into the yielded list of (message, category)."""
    caught = []
    stack = getattr(_WARN_LOCAL, "stack", None)
    if stack is None:
        stack = _WARN_LOCAL.stack = []
    with _WARN_LOCK:
        if _WARN_STATE["depth"] == 0:
            saver = warnings.catch_warnings()
            saver.__enter__()               # saves the filters and showwarning
            warnings.simplefilter("always")
            _WARN_STATE["saver"] = saver
            _WARN_STATE["previous"] = warnings.showwarning
            warnings.showwarning = _dispatch_warning
        _WARN_STATE["depth"] += 1
    stack.append(caught)
    try:
        yield caught
    finally:
        stack.pop()
        with _WARN_LOCK:
            _WARN_STATE["depth"] -= 1
            if _WARN_STATE["depth"] == 0:
                saver = _WARN_STATE["saver"]
                _WARN_STATE["saver"] = _WARN_STATE["previous"] = None
                saver.__exit__(None, None, None)


def run_core(feedback, func, *args, **kwargs):
    """Call a core function: ValueError -> QgsProcessingException, Cancelled ->
    Cancelled, every warning -> the log (once)."""
    from ..core import Cancelled as CoreCancelled
    with captured_warnings() as caught:
        try:
            result = func(*args, **kwargs)
        except CoreCancelled:
            raise Cancelled(tr("Cancelled by the user")) from None
        except ValueError as exc:
            raise QgsProcessingException(str(exc)) from None
        finally:
            seen = set()
            for message, category in caught:
                msg = str(message)
                if msg in seen or issubclass(category, (DeprecationWarning,
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
        raise QgsProcessingException(tr(
            f"DISTANCE_STEP must be greater than 0, got {step:g} (leave it empty for "
            "the largest distance / 100)"))
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
