#!/usr/bin/env bash
# Run Debian's QGIS 3.22 qgis_process headless with this checkout as the
# plugin "doldo" enabled, in a private profile. Usage:
#   scripts/qgis_process.sh run doldo:framework -- INPUT=... BACKGROUND=...
# Environment: DOLDO_VENV (venv whose site-packages holds numba; default
# .venv of the checkout), DOLDO_PROFILE (profile dir; default a temp dir).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${DOLDO_VENV:-$here/.venv}"
work="${DOLDO_PROFILE:-$(mktemp -d "${TMPDIR:-/tmp}/doldo-qgis.XXXXXX")}"
mkdir -p "$work/plugins" "$work/config/profiles/default/QGIS" "$work/runtime"
chmod 700 "$work/runtime"
ln -sfn "$here" "$work/plugins/doldo"
ini="$work/config/profiles/default/QGIS/QGIS3.ini"
grep -q '^doldo=true' "$ini" 2>/dev/null || printf '[PythonPlugins]\ndoldo=true\n' >> "$ini"
site=""
if [ -x "$venv/bin/python" ]; then
  site="$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
fi
export QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR="$work/runtime"
export QGIS_PLUGINPATH="$work/plugins"
export QGIS_CUSTOM_CONFIG_PATH="$work/config"
export PYTHONPATH="${site}${PYTHONPATH:+:$PYTHONPATH}"
# /usr/bin/qgis_process (the wrapper) passes --noversioncheck, which 3.22
# rejects: call the binary itself.
exec /usr/bin/qgis_process.bin "$@"
