"""Fork server for report kernels: import the heavy libraries once, then fork a fresh ipykernel per notebook.

Each kernel is a new process forked from the same pre-imported snapshot and dies after its notebook, so
notebooks are as isolated as with a fresh kernel (nothing one notebook does reaches the next) while kernel
start and library imports cost about 0.1 s instead of about 2.5 s. The batch driver (lib.build) starts the
server for one build and stops it after; kernels are requested through lib/zygote_client.py, which a
kernelspec names, so papermill and nbclient are used unchanged. Linux/macOS only (fork, Unix sockets).
"""

from __future__ import annotations

import builtins
import importlib
import json
import os
import signal
import socket
import struct
import sys
import threading
import time

# Modules imported once in the server. Only modules whose import does not depend on the kernel's context:
# matplotlib_inline must not be here (it hooks into the IPython shell when imported), and pandas decides its
# display defaults at import by asking get_ipython(), which preload() answers as a kernel would.
PRELOAD = ["ipykernel.kernelapp", "ipykernel.ipkernel", "IPython", "numpy", "pandas", "pyarrow.parquet",
           "matplotlib", "matplotlib.pyplot", "seaborn", "pandera.pandas",
           "lib.needs", "lib.narrative", "lib.charts", "lib.report", "lib.schema", "lib.matrix", "lib.brief"]
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"  # what ipykernel sets for every kernel
WATCH_INTERVAL_S = 0.2  # how often a kernel checks that its client (papermill's process) still exists
KERNEL_LOG_LEVEL = "--IPKernelApp.log_level=ERROR"  # drops the per-kernel "running over TCP" notice; errors still show
NO_HISTORY = "--HistoryManager.enabled=False"  # batch kernels need no input history (an SQLite write per cell, shared file)
HEADER = struct.Struct("!I")  # requests are length-prefixed JSON


def preload() -> None:
    """Import the PRELOAD modules as a kernel would (inline matplotlib backend, a kernel-like get_ipython)."""
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)

    class _KernelLike:
        kernel = True
        config = {"IPKernelApp": {}}

    builtins.get_ipython = lambda: _KernelLike()
    try:
        for name in PRELOAD:
            importlib.import_module(name)
    finally:
        del builtins.get_ipython
    warm_up_drawing()


def warm_up_drawing() -> None:
    """Draw and encode one throwaway chart without pyplot, so each kernel inherits the Agg and text-layout set-up."""
    import io

    from matplotlib.figure import Figure

    fig = Figure(figsize=(3, 2))
    ax = fig.subplots()
    ax.barh(["Art. 5", "Art. 15"], [40.0, 60.0])
    ax.set_title("warm-up", loc="left")
    ax.set_xlabel("per cent")
    fig.savefig(io.BytesIO(), format="png", bbox_inches="tight")


def receive_request(conn: socket.socket) -> tuple[dict, list[int]]:
    """Return a client's request (JSON) and the stdin/stdout/stderr file descriptors it passed."""
    data, fds, _, _ = socket.recv_fds(conn, 1 << 16, 3)
    (size,) = HEADER.unpack(data[:HEADER.size])
    body = data[HEADER.size:]
    while len(body) < size:
        chunk = conn.recv(size - len(body))
        if not chunk:
            raise ConnectionError("client went away mid-request")
        body += chunk
    return json.loads(body), list(fds)


def is_gone(pid: int) -> bool:
    """Return whether a process no longer runs (absent, or a zombie waiting for its parent to reap it)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def exit_when_gone(pid: int) -> None:
    """Exit this kernel as soon as the process `pid` (its client) is gone."""
    while not is_gone(pid):
        time.sleep(WATCH_INTERVAL_S)
    os._exit(1)


def run_kernel(request: dict, fds: list[int]) -> None:
    """In the forked child: take over the client's stdio, cwd and environment, then run an ipykernel."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    for i, fd in enumerate(fds):
        os.dup2(fd, i)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    for entry in reversed([p for p in request["env"].get("PYTHONPATH", "").split(os.pathsep) if p]):
        sys.path.insert(0, entry)
    threading.Thread(target=exit_when_gone, args=(request["client_pid"],), daemon=True).start()
    from ipykernel import kernelapp

    try:
        kernelapp.IPKernelApp.launch_instance(argv=["-f", request["connection_file"], f"--IPKernelApp.parent_handle={os.getppid()}",
                                                    KERNEL_LOG_LEVEL, NO_HISTORY])
    finally:
        os._exit(0)


def serve(path: str) -> None:
    """Preload, listen on a Unix socket, say 'ready' on stdout, and fork one kernel per request."""
    preload()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(16)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped automatically
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    threading.Thread(target=exit_when_gone, args=(os.getppid(),), daemon=True).start()  # the driver died: stop serving
    print("ready", flush=True)
    while True:
        conn, _ = server.accept()
        try:
            request, fds = receive_request(conn)
        except (OSError, ValueError, ConnectionError):
            conn.close()
            continue
        pid = os.fork()
        if pid == 0:
            server.close()
            conn.close()
            run_kernel(request, fds)
        for fd in fds:
            os.close(fd)
        try:
            conn.sendall(json.dumps({"pid": pid}).encode())
        finally:
            conn.close()


if __name__ == "__main__":
    serve(sys.argv[1])
