"""Run inside `qgis --code` by scripts/zh_screenshots.sh: the dialogs of
doldo:framework and doldo:industries and a framework report, in the QGIS
locale of the profile (zh-Hans), grabbed to PNG in $DOLDO_SHOTS."""
import os
import processing
from qgis.PyQt.QtCore import QTimer, QUrl
from qgis.utils import iface

OUT = os.environ["DOLDO_SHOTS"]
GPKG = os.path.join(OUT, "paracou16.gpkg")
state = {}
log = open(os.path.join(OUT, "shot.log"), "w")


def say(*a):
    log.write(" ".join(str(x) for x in a) + "\n")
    log.flush()


def open_dialog(key, alg, params, then):
    """The algorithm's dialog, 1100 x 760, kept in state[key]; ``then``
    runs 2.5 s later (the dialog drawn)."""
    d = processing.createAlgorithmDialog(alg, params)
    d.resize(1100, 760)
    d.show()
    state[key] = d
    QTimer.singleShot(2500, then)


def step1():
    from qgis.PyQt.QtCore import QSettings
    from qgis.core import QgsApplication
    say("locale", QSettings().value("locale/userLocale"), QgsApplication.instance().translation())
    from doldo import translation
    say("doldo translator", translation.active())
    open_dialog("d1", "doldo:framework", {
        "INPUT": f"{GPKG}|layername=v_americana", "BACKGROUND": f"{GPKG}|layername=trees"}, step2)


def step2():
    state["d1"].grab().save(os.path.join(OUT, "dialog_framework.png"))
    os.system(f"import -window root {OUT}/screen_framework.png")
    state["d1"].close()
    open_dialog("d2", "doldo:industries", {
        "INPUT": f"{GPKG}|layername=trees", "INDUSTRY_FIELD": "species"}, step3)


def step3():
    state["d2"].grab().save(os.path.join(OUT, "dialog_industries.png"))
    state["d2"].close()
    res = processing.run("doldo:framework", {
        "INPUT": f"{GPKG}|layername=v_americana", "BACKGROUND": f"{GPKG}|layername=trees",
        "DISTANCE_MAX": 100, "DISTANCE_STEP": 2, "SIMULATIONS": 99, "SEED": 1,
        "CURVE": "TEMPORARY_OUTPUT", "GLOBAL_FIRMS": "TEMPORARY_OUTPUT",
        "BOUNDARY": "TEMPORARY_OUTPUT", "LOCAL_FIRMS": "TEMPORARY_OUTPUT",
        "CLUSTERS": "TEMPORARY_OUTPUT", "CENTRES": "TEMPORARY_OUTPUT",
        "AGGLOMERATION_CENTRE": "TEMPORARY_OUTPUT",
        "OUTPUT_HTML": os.path.join(OUT, "report_framework_zh.html")})
    say("framework", {k: v for k, v in res.items() if not hasattr(v, "id")})
    from qgis.PyQt.QtWebKitWidgets import QWebView
    v = QWebView()
    v.resize(1100, 1500)
    state["v"] = v
    v.loadFinished.connect(lambda ok: QTimer.singleShot(1500, step4))
    v.load(QUrl.fromLocalFile(os.path.join(OUT, "report_framework_zh.html")))
    v.show()


def step4():
    v = state["v"]
    page = v.page()
    frame = page.mainFrame()
    size = frame.contentsSize()
    size.setWidth(1100)
    page.setViewportSize(size)
    from qgis.PyQt.QtGui import QImage, QPainter
    img = QImage(size, QImage.Format.Format_ARGB32)
    img.fill(0xffffffff)
    p = QPainter(img)
    frame.render(p)
    p.end()
    img.save(os.path.join(OUT, "report_framework.png"))
    say("report size", size.width(), size.height())
    QTimer.singleShot(500, lambda: iface.actionExit().trigger())


QTimer.singleShot(4000, step1)
