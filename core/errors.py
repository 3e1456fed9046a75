"""Errors, warnings and input checks shared by the core modules."""
import warnings

import numpy as np


class Cancelled(Exception):
    """Raised when a ``progress`` callback returns True (the user cancelled)."""


class DoldoWarning(UserWarning):
    """A result is valid but the user should know something (e.g. SPEC's
    co-location rule was applied, or h_max hit the last threshold)."""


def warn(message):
    warnings.warn(message, DoldoWarning, stacklevel=3)


def as_points(points, name="industry firms", minimum=3):
    """Check and return an (n, 2) float64 array of projected coordinates."""
    if points is None:
        raise ValueError(f"no {name} were given")
    try:
        arr = np.asarray(points, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name}: coordinates must be numbers") from None
    if arr.size == 0:
        raise ValueError(f"need at least {minimum} {name}, got 0 "
                         "(the input is empty)")
    if arr.ndim != 2 or arr.shape[1] != 2:
        raise ValueError(
            f"{name}: expected an array of x, y coordinates of shape (n, 2), "
            f"got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        bad = int(np.count_nonzero(~np.all(np.isfinite(arr), axis=1)))
        raise ValueError(
            f"{name}: {bad} firm(s) have NaN or infinite coordinates; "
            "remove or fix them first")
    if arr.shape[0] < minimum:
        raise ValueError(
            f"need at least {minimum} {name}, got {arr.shape[0]}")
    return np.ascontiguousarray(arr)


def as_weights(weights, n, name="weights"):
    """Check optional per-firm weights: None, or n finite numbers >= 0."""
    if weights is None:
        return None
    try:
        w = np.asarray(weights, dtype=np.float64)  # None (NULL) -> NaN
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numbers") from None
    if w.shape != (n,):
        got = w.size if w.ndim == 1 else f"an array of shape {w.shape}"
        raise ValueError(f"{name}: expected {n} values (one per firm), got {got}")
    if not np.all(np.isfinite(w)):
        raise ValueError(f"{name}: {int(np.count_nonzero(~np.isfinite(w)))} "
                         "value(s) are missing (NULL/NaN) or infinite")
    if np.any(w < 0):
        raise ValueError(f"{name}: {int(np.count_nonzero(w < 0))} value(s) "
                         "are negative; weights must be >= 0")
    if not np.any(w > 0):
        raise ValueError(f"{name}: all weights are zero")
    total = float(np.sum(w))
    if not total <= MAX_WEIGHT_SUM:
        raise ValueError(
            f"{name}: the weights overflow (they sum to {total:.3g}, the largest is "
            f"{float(w.max()):.3g}): the products of pairs of weights exceed the largest "
            f"floating-point number; rescale them (e.g. divide by {_scale(total):.0e})")
    return np.ascontiguousarray(w)


MAX_WEIGHT_SUM = 1e150  # (Σ w)^2 stays below float64's largest number (~1.8e308)


def _scale(total):
    """A power of ten that brings a sum of weights to about 1e6."""
    import math
    return 10.0 ** max(0, math.ceil(math.log10(total)) - 6) if math.isfinite(total) \
        else 1e300


def whole_number(value, message):
    """``value`` as an int when it is a whole number (not a bool, nor text
    such as '99'), else ValueError(message)."""
    try:
        whole = not isinstance(value, (bool, np.bool_, str, bytes)) \
            and float(value).is_integer()
    except (TypeError, ValueError):
        whole = False
    if not whole:
        raise ValueError(message)
    return int(value)


def check_seed(seed):
    """``seed`` as an int >= 0, or None (fresh entropy); ValueError for
    anything else (-1, 1.5, 'abc', NaN, [1, 2], True)."""
    if seed is None:
        return None
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)) \
            or seed < 0:
        raise ValueError(f"the seed must be a whole number >= 0 (or None for a fresh "
                         f"one), got {seed!r}")
    return int(seed)


def positive(value, name):
    """A strictly positive finite float."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not np.isfinite(v) or v <= 0:
        raise ValueError(f"{name} must be greater than 0, got {value!r}")
    return v


def check_progress(progress, fraction):
    """Report ``fraction`` done; raise Cancelled if the callback says so."""
    if progress is not None and progress(min(max(float(fraction), 0.0), 1.0)):
        raise Cancelled("cancelled by the user")
