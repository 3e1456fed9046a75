"""Layers -> firms: point sources read into arrays in one projected CRS, or
as WGS 84 longitudes and latitudes for distances on the Earth.

Planar distances: geographic layers are reprojected to the UTM zone of
their centre, the BACKGROUND to the CRS of INPUT. Geodesic distances
(DISTANCES): every layer is read as EPSG:4326 longitude, latitude and the
core measures metres on WGS 84; outputs go back to the input's CRS. NULL
geometries are skipped and counted, multipoints exploded, weights checked.
"""
import math
from dataclasses import dataclass, field
from typing import Any, List, Optional

import numpy as np
from qgis.core import (
    NULL,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsFields,
    QgsProcessingException,
    QgsRectangle,
)

from .feedback import QT_TRANSLATE_NOOP, Cancelled, tr


def utm_crs_for(lon, lat):
    """WGS 84 / UTM zone (or UPS near the poles) of a longitude/latitude."""
    if lat > 84:
        return QgsCoordinateReferenceSystem("EPSG:32661")
    if lat < -80:
        return QgsCoordinateReferenceSystem("EPSG:32761")
    zone = int(math.floor((lon + 180.0) / 6.0)) % 60 + 1
    return QgsCoordinateReferenceSystem(
        f"EPSG:{(32600 if lat >= 0 else 32700) + zone}")


UTM_K0 = 0.9996
DISTORTION_NOTE = 0.001     # warn when UTM lengths err by more than 0.1 %
DISTORTION_MAX = 0.05       # refuse beyond 5 %


UPS_K0 = 0.994


def utm_distortion(extent, target):
    """The largest relative error of lengths in the UTM zone ``target`` over a
    WGS 84 ``extent``: scale k = k0 / sqrt(1 - (cos φ sin(λ - λ0))^2)
    (spherical transverse Mercator), |k - 1| at its corners and edges; in a
    polar stereographic (UPS) zone k = 2 k0 / (1 + sin|φ|)."""
    code = int(target.authid().split(":")[1])
    zone = code % 100
    if code in (32661, 32761):
        lats = [abs(extent.yMinimum()), abs(extent.yMaximum())]
        return max(abs(2 * UPS_K0 / (1 + math.sin(math.radians(min(lat, 90.0)))) - 1)
                   for lat in lats + [90.0])
    if not 1 <= zone <= 60:
        return 0.0
    lon0 = math.radians(-183.0 + 6.0 * zone)
    lats = [extent.yMinimum(), extent.yMaximum()]
    if extent.yMinimum() < 0 < extent.yMaximum():
        lats.append(0.0)
    worst = 0.0
    for lon in (extent.xMinimum(), extent.xMaximum(), math.degrees(lon0)):
        for lat in lats:
            b = math.cos(math.radians(lat)) * math.sin(math.radians(lon) - lon0)
            k = UTM_K0 / math.sqrt(max(1.0 - b * b, 1e-12))
            worst = max(worst, abs(k - 1.0))
    return worst


def _finite(extent):
    return extent is not None and not extent.isNull() and all(
        math.isfinite(v) for v in (extent.xMinimum(), extent.xMaximum(),
                                   extent.yMinimum(), extent.yMaximum()))


def _extent_of(source):
    """The source's extent; from its features when the provider's is empty
    or not finite (a NaN point can poison it)."""
    extent = source.sourceExtent()
    if _finite(extent):
        return extent
    extent = QgsRectangle()
    for f in source.getFeatures(QgsFeatureRequest().setNoAttributes()):
        if f.hasGeometry() and not f.geometry().isEmpty():
            box = f.geometry().boundingBox()
            if _finite(box):
                extent.combineExtentWith(box)
    return extent


def _to_wgs84(extent, crs, context):
    """``extent`` (in ``crs``) as longitudes and latitudes."""
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    if crs == wgs84:
        return extent
    return QgsCoordinateTransform(crs, wgs84, context.transformContext()) \
        .transformBoundingBox(extent)


def _wgs84_extent(source, context):
    """The source's extent in longitudes and latitudes (empty when it has
    none, no CRS, or cannot be transformed: then nothing is checked)."""
    extent = _extent_of(source)
    if not _finite(extent) or not source.sourceCrs().isValid():
        return extent
    try:
        return _to_wgs84(extent, source.sourceCrs(), context)
    except Exception:       # noqa: BLE001 - QgsCsException: no check then
        return QgsRectangle()


def _zone_notes(extent, target, label):
    """Refuse when ``target`` (the UTM zone or UPS chosen) distorts the
    lengths over ``extent`` (WGS 84) too much; the warning, if any, as a
    list of notes."""
    if extent.width() > 180.0 and target.authid() not in ("EPSG:32661", "EPSG:32761"):
        raise QgsProcessingException(tr(
            "{label} spans {width:.1f} degrees of longitude (around the globe, "
            "or across the 180° meridian): no UTM zone fits it, and distances would be "
            "wrong. Reproject the layers to a projected CRS made for the area (e.g. an "
            "equidistant one centred on it) and run again").format(
            label=label, width=extent.width()))
    error = utm_distortion(extent, target)
    if error > DISTORTION_MAX:
        raise QgsProcessingException(tr(
            "{label} spans {width:.1f} degrees of longitude and "
            "{height:.1f} of latitude: in {authid} distances at its "
            "edges would be wrong by up to {n:.1f} %. Reproject the layers to "
            "an equidistant or local projected CRS that fits the whole area and run again").format(
            label=label, width=extent.width(), height=extent.height(), authid=target.authid(), n=100 * error))
    if error <= DISTORTION_NOTE:
        return []
    ups = target.authid() in ("EPSG:32661", "EPSG:32761")    # k < 1 there
    if ups:
        return [tr("{label} reaches beyond its UTM zone ({authid}): distances at its "
                   "edges are too short by up to {n:.2g} %. "
                   "For exact distances reproject the layers to a projected CRS made for the "
                   "area first").format(label=label, authid=target.authid(), n=100 * error)]
    return [tr("{label} reaches beyond its UTM zone ({authid}): distances at its "
               "edges are too long by up to {n:.2g} %. "
               "For exact distances reproject the layers to a projected CRS made for the "
               "area first").format(label=label, authid=target.authid(), n=100 * error)]


def _chosen_zone(crs):
    """True for the WGS 84 UTM / UPS CRSs working_crs picks."""
    code = crs.authid().split(":")[-1] if crs.isValid() else ""
    return code.isdigit() and (32601 <= int(code) <= 32660 or 32701 <= int(code) <= 32760
                               or int(code) in (32661, 32761))


# GeoPackages written without a CRS (GDAL/OGR: srs_id 0 and -1) read as these
UNDEFINED = ("Undefined geographic SRS", "Undefined Cartesian SRS")


def crs_kind(crs):
    """What a layer's CRS says about its coordinates: "none" (no CRS),
    "undefined" (a GeoPackage's undefined SRS), "no unit" (a user-defined
    CRS without a known distance unit), "geographic" (degrees: QGIS 3.22
    does not call a user-defined longitude/latitude CRS geographic, its
    unit says it) or "projected". Only "geographic" and "projected" are
    real: the others are measured in layer units, never as degrees.
    "engineering": a local Cartesian CRS (e.g. the synthetic layers'), in
    metres or feet but not placed on the Earth: always planar."""
    from qgis.core import QgsUnitTypes
    if not crs.isValid():
        return "none"
    if not crs.authid() and crs.description() in UNDEFINED:
        return "undefined"
    units = crs.mapUnits()
    if units == QgsUnitTypes.DistanceUnit.DistanceUnknownUnit:
        return "no unit"
    if is_engineering(crs):
        return "engineering"
    if crs.isGeographic() or units == QgsUnitTypes.DistanceUnit.DistanceDegrees:
        return "geographic"
    return "projected"


ENGINEERING_WKT = ("LOCAL_CS[", "ENGCRS[", "ENGINEERINGCRS[")


def is_engineering(crs):
    """A local (engineering) CRS: Cartesian coordinates in a known unit that
    are not placed on the Earth (QGIS 3.22 has no CRS type: its WKT says)."""
    return crs.isValid() and crs.toWkt().lstrip().upper().startswith(ENGINEERING_WKT)


def is_real(crs):
    """A CRS that says what the coordinates are (geographic, projected or
    engineering: its unit is known)."""
    return crs_kind(crs) in ("geographic", "projected", "engineering")


def on_earth(crs):
    """A CRS placed on the Earth (geographic or projected): its points can
    be transformed to WGS 84 longitudes and latitudes."""
    return crs_kind(crs) in ("geographic", "projected")


def crs_text(crs):
    """The CRS for a log or report: its id, else its name, else what it is."""
    kind = crs_kind(crs)
    if kind == "none":
        return tr("(none)")
    name = crs.authid() or crs.description() or tr("user-defined CRS")
    return name if is_real(crs) else tr("{name} (not a real CRS: layer units)").format(name=name)


def _not_real_warning(crs, label):
    """The warning for a layer whose CRS does not say what its units are."""
    kind = crs_kind(crs)
    what = {"none": tr("{label} has no coordinate reference system").format(label=label),
            "undefined": tr("The CRS of {label} is '{description}' (a file written "
                         "without a CRS)").format(label=label, description=crs.description()),
            "no unit": tr("The CRS of {label} ({value}) has no "
                       "known distance unit").format(
                label=label, value=crs.description() or 'user-defined')}[kind]
    return (tr("{what}: distances are measured in its own coordinate units ('layer "
            "units'). If these are longitudes and latitudes, set the layer's CRS "
            "(e.g. EPSG:4326) and run again: degrees are not distances").format(what=what))


WGS84 = "EPSG:4326"
GEODESIC_UNITS = QT_TRANSLATE_NOOP("doldo", "metres")   # shown as tr(GEODESIC_UNITS)


def working_crs(source, context, feedback, label="'Industry firms'", notes=None,
                metric="planar"):
    """The projected CRS the distances are measured in (``metric`` "planar"),
    or EPSG:4326 for distances on the Earth (``metric`` "geodesic": the
    points are read as WGS 84 longitudes and latitudes, no UTM zone).

    Projected: the layer's own. Geographic: the UTM zone of the layer's
    centre (logged, with the distortion at its edges; refused when its
    coordinates are not degrees or distances would err by more than 5 %).
    No CRS, or one that is not real (an undefined SRS, no unit):
    coordinates used as they are, in layer units (warned). Warnings are
    also appended to ``notes`` (for the report)."""
    def warn(text):
        feedback.pushWarning(tr(text))
        if notes is not None:
            notes.append(text)

    crs = source.sourceCrs()
    kind = crs_kind(crs)
    if metric == "geodesic":
        return _geodesic_crs(source, crs, kind, context, feedback, label)
    if kind == "engineering":
        feedback.pushInfo(tr(
            "Distances are in the units of {crs} (a local CRS, not placed on "
            "the Earth): {units}").format(crs=crs_text(crs), units=distance_units(crs)))
        return crs
    if kind not in ("geographic", "projected"):
        warn(_not_real_warning(crs, label))
        return crs
    if kind == "projected":
        feedback.pushInfo(tr(
            "Distances are in the units of {crs_text}: {distance_units}").format(
            crs_text=crs_text(crs), distance_units=distance_units(crs)))
        return crs
    extent = _extent_of(source)
    if extent.isNull():
        raise QgsProcessingException(tr("{label} has no features with a geometry").format(
            label=label))
    _check_degrees(extent, crs, label)
    extent = _to_wgs84(extent, crs, context)
    centre = extent.center()
    target = utm_crs_for(centre.x(), centre.y())
    feedback.pushWarning(tr(
        "{label} is in the geographic CRS {crs_text} (degrees), which "
        "cannot measure distances: reprojected to {authid} "
        "({description}, metres), the zone of the layer's centre "
        "({x:.4f}, {y:.4f}). Outputs are in {authid}.").format(
        label=label, crs_text=crs_text(crs), authid=target.authid(), description=target.description(), x=centre.x(), y=centre.y()))
    for text in _zone_notes(extent, target, label):
        warn(text)
    return target


def _check_degrees(extent, crs, label):
    """Refuse a layer declared in degrees whose coordinates are not degrees."""
    if (extent.xMinimum() < -180.5 or extent.xMaximum() > 180.5
            or extent.yMinimum() < -90.5 or extent.yMaximum() > 90.5):
        far = max(abs(extent.xMinimum()), abs(extent.xMaximum()), abs(extent.yMinimum()),
                  abs(extent.yMaximum()))
        raise QgsProcessingException(tr(
            "{label} is declared in {crs_text} (longitude and latitude in degrees), "
            "but its coordinates reach {far:.6g}: they are not degrees, so the layer's "
            "CRS is set wrongly. Set its real (projected) CRS in the layer properties "
            "(Source, Assigned CRS) and run again").format(
            label=label, crs_text=crs_text(crs), far=far))


def _geodesic_crs(source, crs, kind, context, feedback, label):
    """EPSG:4326 for a geodesic run on ``source`` (CRS ``crs`` of ``kind``);
    a clear refusal when the layer is not placed on the Earth."""
    if kind not in ("geographic", "projected"):
        what = {"engineering": tr("{label} is in {crs}, a local CRS not placed on the "
                                  "Earth").format(label=label, crs=crs_text(crs)),
                "none": tr("{label} has no coordinate reference system").format(label=label),
                "undefined": tr("{label} has the CRS '{description}' (a file written without "
                                "a CRS)").format(label=label, description=crs.description()),
                "no unit": tr("{label} has a CRS without a known distance unit "
                              "({description})").format(
                    label=label, description=crs.description() or tr("user-defined"))}[kind]
        raise QgsProcessingException(tr(
            "Distances on the Earth (geodesic, WGS 84) need longitudes and latitudes, "
            "but {what}: its points cannot be placed on the Earth. Choose planar "
            "'Distances' (measured in the layer's own units), or set the layer's real CRS "
            "(Source, Assigned CRS in the layer properties) and run again").format(what=what))
    if kind == "geographic":
        extent = _extent_of(source)
        if extent.isNull():
            raise QgsProcessingException(tr("{label} has no features with a geometry").format(
                label=label))
        _check_degrees(extent, crs, label)
    target = QgsCoordinateReferenceSystem(WGS84)
    if crs == target:
        feedback.pushInfo(tr(
            "Distances: on the Earth (geodesic, WGS 84), in {units}; {label} is "
            "in {crs} (longitude, latitude): no reprojection, no UTM zone").format(
            units=tr(GEODESIC_UNITS), label=label, crs=crs_text(crs)))
    elif kind == "geographic":
        feedback.pushInfo(tr(
            "Distances: on the Earth (geodesic, WGS 84), in {units}; {label} is "
            "transformed from {crs} to WGS 84 longitude, latitude "
            "(EPSG:4326); outputs are written in the layer's CRS").format(
            units=tr(GEODESIC_UNITS), label=label, crs=crs_text(crs)))
    else:
        feedback.pushInfo(tr(
            "Distances: on the Earth (geodesic, WGS 84), in {units}, as chosen: "
            "{label} is in the projected CRS {crs}, its points are transformed "
            "to WGS 84 longitude, latitude (EPSG:4326) and measured on the Earth, not in "
            "the projection; outputs are written in the layer's CRS").format(
            units=tr(GEODESIC_UNITS), label=label, crs=crs_text(crs)))
    return target


def distance_units(crs):
    """The distances' unit for logs and reports: QGIS's name of the CRS's
    unit ("meters", "feet" ...), "layer units" when the CRS is not real;
    given the :class:`Firms` of a geodesic run, "metres"."""
    if isinstance(crs, Firms):
        return tr(GEODESIC_UNITS) if crs.metric == "geodesic" else distance_units(crs.crs)
    if not is_real(crs):
        return tr("layer units")
    from qgis.core import QgsUnitTypes
    return QgsUnitTypes.toString(crs.mapUnits())


@dataclass
class Firms:
    """Points of one layer as arrays, plus what is needed to write them back."""
    xy: np.ndarray
    weights: Optional[np.ndarray]
    attributes: List[list]
    fields: QgsFields
    crs: QgsCoordinateReferenceSystem
    n_features: int = 0
    n_skipped: int = 0
    n_multipart: int = 0
    messages: List[str] = field(default_factory=list)
    codes: Optional[list] = None        # one industry code per firm (read_firms)
    metric: str = "planar"              # "geodesic": xy are WGS 84 longitude, latitude
    out_crs: Any = None                 # geodesic: the CRS outputs are written in
    to_out: Any = None                  # geodesic: EPSG:4326 -> out_crs (None: the same)

    @property
    def n(self):
        return self.xy.shape[0]

    @property
    def sink_crs(self):
        """The CRS the run's layers are written in: the working CRS, or for
        a geodesic run the input layer's own."""
        return self.out_crs if self.out_crs is not None else self.crs

    @property
    def units(self):
        return distance_units(self)


def in_km(d_min, d_max, step, units):
    """Distances of a run on the Earth (metres) in kilometres too, when
    they reach 10 km: " (0-3,000 km by 100 km)"; "" otherwise."""
    if units not in (GEODESIC_UNITS, tr(GEODESIC_UNITS)) or d_max < 10_000:
        return ""
    return tr(" ({d_min}-{d_max} km by {step} km)").format(
        d_min=f"{d_min / 1000:,.6g}", d_max=f"{d_max / 1000:,.6g}", step=f"{step / 1000:,.6g}")


def distances_text(firms):
    """Which distances a run used, for its log and report."""
    if firms.metric == "geodesic":
        return tr("on the Earth (geodesic, WGS 84), {units}").format(units=tr(GEODESIC_UNITS))
    return tr("planar, in {crs}, {units}").format(crs=crs_text(firms.crs),
                                                  units=distance_units(firms.crs))


def read_firms(source, crs, context, feedback, label, weight_field=None,
               keep_attributes=True, code_field=None, own_zone=False, metric="planar"):
    """Read a point source into a :class:`Firms` in ``crs``.

    NULL/empty geometries are skipped and counted; multipoints are exploded;
    NULL weights stop the algorithm with a clear message. ``code_field``:
    its value per firm goes to ``Firms.codes`` (NULL -> None). ``own_zone``:
    ``crs`` was chosen for this layer (its zone's distortion is said already).
    ``metric`` "geodesic": ``crs`` is EPSG:4326 (``working_crs``) and the
    firms remember the layer's CRS for the outputs."""
    zone_notes = []     # a layer in degrees measured in another's UTM zone: its distortion
    if not own_zone and _chosen_zone(crs) and crs_kind(source.sourceCrs()) == "geographic":
        extent = _wgs84_extent(source, context)
        if _finite(extent):
            zone_notes = _zone_notes(extent, crs, label)
    request = QgsFeatureRequest()
    failed = []  # features that could not be reprojected (their geometry is dropped)
    if metric == "geodesic" and not on_earth(source.sourceCrs()):
        _geodesic_crs(source, source.sourceCrs(), crs_kind(source.sourceCrs()), context,
                      feedback, label)       # refused: not placed on the Earth
    if on_earth(crs) and on_earth(source.sourceCrs()) and crs != source.sourceCrs():
        request.setDestinationCrs(crs, context.transformContext())
        request.setTransformErrorCallback(lambda f: failed.append(f.id()))
        feedback.pushInfo(tr(
            "{label}: reprojected from {crs_text} to {crs_text2}").format(
            label=label, crs_text=crs_text(source.sourceCrs()), crs_text2=crs_text(crs)))
    fields = source.fields()
    w_idx = -1
    if weight_field:
        w_idx = fields.lookupField(weight_field)
        if w_idx < 0:
            raise QgsProcessingException(tr(
                "{label} has no field '{weight_field}' (the weight field): the "
                "background firms need the same weight field as the industry").format(
                label=label, weight_field=weight_field))
        if not fields.at(w_idx).isNumeric():
            raise QgsProcessingException(tr(
                "{label}: the weight field '{weight_field}' is not numeric").format(
                label=label, weight_field=weight_field))
    c_idx = -1
    if code_field:
        c_idx = fields.lookupField(code_field)
        if c_idx < 0:
            raise QgsProcessingException(tr("{label} has no field '{code_field}'").format(
                label=label, code_field=code_field))
    if not keep_attributes:
        request.setSubsetOfAttributes([i for i in (w_idx, c_idx) if i >= 0])
    xs, ys, ws, attrs, codes = [], [], [], [], []
    n_feat = n_skip = n_multi = n_nullw = n_badw = n_inf = 0
    total = source.featureCount()
    step = 100.0 / total if total and total > 0 else 0
    for k, f in enumerate(source.getFeatures(request)):
        if feedback.isCanceled():
            raise Cancelled(tr("Cancelled by the user"))
        n_feat += 1
        g = f.geometry()
        if g is None or g.isNull() or g.isEmpty():
            n_skip += 1
            continue
        if w_idx >= 0:
            wv = f.attribute(w_idx)
            if wv is None or wv == NULL:
                n_nullw += 1
                continue
            try:
                wv = float(wv)
            except (TypeError, ValueError):
                n_badw += 1
                continue
        else:
            wv = 1.0
        if g.isMultipart():
            pts = g.asMultiPoint()
            if len(pts) > 1:
                n_multi += 1
        else:
            pts = [g.asPoint()]
        if not all(math.isfinite(p.x()) and math.isfinite(p.y()) for p in pts):
            n_inf += 1
            continue
        a = f.attributes() if keep_attributes else None
        code = None
        if c_idx >= 0:
            code = f.attribute(c_idx)
            if code is None or code == NULL:
                code = None
        for p in pts:
            xs.append(p.x())
            ys.append(p.y())
            ws.append(wv)
            attrs.append(a)
            codes.append(code)
        if step and k % 1000 == 0:
            feedback.setProgress(k * step)
    if n_inf:
        raise QgsProcessingException(tr(
            "{label}: {n_inf} firm(s) have NaN or infinite coordinates; remove or "
            "fix them first").format(label=label, n_inf=n_inf))
    if n_nullw:
        raise QgsProcessingException(tr(
            "{label}: {n_nullw} feature(s) have NULL in the weight field "
            "'{weight_field}'; fill them in or filter them out").format(
            label=label, n_nullw=n_nullw, weight_field=weight_field))
    if n_badw:
        raise QgsProcessingException(tr(
            "{label}: {n_badw} feature(s) have a value that is not a number in the "
            "weight field '{weight_field}'").format(
            label=label, n_badw=n_badw, weight_field=weight_field))
    messages = list(zone_notes)
    n_failed = len(set(failed))
    if n_failed:
        messages.append(tr("{label}: {n_failed} feature(s) could not be reprojected to "
                        "{authid} and were skipped").format(
            label=label, n_failed=n_failed, authid=crs.authid()))
        n_skip = max(n_skip - n_failed, 0)
    if n_skip:
        messages.append(tr("{label}: {n_skip} feature(s) without geometry (NULL, empty or "
                        "NaN coordinates) were skipped").format(label=label, n_skip=n_skip))
    if n_multi:
        messages.append(tr("{label}: {n_multi} multipoint feature(s) were exploded "
                        "into one firm per point").format(label=label, n_multi=n_multi))
    for m in messages:
        feedback.pushWarning(tr(m))
    xy = np.column_stack([np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)]) \
        if xs else np.empty((0, 2))
    feedback.pushInfo(tr("{label}: {shape} firms read from {n_feat} features").format(
        label=label, shape=xy.shape[0], n_feat=n_feat))
    out_crs = to_out = None
    if metric == "geodesic":
        out_crs = source.sourceCrs()
        if out_crs != crs:
            to_out = QgsCoordinateTransform(crs, out_crs, context.transformContext())
    return Firms(xy=xy, weights=np.asarray(ws, dtype=float) if w_idx >= 0 else None,
                 attributes=attrs, fields=fields, crs=crs, n_features=n_feat,
                 n_skipped=n_skip, n_multipart=n_multi, messages=messages,
                 codes=codes if c_idx >= 0 else None, metric=metric, out_crs=out_crs,
                 to_out=to_out)


def pair_distances(xy, i, j, metric="planar"):
    """Distances between the firms ``xy[i]`` and ``xy[j]``: planar, or for
    ``metric`` "geodesic" (xy longitude, latitude) the core's distance on
    the Earth in metres (the chord between Earth-centred points mapped to
    its arc, core.geodesic)."""
    if metric == "geodesic":
        from ...core.geodesic import arc, ecef, lonlat
        p = ecef(lonlat(xy))
        out = np.empty(len(i))
        for k in range(0, len(i), 1_000_000):       # by blocks: 3 coordinates a pair
            a, b = p[i[k:k + 1_000_000]], p[j[k:k + 1_000_000]]
            out[k:k + 1_000_000] = arc(np.sqrt(np.einsum("ij,ij->i", a - b, a - b)))
        return out
    return np.hypot(xy[i, 0] - xy[j, 0], xy[i, 1] - xy[j, 1])


def pair_distance_median(xy, seed=0, exact_limit=3000, n_pairs=2_000_000, metric="planar"):
    """Median distance between the industry's firms: exact up to
    ``exact_limit`` firms, else estimated from random pairs (in metres on
    the Earth for ``metric`` "geodesic"). Returns (median, exact?)."""
    n = xy.shape[0]
    if n < 2:
        return 0.0, True
    if n <= exact_limit:
        i, j = np.triu_indices(n, 1)
        return float(np.median(pair_distances(xy, i, j, metric))), True
    rng = np.random.default_rng(seed)
    i = rng.integers(0, n, n_pairs)
    j = rng.integers(0, n - 1, n_pairs)
    j = j + (j >= i)
    return float(np.median(pair_distances(xy, i, j, metric))), False


def subset(firms, index):
    """The firms at ``index`` (coordinates and weights only)."""
    return Firms(xy=firms.xy[index],
                 weights=None if firms.weights is None else firms.weights[index],
                 attributes=[], fields=firms.fields, crs=firms.crs, metric=firms.metric,
                 out_crs=firms.out_crs, to_out=firms.to_out)


def read_curve_inputs(alg, parameters, context, feedback, with_attributes=True):
    """INPUT and BACKGROUND (when simulations need it or it is given) as
    Firms in one projected CRS; returns (firms, background or None, weight
    field). The CRS warnings are kept in ``firms.messages``."""
    label = alg.layer_label("INPUT")
    src = alg.source(parameters, "INPUT", context, label)
    notes = []
    metric = read_metric(alg, parameters, context, src, feedback, label)
    crs = working_crs(src, context, feedback, label, notes, metric)
    weight = alg.parameterAsString(parameters, "WEIGHT_FIELD", context) or None
    firms = read_firms(src, crs, context, feedback, label, weight, with_attributes,
                       own_zone=True, metric=metric)
    bg = None
    n_sim = alg.parameterAsInt(parameters, "SIMULATIONS", context)
    if n_sim > 0 or alg.is_set(parameters, "BACKGROUND"):
        blabel = alg.layer_label("BACKGROUND")
        bsrc = alg.source(parameters, "BACKGROUND", context, blabel)
        bg = read_firms(bsrc, crs, context, feedback, blabel, weight, False, metric=metric)
    firms.messages[:0] = notes
    return firms, bg, weight


# the DISTANCES parameter (parameters.add_distances_parameter): its options by index
DISTANCES_AUTO, DISTANCES_PLANAR, DISTANCES_GEODESIC = 0, 1, 2


def read_metric(alg, parameters, context, source, feedback, label="'Industry firms'"):
    """"planar" or "geodesic" from DISTANCES and the layer's CRS (logged).

    Automatic: geodesic for a geographic layer, planar otherwise (a
    projected layer, or one not placed on the Earth: no CRS, an undefined or
    local CRS, layer units). Geodesic chosen on a layer not placed on the
    Earth: a clear refusal (working_crs)."""
    choice = DISTANCES_AUTO
    if alg.parameterDefinition("DISTANCES") is not None and alg.is_set(parameters, "DISTANCES"):
        choice = alg.parameterAsEnum(parameters, "DISTANCES", context)
    kind = crs_kind(source.sourceCrs())
    if choice == DISTANCES_GEODESIC:
        return "geodesic"
    if choice == DISTANCES_PLANAR:
        feedback.pushInfo(tr("Distances: planar, as chosen (the layer is geographic: it is "
                             "reprojected to a UTM zone)") if kind == "geographic"
                          else tr("Distances: planar, as chosen"))
        return "planar"
    if kind == "geographic":
        feedback.pushInfo(tr("Distances: automatic, {label} is geographic: on the Earth "
                             "(geodesic, WGS 84)").format(label=label))
        return "geodesic"
    feedback.pushInfo(tr("Distances: automatic, {label} is not geographic: planar").format(
        label=label))
    return "planar"
