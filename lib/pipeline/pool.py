"""For measurement (UNCAC_KERNEL=pool make bench): papermill's own nbclient engine on a pool of pre-started kernels.

Each worker of the driver keeps one kernel started ahead: when a notebook takes it, the next one is started at once
(a jupyter_client KernelManager) and warmed up in a background thread (the same imports the fork engine preloads,
executed silently, so the notebook's namespace and execution count are untouched); every kernel runs exactly one
notebook through papermill's NBClientEngine, which accepts a started kernel manager (`km`), then is shut down.
"""

from __future__ import annotations

import threading

from jupyter_client.manager import KernelManager
from papermill.engines import NBClientEngine, papermill_engines

from lib.io.paths import ROOT
from lib.pipeline.engine import PRELOAD, list_report_modules

ENGINE_NAME = "uncac-pool"
KERNEL_NAME = "uncac-ta"
WARM_UP_TIMEOUT_S = 120
_next: tuple[threading.Thread, list] | None = None  # this worker's kernel being started ahead


def warm_up_code() -> str:
    """Return silent code importing what the fork engine preloads, binding no name in the notebook's namespace."""
    names = PRELOAD + list_report_modules()
    return f"for __uncac_m in {names!r}: __import__('importlib').import_module(__uncac_m)\ndel __uncac_m"


def start_kernel(holder: list) -> None:
    """Start a kernel, wait until it answers, run the warm-up imports in it; put its manager in holder."""
    km = KernelManager(kernel_name=KERNEL_NAME)
    km.start_kernel(cwd=str(ROOT))
    kc = km.blocking_client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=WARM_UP_TIMEOUT_S)
        kc.execute_interactive(warm_up_code(), silent=True, store_history=False, timeout=WARM_UP_TIMEOUT_S)
    finally:
        kc.stop_channels()
    holder.append(km)


def prepare_next() -> tuple[threading.Thread, list]:
    """Start this worker's next kernel in the background; return (the thread starting it, the list it is put in)."""
    global _next
    holder: list = []
    thread = threading.Thread(target=start_kernel, args=(holder,), daemon=True)
    thread.start()
    _next = (thread, holder)
    return _next


def take_kernel() -> KernelManager:
    """Return the kernel started ahead (waiting for it if needed) and start the next one."""
    thread, holder = _next if _next is not None else prepare_next()
    thread.join()
    prepare_next()
    return holder[0]


class PoolEngine(NBClientEngine):
    """papermill's nbclient engine, on a kernel started ahead; the kernel is shut down after its one notebook."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
        km = take_kernel()
        try:
            return super().execute_managed_notebook(nb_man, kernel_name, km=km, **kwargs)
        finally:
            km.shutdown_kernel(now=True)


papermill_engines.register(ENGINE_NAME, PoolEngine)
