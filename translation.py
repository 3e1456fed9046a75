"""The plugin's Simplified Chinese translation (i18n/doldo_zh-Hans.qm),
installed once when QGIS's user interface locale is Simplified Chinese.

QGIS 3.22-4.x report Simplified Chinese as "zh-Hans" (older settings and
systems: "zh_CN", "zh_Hans", "zh"); Traditional Chinese ("zh-Hant", "zh_TW",
"zh_HK") and every other locale keep English. Every DO-LDO string is
translated in the context ``doldo`` (algorithms/common/feedback.py ``tr``).
"""
import os

from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

CONTEXT = "doldo"
LOCALE = "zh-Hans"
I18N = os.path.join(os.path.dirname(os.path.abspath(__file__)), "i18n")
QM = os.path.join(I18N, f"doldo_{LOCALE}.qm")
TRADITIONAL = ("hant", "tw", "hk", "mo")

_STATE = {"translator": None}


def ui_locale():
    """The locale QGIS shows its interface in: QgsApplication.translation()
    when QGIS set one, else the 'locale/userLocale' setting when it overrides
    the system's ('locale/overrideFlag'), else the system locale."""
    code = ""
    try:
        from qgis.core import QgsApplication
        app = QgsApplication.instance()
        if isinstance(app, QgsApplication):
            code = app.translation()    # an instance method on QGIS 3.22
    except (ImportError, AttributeError, TypeError):
        code = ""
    if code:
        return code
    settings = QSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        code = settings.value("locale/userLocale", "") or ""
        if code:
            return str(code)
    return QLocale.system().name()


def is_simplified_chinese(code):
    """zh, zh-Hans, zh_Hans, zh_CN, zh-CN, zh_SG, zh-Hans-CN -> True;
    zh-Hant, zh_TW, zh_HK, en_US, C -> False."""
    parts = str(code or "").replace("_", "-").lower().split("-")
    return parts[0] == "zh" and not any(p in TRADITIONAL for p in parts[1:])


def active():
    """True while the Chinese translator is installed."""
    return _STATE["translator"] is not None


def install_translator(code=None):
    """Install the Chinese translator once if ``code`` (default: QGIS's UI
    locale) is Simplified Chinese; True when it is installed after the call."""
    if _STATE["translator"] is not None:
        return True
    if not is_simplified_chinese(ui_locale() if code is None else code):
        return False
    app = QCoreApplication.instance()
    translator = QTranslator()
    if app is None or not translator.load(QM):
        return False
    app.installTranslator(translator)
    _STATE["translator"] = translator
    return True


def remove_translator():
    """Back to English (plugin unload, tests)."""
    translator = _STATE["translator"]
    _STATE["translator"] = None
    app = QCoreApplication.instance()
    if translator is not None and app is not None:
        app.removeTranslator(translator)


CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei",
             "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei", "PingFang SC",
             "Heiti SC", "Arial Unicode MS")


def use_cjk_font():
    """With the Chinese translation, matplotlib's font.family becomes DejaVu
    Sans then the first installed CJK font (matplotlib >= 3.6 falls back
    glyph by glyph: Latin, Greek and symbols keep DejaVu Sans, Chinese comes
    from the CJK font) so chart labels are not empty boxes."""
    if not active():
        return None
    import matplotlib
    from matplotlib import font_manager
    installed = {f.name for f in font_manager.fontManager.ttflist}
    found = [name for name in CJK_FONTS if name in installed][:1]
    if found and found[0] not in matplotlib.rcParams["font.family"]:
        # the fallback goes through the families of font.family (not through
        # the names a generic family such as "sans-serif" stands for)
        matplotlib.rcParams["font.family"] = ["DejaVu Sans", found[0], "sans-serif"]
    return found[0] if found else None
