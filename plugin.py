"""The QGIS plugin object: registers the DO-LDO Processing provider.

qgis_process calls ``classFactory(None)`` then ``initProcessing()`` and never
``initGui()``, so the provider is registered in ``initProcessing()``; the
desktop calls ``initGui()``, which does the same (guarded: registering the
same provider id twice makes QGIS delete the new object) and, when the core
runs on numpy, offers to install numba (``gui/numba_notice.py``).
"""
from qgis.core import Qgis, QgsApplication, QgsMessageLog

try:
    from . import dependencies
except ImportError:  # a build without dependencies.py: plain numpy engine
    dependencies = None


def add_dependencies_folder():
    """Put ``<profile>/python/dependencies/<X.Y>`` (qpip's folder, where the
    "Install numba" button installs) on sys.path before the core is imported."""
    if dependencies is None:
        return None
    try:
        folder = dependencies.dependencies_folder()
    except (ValueError, OSError):
        return None
    dependencies.add_to_path(folder)
    return folder


class DoldoPlugin:
    """Plugin entry object returned by ``classFactory``."""

    def __init__(self, iface):
        self.iface = iface
        self.provider = None  # keep a Python reference: models need it alive
        self.numba_notice = None
        add_dependencies_folder()
        from .translation import install_translator
        install_translator()

    def initProcessing(self):  # noqa: N802 (QGIS's name)
        from .processing_provider.provider import DoldoProvider
        registry = QgsApplication.processingRegistry()
        if self.provider is not None or registry.providerById(DoldoProvider.ID):
            return
        self.provider = DoldoProvider()
        registry.addProvider(self.provider)

    def initGui(self):  # noqa: N802
        self.initProcessing()
        if self.iface is None or dependencies is None:
            return
        try:
            from .gui.numba_notice import NumbaNotice
            self.numba_notice = NumbaNotice(self.iface)
            self.numba_notice.show_if_needed()
        except Exception as err:  # noqa: BLE001 - the notice never stops the plugin
            from .algorithms.common.feedback import tr
            QgsMessageLog.logMessage(tr("numba notice not shown: {err}").format(err=err), "DO-LDO",
                                     Qgis.MessageLevel.Warning)

    def unload(self):
        if self.numba_notice is not None:
            self.numba_notice.unload()
            self.numba_notice = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        from .translation import remove_translator
        remove_translator()
