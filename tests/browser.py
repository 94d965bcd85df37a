"""Drive a headless Chromium over the DevTools protocol (a pipe, standard library only), as a reviewer would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from debian import install_package

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")  # Debian's package first
INSTALL_HINT = "install Debian's chromium (apt-get install chromium) or set CHROMIUM=/path/to/chrome"
AXE_VERSION = "4.14.1"  # axe-core (MPL-2.0), the accessibility engine: installed from npm at test set-up, never committed
AXE_DIR = Path(__file__).resolve().parent.parent / ".tmp" / f"axe-core-{AXE_VERSION}"  # .tmp/ is git-ignored
AXE_HINT = f"install Node.js's npm (apt-get install npm) or set AXE_CORE=/path/to/axe.min.js (axe-core {AXE_VERSION})"
# The rules of WCAG 2.1 level AA, the level UN web content follows (axe-core's tags for levels A and AA of 2.0 and 2.1).
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def find_chromium() -> str | None:
    """Return a Chromium executable: $CHROMIUM, else the first on PATH."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    return next((shutil.which(n) for n in CHROMIUM_NAMES if shutil.which(n)), None)


def ensure_chromium() -> str:
    """Return a Chromium executable, installing Debian's package when missing and allowed (root with apt-get)."""
    found = find_chromium()
    if found:
        return found
    install_package("chromium")
    found = find_chromium()
    if not found:
        raise RuntimeError(f"No Chromium for the browser test: {INSTALL_HINT}.")
    return found


def ensure_axe() -> Path:
    """Return axe-core's axe.min.js: $AXE_CORE, else the pinned version, installed from npm into .tmp/ when missing."""
    if os.environ.get("AXE_CORE"):
        return Path(os.environ["AXE_CORE"])
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file() and not shutil.which("npm"):
        install_package("npm", update=False)
    if not script.is_file() and shutil.which("npm"):
        AXE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(AXE_DIR), "--no-save", "--no-audit", "--no-fund", f"axe-core@{AXE_VERSION}"],
            check=False,
            capture_output=True,
        )
    if not script.is_file():
        raise RuntimeError(f"No axe-core for the accessibility test: {AXE_HINT}.")
    return script


class Browser:
    """A headless Chromium page: navigate, evaluate script, and record network requests and console errors."""

    def __init__(self, executable: str):
        self.profile = tempfile.mkdtemp(prefix="uncac-chromium-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def plumb():  # Chromium reads commands on fd 3 and writes replies on fd 4 (copied high first: no clobbering)
            high_r, high_w = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self.proc = subprocess.Popen(
            [
                executable,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--remote-debugging-pipe",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            preexec_fn=plumb,
            pass_fds=(3, 4),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer, self._next_id, self.events = b"", 0, []
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            self.send(f"{domain}.enable", session=True)

    def send(self, method: str, params: dict | None = None, session: bool = False, timeout: float = 30) -> dict:
        """Send one command and return its result (events that arrive meanwhile are recorded)."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
        raise TimeoutError(method)

    def _read(self) -> dict:
        """Return the next message from Chromium."""
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_chrome, 1 << 16)
            if not chunk:
                raise ConnectionError("Chromium closed the pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def wait_for(self, method: str, timeout: float = 30) -> dict:
        """Wait for an event (already received, or the next to come)."""
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(i)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            event = self._read()
            if event.get("method") == method:
                return event
            self.events.append(event)
        raise TimeoutError(method)

    def open(self, url: str) -> None:
        """Navigate and wait until the page has loaded."""
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        self.send("Page.navigate", {"url": url}, session=True)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str):
        """Return the value of a script expression in the page."""
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}, session=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def check_accessibility(self, axe_script: str, tags: list[str] = WCAG_AA_TAGS) -> list[dict]:
        """Return axe-core's violations of the rules tagged `tags` on the open page (axe injected by script: no request)."""
        self.evaluate(axe_script + ";0")
        options = json.dumps({"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]})
        return self.evaluate(
            f"axe.run(document, {options}).then(r => r.violations.map(v => ({{id: v.id, impact: v.impact, help: v.help, "
            "nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)})))"
        )

    def requested_urls(self) -> list[str]:
        """Return every URL the page requested so far."""
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def console_errors(self) -> list[str]:
        """Return console errors and uncaught exceptions so far."""
        errors = []
        for e in self.events:
            if e.get("method") == "Runtime.exceptionThrown":
                errors.append(json.dumps(e["params"]["exceptionDetails"])[:300])
            elif e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert"):
                errors.append(json.dumps(e["params"]["args"])[:300])
            elif e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error":
                errors.append(e["params"]["entry"]["text"][:300])
        return errors

    def close(self) -> None:
        """Stop Chromium and remove its profile."""
        try:
            self.send("Browser.close", timeout=5)
        except (OSError, TimeoutError, ConnectionError, RuntimeError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self._to_chrome)
        os.close(self._from_chrome)
        shutil.rmtree(self.profile, ignore_errors=True)


def as_url(path: Path) -> str:
    """Return a file:// URL."""
    return path.resolve().as_uri()
