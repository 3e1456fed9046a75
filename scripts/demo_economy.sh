#!/usr/bin/env bash
# The economy demo (issue 23), headless: the synthetic province (200,000 firms
# of 30 industries, 21 cities), the clusters of every industry, then what each
# city holds. Writes GeoPackages and two reports to DEMO_DIR.
# Usage: scripts/demo_economy.sh [DEMO_DIR]   (default out/demo-economy)
# Environment: DOLDO_VENV (venv with numba; default .venv of the checkout),
#   SIMULATIONS (default 39), DISTANCE_MAX / DISTANCE_STEP (metres; default
#   20000 / 1000), SEED (default 2024).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-out/demo-economy}"
sims="${SIMULATIONS:-39}"
dmax="${DISTANCE_MAX:-20000}"
dstep="${DISTANCE_STEP:-1000}"
seed="${SEED:-2024}"
mkdir -p "$out"
rm -f "$out"/*.gpkg "$out"/*.html
qp="$here/scripts/qgis_process.sh"
start=$(date +%s)
"$qp" run doldo:synthetic -- DATASET=3 SEED="$seed" \
  OUTPUT="$out/province_firms.gpkg" REGIONS="$out/province_regions.gpkg"
t1=$(date +%s)
"$qp" run doldo:industryclusters -- \
  "INPUT=$out/province_firms.gpkg" INDUSTRY_FIELD=industry ONLY_LOCALIZED=false \
  SIMULATIONS="$sims" DISTANCE_MIN=0 DISTANCE_MAX="$dmax" DISTANCE_STEP="$dstep" \
  SEED="$seed" FIRMS="$out/firms.gpkg" CLUSTERS="$out/clusters.gpkg" \
  CENTRES="$out/centres.gpkg" BOUNDARIES="$out/boundaries.gpkg" \
  SUMMARY="$out/summary.gpkg" OUTPUT_HTML="$out/clusters.html"
t2=$(date +%s)
"$qp" run doldo:regions -- \
  "INPUT=$out/firms.gpkg" INDUSTRY_FIELD=industry CORE_FIELD=core_local \
  "REGIONS=$out/province_regions.gpkg" REGION_FIELD=region GROUP_FIELD=group \
  "CENTRES=$out/centres.gpkg" CLUSTER_SCALE=local \
  TABLE="$out/regions_table.gpkg" REGIONS_OUT="$out/regions.gpkg" \
  OUTPUT_HTML="$out/regions.html"
end=$(date +%s)
echo "Economy demo done in $((end - start)) s (province $((t1 - start)) s, clusters" \
     "$((t2 - t1)) s, regions $((end - t2)) s): open $out/clusters.html," \
     "$out/regions.html and the .gpkg files in QGIS"
