"""Stand in for a kernel process: ask the fork server (lib/zygote.py) for a kernel and relay signals to it.

Run by the kernelspec the batch driver writes (`python -S -E lib/zygote_client.py -f CONNECTION_FILE`);
standard library only, so it starts in a few milliseconds. The socket comes from $UNCAC_ZYGOTE_SOCKET.
"""

import json
import os
import signal
import socket
import struct
import sys
import time

SOCKET_ENV = "UNCAC_ZYGOTE_SOCKET"  # set by lib.build for the duration of a build
POLL_S = 0.05  # how often to check whether the kernel (or our own parent) is still there
RELAYED_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2)


def request_kernel(connection_file: str) -> int:
    """Send the request with our stdio descriptors; return the pid of the forked kernel."""
    body = json.dumps({"connection_file": os.path.abspath(connection_file), "cwd": os.getcwd(),
                       "env": dict(os.environ), "client_pid": os.getpid()}).encode()
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.connect(os.environ[SOCKET_ENV])
    message = struct.pack("!I", len(body)) + body
    sent = socket.send_fds(conn, [message[:1 << 15]], [0, 1, 2])
    if sent < len(message):  # never send an empty rest: the server may already have answered and closed
        conn.sendall(message[sent:])
    reply = b""
    while chunk := conn.recv(4096):
        reply += chunk
    conn.close()
    return json.loads(reply)["pid"]


def is_alive(pid: int) -> bool:
    """Return whether a process exists."""
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


def main() -> int:
    """Request a kernel, relay signals to it, exit when it exits; kill it if our parent dies."""
    if len(sys.argv) != 3 or sys.argv[1] != "-f":
        sys.stderr.write("usage: zygote_client.py -f CONNECTION_FILE\n")
        return 2
    pid = request_kernel(sys.argv[2])
    for sig in RELAYED_SIGNALS:
        signal.signal(sig, lambda signum, _frame: os.kill(pid, signum) if is_alive(pid) else None)
    parent = os.getppid()
    while is_alive(pid):
        if os.getppid() != parent:  # papermill/nbclient died: take the kernel down with us
            os.kill(pid, signal.SIGKILL)
            return 1
        time.sleep(POLL_S)
    return 0


if __name__ == "__main__":
    sys.exit(main())
