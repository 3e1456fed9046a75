"""Writing core-firm results (firms, cluster rectangles, centres, boundary)
as styled layers; shared by mclmldo, mclmlk and framework."""
import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsWkbTypes,
)

from . import styles
from .base import (DOUBLE, INT, extend_fields, new_fields, polygon, py, tr,
                   write_firms)

ROLES = {
    "firms": (QgsProcessing.TypeVectorPoint, QgsWkbTypes.Point),
    "clusters": (QgsProcessing.TypeVectorPolygon, QgsWkbTypes.Polygon),
    "centres": (QgsProcessing.TypeVectorPoint, QgsWkbTypes.Point),
    "boundary": (QgsProcessing.TypeVectorPolygon, QgsWkbTypes.Polygon),
}


def add_sink(alg, name, role, description, optional=False):
    alg.addParameter(QgsProcessingParameterFeatureSink(
        name, tr(description), ROLES[role][0], optional=optional,
        createByDefault=True))


def add_core_numbers(alg):
    alg.addOutput(QgsProcessingOutputNumber("CORE_FIRMS", tr("Number of core firms")))
    alg.addOutput(QgsProcessingOutputNumber("CLUSTER_COUNT", tr("Number of clusters")))


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
                     style_name, layer_name):
    """Firms with their attributes plus ``columns`` [(name, type, values)]."""
    fields, keep = extend_fields(firms.fields, [(n, t) for n, t, _ in columns])
    sink, dest = alg.parameterAsSink(parameters, name, context, fields,
                                     QgsWkbTypes.Point, firms.crs)
    if sink is None:
        return None
    write_firms(sink, firms, keep, [v for _, _, v in columns], feedback)
    del sink
    styles.apply_style(dest, make_style, context, feedback, style_name, layer_name)
    return dest


def write_core_outputs(alg, parameters, context, feedback, firms, result, names,
                       values, h, value_name="ldo", scale="global"):
    """Write the roles present in ``names`` {role: parameter name}.

    ``result``: the core's core_firms / mclm_ldo object; ``values``: the
    statistic per firm (LDO or LK); ``h``: the bandwidth(s), per firm or one
    number. Returns the results dict (with CORE_FIRMS and CLUSTER_COUNT)."""
    n = firms.n
    values = np.asarray(values, dtype=float)
    h_arr = np.broadcast_to(np.asarray(h, dtype=float), (n,))
    is_core = np.asarray(result.is_core, dtype=bool)
    cluster = np.asarray(result.cluster, dtype=int)
    recs = clusters_of(result)
    counts = {int(r["id"]): int(r["count"]) for r in recs}
    out = {"CORE_FIRMS": int(is_core.sum()), "CLUSTER_COUNT": len(recs)}
    prefix = "lk" if value_name == "lk" else "ldo"
    tag = f"{scale} scale"

    if "firms" in names:
        cl = [int(c) if c > 0 else None for c in cluster]
        dest = write_firm_layer(
            alg, parameters, names["firms"], context, feedback, firms,
            [(value_name, DOUBLE, values), ("h", DOUBLE, h_arr),
             ("core", INT, is_core.astype(int)), ("cluster", INT, cl)],
            styles.core_firms_renderer(counts), f"core firms ({tag})",
            f"Core firms ({tag})")
        if dest:
            out[names["firms"]] = dest

    if "clusters" in names:
        fields = new_fields([("cluster", INT), ("firms", INT), ("p_n", DOUBLE),
                             (f"{prefix}_mean", DOUBLE), (f"{prefix}_max", DOUBLE),
                             ("area", DOUBLE)])
        sink, dest = alg.parameterAsSink(parameters, names["clusters"], context, fields,
                                         QgsWkbTypes.Polygon, firms.crs)
        if sink is not None:
            for r in recs:
                f = QgsFeature()
                g = polygon(r["rectangle"])
                f.setGeometry(g)
                f.setAttributes([int(r["id"]), int(r["count"]), py(r["p_n"]),
                                 py(r["ldo_mean"]), py(r["ldo_max"]), float(g.area())])
                sink.addFeature(f, QgsFeatureSink.FastInsert)
            del sink
            styles.apply_style(dest, styles.cluster_outline_renderer(list(counts)),
                               context, feedback, f"cluster rectangles ({tag})",
                               f"Cluster rectangles ({tag})")
            out[names["clusters"]] = dest

    if "centres" in names:
        fields = new_fields([("cluster", INT), ("firms", INT), (value_name, DOUBLE),
                             ("x", DOUBLE), ("y", DOUBLE)])
        sink, dest = alg.parameterAsSink(parameters, names["centres"], context, fields,
                                         QgsWkbTypes.Point, firms.crs)
        if sink is not None:
            for r in recs:
                i = int(r["centre"])
                x, y = float(firms.xy[i, 0]), float(firms.xy[i, 1])
                f = QgsFeature()
                f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
                f.setAttributes([int(r["id"]), int(r["count"]), py(values[i]), x, y])
                sink.addFeature(f, QgsFeatureSink.FastInsert)
            del sink
            styles.apply_style(dest, styles.star_renderer(), context, feedback,
                               f"cluster centres ({tag})", f"Cluster centres ({tag})")
            out[names["centres"]] = dest

    if "boundary" in names:
        fields = new_fields([("core_firms", INT), ("centre_x", DOUBLE), ("centre_y", DOUBLE),
                             (f"centre_{value_name}", DOUBLE), ("h", DOUBLE),
                             ("threshold", DOUBLE), ("area", DOUBLE)])
        sink, dest = alg.parameterAsSink(parameters, names["boundary"], context, fields,
                                         QgsWkbTypes.Polygon, firms.crs)
        if sink is not None:
            if result.boundary is not None and result.centre is not None:
                c = int(result.centre)
                f = QgsFeature()
                g = polygon(result.boundary)
                f.setGeometry(g)
                h_one = float(h_arr[0]) if np.allclose(h_arr, h_arr[0]) else None
                f.setAttributes([int(is_core.sum()), float(firms.xy[c, 0]),
                                 float(firms.xy[c, 1]), py(values[c]), py(h_one),
                                 py(getattr(result, "threshold", None)), float(g.area())])
                sink.addFeature(f, QgsFeatureSink.FastInsert)
            del sink
            styles.apply_style(dest, styles.outline_renderer("#222222", 0.8, dashed=True),
                               context, feedback, f"boundary ({tag})", f"Boundary ({tag})")
            out[names["boundary"]] = dest
    return out


def cluster_rows(result, value_name="ldo"):
    """Rows for an HTML table of the clusters."""
    rows = []
    for r in clusters_of(result):
        rows.append((int(r["id"]), int(r["count"]), r["p_n"], r["ldo_mean"], r["ldo_max"]))
    return rows


def panel(title, firms, result, background=None, with_clusters=True, with_boundary=True):
    """A map panel for report.map_figure."""
    recs = clusters_of(result)
    return {
        "title": title, "xy": firms.xy, "cluster": np.asarray(result.cluster),
        "rectangles": [(r["id"], np.asarray(r["rectangle"])) for r in recs] if with_clusters else [],
        "boundary": (np.asarray(result.boundary) if with_boundary and result.boundary is not None
                     else None),
        "centres": ([tuple(firms.xy[int(r["centre"])]) for r in recs] if with_clusters
                    else ([tuple(firms.xy[int(result.centre)])] if result.centre is not None
                          else [])),
        "background": background,
    }
