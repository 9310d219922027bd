"""Describe the machine and render the benchmark's results as docs/benchmarks.md."""

from __future__ import annotations

import datetime
import os
import platform
import re
from importlib import metadata
from pathlib import Path

OURS = "ipro.camera"
BASELINE = "uri baseline"
# The targets the benchmark checks.
TARGET_SIZE = 500
TARGET_SPEEDUP = 10.0
TARGET_FIRST_RUN_SECONDS = 300.0
TARGET_GROWTH_SLACK = 1.1
RUN_NAMES = {
    "first": "first run",
    "rerun": "converged rerun",
    "check": "--check --diff",
    "audit": "audit.yml",
}


def environment() -> dict:
    """Return the machine and software versions that the numbers depend on."""
    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    meminfo = Path("/proc/meminfo").read_text(encoding="utf-8")
    memory_kb = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.MULTILINE)
    return dict(
        date=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        cpus=os.cpu_count(),
        cpu_model=model[1].strip() if model else "unknown",
        memory_gib=round(int(memory_kb[1]) / 1024 / 1024, 1) if memory_kb else None,
        kernel=platform.release(),
        python=platform.python_version(),
        ansible_core=metadata.version("ansible-core"),
        aiohttp=metadata.version("aiohttp"),
    )


def progress_line(record: dict) -> str:
    return (
        f"{record['size']:>4} cameras {record['level']:<8} {record['tool']:<12} {record['run']:<6}"
        f" wall {record['wall_seconds']:8.1f} s  cpu {record['cpu_seconds']:8.1f} s"
        f"  reads {record['reads_sum']:6d} (max {record['reads_max']})"
        f"  writes {record['writes_sum']:5d} (max {record['writes_max']})"
        f"  failed hosts {record['failed_hosts']}  rc {record['returncode']}"
    )


def load_line(record: dict) -> str:
    return (
        f"{record['size']:>4} cameras emulator alone, {record['pattern']}: {record['requests_per_second']} requests/s,"
        f" p95 {record['latency_p95_ms']} ms, {record['errors']} errors,"
        f" emulator at {record['emulator_cpu_share']:.0%} of one core"
    )


def _find(runs, size, level, tool, run):
    for record in runs:
        if (record["size"], record["level"], record["tool"], record["run"]) == (size, level, tool, run):
            return record
    return None


def _seconds(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def _verdict(ok) -> str:
    return {True: "met", False: "**not met**", None: "not measured"}[ok]


def baseline_wall(runs, size, level, run):
    """Return (wall seconds, estimated) of the baseline's run at `size`, or (None, False).

    Where the baseline did not run at `size`, the run at the largest size it did run at is
    scaled in proportion to the number of cameras. Its cost per camera is Ansible's cost per
    task and host plus one module process per uri task, neither of which depends on the fleet
    size. The scaling also scales the playbook's start-up of a few seconds, which slightly
    favours ipro.camera.
    """
    measured = _find(runs, size, level, BASELINE, run)
    if measured is not None:
        return measured["wall_seconds"], False
    others = [r for r in runs if (r["level"], r["tool"], r["run"]) == (level, BASELINE, run)]
    if not others:
        return None, False
    largest = max(others, key=lambda r: r["size"])
    return largest["wall_seconds"] * size / largest["size"], True


def _speedup(runs, size, level, run):
    """Return (baseline wall / ipro.camera wall, estimated), or (None, False) without both."""
    ours = _find(runs, size, level, OURS, run)
    baseline, estimated = baseline_wall(runs, size, level, run)
    if ours is None or baseline is None or ours["wall_seconds"] <= 0:
        return None, False
    return baseline / ours["wall_seconds"], estimated


def render_headline(results: dict) -> list[str]:
    lines = [
        "## Headline: uri baseline time / ipro.camera time",
        "",
        "Wall-clock time of the same run on the same fleet; above 1 means ipro.camera is faster. "
        "An estimate scales the baseline's largest measured run in proportion to the number of "
        "cameras (see Method).",
        "",
        "| cameras | level | run | ipro.camera (s) | uri baseline (s) | baseline / ipro.camera |",
        "| ---: | --- | --- | ---: | ---: | ---: |",
    ]
    for size in results["sizes"]:
        for level in results["levels"]:
            for run in ("first", "rerun", "check"):
                ours = _find(results["runs"], size, level, OURS, run)
                if ours is None:
                    continue
                baseline, estimated = baseline_wall(results["runs"], size, level, run)
                ratio, _estimated = _speedup(results["runs"], size, level, run)
                mark = " (estimate)" if estimated else ""
                lines.append(
                    f"| {size} | {level} | {RUN_NAMES[run]} | {_seconds(ours['wall_seconds'])} | "
                    f"{_seconds(baseline) + mark if baseline is not None else 'not run'} | "
                    f"{f'{ratio:.1f}x{mark}' if ratio is not None else '-'} |"
                )
    return lines + [""] + _estimate_caveat(results)


def _estimate_caveat(results: dict) -> list[str]:
    """Say how far ipro.camera's cost per camera grew, which a proportional estimate leaves out."""
    sizes = sorted(results["sizes"])
    level = results["levels"][0]
    small = _find(results["runs"], sizes[0], level, OURS, "rerun")
    large = _find(results["runs"], sizes[-1], level, OURS, "rerun")
    estimated = any(size not in results["baseline_sizes"] for size in sizes)
    if not estimated or small is None or large is None or small is large:
        return []
    growth = (large["cpu_seconds"] / sizes[-1]) / (small["cpu_seconds"] / sizes[0]) - 1
    return [
        f"The CPU time per camera of ipro.camera's converged rerun grew by {growth:.0%} from {sizes[0]} to "
        f"{sizes[-1]} cameras. Part of Ansible's cost per task and host grows with the fleet, and the "
        "baseline pays it too, so its estimates are likely somewhat low. Most of the baseline's cost is "
        "the uri module's own process, which does not grow with the fleet, so they are likely low by "
        "less than that percentage.",
        "",
    ]


def evaluate_targets(results: dict) -> list[tuple[str, str, object]]:
    """Return (target, what was measured, True/False/None) for each target."""
    runs = results["runs"]
    level = "standard" if "standard" in results["levels"] else results["levels"][0]
    targets = []

    for run in ("rerun", "check"):
        ratio, estimated = _speedup(runs, TARGET_SIZE, level, run)
        measured = "no run at this size"
        if ratio is not None:
            measured = f"{ratio:.1f}x" + (" against an estimated baseline" if estimated else "")
        targets.append((
            f"{RUN_NAMES[run]} at {TARGET_SIZE} cameras at least {TARGET_SPEEDUP:g}x faster than the uri baseline",
            measured,
            None if ratio is None else ratio >= TARGET_SPEEDUP,
        ))

    for run in ("rerun", "check"):
        ours = [r for r in runs if r["tool"] == OURS and r["run"] == run]
        writes = sum(r["writes_sum"] for r in ours)
        targets.append((
            f"{RUN_NAMES[run]} sends no write (every size and level)",
            f"{writes} writes" if ours else "no run",
            None if not ours else writes == 0,
        ))

    for run in ("rerun", "check"):
        ours = [r for r in runs if r["tool"] == OURS and r["run"] == run]
        if not ours:
            targets.append((f"{RUN_NAMES[run]}: at most one read per settings group per camera", "no run", None))
            continue
        if any("setting_reads_max" not in r for r in ours):
            targets.append((f"{RUN_NAMES[run]}: at most one read per settings group per camera",
                            "not measured by this version of the benchmark", None))
            continue
        # The emulator counts the reads of every settings key, so a group read twice shows as 2.
        maximum_reads = max(r["setting_reads_max"] for r in ours)
        worst = max(ours, key=lambda r: r["reads_max"])
        baseline = _find(runs, worst["size"], worst["level"], BASELINE, run)
        requests = (f"; all reads per camera: up to {worst['reads_max']}, {worst['auth_challenges_max']} of them "
                    f"Digest challenges" + (f", against the baseline's {baseline['reads_max']}" if baseline else ""))
        targets.append((
            f"{RUN_NAMES[run]}: at most one read per settings group per camera",
            f"each settings key read at most {maximum_reads} time{'s' if maximum_reads != 1 else ''} per camera"
            f"{requests}",
            maximum_reads <= 1,
        ))

    first = _find(runs, TARGET_SIZE, level, OURS, "first")
    targets.append((
        f"first run at {TARGET_SIZE} cameras ({level} level, factory-fresh) under "
        f"{TARGET_FIRST_RUN_SECONDS / 60:g} minutes",
        f"{_seconds(first['wall_seconds'])} s" if first else "no run at this size",
        None if first is None else first["wall_seconds"] < TARGET_FIRST_RUN_SECONDS,
    ))

    sizes = sorted(results["sizes"])
    for run in ("first", "rerun", "check"):
        small = _find(runs, sizes[0], level, OURS, run)
        large = _find(runs, sizes[-1], level, OURS, run)
        if len(sizes) < 2 or small is None or large is None:
            targets.append((f"{RUN_NAMES[run]} grows linearly", "needs two fleet sizes", None))
            continue
        allowed = TARGET_GROWTH_SLACK * sizes[-1] / sizes[0]
        growth = large["wall_seconds"] / small["wall_seconds"]
        targets.append((
            f"{RUN_NAMES[run]} grows linearly: the {sizes[-1]}-camera time at most {allowed:g}x the "
            f"{sizes[0]}-camera time",
            f"{growth:.1f}x",
            growth <= allowed,
        ))
    return targets


def render_targets(results: dict) -> list[str]:
    lines = ["## Targets", "", "| target | measured | verdict |", "| --- | --- | --- |"]
    for target, measured, ok in evaluate_targets(results):
        lines.append(f"| {target} | {measured} | {_verdict(ok)} |")
    return lines + [""]


def render_growth(results: dict) -> list[str]:
    """Show ipro.camera's wall and CPU time per camera at each size, which linear growth keeps flat."""
    lines = [
        "## ipro.camera per camera",
        "",
        "Seconds per camera: wall time and controller CPU time divided by the number of cameras. "
        "Linear growth keeps both flat across sizes. The max RSS is that of the largest process, "
        "ansible-playbook or one of its workers, which start as forks of it.",
        "",
        "| level | run | cameras | wall s per camera | CPU s per camera | max RSS MB | load |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for level in results["levels"]:
        for run in ("first", "rerun", "check", "audit"):
            for size in results["sizes"]:
                ours = _find(results["runs"], size, level, OURS, run)
                if ours is None:
                    continue
                lines.append(
                    f"| {level} | {RUN_NAMES[run]} | {size} | {ours['wall_seconds'] / size:.2f} | "
                    f"{ours['cpu_seconds'] / size:.2f} | {ours['max_rss_mb']} | {ours['load_before']} |"
                )
    return lines + [""]


def render_machine(results: dict) -> list[str]:
    env = results["environment"]
    return [
        "## Machine and settings",
        "",
        "| item | value |",
        "| --- | --- |",
        f"| date | {env['date']} |",
        f"| CPU | {env['cpu_model']}, {env['cpus']} cores (nproc) |",
        f"| memory | {env['memory_gib']} GiB |",
        f"| kernel | Linux {env['kernel']} |",
        f"| Python | {env['python']} |",
        f"| ansible-core | {env['ansible_core']} |",
        f"| aiohttp (emulator) | {env['aiohttp']} |",
        f"| forks, strategy | {results['forks']}, {results['strategy']} |",
        f"| emulator timings | restart {results['timings']['restart_seconds']} s, firmware "
        f"{results['timings']['firmware_seconds']} s, key generation {results['timings']['keygen_seconds']} s |",
        f"| firmware update in the first run | {'on' if results['firmware'] else 'off'} |",
        f"| uri baseline measured at | {', '.join(str(size) for size in results['baseline_sizes']) or 'no size'} cameras |",
        f"| duration of the whole benchmark | {results.get('duration_seconds', 0) / 60:.0f} min |",
        "",
    ]


def render_load(results: dict) -> list[str]:
    lines = [
        "## The emulator alone",
        "",
        "An async client (bench/loadtest.py) sends authenticated `getdata` reads to the first cameras "
        "of each fleet, with as many concurrent clients as Ansible has forks. It runs on the same two "
        "cores as the emulator, so these rates are lower bounds.",
        "",
        "| cameras | pattern | clients | requests/s | reads/s | p50 ms | p95 ms | errors | emulator CPU |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for record in results["load"]:
        lines.append(
            f"| {record['size']} | {record['pattern']} | {record['concurrency']} | {record['requests_per_second']} | "
            f"{record['reads_per_second']} | {record['latency_p50_ms']} | {record['latency_p95_ms']} | "
            f"{record['errors']} | {record['emulator_cpu_share']:.0%} of a core |"
        )

    busiest = max(results["runs"], key=lambda r: r["requests_sum"] / max(r["wall_seconds"], 0.001), default=None)
    hottest = max(results["runs"], key=lambda r: r["emulator_cpu_seconds"] / max(r["wall_seconds"], 0.001),
                  default=None)
    if busiest is not None:
        lines += [
            "",
            f"During the playbook runs the emulator served at most "
            f"{busiest['requests_sum'] / busiest['wall_seconds']:.0f} requests/s "
            f"({busiest['tool']}, {busiest['size']} cameras, {RUN_NAMES[busiest['run']]}) and used at most "
            f"{hottest['emulator_cpu_seconds'] / hottest['wall_seconds']:.0%} of one core "
            f"({hottest['tool']}, {hottest['size']} cameras, {RUN_NAMES[hottest['run']]}).",
        ]
    return lines + [""]


def render_runs(results: dict) -> list[str]:
    lines = [
        "## Every run",
        "",
        "Reads and writes are the emulator's request counters, summed over the fleet and as the maximum "
        "of one camera. A Digest challenge (HTTP 401) counts as a request to the CGI it challenged. "
        "CPU is user plus system time of ansible-playbook and every process it forked. Max RSS is the "
        "largest of those processes. Load is the 1-minute load average before the run.",
        "",
    ]
    header = [
        "| level | tool | run | rc | wall s | CPU s | max RSS MB | emulator CPU s | load | changed hosts | "
        "failed hosts | reads sum | reads max | writes sum | writes max | 401 sum |",
        "| --- | --- | --- |" + " ---: |" * 13,
    ]
    for size in results["sizes"]:
        lines += [f"### {size} cameras", ""] + header
        for r in (r for r in results["runs"] if r["size"] == size):
            lines.append(
                f"| {r['level']} | {r['tool']} | {RUN_NAMES[r['run']]} | {r['returncode']} | "
                f"{_seconds(r['wall_seconds'])} | {_seconds(r['cpu_seconds'])} | {r['max_rss_mb']} | "
                f"{_seconds(r['emulator_cpu_seconds'])} | {r['load_before']} | {r['changed_hosts']} | "
                f"{r['failed_hosts']} | {r['reads_sum']} | {r['reads_max']} | {r['writes_sum']} | "
                f"{r['writes_max']} | {r['auth_challenges_sum']} |"
            )
        lines.append("")
    return lines


METHOD = """## Method

- Each fleet size gets a new emulator (`python -m tests.emulator serve`) whose cameras start
  factory-fresh, spread over up to 10 sites. The cameras restart their web service for the
  emulator timings above, so first runs measure the controller more than the waiting.
- ipro.camera runs `playbooks/harden.yml` with a copy of the emulator's inventory that sets
  `ipro_protection_level` and `ipro_firmware_enabled`: first run, converged rerun,
  `--check --diff`, then `playbooks/audit.yml` on the converged fleet. With the firmware
  update on, the first run also uploads a newer image to every camera, which the baseline
  does not do. A factory reset keeps the firmware version, so only the first level's first run
  updates firmware.
- Then every camera is factory-reset through the emulator's control API and the baseline,
  `bench/baseline/harden.yml`, does the same three runs with the same inventory, forks and
  strategy. By default it runs at the smallest fleet size only, because it costs several times
  more per camera; `--baseline-sizes` measures it at more sizes. At the other sizes the
  headline scales its largest measured run in proportion to the number of cameras.
- The baseline reads each settings group with one `ansible.builtin.uri` getdata, compares in
  `when:`, and writes with one setdata POST only when the group differs. It covers the
  administrator, accounts, authentication method, NTP, audio, SD card, FTP, UPnP, Easy IP Setup,
  SMTP over SSL, Internet mode, data encryption, alteration detection, SRTP, host
  authentication and HTTPS. It does not read back after a write, check firmware, IPv6 or the
  open ports, which ipro.camera does, so the comparison favours the baseline.
- uri (ansible-core 2.19) cannot authenticate with Digest to these cameras: the urllib of
  Python 3.11 responds only to the first challenge and supports only MD5 and SHA-1, and the
  cameras offer SHA-256 first. So before the
  baseline's first run the control API sets `UAUTHMTD=digest_basic` on every camera, and the
  baseline sends Basic credentials with every request and leaves `UAUTHMTD` at `digest_basic`.
  It therefore needs no Digest challenges, but cannot meet guide item 2.5.
- uri does not support check mode, so the baseline's reads run with `check_mode: false` and
  `--check` skips its writes; it reads as much as a rerun but shows drift only as skipped writes.
- Every run is measured once, and other work may have shared the machine (see the load column),
  so expect some spread.
"""


def render(results: dict) -> str:
    lines = [
        "# Benchmarks",
        "",
        "ipro.camera against a plain `ansible.builtin.uri` playbook on fleets of emulated cameras, "
        "written by `make bench` (`bench/run.py`). Absolute numbers depend on the machine and on "
        "what else ran on it; compare ratios and trends rather than seconds across machines.",
        "",
        f"Command: `{results['command']}` (`make bench` runs `python -m bench --sizes 50,200,500`; "
        "`make bench BENCH_SIZES=5` runs a quick one).",
        "",
    ]
    lines += render_machine(results)
    lines += render_headline(results)
    lines += render_targets(results)
    lines += render_growth(results)
    lines += render_load(results)
    lines += render_runs(results)
    lines.append(METHOD)
    return "\n".join(lines)
