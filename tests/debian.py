"""Install a Debian package a test needs (Chromium, Poppler, npm) when it is missing and allowed: root with apt-get."""

from __future__ import annotations

import os
import shutil
import subprocess


def install_package(package: str, update: bool = True) -> None:
    """Install one Debian package quietly if this process may (root with apt-get); the caller checks the result."""
    if not (shutil.which("apt-get") and os.geteuid() == 0):
        return
    if update:
        subprocess.run(["apt-get", "update", "-qq"], check=False, capture_output=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", package],
        check=False,
        capture_output=True,
        env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"),
    )
