"""numba shim: the fast path when numba is installed, plain Python otherwise.

Every kernel in ``core`` is written so that it runs unchanged as Python when
numba is missing (same results, much slower). The missing-numba message is
given once.
"""
import os
import threading
import warnings

try:  # pragma: no cover - exercised by the import itself
    if os.environ.get("DOLDO_DISABLE_NUMBA"):
        raise ImportError("disabled by DOLDO_DISABLE_NUMBA")
    import numba as _numba
    HAVE_NUMBA = True
except ImportError:  # pragma: no cover - tested in a subprocess
    _numba = None
    HAVE_NUMBA = False

_warned = False

# Parallel kernels launched from two threads at once abort the process with
# numba's default "workqueue" layer; QGIS runs algorithms in background
# threads, so every parallel launch goes through this lock.
PARALLEL_LOCK = threading.RLock()


def warn_missing_numba():
    """Say once that numba would make the core much faster."""
    global _warned
    if not HAVE_NUMBA and not _warned:
        _warned = True
        warnings.warn(
            "numba is not installed: DO-LDO runs in plain Python, which is "
            "correct but very slow on more than a few thousand firms. "
            "Install it with 'pip install numba'.", RuntimeWarning, stacklevel=3)


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
