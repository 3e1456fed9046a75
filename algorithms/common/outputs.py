"""Arrays -> result layers and tables: firms with their new columns, cluster
rectangles, centres, the boundary, the DO-curve table; each styled and
placed in the desktop's stack (``styles``, ``loading``)."""
import math

import numpy as np
from qgis.core import (
    NULL,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
)

from . import compat, styles
from .feedback import Cancelled, tr
from .loading import on_completion

# field types (QMetaType or QVariant: see compat)
INT = compat.INT
DOUBLE = compat.DOUBLE
STRING = compat.STRING
DATE = compat.DATE


def extend_fields(fields, extra):
    """Input fields plus ``extra`` [(name, field type)]; an input field with
    the same name as a new one is dropped (its values are replaced).
    Returns (fields, kept indices)."""
    names = {n.lower() for n, _ in extra}
    out = QgsFields()
    keep = []
    for i in range(fields.count()):
        f = fields.at(i)
        if f.name().lower() in names:
            continue
        out.append(QgsField(f))
        keep.append(i)
    for name, vtype in extra:
        out.append(compat.field(name, vtype))
    return out, keep


def py(value):
    """numpy scalar -> Python value; NaN/None -> NULL."""
    if value is None:
        return NULL
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        v = float(value)
        return NULL if math.isnan(v) else v
    if isinstance(value, np.bool_):
        return int(bool(value))
    return value


def write_firms(sink, firms, keep, columns, feedback=None):
    """Write the firms (point geometry in the working CRS, or the input's
    for a geodesic run) with their kept attributes and the extra
    ``columns`` (list of arrays/lists, one per extra field)."""
    n = firms.n
    for i in range(n):
        feat = QgsFeature()
        feat.setGeometry(point_of(firms, firms.xy[i, 0], firms.xy[i, 1])[0])
        attrs = firms.attributes[i]
        row = [attrs[k] for k in keep] if attrs is not None else []
        row.extend(py(col[i]) for col in columns)
        feat.setAttributes(row)
        sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
        if feedback is not None and i % 5000 == 0 and feedback.isCanceled():
            raise Cancelled(tr("Cancelled by the user"))


def polygon(corners, visible=1e-6):
    """A closed polygon geometry from a (4, 2) array of corners. A
    degenerate rectangle (one firm, or collinear firms) becomes a buffer of
    ``visible`` around it, so that the map shows it."""
    ring = [QgsPointXY(float(x), float(y)) for x, y in np.asarray(corners)]
    ring.append(ring[0])
    g = QgsGeometry.fromPolygonXY([ring])
    if g.isEmpty() or g.area() == 0:
        g = QgsGeometry.fromPolylineXY(ring).buffer(visible, 8) if len(
            {(p.x(), p.y()) for p in ring}) > 1 else \
            QgsGeometry.fromPointXY(ring[0]).buffer(visible, 8)
    return g


def rectangle_area(corners):
    """The area of a rectangle from its corners (0 when degenerate)."""
    c = np.asarray(corners, dtype=float)
    x, y = c[:, 0], c[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2.0)


def visible_size(xy):
    """A buffer that keeps a degenerate cluster rectangle visible on a map
    of the firms: 0.3 % of their extent."""
    if len(xy) == 0:
        return 1e-6
    span = float(np.max(np.ptp(np.asarray(xy), axis=0)))
    return max(0.003 * span, 1e-6)


# ---- geometry of a run, in the CRS its layers are written in ------------------------
DENSIFY = 32        # vertices per rectangle side of a geodesic run (its edges bend in degrees)


def _to_sink(firms, geometry):
    """``geometry`` (WGS 84 longitude, latitude of a geodesic run) in the
    firms' output CRS."""
    if firms.to_out is not None:
        geometry.transform(firms.to_out)
    return geometry


def point_of(firms, x, y):
    """(point geometry, x, y) of a firm's coordinates in the output CRS."""
    g = QgsGeometry.fromPointXY(QgsPointXY(float(x), float(y)))
    if firms.metric == "geodesic":
        g = _to_sink(firms, g)
        p = g.asPoint()
        return g, p.x(), p.y()
    return g, float(x), float(y)


def _aeqd_of(corners):
    from ...core.geodesic import Aeqd, centre_of
    return Aeqd(*centre_of(np.asarray(corners, dtype=float)))


def rect_polygon(firms, corners, visible):
    """A cluster rectangle (or boundary) as a polygon in the output CRS.
    Geodesic run: ``corners`` are longitude, latitude of a rectangle made in
    a local azimuthal equidistant projection (core); it is drawn there
    (sides densified, a degenerate one buffered by ``visible`` metres) and
    each vertex taken back to longitude, latitude, then to the output CRS."""
    if firms.metric != "geodesic":
        return polygon(corners, visible)
    proj = _aeqd_of(corners)
    g = polygon(proj.forward(np.asarray(corners, dtype=float)), visible)
    g = g.densifyByDistance(max(g.length() / (4 * DENSIFY), 1e-3))
    parts = g.asMultiPolygon() if g.isMultipart() else [g.asPolygon()]
    out = []
    for part in parts:
        rings = []
        for ring in part:
            ll = proj.inverse(np.array([(p.x(), p.y()) for p in ring], dtype=float))
            # longitudes kept next to the centre's: no jump across the 180° meridian
            ll[:, 0] = proj.lon0 + (ll[:, 0] - proj.lon0 + 180.0) % 360.0 - 180.0
            rings.append([QgsPointXY(float(x), float(y)) for x, y in ll])
        out.append(rings)
    g = QgsGeometry.fromMultiPolygonXY(out) if len(out) > 1 else QgsGeometry.fromPolygonXY(out[0])
    return _to_sink(firms, g)


def rect_area(firms, corners):
    """A rectangle's area: in the CRS's units², or m² in the local azimuthal
    equidistant projection it was made in (geodesic run)."""
    if firms.metric != "geodesic":
        return rectangle_area(corners)
    return rectangle_area(_aeqd_of(corners).forward(np.asarray(corners, dtype=float)))


def visible_of(firms):
    """visible_size of the firms, in metres for a geodesic run."""
    if firms.metric != "geodesic" or firms.n == 0:
        return visible_size(firms.xy)
    return visible_size(_aeqd_of(firms.xy).forward(firms.xy))


def new_fields(spec):
    out = QgsFields()
    for name, vtype in spec:
        out.append(compat.field(name, vtype))
    return out


ROLES = {
    "firms": (compat.SOURCE_POINT, compat.WKB_POINT),
    "clusters": (compat.SOURCE_POLYGON, compat.WKB_POLYGON),
    "centres": (compat.SOURCE_POINT, compat.WKB_POINT),
    "boundary": (compat.SOURCE_POLYGON, compat.WKB_POLYGON),
    "centre": (compat.SOURCE_POINT, compat.WKB_POINT),
}


def add_sink(alg, name, role, description, optional=False):
    alg.addParameter(QgsProcessingParameterFeatureSink(
        name, tr(description), ROLES[role][0], optional=optional,
        createByDefault=True))


def add_core_numbers(alg):
    alg.addOutput(QgsProcessingOutputNumber("CORE_FIRMS", tr("Number of core firms")))
    alg.addOutput(QgsProcessingOutputNumber("CLUSTER_COUNT", tr("Number of clusters")))


# the outputs of mclmldo and mclmlk: {role: parameter name}
CORE_NAMES = {"firms": "OUTPUT", "clusters": "CLUSTERS", "centres": "CENTRES",
              "boundary": "BOUNDARY", "centre": "AGGLOMERATION_CENTRE"}


def add_core_sinks(alg):
    """The core-firm outputs of mclmldo and mclmlk (CORE_NAMES) and numbers."""
    add_sink(alg, "OUTPUT", "firms", tr("Core firms"))
    add_sink(alg, "CLUSTERS", "clusters", tr("Cluster rectangles"))
    add_sink(alg, "CENTRES", "centres", tr("Cluster centres"))
    add_sink(alg, "BOUNDARY", "boundary", tr("Boundary (all core firms)"))
    add_sink(alg, "AGGLOMERATION_CENTRE", "centre",
             tr("Agglomeration centre (the core firm with the largest value)"), optional=True)
    add_core_numbers(alg)


def _cluster_attr(rec, name):
    return rec.get(name) if isinstance(rec, dict) else getattr(rec, name, None)


def clusters_of(result):
    """The core result's cluster records as plain dicts."""
    out = []
    for rec in result.clusters:
        out.append({k: _cluster_attr(rec, k) for k in
                    ("id", "count", "p_n", "ldo_mean", "ldo_max", "centre", "rectangle")})
    return out


def write_firm_layer(alg, parameters, name, context, feedback, firms, columns, make_style,
                     style_name, layer_name, role="firms"):
    """Firms with their attributes plus ``columns`` [(name, type, values)]."""
    fields, keep = extend_fields(firms.fields, [(n, t) for n, t, _ in columns])
    sink, dest = alg.parameterAsSink(parameters, name, context, fields,
                                     compat.WKB_POINT, firms.sink_crs)
    if sink is None:
        return None
    write_firms(sink, firms, keep, [v for _, _, v in columns], feedback)
    del sink
    styles.apply_style(dest, make_style, context, feedback, style_name, layer_name, role)
    return dest


def write_core_outputs(alg, parameters, context, feedback, firms, result, names,
                       values, h, value_name="ldo", scale="global", one_colour=False):
    """Write the roles present in ``names`` {role: parameter name}.

    ``result``: the core's core_firms / mclm_ldo object; ``values``: the
    statistic per firm (LDO or LK); ``h``: the bandwidth(s), per firm or one
    number; ``one_colour``: the core firms in one colour (the framework's
    global scale), not by cluster. Returns the results dict (with CORE_FIRMS
    and CLUSTER_COUNT)."""
    n = firms.n
    values = np.asarray(values, dtype=float)
    h_arr = np.broadcast_to(np.asarray(h, dtype=float), (n,))
    is_core = np.asarray(result.is_core, dtype=bool)
    cluster = np.asarray(result.cluster, dtype=int)
    recs = clusters_of(result)
    counts = {int(r["id"]): int(r["count"]) for r in recs}
    out = {"CORE_FIRMS": int(is_core.sum()), "CLUSTER_COUNT": len(recs)}
    prefix = "lk" if value_name == "lk" else "ldo"
    tag = f"{scale} scale"     # style names stay English; layer names are translated
    shown = tr("global scale") if scale == "global" else tr("local scale")

    if "firms" in names:
        cl = [int(c) if c > 0 else None for c in cluster]
        dest = write_firm_layer(
            alg, parameters, names["firms"], context, feedback, firms,
            [(value_name, DOUBLE, values), ("h", DOUBLE, h_arr),
             ("core", INT, is_core.astype(int)), ("cluster", INT, cl)],
            styles.global_core_renderer(int(is_core.sum())) if one_colour
            else styles.core_firms_renderer(counts), f"core firms ({tag})",
            tr("Core firms ({shown})").format(shown=shown), "firms" if scale == "local" else "firms (global)")
        if dest:
            out[names["firms"]] = dest

    if "clusters" in names:
        fields = new_fields([("cluster", INT), ("firms", INT), ("p_n", DOUBLE),
                             (f"{prefix}_mean", DOUBLE), (f"{prefix}_max", DOUBLE),
                             ("area", DOUBLE)])
        sink, dest = alg.parameterAsSink(parameters, names["clusters"], context, fields,
                                         compat.WKB_POLYGON, firms.sink_crs)
        if sink is not None:
            size = visible_of(firms)
            for r in recs:
                f = QgsFeature()
                f.setGeometry(rect_polygon(firms, r["rectangle"], size))
                f.setAttributes([int(r["id"]), int(r["count"]), py(r["p_n"]),
                                 py(r["ldo_mean"]), py(r["ldo_max"]),
                                 rect_area(firms, r["rectangle"])])
                sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            del sink
            styles.apply_style(dest, styles.cluster_outline_renderer(list(counts)),
                               context, feedback, f"cluster rectangles ({tag})",
                               tr("Cluster rectangles ({shown})").format(shown=shown), "clusters")
            out[names["clusters"]] = dest

    if "centres" in names:
        fields = new_fields([("cluster", INT), ("firms", INT), (value_name, DOUBLE),
                             ("x", DOUBLE), ("y", DOUBLE)])
        sink, dest = alg.parameterAsSink(parameters, names["centres"], context, fields,
                                         compat.WKB_POINT, firms.sink_crs)
        if sink is not None:
            for r in recs:
                i = int(r["centre"])
                g, x, y = point_of(firms, firms.xy[i, 0], firms.xy[i, 1])
                f = QgsFeature()
                f.setGeometry(g)
                f.setAttributes([int(r["id"]), int(r["count"]), py(values[i]), x, y])
                sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            del sink
            styles.apply_style(dest, styles.star_renderer(), context, feedback,
                               f"cluster centres ({tag})", tr("Cluster centres ({shown})").format(shown=shown),
                               "centres")
            out[names["centres"]] = dest

    if "boundary" in names:
        fields = new_fields([("core_firms", INT), ("centre_x", DOUBLE), ("centre_y", DOUBLE),
                             (f"centre_{value_name}", DOUBLE), ("h", DOUBLE),
                             ("threshold", DOUBLE), ("area", DOUBLE)])
        sink, dest = alg.parameterAsSink(parameters, names["boundary"], context, fields,
                                         compat.WKB_POLYGON, firms.sink_crs)
        if sink is not None:
            if result.boundary is not None and result.centre is not None:
                c = int(result.centre)
                f = QgsFeature()
                f.setGeometry(rect_polygon(firms, result.boundary, visible_of(firms)))
                h_one = float(h_arr[0]) if np.allclose(h_arr, h_arr[0]) else None
                _g, cx, cy = point_of(firms, firms.xy[c, 0], firms.xy[c, 1])
                f.setAttributes([int(is_core.sum()), cx, cy, py(values[c]), py(h_one),
                                 py(getattr(result, "threshold", None)),
                                 rect_area(firms, result.boundary)])
                sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            del sink
            styles.apply_style(dest, styles.boundary_renderer(),
                               context, feedback, f"boundary ({tag})", tr("Boundary ({shown})").format(shown=shown),
                               "boundary")
            out[names["boundary"]] = dest

    if "centre" in names:
        fields = new_fields([("core_firms", INT), (value_name, DOUBLE), ("x", DOUBLE),
                             ("y", DOUBLE), ("h", DOUBLE)])
        sink, dest = alg.parameterAsSink(parameters, names["centre"], context, fields,
                                         compat.WKB_POINT, firms.sink_crs)
        if sink is not None:
            if result.centre is not None:
                c = int(result.centre)
                g, x, y = point_of(firms, firms.xy[c, 0], firms.xy[c, 1])
                f = QgsFeature()
                f.setGeometry(g)
                f.setAttributes([int(is_core.sum()), py(values[c]), x, y, py(h_arr[c])])
                sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            del sink
            styles.apply_style(dest, styles.centre_renderer(), context, feedback,
                               f"agglomeration centre ({tag})",
                               tr("Agglomeration centre ({shown})").format(shown=shown), "centre")
            out[names["centre"]] = dest
    return out


def cluster_rows(result, value_name="ldo"):
    """Rows for an HTML table of the clusters."""
    rows = []
    for r in clusters_of(result):
        rows.append((int(r["id"]), int(r["count"]), r["p_n"], r["ldo_mean"], r["ldo_max"]))
    return rows


CURVE_FIELDS = [("distance", DOUBLE), ("do_obs", DOUBLE), ("upper", DOUBLE),
                ("lower", DOUBLE), ("gamma", DOUBLE), ("psi", DOUBLE)]


def add_curve_sink(alg, name, description):
    alg.addParameter(QgsProcessingParameterFeatureSink(
        name, tr(description), compat.SOURCE_VECTOR))


def curve_rows(keys, curve):
    """Rows of a curve table: ``keys`` then distance, do_obs, upper, lower,
    gamma, psi (CURVE_FIELDS) for each distance (None without a band)."""
    n = len(curve.distances)
    empty = [None] * n
    cols = [curve.distances, curve.observed,
            curve.upper if curve.upper is not None else empty,
            curve.lower if curve.lower is not None else empty,
            curve.gamma if curve.gamma is not None else empty,
            curve.psi if curve.psi is not None else empty]
    for i in range(n):
        yield list(keys) + [c[i] for c in cols]


def write_table(alg, parameters, name, context, fields, rows, layer_name, crs,
                feedback=None, role="table"):
    """A table without geometry from ``rows`` (lists of values), loaded in
    the desktop below the run's layers (``role`` "summary": above its other
    tables)."""
    sink, dest = alg.parameterAsSink(parameters, name, context, fields,
                                     compat.WKB_NO_GEOMETRY, crs)
    if sink is None:
        return None
    for k, row in enumerate(rows):
        if feedback is not None and k % 5000 == 0 and feedback.isCanceled():
            raise Cancelled(tr("Cancelled by the user"))
        f = QgsFeature()
        f.setAttributes([py(v) for v in row])
        sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
    del sink
    on_completion(dest, None, context, layer_name, role)
    return dest


def write_curve(alg, parameters, name, context, curve, crs, layer_name=None):
    """The DO curve as a table (one row per distance)."""
    return write_table(alg, parameters, name, context, new_fields(CURVE_FIELDS),
                       curve_rows([], curve), layer_name or tr("DO curve"), crs)


