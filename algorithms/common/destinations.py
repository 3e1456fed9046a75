"""Output files: checked before a run, tracked while it writes, removed after
a failure or a cancel (nothing half-written is left behind).

Only local files are touched. Temporary outputs and database URIs are never
asked for their path: ``parameterAsOutputLayer`` on a TEMPORARY_OUTPUT sink
registers an extra, empty "memory:<description>" layer to load, which the
desktop then reports as "not correctly generated".
"""
import os
import tempfile

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
)

from .feedback import tr

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


def destination_value(value, context=None):
    """The text of an output parameter's value (a plain string, or the sink
    of a QgsProcessingOutputLayerDefinition), '' when unset."""
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        prop = value.sink
        if context is not None:
            text = prop.valueAsString(context.expressionContext())
            value = text[0] if isinstance(text, tuple) else text
        else:
            value = prop.staticValue()
    return "" if value is None else str(value)


def is_temporary(value, context=None):
    text = destination_value(value, context)
    return text in ("", QgsProcessing.TEMPORARY_OUTPUT) or text.lower().startswith("memory:")


def layer_file(alg, parameters, name, context):
    """The local file a sink parameter writes to, or None (temporary layers,
    database URIs): parameterAsOutputLayer is asked only for files, whose
    layer to load it registers under the same key as the sink itself."""
    value = parameters.get(name)
    if is_temporary(value, context) or not local_file(destination_value(value, context)):
        return None
    return local_file(QgsProcessingAlgorithm.parameterAsOutputLayer(alg, parameters, name,
                                                                     context))


def check_output_paths(alg, parameters, context):
    """Fail early, with a plain message, when an output file cannot be
    written (missing folder, read-only folder or file, a folder given as
    the file)."""
    for p in alg.destinationParameterDefinitions():
        name = p.name()
        if is_temporary(parameters.get(name), context):
            continue
        if isinstance(p, QgsProcessingParameterFileDestination):
            path = local_file(QgsProcessingAlgorithm.parameterAsFileOutput(
                alg, parameters, name, context))
        elif isinstance(p, QgsProcessingParameterFeatureSink):
            path = layer_file(alg, parameters, name, context)
        else:
            continue
        if not path:
            continue
        problem = writable_problem(path)
        if problem:
            raise QgsProcessingException(tr(
                "Cannot write the output {name} ({description}) to {path}: {problem}").format(
                name=name, description=p.description(), path=path, problem=problem))


def writable_problem(path):
    """Why ``path`` cannot be written, or None."""
    if os.path.isdir(path):
        return tr("it is a folder, give a file name")
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        ancestor = folder
        while ancestor and not os.path.exists(ancestor) and os.path.dirname(ancestor) != ancestor:
            ancestor = os.path.dirname(ancestor)
        if os.path.isfile(ancestor):
            return tr("{ancestor} is a file, not a folder").format(ancestor=ancestor)
        return tr("the folder {folder} does not exist").format(folder=folder)
    if os.path.exists(path):
        try:
            with open(path, "r+b"):
                pass
        except OSError as exc:
            return tr("the file is not writable ({strerror})").format(strerror=exc.strerror)
        return None
    try:
        fd, probe = tempfile.mkstemp(prefix=".doldo-write-test-", dir=folder)
        os.close(fd)
        os.remove(probe)
    except OSError as exc:
        return tr("the folder {folder} is not writable ({strerror})").format(
            folder=folder, strerror=exc.strerror)
    return None
