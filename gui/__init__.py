"""Desktop-only parts of the plugin (never imported by qgis_process)."""
