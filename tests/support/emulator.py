"""Run the camera emulator as a subprocess for a test and talk to its control API."""

from __future__ import annotations

import itertools
import os
import re
import selectors
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import requests

REPO_ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0
READY_LINE = re.compile(
    r"emulator ready: .* control (?P<control>http://\S+), inventory (?P<inventory>.+), CA (?P<ca>.+)$"
)
MAX_CAMERAS_PER_BLOCK = 250
START_ATTEMPTS = 5

_blocks = itertools.count()


def _run_salt() -> int:
    # Shared by all xdist workers of one run, different between runs that overlap in time.
    run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID") or str(os.getpid())
    return zlib.crc32(run_id.encode())


def _worker_index() -> int:
    match = re.fullmatch(r"gw(\d+)", os.environ.get("PYTEST_XDIST_WORKER", ""))
    return int(match.group(1)) if match else 0


def next_base_address(cameras: int) -> str:
    """Return the first address of an unused 127.W.B.1 block for this process.

    W comes from the xdist worker number, so workers of one run never collide. B comes
    from a per-run salt plus a counter, so overlapping runs rarely collide and a
    collision only costs a retry in Emulator.start().
    """
    blocks_needed = -(-cameras // MAX_CAMERAS_PER_BLOCK)
    block = next(_blocks)
    for _ in range(blocks_needed - 1):
        next(_blocks)
    second = 16 + _worker_index() % 200
    third = (_run_salt() + block) % 256
    return f"127.{second}.{third}.1"


class EmulatorError(RuntimeError):
    pass


class Emulator:
    """One emulator process with its own address block, control port and state folder.

    ``options`` become command-line options: ``restart_seconds=1`` is passed as
    ``--restart-seconds 1``.
    """

    def __init__(self, workdir: Path, cameras: int = 3, sites: int = 2, **options):
        self.workdir = Path(workdir)
        self.cameras_count = cameras
        self.sites = sites
        self.options = options
        self.inventory = self.workdir / "hosts.yml"
        self.ca_path: Path | None = None
        self.control_url = ""
        self.base_address = ""
        self.stderr_path = self.workdir / "emulator.stderr"
        self._process: subprocess.Popen | None = None
        self._session = requests.Session()

    # Process

    def start(self) -> "Emulator":
        """Start the process and wait for its ready line; retry in another block if busy."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        for attempt in range(START_ATTEMPTS):
            base = self.options.get("base_address") or next_base_address(self.cameras_count)
            if self._start_once(base):
                return self
            if "base_address" in self.options or "in use" not in self.stderr():
                break
        raise EmulatorError(f"emulator did not start; stderr:\n{self.stderr()}")

    def _start_once(self, base: str) -> bool:
        command = [
            sys.executable, "-m", "tests.emulator", "serve",
            "--cameras", str(self.cameras_count),
            "--sites", str(self.sites),
            "--inventory", str(self.inventory),
            "--control-port", "0",
            "--base-address", base,
        ]
        for key, value in self.options.items():
            if key != "base_address":
                command += [f"--{key.replace('_', '-')}", str(value)]

        with open(self.stderr_path, "wb") as stderr:
            self._process = subprocess.Popen(
                command, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=stderr, stdin=subprocess.DEVNULL
            )
        line = self._read_ready_line()
        if line is None:
            self._terminate()
            return False

        match = READY_LINE.search(line)
        if match is None:
            self._terminate()
            raise EmulatorError(f"unexpected ready line {line!r}; stderr:\n{self.stderr()}")
        self.base_address = base
        self.control_url = match["control"].rstrip(",")
        self.ca_path = Path(match["ca"].strip())
        return True

    def _read_ready_line(self) -> str | None:
        deadline = time.monotonic() + READY_TIMEOUT
        with selectors.DefaultSelector() as selector:
            selector.register(self._process.stdout, selectors.EVENT_READ)
            while time.monotonic() < deadline:
                if selector.select(timeout=0.2):
                    line = self._process.stdout.readline().decode()
                    return line.strip() or None
                if self._process.poll() is not None:
                    return None
        raise EmulatorError(f"emulator not ready after {READY_TIMEOUT:g} s; stderr:\n{self.stderr()}")

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace") if self.stderr_path.exists() else ""

    def stop(self) -> int | None:
        """Stop with SIGTERM, kill after STOP_TIMEOUT, and return the exit code."""
        self._session.close()
        return self._terminate()

    def _terminate(self) -> int | None:
        process, self._process = self._process, None
        if process is None:
            return None
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        process.stdout.close()
        return process.returncode

    # Control API

    def _call(self, method: str, path: str, body: dict | None = None):
        response = self._session.request(method, f"{self.control_url}{path}", json=body, timeout=10)
        if response.status_code >= 400:
            raise EmulatorError(f"control API {method} {path} failed: {response.status_code} {response.text}")
        return response.json()

    def cameras(self) -> list[dict]:
        return self._call("GET", "/cameras")

    def camera(self, name: str) -> dict:
        return self._call("GET", f"/cameras/{name}")

    def patch(self, name: str, **settings) -> dict:
        return self._call("PATCH", f"/cameras/{name}/settings", settings)

    def fault(self, name: str, **fault) -> dict:
        return self._call("POST", f"/cameras/{name}/faults", fault)

    def set_hosts(self, name: str, entries: list[dict]) -> dict:
        """Replace the camera's host authentication list with ``[{"address": ..., "level": 1-3}]``."""
        return self._call("POST", f"/cameras/{name}/hosts", entries)

    def factory_reset(self, name: str) -> dict:
        return self._call("POST", f"/cameras/{name}/factory-reset")

    def reset_counters(self, name: str) -> dict:
        return self._call("POST", f"/cameras/{name}/counters/reset")

    # Helpers for tests

    def url(self, name: str, cgi: str, scheme: str = "https") -> str:
        """Return the URL of /cgi-bin/<cgi> on a camera at its current port for ``scheme``."""
        camera = self.camera(name)
        port = camera["https_port"] if scheme == "https" else camera["http_port"]
        return f"{scheme}://{camera['address']}:{port}/cgi-bin/{cgi}"

    def wait_for(self, name: str, condition, timeout: float = 15.0) -> dict:
        """Poll the camera's details until ``condition(details)`` is true; return the details."""
        deadline = time.monotonic() + timeout
        while True:
            details = self.camera(name)
            if condition(details):
                return details
            if time.monotonic() > deadline:
                raise EmulatorError(f"{name}: condition not met after {timeout:g} s; last details: {details}")
            time.sleep(0.1)

    def restarts(self, name: str) -> int:
        """Return the number of web service restarts the camera has completed."""
        return self.camera(name)["restarts"]

    def wait_restarted(self, name: str, since: int, timeout: float = 15.0) -> dict:
        """Wait until the camera has completed a restart after ``since`` restarts and is online."""
        return self.wait_for(name, lambda details: details["restarts"] > since and details["online"], timeout)
