"""The one point that chooses how the core's kernels run.

Every hot kernel of ``core.kernels`` has two implementations side by side:
a numba one (compiled, parallel) and a numpy one (vectorised blocks), with
the same arguments and the same results (DO within 1e-6, LDO and h within
1e-9, the same core firms). A ``Kernel`` holds both; which one runs is
decided here, once: "numba" when numba imports (and DOLDO_DISABLE_NUMBA is
not set), else "numpy", as in a stock QGIS. ``use`` switches for a block
of code (tests and benchmarks run both engines in one process).
"""
import contextlib
import threading
import warnings

from ._numba import HAVE_NUMBA

ENGINES = ("numba", "numpy")
_state = {"engine": "numba" if HAVE_NUMBA else "numpy"}
_lock = threading.Lock()
_warned = []


def backend():
    """The engine the kernels run on: "numba" or "numpy"."""
    return _state["engine"]


@contextlib.contextmanager
def use(engine):
    """Run the kernels on ``engine`` inside the block (process-wide)."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    if engine == "numba" and not HAVE_NUMBA:
        raise ValueError("the numba engine needs numba, which is not installed")
    with _lock:
        before = _state["engine"]
        _state["engine"] = engine
    try:
        yield
    finally:
        with _lock:
            _state["engine"] = before


@contextlib.contextmanager
def thread_limit(k):
    """Run the kernels launched from this thread on at most k threads (a
    dask worker with k threads of its own): numba's thread mask and the
    numpy engine's pools. The same bits whatever k."""
    from ._numba import HAVE_NUMBA as numba_ok
    from .kernels import blocks
    before = getattr(blocks._LIMIT, "threads", None)
    blocks._LIMIT.threads = max(1, int(k))
    numba_before = None
    if numba_ok:
        import numba
        numba_before = numba.get_num_threads()
        numba.set_num_threads(max(1, min(int(k), numba.config.NUMBA_NUM_THREADS)))
    try:
        yield
    finally:
        blocks._LIMIT.threads = before
        if numba_before is not None:
            import numba
            numba.set_num_threads(numba_before)


class Kernel:
    """One kernel with its numba and its numpy implementation; calling it
    runs the one of the current engine."""

    def __init__(self, numba, numpy):
        self.numba = numba
        self.numpy = numpy
        self.__doc__ = numba.__doc__ or numpy.__doc__
        self.__name__ = getattr(numpy, "__name__", "kernel")

    def __call__(self, *args, **kwargs):
        if _state["engine"] == "numba":
            return self.numba(*args, **kwargs)
        return self.numpy(*args, **kwargs)


NUMPY_ENGINE = ("numba is not installed: DO-LDO runs on its numpy engine (the same "
                "results; large sets take several times longer). Install numba for "
                "the fastest runs: in QGIS, the 'Install numba' button of the DO-LDO "
                "notice, or 'pip install numba' for the Python that runs DO-LDO.")


def describe():
    """The engine the kernels run on, with its version, for logs and reports:
    "numba 0.68.1" or "numpy engine (numpy 1.24.2)"."""
    if backend() == "numba":
        import numba
        return f"numba {numba.__version__}"
    import numpy
    return f"numpy engine (numpy {numpy.__version__})"


def compiled_before():
    """Whether numba's cache already holds the kernels (False: the first run
    compiles them, about half a minute, once)."""
    import glob
    import os
    cache = os.environ.get("NUMBA_CACHE_DIR")
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kernels")
    folders = [os.path.join(here, "__pycache__")] + ([cache] if cache else [])
    return any(glob.glob(os.path.join(f, "**", "*.nbi"), recursive=True) for f in folders)


def warn_numpy_engine():
    """Say once per process that numba would make large runs faster."""
    if backend() == "numpy" and not HAVE_NUMBA and not _warned:
        _warned.append(True)
        warnings.warn(NUMPY_ENGINE, RuntimeWarning, stacklevel=3)
