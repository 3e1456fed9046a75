"""Make the checkout importable as the package ``doldo`` (its installed name)."""
import hashlib
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# one link folder per checkout: two checkouts testing at once never clash
_link_dir = os.path.join(tempfile.gettempdir(), "doldo-tests-path-%d-%s" % (
    os.getuid(), hashlib.sha1(os.path.realpath(ROOT).encode()).hexdigest()[:10]))
os.makedirs(_link_dir, exist_ok=True)
_link = os.path.join(_link_dir, "doldo")
if not (os.path.islink(_link) and os.path.realpath(_link) == os.path.realpath(ROOT)):
    try:
        os.unlink(_link)
    except FileNotFoundError:
        pass
    os.symlink(ROOT, _link)
if _link_dir not in sys.path:
    sys.path.insert(0, _link_dir)

DATA = os.path.join(ROOT, "tests", "data")


import pytest  # noqa: E402


@pytest.fixture(params=["numba", "numpy"])
def engine(request):
    """Run the test on each engine of the core's kernels (numba when it is
    installed; the numpy engine always)."""
    from doldo.core import engine as eng
    from doldo.core._numba import HAVE_NUMBA
    if request.param == "numba" and not HAVE_NUMBA:
        pytest.skip("numba is not installed")
    with eng.use(request.param):
        yield request.param
