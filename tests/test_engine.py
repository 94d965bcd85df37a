"""The fork engine gives the same outputs as a fresh Jupyter kernel, leaks nothing between notebooks, and reports
errors and crashes as papermill does."""

import re

import nbformat
import papermill
import pytest

from conftest import ROOT
from lib.build import driver as build, engine

pytestmark = pytest.mark.integration


def outputs(path):
    """Return every code cell's outputs (text, HTML and PNG bytes) of an executed notebook."""
    nb = nbformat.read(path, as_version=4)
    return [[{k: v for k, v in o.items() if k != "metadata"} for o in c.outputs] for c in nb.cells if c.cell_type == "code"]


def test_same_outputs_as_a_fresh_kernel(fixture_data_dir, tmp_path):
    report_id = "regional_needs--AFR--wg-ta-2009-09"
    fresh = build.build_report(
        report_id, build.Settings(str(fixture_data_dir), tmp_path / "fresh", commit="test", engine_name=build.KERNEL_ENGINE)
    )
    forked = build.build_report(
        report_id, build.Settings(str(fixture_data_dir), tmp_path / "forked", commit="test", engine_name=build.FORK_ENGINE)
    )
    assert fresh["tables"] == forked["tables"]
    a, b = outputs(tmp_path / "fresh" / report_id / "notebook.ipynb"), outputs(tmp_path / "forked" / report_id / "notebook.ipynb")
    assert a == b
    assert any("image/png" in o.get("data", {}) for cell in b for o in cell)
    pages = [re.sub(r"cell-id=[0-9a-f-]+", "", (tmp_path / d / f"{report_id}.html").read_text()) for d in ("fresh", "forked")]
    assert pages[0] == pages[1]  # the same page but for the injected parameters cell's random id


def run_cells(path, cells):
    """Execute a small notebook of code cells with the fork engine; return the executed notebook."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nb.metadata["kernelspec"] = {"name": build.KERNEL_NAME, "display_name": "x", "language": "python"}
    nbformat.write(nb, path)
    return papermill.execute_notebook(
        str(path), str(path), engine_name=engine.ENGINE_NAME, kernel_name=build.KERNEL_NAME, progress_bar=False, cwd=str(ROOT)
    )


def test_nothing_leaks_from_one_notebook_to_the_next(tmp_path):
    engine.preload()
    run_cells(
        tmp_path / "set.ipynb",
        [
            "import os, numpy as np, pandas as pd, matplotlib as mpl, lib.present.report, lib.analysis.needs",
            "os.environ['LEAK'] = '1'; pd.set_option('display.max_rows', 3); mpl.rcParams['lines.linewidth'] = 9",
            "np.seterr(all='raise'); lib.present.report.DEFAULT_SINK['leak'] = 1; lib.analysis.needs.PROVIDER_SEPARATOR = '|'; leaked = 1",
            "import sys; sys.modules['leaky_module'] = sys; os.chdir('/')",
        ],
    )
    checked = run_cells(
        tmp_path / "check.ipynb",
        [
            "import os, numpy as np, pandas as pd, matplotlib as mpl, lib.present.report, lib.analysis.needs",
            "assert 'LEAK' not in os.environ and pd.get_option('display.max_rows') == 60",
            "assert mpl.rcParams['lines.linewidth'] == 1.5 and np.geterr()['divide'] == 'warn'",
            "assert 'leak' not in lib.present.report.DEFAULT_SINK and lib.analysis.needs.PROVIDER_SEPARATOR == ';'",
            "assert 'leaked' not in globals() and 'leaky_module' not in __import__('sys').modules",
            f"assert os.getcwd() == {str(ROOT)!r}",
            "print(os.getpid() != os.getppid())",
        ],
    )
    assert checked.cells[-1].outputs[0]["text"].strip() == "True"


def test_outputs_in_order_with_a_result_and_an_error(tmp_path):
    with pytest.raises(papermill.PapermillExecutionError, match="ZeroDivisionError"):
        run_cells(
            tmp_path / "err.ipynb",
            [
                "print('a'); from IPython.display import display, HTML; display(HTML('<b>x</b>')); print('b')",
                "40 + 2",
                "1 / 0",
                "print('never')",
            ],
        )
    nb = nbformat.read(tmp_path / "err.ipynb", as_version=4)
    first, second, third, fourth = (c.outputs for c in nb.cells if c.cell_type == "code")
    assert [o.output_type for o in first] == ["stream", "display_data", "stream"]
    assert first[1].data["text/html"] == "<b>x</b>"
    assert second[0].output_type == "execute_result" and second[0].data["text/plain"] == "42"
    assert third[0].output_type == "error" and third[0].ename == "ZeroDivisionError" and third[0].traceback
    assert fourth == [] and nb.metadata.papermill.exception is True


def test_a_crashed_child_fails_the_notebook(tmp_path):
    with pytest.raises(papermill.PapermillExecutionError, match=engine.CHILD_CRASHED):
        run_cells(tmp_path / "crash.ipynb", ["x = 1", "import os; os._exit(3)", "y = 2"])
