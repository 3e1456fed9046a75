"""Distances on the Earth (SPEC, "Geodesic distances").

With ``metric="geodesic"`` the firms are (longitude, latitude) in degrees on
WGS 84 and d_ij is the geodesic distance in metres. SPEC's method: each
firm's Earth-centred Cartesian coordinates (x, y, z) on WGS 84; the
straight-line (chord) distance c between two firms mapped to an arc by the
monotone s = 2R asin(c / 2R), R = 6,371,008.8 m (within 1e-7 of the
geodesic up to 100 km, 1e-5 at 1,000 km). Every formula of the method is
unchanged: only d_ij changes. The core then works on (n, 3) points: three
coordinates mean chord-to-arc distances (``tiles.Tiles``, ``pairs``).

Geometry (rectangles, centres) of a geodesic run is built in a local
azimuthal equidistant projection centred on each cluster (``Aeqd``) and
returned in longitude, latitude.
"""
import math

import numpy as np

METRICS = ("planar", "geodesic")
EARTH_CENTRED = "earth-centred"     # internal: points already made by points3d
A_WGS84 = 6378137.0
F_WGS84 = 1.0 / 298.257223563
E2_WGS84 = F_WGS84 * (2.0 - F_WGS84)
R_ARC = 6371008.8           # the mean Earth radius of the chord-to-arc map
MAX_CHORD = 2.0 * A_WGS84   # no chord between two points on the ellipsoid is longer

# asin(t)/t = Σ_k C_k t^(2k), C_k = (2k)! / (4^k (k!)^2 (2k + 1)); 18 terms
# meet float64 rounding for t <= 1/2 (chords up to R, arcs up to πR/3).
_C = [math.factorial(2 * k) / (4 ** k * math.factorial(k) ** 2 * (2 * k + 1))
      for k in range(18)]
ARC_COEF = np.array(_C[::-1])          # Horner order, highest first
POLY_CHORD = R_ARC                      # the series serves chords up to R
# arcs the series gives at its limit: beyond it chords take asin
POLY_ARC_LIMIT = R_ARC * float(np.polyval(ARC_COEF, 0.25))


def check_metric(metric):
    """``metric`` checked: "planar" or "geodesic"."""
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {METRICS}, got {metric!r}")
    return metric


def lonlat(points, name="industry firms"):
    """(n, 2) longitude, latitude in degrees, checked: NaN, infinite values
    and latitudes beyond ±90 are refused naming the first bad firm (row,
    counting from 0); longitudes are wrapped into [-180, 180) (181 is
    -179), but beyond ±360 they are not longitudes (projected metres?) and
    are refused."""
    p = np.asarray(points, dtype=np.float64)
    bad = ~np.all(np.isfinite(p), axis=1)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"{name}: firm {i} has a NaN or infinite coordinate "
                         f"({_pair(p[i])}); remove or fix it first")
    bad = np.abs(p[:, 1]) > 90.0
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"{name}: firm {i} has latitude {p[i, 1]:g}, beyond ±90 degrees "
                         f"({int(bad.sum())} such firm(s)); geodesic distances need "
                         "longitude, latitude in degrees on WGS 84")
    bad = np.abs(p[:, 0]) > 360.0
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"{name}: firm {i} has longitude {p[i, 0]:g}, beyond ±360 degrees "
                         f"({int(bad.sum())} such firm(s)): not a longitude (projected "
                         "coordinates?); geodesic distances need longitude, latitude "
                         "in degrees on WGS 84")
    out = p.copy()
    out[:, 0] = (p[:, 0] + 180.0) % 360.0 - 180.0
    return out


def _pair(v):
    return f"{v[0]:g}, {v[1]:g}"


def ecef(ll):
    """Earth-centred Cartesian coordinates (n, 3) in metres of (longitude,
    latitude) degrees on the WGS 84 ellipsoid (height 0)."""
    lam = np.radians(ll[:, 0])
    phi = np.radians(ll[:, 1])
    sp, cp = np.sin(phi), np.cos(phi)
    n = A_WGS84 / np.sqrt(1.0 - E2_WGS84 * sp * sp)
    return np.column_stack([n * cp * np.cos(lam), n * cp * np.sin(lam),
                            n * (1.0 - E2_WGS84) * sp])


def points3d(points, name="industry firms"):
    """The (n, 3) Earth-centred points of (longitude, latitude) firms."""
    return np.ascontiguousarray(ecef(lonlat(points, name)))


def lonlat_of(xyz):
    """(n, 2) longitude, latitude in degrees of Earth-centred points (the
    latitude of the ellipsoid's normal through the point; Bowring's
    iteration, exact to float64 within a few steps)."""
    p = np.atleast_2d(np.asarray(xyz, dtype=np.float64))
    x, y, z = p[:, 0], p[:, 1], p[:, 2]
    r = np.hypot(x, y)
    lam = np.arctan2(y, x)
    phi = np.arctan2(z, r * (1.0 - E2_WGS84))
    for _ in range(5):
        sp = np.sin(phi)
        n = A_WGS84 / np.sqrt(1.0 - E2_WGS84 * sp * sp)
        phi = np.arctan2(z + E2_WGS84 * n * sp, r)
    return np.column_stack([np.degrees(lam), np.degrees(phi)])


def arc(c):
    """The arc s = 2R asin(c / 2R) of chords c (numbers or arrays, metres)."""
    t = np.minimum(np.asarray(c, dtype=np.float64) / (2.0 * R_ARC), 1.0)
    return 2.0 * R_ARC * np.arcsin(t)


def chord(s):
    """The inverse map: the chord c = 2R sin(s / 2R) of arcs s (s <= πR)."""
    s = np.minimum(np.asarray(s, dtype=np.float64), math.pi * R_ARC)
    return 2.0 * R_ARC * np.sin(s / (2.0 * R_ARC))


def arc_upper(c):
    """An arc at least as long as that of chord c (c may exceed 2R: a
    bounding-box diagonal), for bounds."""
    c = float(c)
    if c < 2.0 * R_ARC:
        return float(arc(c))
    return math.pi * R_ARC + (c - 2.0 * R_ARC)


class Aeqd:
    """A local azimuthal equidistant projection centred on (lon0, lat0):
    a point's plane coordinates (metres east, north) lie at its distance
    from the centre (the chord-to-arc distance of the run), in its azimuth
    (from the local east and north on the ellipsoid). ``forward`` and
    ``inverse`` take and give (n, 2) arrays; the inverse of the forward is
    exact to float64 rounding for points within a few thousand km."""

    def __init__(self, lon0, lat0):
        self.lon0, self.lat0 = float(lon0), float(lat0)
        self.c = ecef(np.array([[self.lon0, self.lat0]]))[0]
        lam, phi = math.radians(self.lon0), math.radians(self.lat0)
        self.e = np.array([-math.sin(lam), math.cos(lam), 0.0])
        self.n = np.array([-math.sin(phi) * math.cos(lam), -math.sin(phi) * math.sin(lam),
                           math.cos(phi)])
        self.u = np.array([math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam),
                           math.sin(phi)])

    def forward(self, ll):
        v = ecef(np.atleast_2d(np.asarray(ll, dtype=np.float64))) - self.c
        c = np.sqrt(np.einsum("ij,ij->i", v, v))
        east, north = v @ self.e, v @ self.n
        horiz = np.hypot(east, north)
        s = arc(c)
        k = np.divide(s, horiz, out=np.zeros_like(s), where=horiz > 0)
        return np.column_stack([east * k, north * k])

    def inverse(self, xy):
        xy = np.atleast_2d(np.asarray(xy, dtype=np.float64))
        guess = xy.copy()
        for _ in range(3):      # fixed point: the forward of the result gives xy
            ll = self._inverse(guess)
            guess += xy - self.forward(ll)
        return self._inverse(guess)

    def _inverse(self, xy):
        s = np.hypot(xy[:, 0], xy[:, 1])
        c = chord(s)
        k = np.divide(1.0, s, out=np.zeros_like(s), where=s > 0)
        de, dn = xy[:, 0] * k, xy[:, 1] * k
        # the chord dips below the tangent plane by about half the arc's
        # angle; the point is then put back on the ellipsoid along its normal
        dip = s / (2.0 * R_ARC)
        hor, down = c * np.cos(dip), c * np.sin(dip)
        p = self.c + np.outer(hor * de, self.e) + np.outer(hor * dn, self.n) \
            - np.outer(down, self.u)
        return lonlat_of(p)


def centre_of(ll):
    """The (lon, lat) of the normalised mean of points' Earth-centred
    coordinates: a centre for a local projection of a cluster (right across
    the 180th meridian and at the poles)."""
    m = ecef(np.atleast_2d(ll)).mean(axis=0)
    return lonlat_of(m[None, :])[0]


def prepare_points(points, name="industry firms", minimum=3, metric="planar"):
    """The points a run works on: (n, 2) projected coordinates checked
    (``errors.as_points``), or for ``metric="geodesic"`` the (n, 3)
    Earth-centred points of checked (longitude, latitude) degrees."""
    from .errors import as_points
    if metric == EARTH_CENTRED:     # converted once by the caller (every industry)
        return np.ascontiguousarray(points, dtype=np.float64)
    if check_metric(metric) == "planar":
        return as_points(points, name, minimum)
    try:
        arr = np.asarray(points, dtype=np.float64)
    except (TypeError, ValueError):
        arr = None
    if arr is not None and arr.ndim == 2 and arr.shape[1] == 2 and arr.shape[0]:
        lonlat(arr, name)       # names the first bad firm
    return points3d(as_points(points, name, minimum), name)


FFT_REFUSED = ("method 'fft' works on planar coordinates only (a count raster): "
               "use method='exact' for geodesic distances")
