"""The documented layout is the repository's: the annotated tree of docs/layout.md lists what git tracks, directory by
directory."""

import re
import subprocess

from conftest import ROOT

ALWAYS_OPEN = ["data/", "data/raw/", "lib/", "notebooks/"]  # the directories a newcomer must see into (and each lib package)
NOT_LISTED = {"__init__.py"}  # package markers: their docstring is the package's, the tree annotates the directory


def read_tree() -> dict[str, list[str]]:
    """Return {directory: its entries as shown} from the layout tree of docs/layout.md ('' is the top level)."""
    layout = (ROOT / "docs" / "layout.md").read_text(encoding="utf-8")
    return parse_tree(re.search(r"^# Layout\n.*?^```\n(.*?)^```", layout, re.MULTILINE | re.DOTALL).group(1))


def parse_tree(block: str) -> dict[str, list[str]]:
    """Return {directory: its entries} of an annotated tree: two spaces per level, directories end in '/'."""
    shown: dict[str, list[str]] = {"": []}
    parents = [""]
    for line in block.splitlines():
        depth, rest = divmod(len(line) - len(line.lstrip(" ")), 2)
        assert rest == 0, f"indent by two spaces: {line!r}"
        name = line.split()[0]
        parent = parents[depth]
        shown.setdefault(parent, []).append(name)
        del parents[depth + 1 :]
        if name.endswith("/"):
            parents.append(parent + name)
    return shown


def list_tracked(directory: str) -> set[str]:
    """Return the entries git tracks directly in a directory ('' for the top level), subdirectories ending in '/'."""
    files = subprocess.run(["git", "ls-files", "--", directory or "."], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    entries = set()
    for path in files.splitlines():
        rest = path[len(directory) :]
        entries.add(rest.split("/")[0] + "/" if "/" in rest else rest)
    return entries - NOT_LISTED


def test_every_open_directory_of_the_readme_tree_lists_what_git_tracks():
    shown = read_tree()
    packages = [f"lib/{p.name}/" for p in (ROOT / "lib").iterdir() if (p / "__init__.py").exists()]
    for directory in ["", *ALWAYS_OPEN, *packages]:
        assert directory in shown, f"the layout (docs/layout.md) does not show inside {directory}"
    for directory, names in shown.items():
        assert len(names) == len(set(names)), f"{directory or 'top level'} lists an entry twice"
        assert set(names) == list_tracked(directory), directory or "top level"


def test_the_tree_reader_follows_indentation_back_up():
    tree = "a/      first\n  b/    nested\n    c.py  deepest\n  d.py  back in a/\ne.txt   top again\n"
    assert parse_tree(tree) == {"": ["a/", "e.txt"], "a/": ["b/", "d.py"], "a/b/": ["c.py"]}
