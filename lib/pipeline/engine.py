"""A papermill engine that runs each notebook in a forked child of a pre-imported process, with no kernel.

The batch driver (lib.pipeline.driver) creates an IPython shell and imports the heavy libraries once (`preload`), then
its workers fork; for every notebook, the engine forks a fresh child of its worker, executes the cells there
in that pristine shell, and streams each cell's outputs back through a pipe. The child then exits, so
nothing one notebook does (globals, options, module state, environment, working folder) reaches the next: the
same isolation as a fresh kernel, without kernel start-up, ZMQ messages or a JSON round trip per output.
Outputs are what a Jupyter kernel records (streams, display data, execute results, errors with their
traceback), so the executed notebook and its HTML do not depend on the engine. Linux/macOS only (fork).
Analysts and nbval still run the notebooks on the ordinary `uncac-ta` kernel.

Public, documented APIs only (versions pinned in requirements.txt: papermill 2.7.0, ipython 9.18.1):
- papermill: an engine is a subclass of `papermill.engines.Engine` implementing `execute_managed_notebook(nb_man,
  kernel_name, **kwargs)`, registered with `papermill.engines.papermill_engines.register`; it reports progress
  through the execution manager's `cell_start`, `cell_exception` and `cell_complete` ("Developing a new engine").
- IPython: `InteractiveShell.instance(config=..., display_pub_class=..., displayhook_class=...)` (configurable
  traits); a `DisplayPublisher` subclass overriding `publish` and `clear_output`, a `DisplayHook` subclass
  overriding `write_output_prompt` and `write_format_data` ("subclasses should override this method to send the
  entire format_dict to the frontends"); `set_custom_exc(exc_tuple, handler)` and
  `InteractiveTB`/`SyntaxTB.structured_traceback` for errors; `run_cell` and its `ExecutionResult` (`execution_count`,
  `error_before_exec`, `error_in_exec`); `enable_gui`, which a subclass must implement; the `user_module` trait.
- matplotlib: the MPLBACKEND environment variable, set as ipykernel sets it; pandas: `set_option`.
"""

from __future__ import annotations

import base64
import gc
import importlib
import io
import os
import pickle
import sys
import traceback

import nbformat
from papermill.engines import Engine, papermill_engines

from lib.present.i18n import list_languages, load_translations

ENGINE_NAME = "uncac-fork"  # the name lib.pipeline.driver passes to papermill.execute_notebook(engine_name=...)
# Imported once, after the shell is created (as in a kernel, where the shell exists before the notebook's imports):
# matplotlib_inline then configures the inline backend for the shell, as it does in a kernel.
PRELOAD = [
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
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"  # what ipykernel sets for every kernel (unless MPLBACKEND is set)
# pandas picks this display default at import: 20 in a Jupyter kernel, 0 ("fit the terminal") in any other shell, such
# as this one (its documented default for display.max_columns is "0 or 20"); a kernel's value keeps reprs the same.
KERNEL_PANDAS_OPTIONS = {"display.max_columns": 20}
CHILD_CRASHED = "ChildProcessError"  # ename recorded when the child dies without reporting (segfault, os._exit)


class NotebookShell:
    """The IPython shell a child executes cells in, recording outputs as a kernel would send them."""

    def __init__(self) -> None:
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
            def write_output_prompt(self):
                pass  # no prompt: the result is an output of the cell

            def write_format_data(self, format_dict, md_dict=None):
                outputs.append(
                    {
                        "output_type": "execute_result",
                        "execution_count": self.prompt_count,
                        "data": encode_data(format_dict),
                        "metadata": md_dict or {},
                    }
                )

        class Shell(InteractiveShell):
            def enable_gui(self, gui=None):
                pass  # no event loop: figures are drawn inline, as in a kernel

        def record_error(shell, etype, value, tb, tb_offset=None):
            """Record an exception as a kernel's error output (a custom handler's traceback is not printed)."""
            if issubclass(etype, SyntaxError):  # the cell's own code does not compile: shown as IPython shows it
                stb = shell.SyntaxTB.structured_traceback(etype, value, [])
            else:
                stb = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
            outputs.append(error_output(etype.__name__, str(value), stb))

        config = Config()
        config.HistoryManager.enabled = False  # no input history: an SQLite write per cell, shared between children
        config.InteractiveShell.colors = "linux"  # tracebacks coloured as in a kernel (nbconvert renders ANSI)
        self.shell = Shell.instance(config=config, display_pub_class=Publisher, displayhook_class=Hook)
        self.shell.set_custom_exc((BaseException,), record_error)

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
        error = result.error_before_exec if result.error_before_exec is not None else result.error_in_exec
        if error is not None and not any(o["output_type"] == "error" for o in self.outputs):
            # what the custom handler does not see (SystemExit, an input transformer's error): IPython printed it
            self.outputs.append(error_output(type(error).__name__, str(error), [f"{type(error).__name__}: {error}"]))
        return list(self.outputs), result.execution_count, error is not None


def error_output(ename: str, evalue: str, traceback_lines: list[str]) -> dict:
    """Return an error output as a kernel sends it."""
    return {"output_type": "error", "ename": ename, "evalue": evalue, "traceback": traceback_lines}


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
    """Create the pristine shell children will run cells in, then import the PRELOAD modules and the report layers."""
    global _shell
    if _shell is None:
        os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
        main = sys.modules["__main__"]
        _shell = NotebookShell()  # first: libraries imported next find an IPython shell, as in a kernel
        sys.modules["__main__"] = main  # the shell installs its namespace as __main__; only children run in it
    for name in PRELOAD + list_report_modules():
        importlib.import_module(name)
    import pandas

    for option, value in KERNEL_PANDAS_OPTIONS.items():
        pandas.set_option(option, value)
    warm_up_drawing()
    for language in list_languages():  # each catalog parsed once here (a checkout has no .mo), not again in every child
        load_translations(language)
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
    if _shell is None:  # fork_and_run preloads it before it forks
        raise RuntimeError("No notebook shell in this child: preload() runs before the fork.")
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
    return [error_output(CHILD_CRASHED, message, [f"{CHILD_CRASHED}: {message}"])], None, True


papermill_engines.register(ENGINE_NAME, ForkEngine)
