# DO-LDO: set-up, demo, tests and packaging on Debian 12 (QGIS 3.22) and
# Debian 13 (QGIS 3.40); the same commands run in Debian unstable (QGIS 3.44).
#   make demo   installs what is missing, runs doldo:framework headless on the
#               bundled Paracou data and writes styled GeoPackages + report
#               to out/demo/
#   make test   installs what is missing and runs every test (core + plugin),
#               then the core tests again without numba (the numpy engine);
#               both halves run even when the first fails
#   make qt6-check  QGIS 4 (Qt 6) readiness of the sources (scripts/qt6_check.py)
#   make matrix make test and make demo in Debian 13 and unstable roots made
#               with debootstrap (as root; cached in /var/cache/doldo-matrix;
#               MATRIX_REPO=<checkout> tests another checkout's HEAD; see
#               scripts/matrix.sh)
#   make bench  times every step on a Guangdong-like workload, both engines,
#               small industries, a whole economy on dask (benchmarks/)
#   make zip    builds dist/doldo-<version>.zip for "Install from ZIP"
#   make translations  pylupdate5 over the plugin's .py files into
#               i18n/doldo_zh-Hans.ts (existing translations kept), lrelease
#               into the committed .qm, then scripts/check_ts.py (names every
#               entry left to translate); needs pyqt5-dev-tools and
#               qttools5-dev-tools, which make test does not
# VENV: the virtualenv (created with --system-site-packages if missing).

VENV      ?= .venv
PYTHON    := $(VENV)/bin/python
SYSPY     := /usr/bin/python3
APT_PKGS  := qgis python3-qgis qgis-providers python3-venv python3-pip \
             python3-numpy python3-scipy python3-matplotlib python3-pyproj
DEMO_DIR  ?= out/demo
VERSION   := $(shell sed -n 's/^version=//p' metadata.txt)
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
comma     := ,

export QT_QPA_PLATFORM := offscreen

.PHONY: setup venv system demo demo-economy test qt6-check matrix bench zip translations clean

setup: venv

# Debian packages, only when one is missing.
system:
	@missing=""; for p in $(APT_PKGS) $(EXTRA_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi
	@test -x /usr/bin/qgis_process.bin || { echo "qgis_process.bin missing (package qgis)"; exit 1; }

# The venv sees Debian's QGIS/numpy (--system-site-packages) and adds numba
# and the test tools; numpy stays Debian's (QGIS's bindings are built on it).
$(PYTHON): | system
	$(SYSPY) -m venv --system-site-packages $(VENV)

$(VENV)/.installed: requirements-dev.txt | $(PYTHON)
	@$(PYTHON) -c "import qgis.core" || { echo "$(VENV) cannot import QGIS: make it with $(SYSPY) -m venv --system-site-packages"; exit 1; }
	$(PYTHON) -c "import numpy; print('numpy==' + numpy.__version__)" > $(VENV)/constraints.txt
	$(PYTHON) -c "import numba, pytest, pytest_qgis, hypothesis, distributed" 2>/dev/null || \
	  $(PYTHON) -m pip install --disable-pip-version-check -c $(VENV)/constraints.txt -r requirements-dev.txt
	touch $@

venv: system $(VENV)/.installed

demo: venv
	@mkdir -p $(DEMO_DIR)
	@start=$$(date +%s); \
	$(PYTHON) scripts/paracou.py $(DEMO_DIR)/paracou16.gpkg && \
	DOLDO_VENV=$(VENV) scripts/qgis_process.sh run doldo:framework -- \
	  "INPUT=$(DEMO_DIR)/paracou16.gpkg|layername=v_americana" \
	  "BACKGROUND=$(DEMO_DIR)/paracou16.gpkg|layername=trees" \
	  DISTANCE_MAX=100 DISTANCE_STEP=1 SIMULATIONS=1000 CONFIDENCE=5 SEED=2024 \
	  CURVE=$(DEMO_DIR)/curve.gpkg GLOBAL_FIRMS=$(DEMO_DIR)/global_firms.gpkg \
	  BOUNDARY=$(DEMO_DIR)/boundary.gpkg LOCAL_FIRMS=$(DEMO_DIR)/local_firms.gpkg \
	  CLUSTERS=$(DEMO_DIR)/clusters.gpkg CENTRES=$(DEMO_DIR)/centres.gpkg \
	  AGGLOMERATION_CENTRE=$(DEMO_DIR)/centre.gpkg OUTPUT_HTML=$(DEMO_DIR)/report.html && \
	echo "Demo done in $$(( $$(date +%s) - start )) s: open $(DEMO_DIR)/report.html and the .gpkg files in QGIS"

# Clusters of every industry, then agglomeration by region, on the synthetic
# province (200,000 firms, 30 industries, 21 cities): out/demo-economy/.
demo-economy: venv
	@DOLDO_VENV=$(VENV) scripts/demo_economy.sh out/demo-economy

# Every test, then the core's tests once more as a stock QGIS runs them:
# without numba (the numpy engine).
test: venv
	@rc=0; \
	$(PYTHON) -m pytest -q -p no:cacheprovider || rc=1; \
	DOLDO_DISABLE_NUMBA=1 $(PYTHON) -m pytest -q -p no:cacheprovider tests --ignore=tests/plugin_tests || rc=1; \
	exit $$rc

# No unscoped QGIS/Qt enum, QVariant type name, exec_ or PyQt5 import (QGIS 4).
qt6-check:
	$(SYSPY) scripts/qt6_check.py

# make test + make demo in Debian 13 (trixie) and unstable (sid) roots.
matrix:
	$(if $(SUDO),sudo --preserve-env=MATRIX_REPO$(comma)MATRIX_SUITES$(comma)MATRIX_CACHE$(comma)MATRIX_MIRROR$(comma)MATRIX_DEMO$(comma)MATRIX_LOGS$(comma)MATRIX_TIMEOUT) scripts/matrix.sh

# Speed on a fixed-seed Guangdong-like workload (about 1.5 hours; BENCH_ARGS=
# --quick shortens the first two): every step with numba and with the numpy
# engine (--no-numba), both engines and the old plain-Python fallback side by
# side, small industries, weighted and dbmss curves, a whole economy on a
# 2-worker dask cluster, and
# doldo:framework under qgis_process. JSON and charts in benchmarks/results/.
bench: venv
	$(PYTHON) benchmarks/run.py $(BENCH_ARGS)
	$(PYTHON) benchmarks/run.py --no-numba --m 100 --exact-m-max 10000 $(BENCH_ARGS)
	$(PYTHON) benchmarks/engines.py
	$(PYTHON) benchmarks/small_sets.py
	$(PYTHON) benchmarks/conventions.py
	$(PYTHON) benchmarks/one_pass.py
	$(PYTHON) benchmarks/every_shape.py
	$(PYTHON) benchmarks/economy.py
	$(PYTHON) benchmarks/framework_headless.py

# The Simplified Chinese translation: .ts from the code, then .qm, then the check.
translations: EXTRA_PKGS := pyqt5-dev-tools qttools5-dev-tools
translations: system
	$(SYSPY) scripts/i18n_update.py i18n/doldo_zh-Hans.ts
	lrelease i18n/doldo_zh-Hans.ts -qm i18n/doldo_zh-Hans.qm
	$(SYSPY) scripts/check_ts.py i18n/doldo_zh-Hans.ts

zip:
	@mkdir -p dist
	$(SYSPY) scripts/make_zip.py dist/doldo-$(VERSION).zip

clean:
	rm -rf out dist build .pytest_cache
