"""The whole-economy algorithms' shared steps (industries, colocalization):
their parameters, the firms with their industry codes, the dask scheduler
(checked before any work), the distances and the long curve table."""
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsProcessingException,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from .feedback import check_cancel, tr
from .firms import distance_units, pair_distance_median, read_firms, working_crs
from .outputs import CURVE_FIELDS, STRING, new_fields, py
from .loading import on_completion
from .parameters import add_seed_parameter, add_simulation_parameters, thresholds

SCHEDULER_TIMEOUT = 10      # seconds to reach the dask scheduler


def add_firms_parameters(alg):
    alg.add_points("INPUT", "All firms (points, with an industry code)")
    alg.addParameter(QgsProcessingParameterField(
        "INDUSTRY_FIELD", tr("Industry field (a code per firm: text or number)"),
        parentLayerParameterName="INPUT"))


def add_run_parameters(alg):
    """BACKGROUND, the distances, simulations, weights and seed."""
    alg.add_points("BACKGROUND", "Background: all firms (empty = INPUT)", optional=True)
    alg.add_number("DISTANCE_MIN", "Smallest distance (layer units)", 0.0, minimum=0.0)
    alg.add_number("DISTANCE_MAX", "Largest distance (empty = median distance between "
                   "all firms)", optional=True, minimum=0.0)
    alg.add_number("DISTANCE_STEP", "Distance step (empty = largest distance / 100)",
                   optional=True, minimum=0.0)
    add_simulation_parameters(alg)
    alg.add_weight_field("INPUT")
    add_seed_parameter(alg)


def add_scheduler_parameter(alg):
    alg.addParameter(QgsProcessingParameterString(
        "DASK_SCHEDULER", tr("Dask scheduler address (e.g. tcp://host:8786; empty = "
                             "run on this machine)"), optional=True))


def connect_scheduler(alg, parameters, context, feedback):
    """A dask.distributed Client for DASK_SCHEDULER, or None; plain errors
    when the package is missing or the scheduler does not answer."""
    address = (alg.parameterAsString(parameters, "DASK_SCHEDULER", context) or "").strip()
    if not address:
        return None
    try:
        import distributed
    except ImportError:
        import sys
        raise QgsProcessingException(tr(
            "DASK_SCHEDULER needs the Python package 'distributed', which this QGIS "
            "does not have: install it into QGIS's Python (e.g. "
            f"'{sys.executable} -m pip install distributed', from the OSGeo4W shell "
            "on Windows), or leave DASK_SCHEDULER empty to run on this machine")) \
            from None
    feedback.pushInfo(tr(f"Connecting to the dask scheduler at {address} ..."))
    try:
        client = distributed.Client(address, timeout=SCHEDULER_TIMEOUT,
                                    set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise QgsProcessingException(tr(
            f"Could not reach the dask scheduler at {address} within "
            f"{SCHEDULER_TIMEOUT} s ({type(exc).__name__}: {exc}). Check the address "
            "(tcp://host:8786) and that 'dask scheduler' runs there, or leave "
            "DASK_SCHEDULER empty to run on this machine")) from None
    workers = client.scheduler_info().get("workers", {})
    if not workers:
        client.close()
        raise QgsProcessingException(tr(
            f"The dask scheduler at {address} has no workers: start some with "
            f"'dask worker {address}'"))
    threads = sum(w.get("nthreads", 1) for w in workers.values())
    feedback.pushInfo(tr(f"Dask: {len(workers)} worker(s), {threads} thread(s) at "
                         f"{address}"))
    return client


def read_economy(alg, parameters, context, feedback):
    """(firms with .codes, background Firms or None (= INPUT), code field,
    weight field)."""
    src = alg.source(parameters, "INPUT", context, "INPUT")
    notes = []
    crs = working_crs(src, context, feedback, "INPUT", notes)
    weight = alg.parameterAsString(parameters, "WEIGHT_FIELD", context) or None
    code_field = alg.parameterAsString(parameters, "INDUSTRY_FIELD", context)
    firms = read_firms(src, crs, context, feedback, "INPUT", weight, False, code_field)
    firms.messages[:0] = notes
    known = [c for c in firms.codes if c is not None]
    if not known:
        raise QgsProcessingException(tr(
            f"INDUSTRY_FIELD '{code_field}' is NULL for every firm: choose the field "
            "that holds each firm's industry code"))
    missing = len(firms.codes) - len(known)
    if missing:
        feedback.pushWarning(tr(
            f"{missing} firm(s) have no industry code (NULL in '{code_field}'): they "
            "stay in the background but belong to no industry"))
    bg = None
    if alg.is_set(parameters, "BACKGROUND"):
        bsrc = alg.source(parameters, "BACKGROUND", context, "BACKGROUND")
        bg = read_firms(bsrc, crs, context, feedback, "BACKGROUND", weight, False)
    return firms, bg, code_field, weight


def economy_distances(alg, parameters, context, feedback, firms, seed):
    """(distances, settings text): DISTANCE_MAX defaults to the median
    distance between all firms."""
    units = distance_units(firms.crs)
    d_min = alg.parameterAsDouble(parameters, "DISTANCE_MIN", context)
    d_max = alg.optional_double(parameters, "DISTANCE_MAX", context)
    if d_max is None or d_max == 0:
        d_max, exact = pair_distance_median(firms.xy, seed)
        if not d_max > 0:
            raise QgsProcessingException(tr(
                "DISTANCE_MAX not given and the median distance between the firms is 0: "
                "give DISTANCE_MAX"))
        feedback.pushInfo(tr(
            f"DISTANCE_MAX not given: the median distance between all firms, "
            f"{d_max:.6g} {units}" + ("" if exact else " (estimated from 2,000,000 "
                                                       "random pairs)")))
    step = alg.optional_double(parameters, "DISTANCE_STEP", context)
    if step is None:
        step = (d_max - d_min) / 100.0
        feedback.pushInfo(tr(f"DISTANCE_STEP not given: {step:.6g} {units}"))
    distances = thresholds(d_min, d_max, step)
    return distances, f"{d_min:g} to {distances[-1]:g} by {step:g} {units} ({distances.size})"


def code_field_of(firms, code_field, name):
    """A field ``name`` of the industry field's type (text when unknown)."""
    i = firms.fields.lookupField(code_field)
    if i < 0:
        return QgsField(name, STRING)
    f = QgsField(firms.fields.at(i))
    f.setName(name)
    return f


def write_table(alg, parameters, name, context, fields, rows, layer_name, crs, feedback):
    """A table without geometry from ``rows`` (lists of values)."""
    sink, dest = alg.parameterAsSink(parameters, name, context, fields,
                                     QgsWkbTypes.NoGeometry, crs)
    if sink is None:
        return None
    for k, row in enumerate(rows):
        if k % 5000 == 0:
            check_cancel(feedback)
        f = QgsFeature()
        f.setAttributes([py(v) for v in row])
        sink.addFeature(f, QgsFeatureSink.FastInsert)
    del sink
    on_completion(dest, None, context, layer_name, "table")
    return dest


def curve_rows(keys, curve):
    """Rows of the long curve table: ``keys`` then one CURVE_FIELDS row per
    distance."""
    n = len(curve.distances)
    empty = [None] * n
    cols = [curve.distances, curve.observed,
            curve.upper if curve.upper is not None else empty,
            curve.lower if curve.lower is not None else empty,
            curve.gamma if curve.gamma is not None else empty,
            curve.psi if curve.psi is not None else empty]
    for i in range(n):
        yield list(keys) + [c[i] for c in cols]


def curve_fields(key_fields):
    """The long curve table's fields: ``key_fields`` (QgsField) then
    distance, do_obs, upper, lower, gamma, psi."""
    fields = new_fields([])
    for f in key_fields:
        fields.append(f)
    for f in new_fields(CURVE_FIELDS):
        fields.append(f)
    return fields

