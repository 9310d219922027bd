"""Run one ansible-playbook command and measure it: wall time, CPU time, memory and the recap."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

RECAP = re.compile(
    r"^(?P<host>\S+)\s+: ok=(?P<ok>\d+)\s+changed=(?P<changed>\d+)\s+unreachable=(?P<unreachable>\d+)"
    r"\s+failed=(?P<failed>\d+)"
)


@dataclass
class Measurement:
    """The cost of one playbook run to the controller, and Ansible's recap of it.

    CPU times and `max_rss_kb` cover ansible-playbook and every worker process it forked
    and waited for. `max_rss_kb` is the largest resident set of any one of those processes,
    not their sum.
    """

    returncode: int
    wall_seconds: float
    user_seconds: float
    system_seconds: float
    max_rss_kb: int
    log: Path
    recap: dict = field(default_factory=dict)

    @property
    def cpu_seconds(self) -> float:
        return self.user_seconds + self.system_seconds

    def total(self, counter: str) -> int:
        return sum(host[counter] for host in self.recap.values())

    def hosts_with(self, counter: str) -> int:
        return sum(1 for host in self.recap.values() if host[counter])


def parse_recap(text: str) -> dict:
    """Return {host: {ok, changed, unreachable, failed}} from the PLAY RECAP lines."""
    recap = {}
    for line in text.splitlines():
        match = RECAP.match(line)
        if match:
            recap[match["host"]] = {key: int(value) for key, value in match.groupdict().items() if key != "host"}
    return recap


def run_measured(command: list[str], env: dict, cwd: Path, log: Path, timeout: float) -> Measurement:
    """Run `command` with its output in `log`, and measure it with wait4.

    On Linux, wait4 returns the resource usage of the child plus all of its descendants
    that were waited for, which is the ansible-playbook process tree.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as output:
        started = time.monotonic()
        # A session of its own lets a timeout kill the workers along with ansible-playbook.
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        status, usage = _wait(process, started + timeout)
        wall = time.monotonic() - started

    text = log.read_text(encoding="utf-8", errors="replace")
    return Measurement(
        returncode=os.waitstatus_to_exitcode(status),
        wall_seconds=wall,
        user_seconds=usage.ru_utime,
        system_seconds=usage.ru_stime,
        max_rss_kb=usage.ru_maxrss,
        log=log,
        recap=parse_recap(text),
    )


def _wait(process: subprocess.Popen, deadline: float):
    """Wait for `process` until `deadline`, then kill it; return its wait status and resource usage."""
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            # Popen must not wait for a process that wait4 already reaped.
            process.returncode = os.waitstatus_to_exitcode(status)
            return status, usage
        if time.monotonic() > deadline:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.1)
