"""DO-LDO: industrial agglomeration analysis (Huang, Zhuo & Cao 2024).

QGIS loads this folder as the plugin ``doldo``. Nothing QGIS is imported at
import time, so ``import doldo.core`` works in plain Python.
"""


def classFactory(iface):  # noqa: N802 (QGIS's name)
    """QGIS plugin entry point (also called by qgis_process with iface=None)."""
    from .plugin import DoldoPlugin
    return DoldoPlugin(iface)
