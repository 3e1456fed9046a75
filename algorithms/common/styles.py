"""Styles of the outputs: firms categorized core / not core (clusters
coloured), LDO graduated, rectangles as outlines, centres as stars.

A style reaches the user two ways:
- files: after the sink is closed, the renderer is saved as the layer's
  default style inside the GeoPackage (``compat.save_default_style``; a ``.qml``
  sidecar for formats without a style table), so a file opened later is
  styled;
- the GUI: a layer post-processor (``loading``) sets the renderer on the
  layer Processing loads into the project (it loads results without their
  default style) and stacks the run's layers.
"""
import colorsys

from qgis.PyQt.QtGui import QColor
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsClassificationQuantile,
    QgsFillSymbol,
    QgsGradientColorRamp,
    QgsGraduatedSymbolRenderer,
    QgsMarkerSymbol,
    QgsProcessingUtils,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)

from . import compat
from .feedback import tr
from .loading import on_completion

GREY = "#737373"

# ONE table of the symbols of the outputs. The layers' renderers (here) and
# the report's maps (report.map_figure) both read it, so a report and the map
# show a thing the same way. Sizes in millimetres (QGIS); the report converts
# them to points. Cluster k takes palette(k)[k - 1], which never comes near
# the colours below.
SYMBOLS = {
    "not_core": {"shape": "circle", "color": GREY, "size": 1.3, "outline": "#404040"},
    "cluster_core": {"shape": "circle", "size": 2.4, "outline": "#404040"},
    "global_core": {"shape": "circle", "color": "#6a3d9a", "size": 2.4, "outline": "#404040"},
    "rectangle": {"width": 0.6},
    "boundary": {"color": "#222222", "width": 0.8, "dashed": True},
    "cluster_centre": {"shape": "star", "color": "#ffd700", "size": 5.0, "outline": "#000000"},
    "agglomeration_centre": {"shape": "star", "color": "#e31a1c", "size": 8.0,
                             "outline": "#000000"},
}
_RESERVED = [SYMBOLS[k]["color"] for k in ("global_core", "cluster_centre",
                                           "agglomeration_centre")]


def _hue(color):
    c = QColor(color)
    return colorsys.rgb_to_hsv(c.redF(), c.greenF(), c.blueF())[0]


def palette(k):
    """k distinct, fairly saturated colours for clusters 1..k (golden-angle
    hues from blue), none within 0.06 of the hue of a colour of SYMBOLS (the
    agglomeration centre's red, the cluster centres' gold, the global core
    firms' purple)."""
    reserved = [_hue(c) for c in _RESERVED]
    out, i = [], 0
    while len(out) < k:
        h = (0.58 + i * 0.381966) % 1.0
        i += 1
        if any(min(abs(h - r), 1 - abs(h - r)) < 0.06 for r in reserved):
            continue
        r, g, b = colorsys.hsv_to_rgb(h, 0.85, 0.9 if len(out) % 2 == 0 else 0.7)
        out.append(QColor(int(r * 255), int(g * 255), int(b * 255)).name())
    return out


def _marker(color, size=1.8, outline="#404040", name="circle"):
    return QgsMarkerSymbol.createSimple({
        "name": name, "color": color, "outline_color": outline,
        "outline_width": "0.1", "size": str(size)})


def symbol(role, color=None):
    """The QGIS marker of a SYMBOLS entry (``color``: a cluster's)."""
    spec = SYMBOLS[role]
    return _marker(color or spec["color"], spec["size"], spec["outline"], spec["shape"])


# ---- renderer factories: callables layer -> renderer ----------------------
def core_firms_renderer(cluster_counts):
    """Categories on the field ``cluster``: k = cluster k (its own colour),
    all other values (NULL) = not core (small grey). A field, not an
    expression: category values come back from the embedded QML as text,
    which only field-based matching tolerates. ``cluster_counts``: {id: firms}."""
    ids = sorted(cluster_counts)

    def make(layer):
        cats = [QgsRendererCategory("", symbol("not_core"), tr("not core"))]
        for cid, color in zip(ids, palette(len(ids))):
            cats.append(QgsRendererCategory(
                int(cid), symbol("cluster_core", color),
                tr("core, cluster {cid} ({cluster_counts} firms)").format(
                    cid=cid, cluster_counts=cluster_counts[cid])))
        return QgsCategorizedSymbolRenderer("cluster", cats)
    return make


def global_core_renderer(n_core):
    """The framework's global scale: its core firms in one colour (they make
    the boundary, not clusters) on the field ``core``, the others grey."""
    def make(layer):
        return QgsCategorizedSymbolRenderer("core", [
            QgsRendererCategory(1, symbol("global_core"),
                                tr("core, global scale ({n_core} firms)").format(n_core=n_core)),
            QgsRendererCategory("", symbol("not_core"), tr("not core"))])
    return make


def ldo_renderer(field="ldo", classes=5):
    """Graduated (quantiles) on the LDO index, light yellow -> dark red."""
    def make(layer):
        r = QgsGraduatedSymbolRenderer(field)
        r.setSourceSymbol(_marker("#ffffff", 2.0))
        r.setSourceColorRamp(QgsGradientColorRamp(QColor("#ffffb2"), QColor("#bd0026")))
        r.setClassificationMethod(QgsClassificationQuantile())
        r.updateClasses(layer, classes)
        return r
    return make


def outline_renderer(color="#d7301f", width=0.6, dashed=False):
    def make(layer):
        return QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({
            "color": "0,0,0,0", "style": "no", "outline_color": color,
            "outline_width": str(width),
            "outline_style": "dash" if dashed else "solid"}))
    return make


def cluster_outline_renderer(cluster_ids):
    """Rectangles outlined in their cluster's colour (same as the firms)."""
    ids = sorted(cluster_ids)

    def make(layer):
        cats = []
        for cid, color in zip(ids, palette(len(ids))):
            cats.append(QgsRendererCategory(int(cid), QgsFillSymbol.createSimple({
                "color": "0,0,0,0", "style": "no", "outline_color": color,
                "outline_width": str(SYMBOLS["rectangle"]["width"])}), tr("cluster {cid}").format(cid=cid)))
        return QgsCategorizedSymbolRenderer("cluster", cats)
    return make


def star_renderer(role="cluster_centre"):
    """A star of SYMBOLS: the cluster centres' (gold) by default."""
    def make(layer):
        return QgsSingleSymbolRenderer(symbol(role))
    return make


def centre_renderer():
    """The agglomeration centre: a large red star, unlike the gold stars of
    the cluster centres."""
    return star_renderer("agglomeration_centre")


def boundary_renderer():
    spec = SYMBOLS["boundary"]
    return outline_renderer(spec["color"], spec["width"], spec["dashed"])


def truth_renderer():
    """Synthetic data: A core (red), A sparse (orange), M firms (grey)."""
    def make(layer):
        cats = [
            QgsRendererCategory("core", _marker("#d7191c", 2.2), "A, core (truth)"),
            QgsRendererCategory("sparse", _marker("#fdae61", 2.0), "A, sparse (truth)"),
            QgsRendererCategory("", _marker(GREY, 1.2, "#808080"), "M, other firms"),
        ]
        return QgsCategorizedSymbolRenderer("truth", cats)
    return make


# ---- applying them -----------------------------------------------------------
def apply_style(dest, make, context, feedback, style_name, layer_name=None, role=None):
    """Embed the style in the output file (call AFTER the sink is deleted)
    and style, name and stack the layer the desktop loads (``role``: its
    place in the stack, see loading.RANKS)."""
    if not dest:
        return False
    saved = False
    layer = QgsProcessingUtils.mapLayerFromString(dest, context, False)
    if layer is not None:  # a memory layer: style the object itself
        layer.setRenderer(make(layer))
        saved = True
    else:
        layer = QgsVectorLayer(dest, style_name, "ogr")
        if layer.isValid():
            layer.setRenderer(make(layer))
            if compat.can_store_style(layer):
                err = compat.save_default_style(layer, style_name[:30], "DO-LDO default style")
                saved = not err
                if err:
                    feedback.pushWarning(tr("could not embed the style in {dest}: {err}").format(
                        dest=dest, err=err))
            else:
                saved = compat.save_default_style_file(layer)
        del layer
    on_completion(dest, make, context, layer_name, role)
    return saved


# ---- places (issue 23): industries and regions ----------------------------------
def industry_renderer(codes, kind="fill", field="industry"):
    """Categories on ``field``, one colour per industry code (``codes`` in
    order): "fill" outlines with a light fill (cluster rectangles),
    "marker" small points (firms)."""
    codes = list(codes)

    def make(layer):
        cats = []
        for code, color in zip(codes, palette(len(codes))):
            if kind == "fill":
                c = QColor(color)
                symbol = QgsFillSymbol.createSimple({
                    "color": f"{c.red()},{c.green()},{c.blue()},60",
                    "outline_color": color, "outline_width": "0.5"})
            else:
                symbol = _marker(color, 1.2, color)
            cats.append(QgsRendererCategory(code, symbol, str(code)))
        return QgsCategorizedSymbolRenderer(field, cats)
    return make


def choropleth_renderer(field, classes=5):
    """Polygons graduated (quantiles) on ``field``, light to dark purple."""
    def make(layer):
        r = QgsGraduatedSymbolRenderer(field)
        r.setSourceSymbol(QgsFillSymbol.createSimple({
            "color": "#ffffff", "outline_color": "#404040", "outline_width": "0.3"}))
        r.setSourceColorRamp(QgsGradientColorRamp(QColor("#f2f0f7"), QColor("#54278f")))
        r.setClassificationMethod(QgsClassificationQuantile())
        r.updateClasses(layer, classes)
        return r
    return make
