"""Build the installable plugin ZIP: a top folder ``doldo/`` with the plugin
files only (no tests, CI, venv or outputs)."""
import os
import subprocess
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INCLUDE = ("__init__.py", "plugin.py", "metadata.txt", "LICENSE", "README.md",
           "requirements.txt", "dependencies.py", "translation.py", "i18n/", "core/",
           "algorithms/", "gui/", "processing_provider/", "icons/", "models/", "docs/")


def files():
    try:
        out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        out = [os.path.relpath(os.path.join(d, f), ROOT)
               for d, _, fs in os.walk(ROOT) for f in fs]
    return sorted(f for f in out if f.startswith(INCLUDE) and "__pycache__" not in f
                  and not f.endswith((".pyc", ".nbi", ".nbc", ".ts")))   # the .qm ships


def main(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for f in files():
            z.write(os.path.join(ROOT, f), "doldo/" + f)
    print(f"wrote {path} ({len(files())} files)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "dist/doldo.zip")
