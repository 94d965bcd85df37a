"""The fork engine gives the same outputs and pages as a fresh Jupyter kernel for every report notebook, leaks nothing
between notebooks, and reports errors and crashes as papermill does; pages do not depend on papermill's random ids."""

import os
import subprocess
import sys

import nbformat
import papermill
import pytest

from conftest import ROOT
from lib.pipeline import driver as build, engine

pytestmark = pytest.mark.integration

# One report per notebook (ids as in tests/test_build_e2e.py), built on the fixture.
REPORTS = {
    "background_paper": "background_paper--wg-ta-2009-09",
    "regional_needs": "regional_needs--AFR--wg-ta-2009-09",
    "ta_matrix": "ta_matrix--ALL--wg-ta-2009-09",
    "country_brief": "country_brief--KEN--wg-ta-2009-09",
    "expert_pool": "expert_pool--wg-ta-2009-09",
    "review_coordination": "review_coordination--2017",
    "recommendations_followup": "recommendations_followup--all--all",
}


def outputs(path):
    """Return every code cell's outputs (text, HTML and PNG bytes) of an executed notebook, but for their metadata."""
    nb = nbformat.read(path, as_version=4)
    return [[{k: v for k, v in o.items() if k != "metadata"} for o in c.outputs] for c in nb.cells if c.cell_type == "code"]


@pytest.fixture(scope="module")
def builds(fixture_data_dir, tmp_path_factory):
    """The seven reports built by the driver, once on fresh Jupyter kernels and once on the fork engine, each in its own
    process with the environment of `make reports` (no MPLBACKEND: the kernels' inline backend, charts included)."""
    base = tmp_path_factory.mktemp("engines")
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", build.KERNEL_MODE_ENV)}
    for name, mode in (("fresh", {build.KERNEL_MODE_ENV: "fresh"}), ("forked", {})):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "lib.pipeline.driver",
                *REPORTS.values(),
                "--data-dir",
                str(fixture_data_dir),
                "--reports-dir",
                str(base / name),
                "--jobs",
                "2",
            ],
            cwd=ROOT,
            env=dict(env, **mode),
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
    return base / "fresh", base / "forked"


def test_every_notebook_is_compared():
    assert sorted(REPORTS) == sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("report_id", REPORTS.values())
def test_same_outputs_and_page_as_a_fresh_kernel(builds, report_id):
    fresh, forked = builds
    a, b = outputs(fresh / report_id / "notebook.ipynb"), outputs(forked / report_id / "notebook.ipynb")
    assert a == b
    assert (fresh / report_id / "meta.json").is_file() and sorted(p.name for p in (fresh / report_id).glob("*.csv")) == sorted(
        p.name for p in (forked / report_id).glob("*.csv")
    )
    # the same page byte for byte: the injected parameters cell has the same fixed id in both
    assert (fresh / f"{report_id}.html").read_bytes() == (forked / f"{report_id}.html").read_bytes()


def test_charts_are_drawn_inline_and_the_parameters_cell_has_a_fixed_id(builds):
    _, forked = builds
    nb = nbformat.read(forked / REPORTS["regional_needs"] / "notebook.ipynb", as_version=4)
    assert any("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    injected = [c for c in nb.cells if build.INJECTED_TAG in c.metadata.get("tags", [])]
    assert [c.id for c in injected] == [build.INJECTED_CELL_ID]
    assert f'id="cell-id={build.INJECTED_CELL_ID}"' in (forked / f"{REPORTS['regional_needs']}.html").read_text(encoding="utf-8")


def run_cells(path, cells, engine_name=engine.ENGINE_NAME):
    """Execute a small notebook of code cells (with the fork engine unless told); return the executed notebook."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nb.metadata["kernelspec"] = {"name": build.KERNEL_NAME, "display_name": "x", "language": "python"}
    nbformat.write(nb, path)
    return papermill.execute_notebook(
        str(path), str(path), engine_name=engine_name, kernel_name=build.KERNEL_NAME, progress_bar=False, cwd=str(ROOT)
    )


def test_bare_values_and_displays_as_in_a_fresh_kernel(tmp_path):
    # what a restricted page can show besides the report API's outputs: reprs of bare values (a wide DataFrame is cut to
    # pandas' kernel default of 20 columns, not fitted to a terminal), printed text, display() of HTML and markdown
    engine.preload()
    cells = [
        "import sys, numpy as np, pandas as pd\nfrom IPython.display import display, HTML, Markdown",
        "pd.DataFrame(np.arange(90).reshape(3, 30), columns=[f'column_{i}' for i in range(30)])",
        "pd.Series(range(100))",
        "print('out'); print('err', file=sys.stderr); display(HTML('<b>x</b>')); display(Markdown('*m*')); 40 + 2",
        "x = 1;",
        "_",
    ]
    fresh = run_cells(tmp_path / "fresh.ipynb", cells, build.KERNEL_ENGINE)
    forked = run_cells(tmp_path / "forked.ipynb", cells)
    assert [c.outputs for c in forked.cells] == [c.outputs for c in fresh.cells]
    wide = forked.cells[1].outputs[0].data["text/plain"]
    assert "column_9 " in wide and "column_20" in wide and "column_10" not in wide  # 10 columns either side of the cut


def test_nothing_leaks_from_one_notebook_to_the_next(tmp_path):
    engine.preload()
    run_cells(
        tmp_path / "set.ipynb",
        [
            "import os, numpy as np, pandas as pd, matplotlib as mpl\n"
            "import lib.present.report, lib.analysis.needs, lib.model.disclosure, lib.io.paths",
            "os.environ['LEAK'] = '1'; pd.set_option('display.max_rows', 3); mpl.rcParams['lines.linewidth'] = 9",
            "np.seterr(all='raise'); lib.present.report.DEFAULT_SINK['leak'] = 1; lib.analysis.needs.PROVIDER_SEPARATOR = '|'; leaked = 1",
            "lib.model.disclosure.MIN_STATES = 1; lib.io.paths.ROOT = None",
            "import sys; sys.modules['leaky_module'] = sys; os.chdir('/')",
        ],
    )
    checked = run_cells(
        tmp_path / "check.ipynb",
        [
            "import os, numpy as np, pandas as pd, matplotlib as mpl\n"
            "import lib.present.report, lib.analysis.needs, lib.model.disclosure, lib.io.paths",
            "assert 'LEAK' not in os.environ and pd.get_option('display.max_rows') == 60",
            "assert mpl.rcParams['lines.linewidth'] == 1.5 and np.geterr()['divide'] == 'warn'",
            "assert 'leak' not in lib.present.report.DEFAULT_SINK and lib.analysis.needs.PROVIDER_SEPARATOR == ';'",
            "assert lib.model.disclosure.MIN_STATES == 3 and lib.io.paths.ROOT is not None",
            "assert 'leaked' not in globals() and 'leaky_module' not in __import__('sys').modules",
            f"assert os.getcwd() == {str(ROOT)!r}",
            "print(os.getpid() != os.getppid())",
        ],
    )
    assert checked.cells[-1].outputs[0]["text"].strip() == "True"


def test_every_module_of_the_report_layers_is_preloaded():
    engine.preload()
    names = engine.list_report_modules()
    assert {"lib.io.paths", "lib.model.disclosure", "lib.analysis.needs", "lib.present.report"} <= set(names)
    assert not [n for n in names if n.startswith(("lib.pipeline", "lib.sample"))]
    assert all(n in sys.modules for n in names)


def test_every_catalog_is_read_before_the_children_fork():
    from lib.present.i18n import list_languages, load_translations

    load_translations.cache_clear()
    engine.preload()
    assert load_translations.cache_info().currsize == len(list_languages()) >= 3  # a child writes in any of them unread


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
    assert [o.output_type for o in third] == ["error"]  # recorded as an error output only: no traceback printed as text
    assert third[0].ename == "ZeroDivisionError" and "division by zero" in third[0].traceback[-1]
    assert fourth == [] and nb.metadata.papermill.exception is True


@pytest.mark.parametrize(
    "source, ename", [("x = (", "SyntaxError"), ("raise SystemExit(3)", "SystemExit"), ("raise KeyboardInterrupt", "KeyboardInterrupt")]
)
def test_any_exception_fails_the_notebook_with_its_name(tmp_path, source, ename):
    with pytest.raises(papermill.PapermillExecutionError, match=ename):
        run_cells(tmp_path / "err.ipynb", ["x = 1", source, "y = 2"])
    nb = nbformat.read(tmp_path / "err.ipynb", as_version=4)
    failed = [c for c in nb.cells if c.cell_type == "code"][1]
    assert [o.ename for o in failed.outputs if o.output_type == "error"] == [ename]


def test_a_crashed_child_fails_the_notebook(tmp_path):
    with pytest.raises(papermill.PapermillExecutionError, match=engine.CHILD_CRASHED):
        run_cells(tmp_path / "crash.ipynb", ["x = 1", "import os; os._exit(3)", "y = 2"])
