"""doldo:regions — agglomeration by region: firms, core firms and clusters
counted in regions (cities, districts, parks), location quotients, the
locational Gini of every industry and the shares of groups of regions."""
import numpy as np
from qgis.core import (NULL, QgsCoordinateTransform, QgsFeature, QgsFeatureSink, QgsField,
                       QgsProcessingException, QgsProcessingOutputNumber,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterFileDestination,
                       QgsWkbTypes)

from .common import compat, styles
from .common.algorithm import GROUP_ECONOMY, DoldoAlgorithm
from .common.economy import add_firms_parameters, code_field_of, table_fields
from .common.feedback import QT_TRANSLATE_NOOP, run_core, tr
from .common.firms import crs_kind, crs_text, read_firms, working_crs
from .common.help import REFERENCE
from .common.outputs import DOUBLE, INT, STRING, add_curve_sink, extend_fields, py, write_table
from .common.report import HAVE_MPL, Report

HELP = (QT_TRANSLATE_NOOP("doldo", """
<p>Where are the firms, the core firms and the clusters of each industry, city
by city? <b>All firms</b> holds the firms with their code in the <b>Industry
field</b> and, optionally, a <b>Core field</b> saying which firms are core
(1/true), e.g. the core_local field of the firms written by <i>Clusters of
every industry</i>. <b>Regions</b> are polygons (cities, districts, parks)
named by the <b>Region id field</b>, optionally grouped by the <b>Group
field</b> (e.g. core / periphery). <b>Cluster centres</b> (optional, e.g.
those of <i>Clusters of every industry</i>) carry the same industry field;
those of the scale chosen in <b>Clusters counted</b> are counted in the
region that holds them.</p>
<p>A firm is in a region when its point lies inside the polygon (holes and
multipart regions count; on a boundary shared by two regions, in the one
with the lower id, so once); firms outside every region are counted as
outside (region NULL). Per region and industry (the <b>Region × industry
table</b>): firms n<sub>ri</sub>, core_firms, share_of_industry
n<sub>ri</sub>/n<sub>i</sub>, share_of_core, clusters, and the location
quotient lq = (n<sub>ri</sub>/n<sub>r</sub>) / (n<sub>i</sub>/n), n and
n<sub>i</sub> counting every firm. With a <b>Weight field</b> (employees)
every count is a sum of weights.</p>
<p><b>Regions with their totals</b>: each region's firms, industries,
clustered industries, core firms and core firms per 1,000 firms (drawn as a
choropleth). The <b>Report</b> ranks the regions, draws the Lorenz curves of
the most concentrated industries with their locational Gini (Krugman 1991:
regions ordered by the industry's share over all firms' share; G = twice the
area between the diagonal and the curve; 0 = spread like the economy, near 1
= in few regions) and puts the groups side by side. Numbers: <i>Regions</i>
and <i>Mean locational Gini of the industries</i> (of their firms).</p>
"""),)
SCALES = ["local", "global"]
TABLE_FIELDS = [("firms", DOUBLE), ("core_firms", DOUBLE), ("share_of_industry", DOUBLE),
                ("share_of_core", DOUBLE), ("clusters", INT), ("lq", DOUBLE)]
REGION_FIELDS = [("firms", DOUBLE), ("industries", INT), ("clustered_industries", INT),
                 ("core_firms", DOUBLE), ("core_per_1000", DOUBLE), ("gini_top", STRING)]
LORENZ_MAX = 6


def truthy(value):
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "t", "yes", "y", "core")
    try:
        return bool(value) and value == value
    except (TypeError, ValueError):
        return False


def polygon_parts(geom):
    """A QgsGeometry (polygon or multipolygon) as [part: [ring (k, 2)]]."""
    if geom.isMultipart():
        polys = geom.asMultiPolygon()
    else:
        polys = [geom.asPolygon()]
    parts = []
    for poly in polys:
        rings = [np.array([(p.x(), p.y()) for p in ring], dtype=float) for ring in poly
                 if len(ring) >= 4]
        if rings:
            parts.append(rings)
    return parts


class RegionsAlgorithm(DoldoAlgorithm):
    ALG_ID = "regions"
    DISPLAY = QT_TRANSLATE_NOOP("doldo", "Agglomeration by region")
    ICON = "regions.svg"
    GROUP = GROUP_ECONOMY
    HELP = HELP + REFERENCE

    def initAlgorithm(self, config=None):  # noqa: N802
        add_firms_parameters(self)
        self.addParameter(QgsProcessingParameterField(
            "CORE_FIELD", tr("Core field (1/true = core firm, e.g. core_local; optional)"),
            parentLayerParameterName="INPUT", optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "REGIONS", tr("Regions (polygons: cities, districts, parks)"),
            [compat.SOURCE_POLYGON]))
        self.addParameter(QgsProcessingParameterField(
            "REGION_FIELD", tr("Region id field"), parentLayerParameterName="REGIONS"))
        self.addParameter(QgsProcessingParameterField(
            "GROUP_FIELD", tr("Group field (e.g. core / periphery; optional)"),
            parentLayerParameterName="REGIONS", optional=True))
        self.add_weight_field("INPUT")
        self.add_points("CENTRES", tr("Cluster centres (optional, with the industry field)"),
                        optional=True)
        self.add_enum("CLUSTER_SCALE", tr("Clusters counted (the centres' scale field)"), SCALES,
                      "local")
        add_curve_sink(self, "TABLE", tr("Region × industry table"))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "REGIONS_OUT", tr("Regions with their totals"),
            compat.SOURCE_POLYGON))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", tr("Report"), tr("HTML files (*.html)"), optional=True,
            createByDefault=True))   # the report is the main result (as industries)
        self.addOutput(QgsProcessingOutputNumber("REGIONS", tr("Regions")))
        self.addOutput(QgsProcessingOutputNumber("GINI_MEAN",
                                                 tr("Mean locational Gini of the industries")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core import region_summary
        src = self.source(parameters, "INPUT", context, "INPUT")
        if crs_kind(src.sourceCrs()) == "geographic":
            # point in polygon measures no distance: longitudes and latitudes
            # are counted as they are, whatever the extent (a whole country)
            crs = src.sourceCrs()
            feedback.pushInfo(tr("INPUT is in the geographic CRS {crs}: firms "
                                 "and regions are matched in it (no distance is measured, "
                                 "so no UTM zone)").format(crs=crs_text(crs)))
        else:
            crs = working_crs(src, context, feedback, "INPUT")
        code_field = self.parameterAsString(parameters, "INDUSTRY_FIELD", context)
        core_field = self.parameterAsString(parameters, "CORE_FIELD", context) or None
        weight = self.parameterAsString(parameters, "WEIGHT_FIELD", context) or None
        firms = read_firms(src, crs, context, feedback, "INPUT", weight, core_field is not None,
                           code_field)
        core = None
        if core_field:
            k = firms.fields.lookupField(core_field)
            core = np.array([truthy(a[k]) for a in firms.attributes], dtype=bool)
            feedback.pushInfo(tr("{sum} core firms ('{core_field}')").format(
                sum=int(core.sum()), core_field=core_field))
        regions, groups, rfields, rfeatures = self.read_regions(parameters, context, crs,
                                                                feedback)
        clusters = self.read_centres(parameters, context, crs, code_field, feedback)
        res = run_core(feedback, region_summary, firms.xy, firms.codes, regions, core=core,
                       weights=firms.weights, groups=groups or None, clusters=clusters)
        outside = next(r for r in res.regions if r["region"] is None)
        feedback.pushInfo(tr("{n_regions} regions; {firms:g} firm(s) outside "
                             "every region").format(n_regions=len(regions), firms=outside['firms']))
        results = {"REGIONS": len(regions)}
        ginis = [g["firms"] for g in res.gini.values() if g["firms"] is not None]
        results["GINI_MEAN"] = float(np.mean(ginis)) if ginis else None
        key = code_field_of(firms, code_field, "industry")
        rkey = QgsField(rfields.at(rfields.lookupField(
            self.parameterAsString(parameters, "REGION_FIELD", context))))
        rkey.setName("region")
        names = ["firms", "core_firms", "share_of_industry", "share_of_core", "clusters",
                 "lq"]
        dest = write_table(self, parameters, "TABLE", context,
                           table_fields([rkey, key], TABLE_FIELDS),
                           ([r["region"], r["industry"]] + [r[k] for k in names]
                            for r in res.table), tr("Regions: region × industry"), crs,
                           feedback, "summary")
        if dest:
            results["TABLE"] = dest
        dest = self.write_regions(parameters, context, feedback, res, rfields, rfeatures, crs)
        if dest:
            results["REGIONS_OUT"] = dest
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html_path:
            self.report(html_path, res, firms, core_field, weight)
            results["OUTPUT_HTML"] = html_path
        return results

    def read_regions(self, parameters, context, crs, feedback):
        src = self.parameterAsSource(parameters, "REGIONS", context)
        if src is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "REGIONS"))
        if QgsWkbTypes.geometryType(src.wkbType()) != \
                QgsWkbTypes.GeometryType.PolygonGeometry:
            raise QgsProcessingException(tr("REGIONS must be a polygon layer"))
        rfield = self.parameterAsString(parameters, "REGION_FIELD", context)
        gfield = self.parameterAsString(parameters, "GROUP_FIELD", context) or None
        fields = src.fields()
        ri, gi = fields.lookupField(rfield), fields.lookupField(gfield) if gfield else -1
        xform = QgsCoordinateTransform(src.sourceCrs(), crs, context.transformContext())
        regions, groups, feats = {}, {}, []
        for f in src.getFeatures():
            rid = f.attribute(ri)
            g = f.geometry()
            if rid is None or rid == NULL or rid == "" or g is None or g.isNull() or g.isEmpty():
                feedback.pushWarning(tr("A region without an id or a geometry was skipped"))
                continue
            rid = py(rid)
            if rid in regions:
                raise QgsProcessingException(tr(
                    "Two regions have the id {rid!r} in '{rfield}': the region ids must "
                    "be unique (dissolve the layer by this field first)").format(
                    rid=rid, rfield=rfield))
            g = type(g)(g)
            if src.sourceCrs() != crs:
                g.transform(xform)
            parts = polygon_parts(g)
            if not parts:
                continue
            regions[rid] = parts
            feats.append((rid, f, g))
            if gi >= 0:
                gv = f.attribute(gi)
                if gv is not None and gv != NULL and gv != "":
                    groups[rid] = str(gv)
        if not regions:
            raise QgsProcessingException(tr("REGIONS has no polygon with an id"))
        return regions, groups, fields, feats

    def read_centres(self, parameters, context, crs, code_field, feedback):
        if not self.is_set(parameters, "CENTRES"):
            return None
        src = self.source(parameters, "CENTRES", context, "CENTRES")
        c = read_firms(src, crs, context, feedback, "CENTRES", None, True, code_field)
        k = c.fields.lookupField("scale")
        scale = self.enum(parameters, "CLUSTER_SCALE", context)
        out = []
        for i in range(c.n):
            if k >= 0 and str(c.attributes[i][k]) != scale:
                continue
            if c.codes[i] is not None:
                out.append({"industry": c.codes[i], "centre": tuple(c.xy[i])})
        feedback.pushInfo(tr("{n} cluster centres ({scale})").format(
            n=len(out), scale=tr("global scale") if scale == "global" else tr("local scale")))
        return out

    def write_regions(self, parameters, context, feedback, res, rfields, rfeatures, crs):
        fields, keep = extend_fields(rfields, [("group", STRING)] + REGION_FIELDS)
        sink, dest = self.parameterAsSink(parameters, "REGIONS_OUT", context, fields,
                                          compat.WKB_MULTIPOLYGON, crs)
        if sink is None:
            return None
        recs = {r["region"]: r for r in res.regions}
        top = {}
        for code, g in res.gini.items():
            if g["firms"] is not None and code in res.top:
                reg, share = res.top[code]
                if share > top.get(reg, (None, 0.0))[1]:
                    top[reg] = (code, share)
        for rid, f, g in rfeatures:
            r = recs[rid]
            out = QgsFeature()
            g = type(g)(g)
            g.convertToMultiType()
            out.setGeometry(g)
            attrs = f.attributes()
            out.setAttributes([attrs[k] for k in keep] + [
                py(r["group"]), py(r["firms"]), r["industries"], r["clustered_industries"],
                py(r["core_firms"]), py(r["core_per_1000"]),
                None if rid not in top else str(top[rid][0])])
            sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
        del sink
        field = "core_per_1000" if any(r["core_per_1000"] for r in res.regions) else "firms"
        styles.apply_style(dest, styles.choropleth_renderer(field), context, feedback,
                           "regions choropleth", tr("Regions (core firms per 1,000 firms)")
                           if field == "core_per_1000" else tr("Regions (firms)"), "boundary")
        return dest

    @staticmethod
    def report(path, res, firms, core_field, weight):
        rep = Report(tr("Agglomeration by region"))
        unit = tr("employees") if weight else tr("firms")
        inside = [r for r in res.regions if r["region"] is not None]
        outside = next(r for r in res.regions if r["region"] is None)
        rep.paragraph(tr("{n} firms of {industries} industries in {regions} regions "
                         "({outside:g} {unit} outside every region){core}.").format(
            n=firms.n, industries=len(res.industries), regions=len(inside),
            outside=outside['firms'], unit=unit,
            core=tr("; core firms from '{field}'").format(field=core_field) if core_field
            else ""))
        rep.heading(tr("Regions ranked"))
        key = (lambda r: -(r["core_per_1000"] or 0)) if core_field else \
            (lambda r: -r["firms"])
        rep.table([tr("rank"), tr("region"), tr("group"), unit, tr("industries"),
                   tr("industries with clusters"), tr("core firms"), tr("core per 1,000")],
                  [(k + 1, r["region"], r["group"], r["firms"], r["industries"],
                    r["clustered_industries"], r["core_firms"], r["core_per_1000"])
                   for k, r in enumerate(sorted(inside, key=key))], left=3)
        ranked = sorted((c for c in res.industries if res.gini[c]["firms"] is not None),
                        key=lambda c: -res.gini[c]["firms"])
        if ranked:
            rep.heading(tr("The most concentrated industries (locational Gini)"))
            rep.figure(lorenz_figure(res, ranked[:LORENZ_MAX]), tr("Lorenz curves"))
            rep.table([tr("industry"), tr("Gini (firms)"), tr("Gini (core firms)"),
                       tr("top region"), tr("its share")],
                      [(c, res.gini[c]["firms"], res.gini[c]["core_firms"],
                        res.top.get(c, (None, None))[0], res.top.get(c, (None, None))[1])
                       for c in ranked], left=1)
        if res.groups:
            rep.heading(tr("Groups of regions side by side"))
            rep.figure(groups_figure(res), tr("groups side by side"))
            rep.table([tr("group"), tr("industry"), tr("regions"), unit,
                       tr("share of the industry"), tr("core firms"),
                       tr("share of its core firms")],
                      [(g["group"], tr("(all)") if g["industry"] is None else g["industry"],
                        g["regions"], g["firms"], g["share_of_industry"], g["core_firms"],
                        g["share_of_core"]) for g in res.groups], left=2)
        rep.write(path)


def lorenz_figure(res, codes):
    if not HAVE_MPL:
        return None
    from matplotlib.figure import Figure
    k = len(codes)
    cols = min(3, k)
    rows = (k + cols - 1) // cols
    fig = Figure(figsize=(3.4 * cols, 3.2 * rows), dpi=100)
    for i, code in enumerate(codes):
        ax = fig.add_subplot(rows, cols, i + 1)
        ax.plot([0, 1], [0, 1], color="#888", lw=0.8, ls="--")
        x, y = res.lorenz[code]["firms"]
        ax.plot(x, y, color="#b2182b", lw=1.6, label=tr("firms, G = {gini:.2f}").format(gini=res.gini[code]["firms"]))
        xc, yc = res.lorenz[code]["core_firms"]
        if xc is not None:
            ax.plot(xc, yc, color="#2166ac", lw=1.2,
                    label=tr("core firms, G = {gini:.2f}").format(
                        gini=res.gini[code]["core_firms"]))
        ax.set_title(str(code), fontsize=9)
        ax.set_xlabel(tr("cumulative share of all firms"), fontsize=7)
        ax.set_ylabel(tr("cumulative share of the industry"), fontsize=7)
        ax.tick_params(labelsize=6)
        ax.legend(fontsize=6, loc="upper left")
        ax.set_aspect("equal")
    fig.tight_layout()
    return fig


def groups_figure(res):
    if not HAVE_MPL:
        return None
    from matplotlib.figure import Figure
    names = sorted({g["group"] for g in res.groups}, key=str)
    codes = list(res.industries)
    share = {(g["group"], g["industry"]): g["share_of_industry"] or 0.0 for g in res.groups}
    fig = Figure(figsize=(max(6.0, 0.3 * len(codes) + 2), 3.8), dpi=100)
    ax = fig.add_subplot(1, 1, 1)
    x = np.arange(len(codes) + 1)
    width = 0.8 / max(1, len(names))
    for k, (name, color) in enumerate(zip(names, styles.palette(len(names)))):
        vals = [share.get((name, None), 0.0)] + [share.get((name, c), 0.0) for c in codes]
        ax.bar(x + k * width - 0.4 + width / 2, np.array(vals) * 100, width, color=color,
               label=str(name))
    ax.set_xticks(x)
    ax.set_xticklabels([tr("all")] + [str(c) for c in codes], rotation=90, fontsize=7)
    ax.set_ylabel(tr("share of the industry's firms (%)"))
    ax.legend(fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return fig
