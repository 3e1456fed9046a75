#!/bin/sh
# Screenshots of the Simplified Chinese interface under Xvfb (issue 21):
# a throw-away QGIS profile (--profiles-path) with locale/userLocale=zh-Hans
# and this checkout as its plugin doldo, then scripts/zh_screenshots.py in
# `qgis --code`. The default profile is not touched. Needs xvfb, imagemagick
# and fonts-noto-cjk. Usage: scripts/zh_screenshots.sh [out-dir] (default out/zh)
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$(realpath -m "${1:-out/zh}")
TMP=$(mktemp -d)
mkdir -p "$OUT" "$TMP/profiles/default/QGIS" "$TMP/profiles/default/python/plugins"
ln -s "$ROOT" "$TMP/profiles/default/python/plugins/doldo"
cat > "$TMP/profiles/default/QGIS/QGIS3.ini" <<INI
[locale]
overrideFlag=true
userLocale=zh-Hans
globalLocale=zh-Hans

[PythonPlugins]
doldo=true
processing=true

[qgis]
showTips=false
checkVersion=false
INI
/usr/bin/python3 "$ROOT/scripts/paracou.py" "$OUT/paracou16.gpkg"
Xvfb :99 -screen 0 1400x1000x24 >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB; rm -rf "$TMP"' EXIT
sleep 2
DISPLAY=:99 DOLDO_SHOTS="$OUT" timeout 300 qgis --profiles-path "$TMP" --nologo \
  --noversioncheck --code "$ROOT/scripts/zh_screenshots.py" >"$OUT/qgis.log" 2>&1
ls "$OUT"/*.png
