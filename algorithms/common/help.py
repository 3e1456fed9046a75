"""Help texts shared by several algorithms (each algorithm adds its own).

Each text is a tuple of parts, each part one entry of the translation
(i18n/doldo_zh-Hans.ts); DoldoAlgorithm.shortHelpString translates them
one by one."""
from .feedback import QT_TRANSLATE_NOOP

UNITS_NOTE = (QT_TRANSLATE_NOOP(
    "doldo",
    "<p><b>Distances.</b> <i>Automatic</i> (the default) measures on the Earth "
    "for a layer in a geographic CRS (longitude, latitude) and in the plane "
    "otherwise; <i>On the Earth (geodesic, WGS 84)</i> measures the distance "
    "on the WGS 84 ellipsoid between the firms' longitudes and latitudes, in "
    "metres, whatever the size of the area (a whole country, across the 180° "
    "meridian, near a pole): within 1e-7 of PROJ's geodesic up to 100 km and "
    "1e-5 at 1,000 km. Every distance parameter is then in metres. A projected "
    "layer can be measured on the Earth too (its points are transformed to "
    "WGS 84). Cluster rectangles, boundaries and centres of such a run are "
    "made in a local azimuthal equidistant projection centred on each cluster "
    "and written in the layer's own CRS; their areas are in m². The fft "
    "<b>Method</b> is planar only (auto is exact on the Earth). A layer without "
    "a CRS, or in a local CRS not placed on the Earth, is always measured in "
    "the plane.</p>"),
    QT_TRANSLATE_NOOP(
    "doldo",
    "<p><b>Units.</b> Planar distances are Euclidean, in the units of the layer's "
    "projected CRS (normally metres); every distance parameter is in these "
    "<i>layer units</i>, and the log and the report name the unit. A layer in "
    "a geographic CRS (degrees) measured in the plane is reprojected to the WGS "
    "84 / UTM zone of its centre first (the log says so, with the distortion at "
    "its edges; areas wider than the zone allows are refused); the "
    "<b>Background</b> layer is reprojected to the CRS of the firms' layer when "
    "they differ. A layer without a CRS, "
    "with a GeoPackage's 'Undefined geographic SRS' or 'Undefined Cartesian "
    "SRS' (a file written without a CRS) or with a user-defined CRS without a "
    "known unit is measured as it is, in layer units, never as degrees (the log "
    "warns). Planar outputs are written in that CRS.</p>"),
    QT_TRANSLATE_NOOP(
    "doldo",
    "<p><b>Input.</b> Point layers only. Features without geometry (NULL, "
    "empty, or NaN coordinates) are skipped and counted in the log; infinite "
    "coordinates stop the algorithm; multipoint features are exploded (each "
    "point is one firm with the feature's attributes); \"selected features "
    "only\" is honoured.</p>"),
    QT_TRANSLATE_NOOP("doldo", "<p><b>Outputs.</b> An output file that cannot be written is reported "
    "before any computation; when a run fails or is cancelled, the output "
    "files it had started are removed. The log and the report name the engine "
    "that computed (numba and its version, or the numpy engine).</p>"))

REFERENCE = (QT_TRANSLATE_NOOP("doldo", "<p>Huang, Zhuo &amp; Cao (2024), the DO-LDO framework for "
                                "industrial agglomeration.</p>"),)

CURVE_HELP = (QT_TRANSLATE_NOOP("doldo", """
<p>The <b>DO curve</b> (Duranton-Overman K-density) of an industry A:</p>
<p><b>Eq. 1</b>: DO(A,d) = 1/(h N<sub>A</sub>(N<sub>A</sub>−1)) Σ<sub>i&lt;j</sub>
exp(−((d − d<sub>ij</sub>)/(√2 h))²), with the bandwidth h of
<b>Eq. 2</b>, Silverman's rule on the pair distances: h = 0.9
N<sub>A</sub><sup>−1/5</sup> min(std(d<sub>ij</sub>), Q1(d<sub>ij</sub>)/1.34)
over all pair distances (<b>Kernel bandwidth h</b> = 0), or a fixed h.
With a <b>Weight field</b> (e.g. employees) pairs count w<sub>i</sub>w<sub>j</sub>.</p>
<p>The counterfactual draws N<sub>A</sub> firms without replacement from the
<b>Background</b> (all firms of the economy, normally including the
industry's) as many times as <b>Monte-Carlo simulations</b>; the <b>global
band</b> at the <b>Significance level of the global band (%)</b> (5 %: the
observed curve of a random industry leaves the band at some distance in
5 % of the cases) is built by the paper's steps (3)–(5). <b>Eq. 3</b>:
Γ(A,d) = max(DO(A,d) − upper band, 0); <b>Eq. 11</b>: Γ(A) = Σ<sub>d</sub>
Γ(A,d) (a sum over the distances, so it depends on the <b>Distance
step</b>); Ψ(A,d) = max(lower band − DO, 0) where Γ(A) = 0 (dispersion).</p>
<p><b>h_max</b> (the boundary distance used as ĥ by the LDO index): when
Γ(A,d) &gt; 0 at the first distance, the first distance where Γ(A,d) falls to
0 or has a <i>significant</i> trough (<b>h_max rule</b> <i>significant
trough</i>: its prominence, the smaller of the highest Γ before and after it
minus its own Γ, is at least 2 % of the largest Γ(A,d), so Monte-Carlo
wiggles of the band do not count; <i>first trough</i>: any trough, the
paper's rule read literally, for results made with DO-LDO 0.1); NULL when the
industry is not localized at short distances. When neither happens inside
the distances, h_max is only the last distance: the log warns, and it is no
boundary (<i>DO-LDO framework</i> then leaves out the global scale). The h_max
of each half of the simulations is reported next to it; when they differ by
more than 10 % of h_max (and two steps) the log warns that h_max is not
stable: use more simulations or look at the curve.</p>
<p>Distances: <b>Smallest distance</b> (default 0) to <b>Largest distance</b>
by <b>Distance step</b> (default (largest − smallest distance) / 100).
An empty <b>Largest distance</b> is chosen from the data: it starts at the
median pair distance of the industry and, while h_max is only the last
distance, grows by half again (the same step) up to the industry's largest
pair distance; the log says each extension. A largest distance you give is
kept (the log then only warns). A typical setting for firms is 0–100 km by
1 km with 1000 simulations at 5 %. <b>Convention</b> <i>dbmss</i> reproduces
R dbmss's Kd (reflected density, bw.nrd0 bandwidth) for cross-checks.
<b>Method</b>: <i>exact</i> sums over all pairs; <i>fft</i> uses a count raster
(fast on very large sets: 400 simulations of 75,275 firms in about a minute;
the curve within 1e-3 of exact, about 2e-4 from 10,000 firms, the same
h_max); <i>auto</i> chooses <i>fft</i> from 50,000 firms and says so in the
log.</p>
"""),) + UNITS_NOTE

LDO_HELP = (QT_TRANSLATE_NOOP("doldo", """
<p>The <b>LDO index</b> (local DO) of every firm i of the industry A:</p>
<p><b>Eq. 6</b>: LDO<sub>i</sub>(d̂, ĥ) = 1/(ĥ N<sub>A</sub>) Σ<sub>j≠i</sub>
exp(−((d̂ − d<sub>ij</sub>)/ĥ)²)</p>
<p>with the <b>Peak distance d̂</b> (0: the firm's own neighbourhood; another
value looks for firms at that distance) and the bandwidth ĥ:
<b>global</b> scale ĥ = <b>Boundary distance ĥ</b>, normally the h_max of
<i>DO curve and localization index</i>; <b>local</b> scale: every firm its own
h<sub>i</sub> = 0.9 N<sub>A</sub><sup>−1/5</sup> min(std<sub>i</sub>,
Q1<sub>i</sub>/1.34) over its distances to the other firms (Eq. 2,
Silverman's rule, on that firm's distances). With a <b>Weight field</b>
(e.g. employees) the pairs count w<sub>i</sub>w<sub>j</sub> (<b>Weight
mode</b> product, Eq. 12) or w<sub>i</sub>+w<sub>j</sub> (sum, Eq. 13).</p>
<p>ĥ and d̂ are distances in the layer units (e.g. metres: a typical ĥ for
firms in a city region is a few km), in metres for distances on the Earth. Outputs: <code>ldo</code> (units
1/length) and <code>h</code> (the bandwidth used).</p>
"""),)

CORE_HELP = (QT_TRANSLATE_NOOP("doldo", """
<p><b>Core firms</b> (Eq. 7): firm i is a core firm when
LDO<sub>i</sub> ≥ max(μ, 2σ), μ and σ being the mean and standard deviation
of the industry's LDO values at that scale. Core firms closer than ĥ (local
scale: min(h<sub>i</sub>, h<sub>j</sub>)) are linked into <b>clusters</b>
(single linkage); a cluster is kept when it holds at least two firms and at
least the <b>Smallest cluster</b> share of the industry's firms (default
0.5 %), otherwise its firms are not core. Clusters are numbered 1, 2, … by
size.</p>
<p>Outputs: <i>Core firms</i>, the firms with <code>ldo</code>,
<code>h</code>, <code>core</code> (1/0) and <code>cluster</code> (NULL when
none), styled by cluster; <i>Cluster rectangles</i>, each cluster's minimum
bounding rectangle (<b>Cluster rectangle</b>: oriented minimum-area, or
axis-aligned) with its firm count, P<sub>n</sub> = 100 · count /
N<sub>A</sub> (%), mean and largest LDO; <i>Cluster centres</i>, the firm with
the largest LDO of each cluster (stars); <i>Boundary</i>, the rectangle of all
core firms with the agglomeration centre's coordinates (the paper's global
boundary at the global scale); the numbers of core firms and of
clusters.</p>
"""),)

DASK_NOTE = (QT_TRANSLATE_NOOP("doldo", """
<p><b>Dask scheduler address</b> (optional): the address of a running dask
scheduler, e.g. <code>tcp://10.0.0.5:8786</code> (start one with
<code>dask scheduler</code> and workers with <code>dask worker
tcp://10.0.0.5:8786</code>). The work is split into tasks (an industry's
observed curve, blocks of its simulations) spread over the workers; the
results are the same, bit for bit, as on this machine. The workers need
only Python with numpy and scipy (numba makes them faster): DO-LDO sends
its core to them. This machine needs the Python package
<code>distributed</code>; a missing package or a scheduler that does not
answer within 10 s stops the run before any work. Empty: everything runs
here, on all cores.</p>
<p>A scheduler and its workers are trusted with the run: they run the code
DO-LDO sends, and their results are unpickled in QGIS, which runs any code
they hold. Give the address of a cluster you control. On a shared network,
secure it with TLS: a <code>tls://</code> address uses dask's security
settings (<code>distributed.comm.tls.ca-file</code>,
<code>distributed.comm.tls.client.cert</code> and <code>.key</code> in
dask's configuration); <code>ws://</code>, <code>ucx://</code> and
<code>inproc://</code> addresses are refused. A worker lost during the run
costs nothing: its tasks run again on the others. A run whose arrays cannot
fit in this machine's memory, or in a worker's memory limit, is refused
before any work, with what it needs and what to lower.</p>
"""),)

ECONOMY_HELP = (QT_TRANSLATE_NOOP("doldo", """
<p>Every industry of an economy at once, as Duranton &amp; Overman (2005)
did for the UK: one <b>DO curve</b> with its global band per code of the
<b>Industry field</b> (Eq. 1, every curve its own bandwidth by Eq. 2,
Silverman's rule on its pair distances; <b>Monte-Carlo simulations</b> draws
from the <b>Background</b>, empty = all firms of the <b>All firms</b> layer).
Each industry is classified: <b>localized</b> when Γ(A) &gt; 0,
<b>dispersed</b> when Γ(A) = 0 and Ψ(A) &gt; 0, <b>neither</b> otherwise.
Industries with fewer firms than the <b>Smallest industry analysed</b>
(default 10) are skipped, and an industry whose curve fails (e.g. all its
firms at one address) is recorded with its reason; the others go on. Firms
with no code (NULL) stay in the background only.</p>
<p>Each industry draws with a seed made from the <b>Random seed</b> and its
code, never from its place in the batch: its result is the same alone (the
<i>DO curve</i> algorithm with that seed, see the README) or in any
batch.</p>
<p>Outputs: <i>Summary</i>, one row per industry (firms, gamma_sum = Γ(A),
psi_sum = Ψ(A), h_max, bandwidth, peak_distance = where Γ(A,d) is largest,
status); <i>Curves</i>, one row per industry and distance (do_obs, upper,
lower, gamma, psi); the <i>Report</i>, the share of industries localized and
dispersed at each distance (DO 2005's figures), the ranking by Γ(A) and the
curves of the most localized industries; the numbers of industries
analysed, localized and dispersed.</p>
<p>Distances: <b>Smallest distance</b> to <b>Largest distance</b> (empty =
the median distance between all firms) by <b>Distance step</b> (empty =
(largest − smallest distance) / 100); DO 2005 used 0–180 km and 1000
simulations at 5 % significance.</p>
"""),) + DASK_NOTE + UNITS_NOTE

COLOCALIZATION_HELP = (QT_TRANSLATE_NOOP("doldo", """
<p><b>Co-localization</b> of industries A and B (Duranton &amp; Overman
2005): the K-density of the distances between A's firms and B's,
K<sub>AB</sub>(d) = 1/(2h n<sub>A</sub>n<sub>B</sub>) Σ<sub>i∈A</sub>
Σ<sub>j∈B</sub> exp(−((d − d<sub>ij</sub>)/(√2 h))²), h by Eq. 2
(Silverman's rule) over the cross distances with
(n<sub>A</sub>n<sub>B</sub>)<sup>1/2</sup> for N<sub>A</sub> (<b>Convention</b>
<i>dbmss</i>: R dbmss's bivariate Kd). Each simulation draws n<sub>A</sub> +
n<sub>B</sub> distinct firms from the <b>Background</b>, the first
n<sub>A</sub> playing A. Γ<sub>AB</sub>(d) &gt; 0: A and B locate near each
other at distance d, beyond what their own sizes and the economy's geography
explain (<b>co-localized</b>); Ψ<sub>AB</sub> &gt; 0 with Γ<sub>AB</sub> = 0:
they keep apart (<b>dispersed</b>).</p>
<p><b>Industries to pair</b>: the codes to pair, separated by commas (two
codes = one pair); empty = the largest industries, as many as the <b>Number
of largest industries to pair</b> (default 10: 45 pairs). Every pair A, B is
computed once, A before B in code order.</p>
<p>Outputs: <i>Pairs</i> (industry_a, industry_b, firms_a, firms_b,
gamma_sum, psi_sum, status), <i>Curves</i> (one row per pair and distance),
the <i>Report</i> (a heatmap of Γ<sub>AB</sub> over the pairs and every pair's
curve, strongest first); the numbers <i>Pairs computed</i> and <i>Pairs
co-localized</i>.</p>
"""),) + DASK_NOTE + UNITS_NOTE
