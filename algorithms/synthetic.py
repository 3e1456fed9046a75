"""doldo:synthetic — the paper's synthetic test datasets (section 3.1.1)."""
from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsFeatureSink, QgsGeometry,
                       QgsPointXY, QgsProcessingParameterFeatureSink)

from .common import compat, styles
from .common.algorithm import GROUP_DATA, DoldoAlgorithm
from .common.feedback import QT_TRANSLATE_NOOP, Cancelled, run_core, tr
from .common.help import REFERENCE
from .common.outputs import INT, STRING, add_sink, new_fields
from .common.parameters import add_seed_parameter

HELP = (QT_TRANSLATE_NOOP("doldo", """
<p>The synthetic datasets of the paper (section 3.1.1), on a 50 × 50 square
in a local Cartesian CRS in metres, not placed on the Earth (an engineering
CRS: QGIS does not take the coordinates for degrees, and distances are always
planar on it):</p>
<ul>
<li><b>1</b>: cluster I of diameter 10 holds 100 core firms of industry A;
the ring 5–15 around its centre holds 100 sparse A firms and 200 firms of
another industry M. Expected: h_max ≈ 11 (8–11 across draws).</li>
<li><b>2</b>: clusters I and II of diameter 6 with 50 core A firms each,
centres 20 apart; the ring 8–9 around cluster I holds 50 sparse A firms; 500
M firms uniform over the square. Expected: h_max = 6.</li>
</ul>
<p><i>Synthetic firms</i>: all firms with <code>industry</code> ('A' or 'M') and
<code>truth</code> ('core', 'sparse', or '' for M). Use the A firms (filter
<code>"industry" = 'A'</code>) as the <b>Industry firms</b> and all firms as
the <b>Background</b>; compare results with <i>Evaluate core-firm
detection</i>. The same <b>Random seed</b> gives the same points.</p>
<p><b>3</b>: a <b>province</b> to show clusters in place names (WGS 84 / UTM
49N, about 480 × 330 km): 21 cities whose <b>Regions</b> are the Voronoi cells of
their centres clipped to the outline (region, name, group: a <i>core</i> of
9 delta cities, 1–9, and a <i>periphery</i> of 12), and 200,000 firms of 30
industries I01–I30, denser in the core. Planted: I01–I06 clustered in one
city each (I01 in 1, I02 in 3, I03 in 14, I04 in 17, I05 in 5, I06 in 19),
I07–I10 in two cities (2 and 12, 4 and 16, 10 and 21, 6 and 8), I11–I13
along a corridor between two cities (1–17, 7–11, 9–18); I14–I26 spread like
the economy, I27–I30 over the whole province. The <b>Synthetic firms</b>' <code>truth</code> is
the planted kind (city, two cities, corridor, or ''), <code>city</code> the
city a firm was drawn around (0 = rural). Run <i>Clusters of every
industry</i> on it, then <i>Agglomeration by region</i> with these <b>Regions</b>.</p>
"""),)


# the paper's square as a local (engineering) CRS in metres: not placed on the
# Earth, so QGIS neither assigns it EPSG:4326 nor takes its 0-50 for degrees
SYNTHETIC_WKT = ('ENGCRS["DO-LDO synthetic square (metres)",'
                 'EDATUM["DO-LDO synthetic square"],CS[Cartesian,2],'
                 'AXIS["easting (X)",east,ORDER[1],LENGTHUNIT["metre",1]],'
                 'AXIS["northing (Y)",north,ORDER[2],LENGTHUNIT["metre",1]]]')


def synthetic_crs():
    """The CRS of the paper's synthetic datasets (1 and 2)."""
    return QgsCoordinateReferenceSystem.fromWkt(SYNTHETIC_WKT)


class SyntheticAlgorithm(DoldoAlgorithm):
    ALG_ID = "synthetic"
    DISPLAY = QT_TRANSLATE_NOOP("doldo", "Synthetic test dataset")
    ICON = "synthetic.svg"
    GROUP = GROUP_DATA
    HELP = HELP + REFERENCE

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_number("DATASET", tr("Dataset (1 or 2: the paper's; 3: the province)"), 1,
                        integer=True, minimum=1, maximum=3)
        add_seed_parameter(self)
        add_sink(self, "OUTPUT", "firms", tr("Synthetic firms"))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "REGIONS", tr("Regions (the province's cities; dataset 3 only)"),
            compat.SOURCE_POLYGON, optional=True,
            createByDefault=False))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..core import synthetic_dataset
        number = self.parameterAsInt(parameters, "DATASET", context)
        seed = self.seed(parameters, context, feedback)
        if number == 3:
            return self.province(parameters, context, feedback, seed)
        points, is_industry, truth = run_core(feedback, synthetic_dataset, number, seed=seed)
        fields = new_fields([("id", INT), ("industry", STRING), ("truth", STRING)])
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields,
                                          compat.WKB_POINT, synthetic_crs())
        for i in range(len(points)):
            f = QgsFeature()
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(points[i][0]),
                                                             float(points[i][1]))))
            f.setAttributes([i + 1, "A" if is_industry[i] else "M", str(truth[i] or "")])
            sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        del sink
        n_a = int(sum(bool(v) for v in is_industry))
        feedback.pushInfo(tr("Dataset {number}: {n_points} firms, {n_a} of industry A").format(
            number=number, n_points=len(points), n_a=n_a))
        styles.apply_style(dest, styles.truth_renderer(), context, feedback,
                           "synthetic truth", tr("Synthetic dataset {number}").format(
                               number=number))
        return {"OUTPUT": dest}

    def province(self, parameters, context, feedback, seed):
        from ..core.province import province_dataset
        prov = run_core(feedback, province_dataset, seed=seed)
        crs = QgsCoordinateReferenceSystem(prov.crs)
        fields = new_fields([("id", INT), ("industry", STRING), ("truth", STRING),
                             ("city", INT)])
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields,
                                          compat.WKB_POINT, crs)
        kind = {code: k for code, (k, _) in prov.planted.items()}
        for i, (x, y) in enumerate(prov.points):
            if i % 20000 == 0 and feedback.isCanceled():
                raise Cancelled(tr("Cancelled by the user"))
            f = QgsFeature()
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(x), float(y))))
            code = str(prov.industries[i])
            f.setAttributes([i + 1, code, kind.get(code, ""), int(prov.city[i])])
            sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        del sink
        results = {"OUTPUT": dest}
        styles.apply_style(dest, styles.industry_renderer(prov.codes, "marker"), context,
                           feedback, "province firms", tr("Province: firms"))
        rsink, rdest = self.parameterAsSink(
            parameters, "REGIONS", context,
            new_fields([("region", INT), ("name", STRING), ("group", STRING)]),
            compat.WKB_POLYGON, crs)
        if rsink is not None:
            for rid, poly in prov.regions.items():
                ring = [QgsPointXY(float(x), float(y)) for x, y in poly[0][0]]
                f = QgsFeature()
                f.setGeometry(QgsGeometry.fromPolygonXY([ring + ring[:1]]))
                f.setAttributes([rid, prov.names[rid], prov.groups[rid]])
                rsink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            del rsink
            styles.apply_style(rdest, styles.outline_renderer("#333333", 0.6), context,
                               feedback, "province regions", tr("Province: regions"), "boundary")
            results["REGIONS"] = rdest
        feedback.pushInfo(tr("Province: {n_points} firms of {n_codes} "
                             "industries, {n_regions} regions (9 core, 12 "
                             "periphery)").format(
            n_points=len(prov.points), n_codes=len(prov.codes), n_regions=len(prov.regions)))
        return results
