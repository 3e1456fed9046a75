"""Tests of the QGIS plugin (pytest-qgis, offscreen)."""
