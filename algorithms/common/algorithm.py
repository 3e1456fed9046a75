"""The DO-LDO algorithm base class: metadata from class attributes, a
guarded run (outputs checked before, removed after a failure or cancel, no
Python exception reaching the user) and parameter helpers."""
import gc
import os
import re
import traceback

import numpy as np
from qgis.PyQt.QtGui import QIcon
from qgis.core import (
    NULL,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from ... import core as _core_pkg  # noqa: F401  (the package must import)
from . import compat
from .destinations import (check_output_paths, destination_value, file_states, layer_file,
                           local_file, remove_outputs)
from .feedback import QT_TRANSLATE_NOOP, core_text, tr
from .parameters import number_problem

ICONS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "icons")

GROUP_ANALYSIS = ("analysis", QT_TRANSLATE_NOOP("doldo", "Agglomeration analysis"))
GROUP_ECONOMY = ("economy", QT_TRANSLATE_NOOP("doldo", "Whole economy"))
GROUP_BASELINES = ("baselines", QT_TRANSLATE_NOOP("doldo", "Baselines"))
GROUP_DATA = ("data", QT_TRANSLATE_NOOP("doldo", "Test data and evaluation"))

CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])")
INTERNAL_ERROR = QT_TRANSLATE_NOOP("doldo", "DO-LDO stopped on an internal error ({kind}: {text}). This is a bug, "
                  "not a problem of your data: please report it with the log above.")


def engine_note(feedback):
    """The engine and its version (every run); on the numpy engine, one log line with the exact command that installs
    a matching numba (the desktop also offers a button); on numba's first
    run, that it compiles its kernels once."""
    from ... import core
    feedback.pushInfo(tr("Engine: {engine}").format(engine=core_text(core.engine.describe())))
    if core.backend() != "numpy":
        if not core.engine.compiled_before():
            feedback.pushInfo(tr("First run with numba: it compiles DO-LDO's kernels once "
                                 "(about half a minute); later runs load them"))
        return
    from ...core._numba import NUMBA_ERROR
    if NUMBA_ERROR:
        feedback.pushWarning(tr(
            "numba is installed but does not load ({error}): DO-LDO runs on its "
            "numpy engine (the same results, slower). Remove or reinstall that numba: "
            "the 'Install numba' button of the DO-LDO notice installs one that fits "
            "this QGIS").format(error=NUMBA_ERROR))
        return
    try:
        from ... import dependencies
        feedback.pushInfo(core_text(dependencies.headless_hint()))
    except Exception:  # noqa: BLE001 - a hint only
        feedback.pushInfo(core_text(core.engine.NUMPY_ENGINE))


class DoldoAlgorithm(QgsProcessingAlgorithm):
    """Common metadata handling: subclasses set the class attributes.

    Every subclass's ``processAlgorithm`` is wrapped (``__init_subclass__``)
    so that: output paths that cannot be written fail before any
    computation; a failure or a cancel anywhere removes the output files
    this run created or overwrote (no half-written GeoPackage or report is
    left behind); an OSError / MemoryError becomes a plain
    QgsProcessingException, and any other exception a short "internal
    error" message (its traceback goes to the log), never a traceback."""

    ALG_ID = ""
    DISPLAY = ""
    GROUP = GROUP_ANALYSIS
    ICON = "doldo.svg"
    HELP = ()   # the help's parts (QT_TRANSLATE_NOOP literals), each translated

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
        parts = (self.HELP,) if isinstance(self.HELP, str) else self.HELP
        text = " ".join(" ".join(tr(part).split()) for part in parts)
        # a translation's line breaks between two Chinese characters join them
        return CJK_GAP.sub("", text)

    def createInstance(self):  # noqa: N802
        return type(self)()

    def preprocessParameters(self, parameters):  # noqa: N802
        """Called by the dialog before a run: names the report in the Results
        Viewer after the algorithm and its input (report.name_report_output)."""
        from .report import name_report_output
        name_report_output(self, parameters)
        return super().preprocessParameters(parameters)

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
        if feedback is not None:
            engine_note(feedback)
        try:
            return body(self, parameters, context, feedback)
        except BaseException as exc:
            details = traceback.format_exc()
            # free the frames' references to open sinks before deleting files
            traceback.clear_frames(exc.__traceback__)
            gc.collect()
            removed = remove_outputs(self._doldo_outputs)
            if removed and feedback is not None:
                feedback.pushInfo(tr("Removed the incomplete output file(s): {files}").format(
                    files=", ".join(removed)))
            if isinstance(exc, QgsProcessingException):
                if type(exc) is QgsProcessingException:
                    raise
                # QGIS 3.22's dialog shows a traceback for any subclass (our
                # Cancelled): the plain class shows just the message
                raise QgsProcessingException(str(exc)) from None
            if isinstance(exc, OSError):
                where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
                raise QgsProcessingException(tr(
                    "Could not write or read a file{where}: {error}").format(
                        where=where, error=exc.strerror or exc)) from None
            if isinstance(exc, MemoryError):
                raise QgsProcessingException(tr(
                    "Not enough memory for this run: use fewer firms, fewer "
                    "'Monte-Carlo simulations' or a coarser 'Distance step'")) from None
            if not isinstance(exc, Exception):
                raise       # KeyboardInterrupt, SystemExit
            if feedback is not None:
                feedback.pushDebugInfo(details)
            raise QgsProcessingException(tr(INTERNAL_ERROR).format(
                kind=type(exc).__name__, text=exc)) from None
        finally:
            self._doldo_outputs = []

    def _track(self, path):
        """Remember an output file (and its state now, before it is written)."""
        if path and hasattr(self, "_doldo_outputs"):
            self._doldo_outputs.append((path, file_states(path)))

    def parameterAsSink(self, parameters, name, context, *args, **kwargs):  # noqa: N802
        # A layer written into an existing container ("file.gpkg|layername=x",
        # ogr:/database URIs) is not tracked: removing the file would remove
        # the user's other layers.
        if "|" not in destination_value(parameters.get(name), context):
            self._track(layer_file(self, parameters, name, context))
        return super().parameterAsSink(parameters, name, context, *args, **kwargs)

    def parameterAsFileOutput(self, parameters, name, context):  # noqa: N802
        path = super().parameterAsFileOutput(parameters, name, context)
        self._track(local_file(path))
        return path

    # ---- parameter helpers ------------------------------------------------
    def add_points(self, name, description, optional=False):
        self.addParameter(QgsProcessingParameterFeatureSource(
            name, tr(description), [compat.SOURCE_POINT],
            optional=optional))

    def add_enum(self, name, description, options, default):
        self.addParameter(QgsProcessingParameterEnum(
            name, tr(description), options=options, defaultValue=default,
            usesStaticStrings=True))

    def add_number(self, name, description, default=None, optional=False,
                   integer=False, minimum=None, maximum=None):
        p = QgsProcessingParameterNumber(
            name, tr(description),
            compat.NUMBER_INTEGER if integer
            else compat.NUMBER_DOUBLE,
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
            type=compat.FIELD_NUMERIC, optional=True))

    def layer_label(self, name):
        """A layer parameter as the dialog names it, for messages:
        "'Industry firms'", "'Background'", "'All firms'"."""
        p = self.parameterDefinition(name)
        text = tr(p.description()) if p is not None else name
        for sep in (" (", ":", "（", "："):
            text = text.split(sep)[0]
        return f"'{text}'"

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
        feedback.pushInfo(tr("SEED not given: using seed {seed} (give SEED={seed} "
                             "to repeat this run exactly)").format(seed=seed))
        return seed

    def enum(self, parameters, name, context):
        return self.parameterAsEnumString(parameters, name, context)

    def source(self, parameters, name, context, label):
        src = self.parameterAsSource(parameters, name, context)
        if src is None:
            raise QgsProcessingException(
                self.invalidSourceError(parameters, name))
        if QgsWkbTypes.geometryType(src.wkbType()) != compat.GEOMETRY_POINT:
            raise QgsProcessingException(tr(
                "{label} must be a point layer (one point per firm); got "
                "geometry type {geometry}").format(
                    label=label, geometry=QgsWkbTypes.displayString(src.wkbType())))
        return src
