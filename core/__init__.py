"""The DO-LDO mathematics: pure numpy/scipy (numba when installed), no QGIS.

Public API (see README, "Scripting"): do_curve, ldo_index, local_bandwidths,
lk_index, core_firms, mclm_ldo, local_test, evaluate, synthetic_dataset.
"""
from .errors import Cancelled, DoldoWarning  # noqa: F401
