"""The hot kernels of the core, one module per family. Each kernel is a
``engine.Kernel``: its numba and its numpy implementation side by side,
with the same arguments and results; ``engine`` chooses which one runs.

- ``tile_split``   spatial tiles
- ``rows``         numba helpers: one row of pair distances, tile bounds
- ``window``       counts, histograms and values of a distance window (Eq. 2)
- ``grid``         the exact DO pass: linear binning on a fine grid (Eq. 1)
- ``moments``      moment histograms and their kernel sums (Eq. 1, dbmss)
- ``ldo_sums``     LDO kernel sums (Eq. 6, 12, 13)
- ``gauss``        the Gauss transform of LDO at one large ĥ
- ``local_scale``  per-firm std and lower quartile (h_i)
- ``fft_lags``     the FFT DO curve's raster and lag sums
- ``subsets``      the local test's simulated sums
- ``linkage``      single linkage of core firms
- ``hull``         convex hull and minimum-area rectangle
- ``expo``         a vectorisable exp(-z) for the numba kernels
"""
