"""Running the core from an algorithm: progress and cancel, the core's
warnings routed to the log of the run that raised them, its errors turned
into plain Processing messages."""
import contextlib
import re
import threading
import warnings

from qgis.PyQt.QtCore import QCoreApplication
from qgis.core import QgsProcessingException


CONTEXT = "doldo"   # the one translation context (translation.py, i18n/*.ts)


def tr(text):
    """``text`` in the user's language (i18n/doldo_zh-Hans.ts). Only literals
    are extracted by ``make translations``: write ``tr("... {n} ...").format(n=...)``,
    never ``tr(f"...")``."""
    return QCoreApplication.translate(CONTEXT, text)


def QT_TRANSLATE_NOOP(context, text):  # noqa: N802 (Qt's name, which pylupdate5 finds)
    """Marks a module or class constant for extraction; translated where used."""
    return text


# Fixed texts of the core and of dependencies.py (which stay English and
# QGIS-free) that the log, the notice and the reports show: translated here
# when they match exactly or by pattern.
CORE_TEXTS = (
    QT_TRANSLATE_NOOP("doldo", "first decline of Γ(A,d) to 0"),
    QT_TRANSLATE_NOOP("doldo", "first trough of Γ(A,d)"),
    QT_TRANSLATE_NOOP("doldo", "first significant trough of Γ(A,d) (prominence >= 2 % of its largest value)"),
    QT_TRANSLATE_NOOP("doldo", "Γ(A,d) neither falls to 0 nor has a trough inside the distances"),
    QT_TRANSLATE_NOOP("doldo", "Γ(A,d) neither falls to 0 nor has a significant trough inside the distances"),
    QT_TRANSLATE_NOOP("doldo", "h_max is not defined for a co-localization"),
    QT_TRANSLATE_NOOP("doldo", "localized"),
    QT_TRANSLATE_NOOP("doldo", "dispersed"),
    QT_TRANSLATE_NOOP("doldo", "neither"),
    QT_TRANSLATE_NOOP("doldo", "co-localized"),
    QT_TRANSLATE_NOOP("doldo", "numba is not installed: DO-LDO runs on its numpy engine (the same "
                      "results; large sets take several times longer). Install numba for "
                      "the fastest runs: in QGIS, the 'Install numba' button of the DO-LDO "
                      "notice, or 'pip install numba' for the Python that runs DO-LDO."),
)
CORE_PATTERNS = (
    (re.compile(r"^no agglomeration at the shortest distance \(Γ\(A,(?P<d>[^)]*)\) = 0\): no h_max$"),
     QT_TRANSLATE_NOOP("doldo", "no agglomeration at the shortest distance (Γ(A,{d}) = 0): no h_max")),
    (re.compile(r"^fewer than (?P<n>\d+) firms \((?P<k>\d+)\)$"),
     QT_TRANSLATE_NOOP("doldo", "fewer than {n} firms ({k})")),
    (re.compile(r"^skipped: fewer than (?P<n>\d+) firms \((?P<k>\d+)\)$"),
     QT_TRANSLATE_NOOP("doldo", "skipped: fewer than {n} firms ({k})")),
    (re.compile(r"^skipped: (?P<reason>.+)$"),
     QT_TRANSLATE_NOOP("doldo", "skipped: {reason}")),
    (re.compile(r"^h_max is not stable: (?P<a>\S+) from one half of the simulations and "
                r"(?P<b>\S+) from the other; use more simulations or look at the curve$"),
     QT_TRANSLATE_NOOP("doldo", "h_max is not stable: {a} from one half of the simulations "
                       "and {b} from the other; use more simulations or look at the curve")),
    (re.compile(r"^h_max is not stable: (?P<h>\S+) from all the simulations but (?P<a>\S+) "
                r"and (?P<b>\S+) from each half of them; use more simulations or look at "
                r"the curve$"),
     QT_TRANSLATE_NOOP("doldo", "h_max is not stable: {h} from all the simulations but {a} "
                       "and {b} from each half of them; use more simulations or look at the "
                       "curve")),
    (re.compile(r"^numpy engine \(numpy (?P<version>[^)]+)\)$"),
     QT_TRANSLATE_NOOP("doldo", "numpy engine (numpy {version})")),
    (re.compile(r"^industry (?P<code>[^:]+): (?P<reason>.+)$", re.S),
     QT_TRANSLATE_NOOP("doldo", "industry {code}: {reason}")),
    (re.compile(r"^h_max is the last distance \((?P<h>[^)]*)\): (?P<reason>.+); extend the "
                r"distance range$"),
     QT_TRANSLATE_NOOP("doldo", "h_max is the last distance ({h}): {reason}; extend the "
                       "distance range")),
    (re.compile(r"^numba is not installed: DO-LDO runs on its numpy engine \(same results, "
                r"slower\)\. To install numba for this QGIS \(numpy stays as it is\), run: "
                r"(?P<command>.+) and start QGIS again\.$", re.S),
     QT_TRANSLATE_NOOP("doldo", "numba is not installed: DO-LDO runs on its numpy engine (same "
                       "results, slower). To install numba for this QGIS (numpy stays as it "
                       "is), run: {command} and start QGIS again.")),
    (re.compile(r"^numba is not installed: DO-LDO runs on its numpy engine \(same results, "
                r"slower\)\. It cannot be installed: (?P<reason>.+)\.$", re.S),
     QT_TRANSLATE_NOOP("doldo", "numba is not installed: DO-LDO runs on its numpy engine (same "
                       "results, slower). It cannot be installed: {reason}.")),
    (re.compile(r"^Installing numba failed: (?P<why>.+)\. DO-LDO keeps working on its numpy "
                r"engine\.$", re.S),
     QT_TRANSLATE_NOOP("doldo", "Installing numba failed: {why}. DO-LDO keeps working on its "
                       "numpy engine.")),
    (re.compile(r"^(?P<what>.+) installed in (?P<target>.+); restart QGIS to use it\.$", re.S),
     QT_TRANSLATE_NOOP("doldo", "{what} installed in {target}; restart QGIS to use it.")),
)


def core_text(text):
    """A fixed text of the core in the user's language (as it is when unknown)."""
    if not text:
        return text
    text = str(text)
    for pattern, template in CORE_PATTERNS:
        m = pattern.match(text)
        if m:
            groups = m.groupdict()
            if "reason" in groups:
                groups["reason"] = core_text(groups["reason"])
            return tr(template).format(**groups)
    return tr(text)


class Cancelled(QgsProcessingException):
    """The user pressed Cancel."""


# names that keep their lower case at the start of a sentence
LOWER_CASE_NAMES = ("numba", "numpy", "dask", "pip", "matplotlib")


def sentence(text):
    """A warning as a sentence: its first letter in upper case ("industry
    Other is 95 %" -> "Industry Other is 95 %"), unless it starts with a
    name written in lower case (h_max, numba)."""
    text = str(text)
    first = text.split(" ", 1)[0].rstrip(":,.;")
    if not text[:1].islower() or "_" in first or first in LOWER_CASE_NAMES:
        return text
    return text[0].upper() + text[1:]


def progress_to(feedback):
    """A core ``progress(fraction) -> cancel?`` callback for ``feedback``."""
    def callback(fraction):
        feedback.setProgress(100.0 * float(fraction))
        return feedback.isCanceled()
    return callback


def check_cancel(feedback):
    if feedback.isCanceled():
        raise Cancelled(tr("Cancelled by the user"))


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
    from ...core import Cancelled as CoreCancelled
    from ...core.engine import NUMPY_ENGINE   # said once per run by engine_note
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
                if msg in seen or msg == NUMPY_ENGINE or issubclass(
                        category, (DeprecationWarning, PendingDeprecationWarning)):
                    continue
                seen.add(msg)
                feedback.pushWarning(sentence(core_text(msg)))
    return result


def log_core_firms(feedback, result):
    """One log line: how many core firms in how many clusters."""
    n = len(result.is_core)
    k = int(sum(result.is_core))
    feedback.pushInfo(tr("{k} core firms of {n} in {clusters} cluster(s)").format(
        k=k, n=n, clusters=len(result.clusters)))
