"""A papermill engine that runs each notebook in a forked child of a pre-imported process, with no kernel.

The batch driver (lib.build.driver) imports the heavy libraries and creates an IPython shell once (`preload`), then
its workers fork; for every notebook, the engine forks a fresh child of its worker, executes the cells there
in that pristine shell, and streams each cell's outputs back through a pipe. The child then exits, so
nothing one notebook does (globals, options, module state, environment, working folder) reaches the next: the
same isolation as a fresh kernel, without kernel start-up, ZMQ messages or a JSON round trip per output.
Outputs are what a Jupyter kernel records (streams, display data, execute results, errors with their
traceback), so the executed notebook and its HTML do not depend on the engine. Linux/macOS only (fork).
Analysts and nbval still run the notebooks on the ordinary `uncac-ta` kernel.
"""

from __future__ import annotations

import base64
import builtins
import gc
import importlib
import io
import os
import pickle
import sys
import traceback

import nbformat
from papermill.engines import Engine, papermill_engines

ENGINE_NAME = "uncac-fork"  # the name lib.build.driver passes to papermill.execute_notebook(engine_name=...)
# Imported once before the workers fork. pandas decides its display defaults at import by asking get_ipython(),
# which preload() answers as a kernel would; matplotlib uses the inline backend, as ipykernel sets it.
PRELOAD = [
    "IPython",
    "IPython.core.interactiveshell",
    "IPython.core.logger",
    "bdb",
    "matplotlib_inline.backend_inline",
    "numpy",
    "pandas",
    "pandas.io.formats.csvs",
    "pandas.core.reshape.reshape",
    "pyarrow.parquet",
    "pyarrow.dataset",
    "pyarrow.pandas_compat",
    "matplotlib",
    "matplotlib.pyplot",
    "seaborn",
    "pandera.pandas",
]
REPORT_LAYERS = ("lib.io", "lib.model", "lib.analysis", "lib.present")  # every module a report notebook can import, preloaded too
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"  # what ipykernel sets for every kernel
CHILD_CRASHED = "ChildProcessError"  # ename recorded when the child dies without reporting (segfault, os._exit)


class NotebookShell:
    """The IPython shell a child executes cells in, recording outputs as a kernel would send them."""

    def __init__(self):
        from IPython.core.displayhook import DisplayHook
        from IPython.core.displaypub import DisplayPublisher
        from IPython.core.interactiveshell import InteractiveShell
        from traitlets.config import Config

        outputs: list[dict] = []
        self.outputs = outputs

        class Publisher(DisplayPublisher):
            def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
                outputs.append({"output_type": "display_data", "data": encode_data(data), "metadata": metadata or {}})

            def clear_output(self, wait=False):
                outputs.clear()

        class Hook(DisplayHook):
            def __call__(self, result=None):
                if result is None or self.quiet():
                    return
                self.fill_exec_result(result)
                data, metadata = self.shell.display_formatter.format(result)
                if data:
                    outputs.append(
                        {
                            "output_type": "execute_result",
                            "execution_count": self.shell.execution_count,
                            "data": encode_data(data),
                            "metadata": metadata or {},
                        }
                    )

        class Shell(InteractiveShell):
            def enable_gui(self, gui=None):
                pass  # no event loop: figures are drawn inline, as in a kernel

            def _showtraceback(self, etype, evalue, stb):
                sys.stdout.flush()
                sys.stderr.flush()
                outputs.append({"output_type": "error", "ename": str(etype.__name__), "evalue": str(evalue), "traceback": stb})

        config = Config()
        config.HistoryManager.enabled = False  # no input history: an SQLite write per cell, shared between children
        config.InteractiveShell.colors = "linux"  # tracebacks coloured as in a kernel (nbconvert renders ANSI)
        self.shell = Shell.instance(config=config, display_pub_class=Publisher)
        self.shell.displayhook = Hook(shell=self.shell, cache_size=0)
        self.shell.display_trap.hook = self.shell.displayhook
        self.shell.enable_matplotlib("inline")

    def run_cell(self, source: str) -> tuple[list[dict], int | None, bool]:
        """Execute one cell; return (outputs, execution count, whether it raised)."""
        self.outputs.clear()
        stdout, stderr = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = StreamRecorder("stdout", self.outputs), StreamRecorder("stderr", self.outputs)
        try:
            result = self.shell.run_cell(source, store_history=True)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            sys.stdout, sys.stderr = stdout, stderr
        failed = result.error_before_exec is not None or result.error_in_exec is not None
        return list(self.outputs), result.execution_count, failed


class StreamRecorder(io.TextIOBase):
    """A stdout/stderr that appends stream outputs, merging consecutive writes as a kernel's notebook does."""

    def __init__(self, name: str, outputs: list[dict]):
        super().__init__()
        self.name, self.outputs = name, outputs

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not text:
            return 0
        last = self.outputs[-1] if self.outputs else None
        if last and last["output_type"] == "stream" and last["name"] == self.name:
            last["text"] += text
        else:
            self.outputs.append({"output_type": "stream", "name": self.name, "text": text})
        return len(text)


def encode_data(data: dict) -> dict:
    """Return a display bundle as a kernel sends it: binary values (PNG) base64-encoded."""
    return {mime: base64.b64encode(value).decode("ascii") if isinstance(value, bytes) else value for mime, value in data.items()}


_shell: NotebookShell | None = None  # created by preload() in the parent, so every forked child starts from it


def preload() -> None:
    """Import the PRELOAD modules as a kernel would and create the pristine shell children will run cells in."""
    global _shell
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)

    class _KernelLike:
        kernel = True
        config = {"IPKernelApp": {}}

    builtins.get_ipython = lambda: _KernelLike()
    try:
        for name in PRELOAD + list_report_modules():
            importlib.import_module(name)
    finally:
        del builtins.get_ipython
    warm_up_drawing()
    if _shell is None:
        main = sys.modules["__main__"]
        _shell = NotebookShell()
        sys.modules["__main__"] = main  # the shell installs its namespace as __main__; only children run in it
    gc.freeze()  # children's garbage collections skip (and so do not copy) the pre-imported objects


def list_report_modules() -> list[str]:
    """Return every module of the layers report notebooks import (lib.io to lib.present), found on disk: none is missed."""
    import pkgutil

    names = []
    for package in REPORT_LAYERS:
        names += [f"{package}.{m.name}" for m in pkgutil.iter_modules(importlib.import_module(package).__path__)]
    return names


def warm_up_drawing() -> None:
    """Draw and encode one throwaway chart without pyplot, so each child inherits the Agg and text-layout set-up."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(3, 2))
    ax = fig.subplots()
    ax.barh(["Art. 5", "Art. 15"], [40.0, 60.0])
    ax.set_title("warm-up", loc="left")
    ax.set_xlabel("per cent")
    fig.savefig(io.BytesIO(), format="png", bbox_inches="tight")


def run_child(sources: list[str], cwd: str, out) -> None:
    """In the forked child: execute the cells in order, writing (outputs, count, failed) for each; stop at an error."""
    if cwd:
        os.chdir(cwd)
    sys.stdin = open(os.devnull)  # a notebook cannot prompt; input() fails at once as in papermill
    sys.modules["__main__"] = _shell.shell.user_module  # as in a kernel: the notebook's namespace is __main__
    for source in sources:
        outputs, count, failed = _shell.run_cell(source)
        pickle.dump((outputs, count, failed), out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()
        if failed:
            break


def fork_and_run(sources: list[str], cwd: str):
    """Fork a child that runs the cells; yield each cell's (outputs, count, failed) as it completes."""
    if _shell is None:
        preload()
    sys.stdout.flush()
    sys.stderr.flush()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into the parent's code, never run its exit handlers
        status = 0
        try:
            os.close(read_fd)
            with os.fdopen(write_fd, "wb") as out:
                run_child(sources, cwd, out)
        except BaseException:
            traceback.print_exc()
            status = 1
        finally:
            os._exit(status)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd, "rb") as results:
            for _ in sources:
                try:
                    yield pickle.load(results)
                except EOFError:
                    return
    finally:
        _, status = os.waitpid(pid, 0)


class ForkEngine(Engine):
    """papermill engine: each notebook in a forked child of the pre-imported worker (see the module docstring)."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, cwd=None, **kwargs):
        code = [(i, cell) for i, cell in enumerate(nb_man.nb.cells) if cell.cell_type == "code"]
        results = fork_and_run([cell.source for _, cell in code], cwd or "")
        for index, cell in code:
            nb_man.cell_start(cell, index)
            try:
                outputs, count, failed = next(results, None) or crash_report()
                cell.outputs = [nbformat.from_dict(o) for o in outputs]
                cell.execution_count = count
                if failed:
                    nb_man.cell_exception(cell, cell_index=index)
                    break
            finally:
                nb_man.cell_complete(cell, cell_index=index)
        results.close()


def crash_report() -> tuple[list[dict], None, bool]:
    """Return the outputs of a cell whose child died without reporting."""
    message = "the notebook's process died while running this cell"
    return [{"output_type": "error", "ename": CHILD_CRASHED, "evalue": message, "traceback": [f"{CHILD_CRASHED}: {message}"]}], None, True


papermill_engines.register(ENGINE_NAME, ForkEngine)
