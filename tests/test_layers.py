"""The shape of lib/: layers that import only from below (import-linter's contracts in pyproject.toml), no import circle,
the sample generators apart, and the reports' make dependencies covering every module the notebooks import."""

import ast
import re

import grimp
import nbformat
import pytest

from conftest import ROOT

REPORT_LAYERS = ("lib.io", "lib.model", "lib.analysis", "lib.present")  # what the Makefile's REPORT_LIB lists by wildcard


@pytest.fixture(scope="module")
def graph():
    """The import graph of lib (every import, at module level or in a function)."""
    return grimp.build_graph("lib")


def test_the_import_contracts_hold(capsys, monkeypatch):
    from importlinter.cli import lint_imports

    monkeypatch.chdir(ROOT)
    assert lint_imports(no_cache=True) == 0, capsys.readouterr().out
    assert "2 kept, 0 broken" in capsys.readouterr().out


def test_no_module_imports_itself_through_others(graph):
    circles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if imported != module and graph.chain_exists(importer=imported, imported=module):
                circles.append((module, imported, graph.find_shortest_chain(importer=imported, imported=module)))
    assert not circles, circles


def is_module(name: str) -> bool:
    """Return True when a dotted name is a module of lib (not a function or constant of one)."""
    return (ROOT / (name.replace(".", "/") + ".py")).is_file() or (ROOT / name.replace(".", "/")).is_dir()


def notebook_imports() -> set[str]:
    """Return the lib modules the report notebooks import."""
    modules = set()
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code":
                continue
            for node in ast.walk(ast.parse(cell.source)):
                if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("lib"):
                    # 'from lib.present import report' imports a module; 'from lib.present.i18n import gettext' a name of one
                    modules |= {f"{node.module}.{a.name}" if is_module(f"{node.module}.{a.name}") else node.module for a in node.names}
    return modules


def test_the_reports_make_dependencies_cover_every_module_the_notebooks_import(graph):
    imported = notebook_imports()
    reached = set(imported)
    for module in imported:
        reached |= graph.find_upstream_modules(module)
    outside = {m for m in reached if m.startswith("lib.") and not m.startswith(REPORT_LAYERS) and "." in m[4:]}
    assert imported and not outside, outside
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    report_lib = re.search(r"^REPORT_LIB := (.*?)(?<!\\)\n", makefile, re.M | re.S).group(1)
    for layer in REPORT_LAYERS[1:]:
        assert f"lib/{layer.split('.')[1]}/*.py" in report_lib, layer
    assert "$(IO_LIB)" in report_lib and "lib/io/*.py" in makefile


def test_nothing_but_the_sample_target_and_the_tests_imports_the_sample_generators(graph):
    importers = {m for m in graph.find_downstream_modules("lib.sample", as_package=True) if not m.startswith("lib.sample")}
    assert not importers
    assert not [m for m in notebook_imports() if m.startswith("lib.sample")]
    assert "-m lib.sample.synthetic" in (ROOT / "Makefile").read_text(encoding="utf-8")
