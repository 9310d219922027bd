"""Run an emulated camera fleet for the benchmark and drive it through its control API."""

from __future__ import annotations

import os
import re
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

REPO_ROOT = Path(__file__).resolve().parents[1]
READY_LINE = re.compile(r"emulator ready: .* control (?P<control>http://\S+), inventory .*, CA (?P<ca>.+)$")
# Issuing a certificate per camera takes most of the start-up time, which grows with the fleet.
READY_TIMEOUT = 300.0
STOP_TIMEOUT = 20.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class FleetError(RuntimeError):
    pass


class Fleet:
    """One emulator process serving `cameras` factory-fresh cameras from `base_address` on.

    `timings` become the emulator's timing options: {"restart_seconds": 1} is passed as
    `--restart-seconds 1`.
    """

    def __init__(self, workdir: Path, cameras: int, sites: int, base_address: str, timings: dict):
        self.workdir = Path(workdir)
        self.size = cameras
        self.sites = sites
        self.base_address = base_address
        self.timings = timings
        self.inventory = self.workdir / "hosts.yml"
        self.stderr_path = self.workdir / "emulator.log"
        self.control_url = ""
        self.ca_path: Path | None = None
        self.names: list[str] = []
        self._process: subprocess.Popen | None = None
        self._session = requests.Session()

    def start(self) -> "Fleet":
        """Start the emulator and wait for its ready line."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        command = [
            sys.executable, "-m", "tests.emulator", "serve",
            "--cameras", str(self.size),
            "--sites", str(self.sites),
            "--inventory", str(self.inventory),
            "--control-port", "0",
            "--base-address", self.base_address,
            "--log-level", "WARNING",
        ]
        for option, value in self.timings.items():
            command += [f"--{option.replace('_', '-')}", str(value)]

        with open(self.stderr_path, "wb") as stderr:
            self._process = subprocess.Popen(
                command, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=stderr, stdin=subprocess.DEVNULL
            )
        match = READY_LINE.search(self._read_ready_line())
        if match is None:
            self.stop()
            raise FleetError(f"the emulator printed no ready line; see {self.stderr_path}")
        self.control_url = match["control"].rstrip(",")
        self.ca_path = Path(match["ca"].strip())
        self.names = [camera["name"] for camera in self._call("GET", "/cameras")]
        return self

    def _read_ready_line(self) -> str:
        deadline = time.monotonic() + READY_TIMEOUT
        with selectors.DefaultSelector() as selector:
            selector.register(self._process.stdout, selectors.EVENT_READ)
            while time.monotonic() < deadline:
                if selector.select(timeout=0.5):
                    return self._process.stdout.readline().decode()
                if self._process.poll() is not None:
                    return ""
        self.stop()
        raise FleetError(f"the emulator was not ready after {READY_TIMEOUT:g} s; see {self.stderr_path}")

    @property
    def pid(self) -> int:
        return self._process.pid

    def cpu_seconds(self) -> float:
        """Return the user plus system CPU time the emulator process has used so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
        # After the command name, utime and stime are the 12th and 13th fields, in clock ticks.
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def stop(self) -> int | None:
        """Stop the emulator with SIGTERM, kill it after STOP_TIMEOUT, and return its exit code."""
        self._session.close()
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

    def _call(self, method: str, path: str, body=None):
        response = self._session.request(method, f"{self.control_url}{path}", json=body, timeout=30)
        if response.status_code >= 400:
            raise FleetError(f"control API {method} {path} failed: {response.status_code} {response.text}")
        return response.json()

    def camera(self, name: str) -> dict:
        return self._call("GET", f"/cameras/{name}")

    def counters(self) -> dict[str, dict]:
        """Return {camera name: its request counters}."""
        return {name: self.camera(name)["counters"] for name in self.names}

    def reset_counters(self, names=None) -> None:
        for name in names or self.names:
            self._call("POST", f"/cameras/{name}/counters/reset")

    def factory_reset(self, names=None) -> None:
        for name in names or self.names:
            self._call("POST", f"/cameras/{name}/factory-reset")

    def patch(self, settings: dict, names=None) -> None:
        for name in names or self.names:
            self._call("PATCH", f"/cameras/{name}/settings", settings)

    def fault(self, name: str, **fault) -> dict:
        return self._call("POST", f"/cameras/{name}/faults", fault)

    def wait_online(self, names=None, timeout: float = 120.0) -> None:
        """Wait until every camera listens and no restart is pending, so a run starts on a quiet fleet."""
        deadline = time.monotonic() + timeout
        pending = list(names or self.names)
        while pending:
            pending = [name for name in pending if not self.camera(name)["online"]]
            if not pending:
                return
            if time.monotonic() > deadline:
                raise FleetError(f"{len(pending)} cameras still offline after {timeout:g} s, e.g. {pending[0]}")
            time.sleep(0.2)
