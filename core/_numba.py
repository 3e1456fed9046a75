"""numba shim: ``njit`` and ``prange`` when numba is installed; without it
``njit`` is the identity (the numba forms of the kernels are then never
called: ``engine`` runs their numpy forms)."""
import os
import threading

NUMBA_ERROR = ""    # why numba did not load, when it is installed but broken
try:  # pragma: no cover - exercised by the import itself
    if os.environ.get("DOLDO_DISABLE_NUMBA"):
        raise ImportError("disabled by DOLDO_DISABLE_NUMBA")
    import numba as _numba
    HAVE_NUMBA = True
except Exception as _exc:  # noqa: BLE001 - absent, disabled, or installed but broken
    _numba = None
    HAVE_NUMBA = False
    absent = isinstance(_exc, ImportError) and (
        getattr(_exc, "name", None) == "numba" or os.environ.get("DOLDO_DISABLE_NUMBA"))
    if not absent:      # e.g. llvmlite's library fails to load, or another numpy
        NUMBA_ERROR = f"{type(_exc).__name__}: {_exc}"
        try:
            import importlib.util
            _spec = importlib.util.find_spec("numba")
            if _spec is not None and _spec.origin:
                NUMBA_ERROR += f"; numba found at {os.path.dirname(_spec.origin)}"
        except Exception:  # noqa: BLE001 - the reason is enough
            pass

# Parallel kernels launched from two threads at once abort the process with
# numba's default "workqueue" layer; QGIS runs algorithms in background
# threads, so every parallel launch goes through this lock.
PARALLEL_LOCK = threading.RLock()


def njit(*args, **kwargs):
    """``numba.njit(cache=True, ...)``, or the identity without numba."""
    kwargs.setdefault("cache", True)
    if HAVE_NUMBA:
        return _numba.njit(*args, **kwargs)
    if len(args) == 1 and callable(args[0]):
        return args[0]
    return lambda f: f


if HAVE_NUMBA:
    prange = _numba.prange

    def num_threads():
        """Threads the parallel kernels split their work over."""
        return _numba.get_num_threads()
else:
    prange = range

    def num_threads():
        return 1
