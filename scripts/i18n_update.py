#!/usr/bin/python3
"""make translations, step 1: pylupdate5 over the plugin's Python files into
i18n/doldo_zh-Hans.ts, keeping the translations it already holds (new strings
come in as type="unfinished", strings gone from the code as "obsolete").

pylupdate5 puts a bare ``tr("...")`` call in the context "@default"; DO-LDO
translates in the context "doldo" (algorithms/common/feedback.py), so this
runs pylupdate5's own main() with that default context. Needs PyQt5's
pylupdate (Debian: pyqt5-dev-tools) and Debian's /usr/bin/python3.
Usage: scripts/i18n_update.py [--drop-obsolete] [ts-file]   (core/ is not
translated: it stays English and QGIS-free). --drop-obsolete removes the
entries whose text left the code (scripts/check_ts.py lists them).
"""
import importlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TS = os.path.join(ROOT, "i18n", "doldo_zh-Hans.ts")
PARTS = ("plugin.py", "translation.py", "dependencies.py", "algorithms", "gui",
         "processing_provider")


def sources():
    """The translated Python files, sorted (core/, tests, scripts left out)."""
    out = []
    for part in PARTS:
        path = os.path.join(ROOT, part)
        if os.path.isfile(path):
            out.append(path)
            continue
        for folder, _dirs, files in os.walk(path):
            out += [os.path.join(folder, f) for f in files if f.endswith(".py")]
    return sorted(os.path.relpath(p, ROOT) for p in out)


def main():
    args = sys.argv[1:]
    drop = "--drop-obsolete" in args      # once their text is reused: pylupdate5 -noobsolete
    args = [a for a in args if a != "--drop-obsolete"]
    ts = args[0] if args else TS
    try:
        # pylupdate5's own module (Debian: pyqt5-dev-tools), a build tool that
        # qgis.PyQt does not wrap; the plugin itself never imports it
        pylupdate_main = importlib.import_module("PyQt5.pylupdate_main")
    except ImportError:
        sys.exit("pylupdate5 missing: apt-get install pyqt5-dev-tools (run with /usr/bin/python3)")
    fetch = pylupdate_main.fetchtr_py

    def fetch_in_doldo(path, tor, _default_context, *args):
        return fetch(path, tor, "doldo", *args)
    pylupdate_main.fetchtr_py = fetch_in_doldo
    os.chdir(ROOT)
    sys.argv = (["pylupdate5", "-verbose"] + (["-noobsolete"] if drop else []) + sources()
                + ["-ts", os.path.relpath(ts, ROOT)])
    pylupdate_main.main()


if __name__ == "__main__":
    main()
