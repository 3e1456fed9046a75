"""The QGIS plugin object: registers the DO-LDO Processing provider.

qgis_process calls ``classFactory(None)`` then ``initProcessing()`` and never
``initGui()``, so the provider is registered in ``initProcessing()``; the
desktop calls ``initGui()``, which does the same (guarded: registering the
same provider id twice makes QGIS delete the new object).
"""
from qgis.core import QgsApplication


class DoldoPlugin:
    """Plugin entry object returned by ``classFactory``."""

    def __init__(self, iface):
        self.iface = iface
        self.provider = None  # keep a Python reference: models need it alive

    def initProcessing(self):  # noqa: N802 (QGIS's name)
        from .processing_provider.provider import DoldoProvider
        registry = QgsApplication.processingRegistry()
        if self.provider is not None or registry.providerById(DoldoProvider.ID):
            return
        self.provider = DoldoProvider()
        registry.addProvider(self.provider)

    def initGui(self):  # noqa: N802
        self.initProcessing()

    def unload(self):
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
