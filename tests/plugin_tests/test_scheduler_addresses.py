"""DASK_SCHEDULER addresses (issue 19): ws://, wss://, ucx:// and inproc://
are refused with a plain message before any work; tls:// uses dask's own
security settings, and without a certificate authority and a client
certificate in dask's configuration it is refused saying which are
missing."""
import os

import pytest
from qgis.core import QgsProcessingException

from .test_economy_algs import economy_params, trees  # noqa: F401 - fixture


@pytest.mark.parametrize("scheme", ["ws", "wss", "ucx", "inproc"])
def test_unsupported_schemes_are_refused_plainly(run, trees, tmp_path, scheme):  # noqa: F811
    pytest.importorskip("distributed")
    address = f"{scheme}://127.0.0.1:8786"
    with pytest.raises(QgsProcessingException) as err:
        run("doldo:industries", economy_params(trees, tmp_path, DASK_SCHEDULER=address))
    assert str(err.value) == (
        f"DASK_SCHEDULER '{address}': DO-LDO connects to a dask scheduler over tcp:// or "
        f"tls:// only, not {scheme}://; give its tcp:// or tls:// address")
    assert not os.path.exists(tmp_path / "summary.gpkg")


def test_tls_without_certificates_in_dasks_configuration_is_refused(run, trees,  # noqa: F811
                                                                      tmp_path):
    pytest.importorskip("distributed")
    import dask
    with dask.config.set({"distributed.comm.tls.ca-file": None,
                          "distributed.comm.tls.client.cert": None}):
        with pytest.raises(QgsProcessingException) as err:
            run("doldo:industries", economy_params(trees, tmp_path,
                                                   DASK_SCHEDULER="tls://127.0.0.1:8786"))
    assert str(err.value).startswith(
        "DASK_SCHEDULER 'tls://127.0.0.1:8786' is a TLS address, but dask's configuration "
        "does not give distributed.comm.tls.ca-file and distributed.comm.tls.client.cert: "
        "set them")


def test_tls_with_certificates_connects_with_them(run, trees, tmp_path):  # noqa: F811
    """Files that are no certificates: the TLS handshake's error is said
    plainly, before any work (the settings did reach dask)."""
    pytest.importorskip("distributed")
    import dask
    bogus = tmp_path / "ca.pem"
    bogus.write_text("not a certificate\n")
    with dask.config.set({"distributed.comm.tls.ca-file": str(bogus),
                          "distributed.comm.tls.client.cert": str(bogus)}):
        with pytest.raises(QgsProcessingException) as err:
            run("doldo:industries", economy_params(trees, tmp_path,
                                                   DASK_SCHEDULER="tls://127.0.0.1:9"))
    assert str(err.value).startswith("Could not reach the dask scheduler at "
                                     "tls://127.0.0.1:9 within 10 s (")
    assert not os.path.exists(tmp_path / "summary.gpkg")
