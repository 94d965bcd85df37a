"""Forked kernels give the same outputs as fresh kernels, leak nothing between notebooks, and leave no orphan."""

import os
import signal
import time

import nbformat
import papermill
import pytest

from conftest import ROOT
from lib import build

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def zygote(tmp_path_factory):
    """A running fork server for this module's tests."""
    server = build.start_zygote(tmp_path_factory.mktemp("zygote"))
    build.wait_for_zygote(server)
    yield server
    build.stop_zygote(server)


def outputs(path):
    """Return every code cell's outputs (text, HTML and PNG bytes) of an executed notebook."""
    nb = nbformat.read(path, as_version=4)
    return [[{k: v for k, v in o.items() if k != "metadata"} for o in c.outputs] for c in nb.cells if c.cell_type == "code"]


def test_same_outputs_as_a_fresh_kernel(zygote, fixture_data_dir, tmp_path):
    report_id = "regional_needs--AFR--wg-ta-2009-09"
    fresh = build.build_report(report_id, str(fixture_data_dir), str(tmp_path / "fresh"), "test", build.KERNEL_NAME)
    forked = build.build_report(report_id, str(fixture_data_dir), str(tmp_path / "forked"), "test", build.ZYGOTE_KERNEL_NAME)
    assert fresh["tables"] == forked["tables"]
    a, b = outputs(tmp_path / "fresh" / report_id / "notebook.ipynb"), outputs(tmp_path / "forked" / report_id / "notebook.ipynb")
    assert a == b
    assert any("image/png" in o.get("data", {}) for cell in b for o in cell)


def run_cells(path, cells):
    """Execute a small notebook of code cells on the forked kernel; return the executed notebook."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nb.metadata["kernelspec"] = {"name": build.ZYGOTE_KERNEL_NAME, "display_name": "x", "language": "python"}
    nbformat.write(nb, path)
    return papermill.execute_notebook(str(path), str(path), kernel_name=build.ZYGOTE_KERNEL_NAME, progress_bar=False, cwd=str(ROOT))


def test_nothing_leaks_from_one_notebook_to_the_next(zygote, tmp_path):
    run_cells(tmp_path / "set.ipynb", [
        "import os, numpy as np, pandas as pd, matplotlib as mpl, lib.report, lib.needs",
        "os.environ['LEAK'] = '1'; pd.set_option('display.max_rows', 3); mpl.rcParams['lines.linewidth'] = 9",
        "np.seterr(all='raise'); lib.report.DEFAULT_SINK['leak'] = 1; lib.needs.PROVIDER_SEPARATOR = '|'; leaked = 1",
    ])
    checked = run_cells(tmp_path / "check.ipynb", [
        "import os, numpy as np, pandas as pd, matplotlib as mpl, lib.report, lib.needs",
        "assert 'LEAK' not in os.environ and pd.get_option('display.max_rows') == 60",
        "assert mpl.rcParams['lines.linewidth'] == 1.5 and np.geterr()['divide'] == 'warn'",
        "assert 'leak' not in lib.report.DEFAULT_SINK and lib.needs.PROVIDER_SEPARATOR == ';'",
        "assert 'leaked' not in globals()",
        "print(os.getpid() != os.getppid())",
    ])
    assert checked.cells[-1].outputs[0]["text"].strip() == "True"


def test_kernel_dies_with_its_client(zygote):
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name=build.ZYGOTE_KERNEL_NAME)
    km.start_kernel(cwd=str(ROOT))
    client = km.client()
    client.start_channels()
    client.wait_for_ready(timeout=30)
    msg_id = client.execute("import os; print(os.getpid())")
    pid = None
    while pid is None:
        msg = client.get_iopub_msg(timeout=10)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
            pid = int(msg["content"]["text"])
    client.stop_channels()
    os.kill(km.provisioner.process.pid, signal.SIGKILL)  # the client process papermill would own
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
        pytest.fail("the forked kernel outlived its client")
    km.cleanup_resources()
