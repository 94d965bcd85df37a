"""The environment contract: pip pins, lock and environment.yml agree; lib/ is tracked; the Makefile and CI entry points."""

import re
import subprocess

import yaml

from conftest import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;#]+)")


def read_pins(path) -> dict[str, str]:
    """Return {package: version} of the name==version lines of a requirements file."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = PIN.match(line.strip())
        if m:
            pins[m.group(1).lower()] = m.group(2)
    return pins


def test_environment_yml_mirrors_the_pip_pins():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    conda_pins = {m.group(1).lower(): m.group(2) for m in (PIN.match(x) for x in pip_section) if m}
    pip_pins = read_pins(ROOT / "requirements.txt") | read_pins(ROOT / "requirements-lab.txt")
    assert conda_pins == pip_pins
    assert "-e ." in pip_section
    assert "python=3.11" in env["dependencies"]


def test_lock_holds_the_top_level_pins():
    lock = read_pins(ROOT / "requirements.lock")
    for name, version in read_pins(ROOT / "requirements.txt").items():
        assert lock.get(name) == version, name
    lab_lock = read_pins(ROOT / "requirements-lab.lock")
    assert lab_lock.get("jupyterlab") == read_pins(ROOT / "requirements-lab.txt")["jupyterlab"]
    for name, version in lock.items():  # the lab lock is constrained by the batch lock
        assert lab_lock.get(name, version) == version, name


def test_lib_is_tracked_not_ignored():
    ignored = subprocess.run(["git", "check-ignore", "-q", "lib/analysis/needs.py"], cwd=ROOT)
    assert ignored.returncode == 1, ".gitignore ignores lib/"
    tracked = subprocess.run(["git", "ls-files", "lib"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert {p.relative_to(ROOT).as_posix() for p in (ROOT / "lib").rglob("*.py")} <= set(tracked)


def test_make_help_lists_every_target():
    out = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for target in ("help", "data", "reports", "test", "lab", "bench", "clean", "sample", "venv"):
        assert re.search(rf"^\s+{target}\s+\S", out, re.MULTILINE), target


def test_readme_first_screen_and_ci_use_the_same_commands():
    first_screen = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:40])
    assert "make reports" in first_screen and "make test" in first_screen
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test\b", ci, re.MULTILINE)


def test_lib_modules_and_functions_have_docstrings():
    import ast

    for path in sorted((ROOT / "lib").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path.name} has no module docstring"
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                assert ast.get_docstring(node), f"{path.name}:{node.name} has no docstring"


def test_commit_hooks_run_the_checks_of_make_lint():
    """Every hook of .pre-commit-config.yaml is a command `make lint` runs, and the reverse (so CI refuses what a hook would)."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [h for repo in config["repos"] for h in repo["hooks"]]
    assert all(repo["repo"] == "local" for repo in config["repos"])  # the pinned tools of the venv, no download
    recipe = subprocess.run(
        # -o Makefile: the stand-in stamp is never remade, whatever the checkout's file times (a fresh clone's lock may
        # be newer than the Makefile, and make -n would then print the venv's set-up too)
        ["make", "--no-print-directory", "-n", "-o", "Makefile", "lint", "VENV_STAMP=Makefile"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    commands = [line.strip() for line in recipe.splitlines() if line.strip().startswith(".venv/bin/")]
    hook_tools = {h["entry"].split()[0] for h in hooks}
    assert hook_tools == {c.split()[0] for c in commands}
    for hook in hooks:  # the same options (a check-only flag aside: the hook may fix, make lint only checks)
        tool, *options = hook["entry"].split()
        made = next(c for c in commands if c.startswith(tool) and (tool.endswith("ruff") is False or hook["id"].split("-")[1] in c))
        assert set(options) - {"--force-exclude"} <= set(made.split()), (hook["id"], made)
