"""The DO-LDO mathematics: pure numpy/scipy (numba when installed), no QGIS.

Public API (see README, "Scripting"): do_curve, ldo_index, local_bandwidths,
lk_index, core_firms, mclm_ldo, local_test, evaluate, synthetic_dataset;
every industry of an economy: do_industries, industry_seed; two industries:
co_localization, co_localizations; places: industry_clusters,
region_summary.
"""
from .errors import Cancelled, DoldoWarning  # noqa: F401
from .do_curve import do_curve, DOCurve  # noqa: F401
from .ldo import ldo_index, local_bandwidths  # noqa: F401
from .core_firms import core_firms, Cluster, CoreFirms  # noqa: F401
from .mclm import mclm_ldo, mclm_lk  # noqa: F401
from .rectangle import bounding_rectangle  # noqa: F401
from .lk import lk_index  # noqa: F401
from .local_test import local_test, estimate_local_test_seconds  # noqa: F401
from .evaluation import evaluate  # noqa: F401
from .synthetic import synthetic_dataset  # noqa: F401
from .engine import backend  # noqa: F401
from .industries import do_industries, industry_seed  # noqa: F401
from .colocalization import co_localization, co_localizations  # noqa: F401
from .industry_clusters import industry_clusters  # noqa: F401
from .regions import region_summary  # noqa: F401
