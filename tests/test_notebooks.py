"""Notebooks tell the story, lib does the work: the parameters contract, no code defined in cells, no outputs; an
analyst's short pandas expression shown through the report API is allowed (docs/notebooks.md)."""

import ast
import io
import tokenize

import nbformat
import papermill
import pytest

from conftest import ROOT
from lib.pipeline import plan

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
MAX_CELL_STATEMENTS = 8  # a cell calls lib and shows the result; more statements belong in lib/ (lines vary with ruff format)
# What a cell may import: lib's report layers, and the libraries an analyst's short expression or chart is written with
ALLOWED_IMPORTS = ("lib.io", "lib.model", "lib.analysis", "lib.present", "pandas", "numpy", "matplotlib", "seaborn")
GUIDE = "docs/notebooks.md"  # the analysts' guide, linked from the first cell of every notebook
ANALYST_CELL = """by_group = snap.answers.groupby("group_code", as_index=False).agg(needs_n=("is_ta_needed", "sum"))
rep.table(by_group.assign(needs_pct=lambda t: 100 * t["needs_n"] / t["needs_n"].sum()), "analyst_table", "Needs by group")
ax = sns.barplot(by_group, x="needs_n", y="group_code")
rep.figure((ax, "Needs by group."), "analyst_figure")"""  # a table and a chart from a short expression, as docs/notebooks.md shows
DRIVER_PARAMETERS = {"data_dir", "tables_dir", "build"}  # every report notebook takes these besides its own
OPTIONS = {  # analysis options a notebook takes besides the parameters naming its report (defaults used by make)
    "background_paper": {"party_rule", "languages"},  # languages: the driver passes LANGUAGES to the documents
    "regional_needs": {"party_rule", "languages"},
    "ta_matrix": {"party_rule"},
    "country_brief": {"party_rule", "languages"},
    "expert_pool": {"party_rule"},
    "review_coordination": {"clash_window_days", "joint_window_days"},
    "recommendations_followup": {"as_at"},
}


def read(path):
    """Return a notebook node."""
    return nbformat.read(path, as_version=4)


def parameters_cell(nb):
    """Return the one cell tagged parameters."""
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, "exactly one cell must be tagged parameters"
    return cells[0]


def test_every_report_notebook_is_in_the_plan():
    assert {p.stem for p in NOTEBOOKS} == set(plan.NOTEBOOK_PARAMETERS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path):
    for cell in read(path).cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_kernel_is_the_project_kernel(path):
    assert read(path).metadata["kernelspec"]["name"] == "uncac-ta"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_cell_is_a_contract(path):
    cell = parameters_cell(read(path))
    lines = [line for line in cell.source.splitlines() if line.strip()]
    comments = {
        tok.start[0]: tok.string for tok in tokenize.generate_tokens(io.StringIO(cell.source).readline) if tok.type == tokenize.COMMENT
    }
    names = []
    for node in ast.parse(cell.source).body:
        assert isinstance(node, ast.AnnAssign), f"line {node.lineno}: parameters are `name: type = literal  # comment`"
        assert isinstance(node.value, ast.Constant), f"{node.target.id}: the value must be a literal"
        assert isinstance(node.annotation, ast.Name) and node.annotation.id == type(node.value.value).__name__
        comment = comments.get(node.lineno, "")
        assert len(comment) > 10, f"{node.target.id}: needs a comment saying what it is"
        assert "'" not in comment and '"' not in comment, "papermill cannot parse quotes inside parameter comments"
        names.append(node.target.id)
    assert len(names) == len(lines)
    expected = set(plan.NOTEBOOK_PARAMETERS[path.stem]) | DRIVER_PARAMETERS | OPTIONS[path.stem]
    assert set(names) == expected
    inspected = papermill.inspect_notebook(str(path))
    assert set(inspected) == expected and all(p["help"] for p in inspected.values())


def check_cell(source: str) -> None:
    """Fail on a cell that defines code (def, class), loops, imports beyond ALLOWED_IMPORTS or runs long: that belongs in
    lib/, tested. A lambda inside a pandas expression (assign, agg) is part of the expression and allowed."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        assert not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)), f"functions belong in lib/: {source}"
        assert not isinstance(node, (ast.For, ast.While)), f"loops belong in lib/: {source}"
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
            assert module.startswith(ALLOWED_IMPORTS), f"notebooks import only from lib's report layers and {ALLOWED_IMPORTS[4:]}: {module}"
    assert len(tree.body) <= MAX_CELL_STATEMENTS, f"{len(tree.body)} statements in one cell: {source}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_cells_call_lib_and_define_nothing(path):
    for cell in read(path).cells:
        if cell.cell_type == "code":
            check_cell(cell.source)


def test_an_analysts_short_expression_passes_the_rules_and_a_function_does_not():
    check_cell("import seaborn as sns\n" + ANALYST_CELL)
    for source in ("def f(x):\n    return x", "for g in groups:\n    rep.table(g, 'x', 'y')", "import lib.pipeline.driver"):
        with pytest.raises(AssertionError):
            check_cell(source)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_first_cell_links_the_guide_and_stays_out_of_the_report(path):
    first = read(path).cells[0]
    assert first.cell_type == "markdown" and "notebook-only" in first.metadata.get("tags", [])
    assert f"](../{GUIDE})" in first.source and (ROOT / GUIDE).is_file()


def test_no_cell_is_copied_between_notebooks():
    seen = {}
    for path in NOTEBOOKS:
        for cell in read(path).cells:
            if cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", []):
                key = cell.source.strip()
                if key.startswith("from lib.") or key in ("annexes.show_annex(ctx)", "annexes.show_review_annex(ctx)"):
                    continue  # the shared opening and closing calls are one line of lib each
                assert key not in seen, f"cell repeated in {seen.get(key)} and {path.name}"
                seen[key] = path.name
