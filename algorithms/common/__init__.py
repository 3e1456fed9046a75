"""The pieces every DO-LDO algorithm is built from, one concern per file:

- ``algorithm``    the algorithm base class: metadata, the guarded run,
                   parameter helpers and readers
- ``parameters``   shared parameter groups (DO curve, LDO, core firms,
                   cluster engine) and their checks
- ``firms``        layers -> arrays of firms in a projected CRS
- ``destinations`` output files checked before a run, removed after a
                   failure or cancel
- ``outputs``      arrays -> styled result layers and tables
- ``loading``      results loaded in the desktop: names, styles, order
- ``feedback``     progress, cancel and the core's warnings routed to the log
- ``curve``        the DO-curve step (parameters -> core -> log and report)
- ``styles``       renderers; ``report``: HTML reports and their charts
- ``help``         help texts shared by several algorithms

Algorithm modules import from here, never from each other.
"""
