"""Benchmark ipro.camera against a plain ansible.builtin.uri playbook on emulated fleets.

    python -m bench --sizes 50,200,500

For each fleet size, the driver starts a factory-fresh emulated fleet, measures the emulator
alone, then times playbooks/harden.yml (first run, converged rerun, --check --diff audit and
playbooks/audit.yml) and the same runs of bench/baseline/harden.yml. It writes every number to
<workdir>/results.json and the tables to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import configparser
import json
import os
import sys
import time
from pathlib import Path

import requests
import yaml

from bench import loadtest, report
from bench.fleet import REPO_ROOT, Fleet
from bench.measure import run_measured

HARDEN = REPO_ROOT / "playbooks" / "harden.yml"
AUDIT = REPO_ROOT / "playbooks" / "audit.yml"
BASELINE = REPO_ROOT / "bench" / "baseline" / "harden.yml"
COLLECTIONS = REPO_ROOT / ".cache" / "collections"
ANSIBLE_PLAYBOOK = Path(sys.executable).parent / "ansible-playbook"
# Short outages make the first runs measure the controller rather than the waiting. The
# collection waits for each restart, whatever its length.
TIMINGS = {"restart_seconds": 1, "firmware_seconds": 1, "keygen_seconds": 1}
# Number of cameras that the load test registers an administrator on and sends reads to.
LOAD_CAMERAS = 25
RUN_TIMEOUT = 3 * 3600
OURS = "ipro.camera"
BASELINE_TOOL = "uri baseline"


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="50,200,500", help="comma-separated fleet sizes (default 50,200,500)")
    parser.add_argument("--levels", default="standard",
                        help="comma-separated protection levels to run, entry or standard (default standard)")
    parser.add_argument("--runs", default="first,rerun,check,audit",
                        help="runs of each tool: first, rerun, check, audit (default all four)")
    parser.add_argument("--baseline-sizes", default=None,
                        help="fleet sizes at which the uri baseline runs too (default: the smallest size); "
                        "the report scales the largest measured baseline linearly to the other sizes")
    parser.add_argument("--sites", type=int, default=10, help="sites the fleet is spread over (default 10)")
    parser.add_argument("--forks", type=int, default=None, help="ansible forks (default: ansible.cfg)")
    parser.add_argument("--strategy", default=None, help="ansible strategy plugin (default: ansible.cfg, linear)")
    parser.add_argument("--firmware", action=argparse.BooleanOptionalAction, default=True,
                        help="let the first run of ipro.camera update firmware, which the baseline does not "
                        "(default: on)")
    parser.add_argument("--load-seconds", type=float, default=5.0,
                        help="seconds per pattern of the emulator load test; 0 skips it (default 5)")
    parser.add_argument("--base-address", default="127.240.0.1",
                        help="address of the first camera, inside 127.0.0.0/8 (default 127.240.0.1)")
    parser.add_argument("--workdir", type=Path, default=REPO_ROOT / ".cache" / "bench",
                        help="folder for inventories, logs and results.json (default .cache/bench)")
    parser.add_argument("--output", type=Path, default=REPO_ROOT / "docs" / "benchmarks.md",
                        help="Markdown report to write (default docs/benchmarks.md)")
    parser.add_argument("--render", type=Path, default=None, metavar="RESULTS_JSON",
                        help="only write the report from the results.json of an earlier run")
    args = parser.parse_args(argv)

    args.sizes = _numbers(parser, "--sizes", args.sizes)
    args.baseline_sizes = [min(args.sizes)] if args.baseline_sizes is None else _numbers(
        parser, "--baseline-sizes", args.baseline_sizes)
    args.levels = _choices(parser, "--levels", args.levels, ("entry", "standard"))
    args.runs = _choices(parser, "--runs", args.runs, ("first", "rerun", "check", "audit"))
    if "first" not in args.runs:
        parser.error(f"--runs {','.join(args.runs)} is invalid: the other runs need a converged fleet, so add first")
    return args


def _numbers(parser, option, text) -> list[int]:
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        parser.error(f"{option} {text!r} is invalid: give whole numbers separated by commas, e.g. 50,200")
    if not values or min(values) < 1:
        parser.error(f"{option} {text!r} is invalid: give at least one size of 1 or more")
    return values


def _choices(parser, option, text, allowed) -> list[str]:
    values = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [value for value in values if value not in allowed]
    if unknown or not values:
        parser.error(f"{option} {text!r} is invalid: use a comma-separated list of {', '.join(allowed)}")
    return values


def ansible_env(args) -> dict:
    env = dict(
        os.environ,
        ANSIBLE_CONFIG=str(REPO_ROOT / "ansible.cfg"),
        ANSIBLE_COLLECTIONS_PATH=str(COLLECTIONS),
        # The benchmark's failures are its own; they must not leave retry files for operators.
        ANSIBLE_RETRY_FILES_ENABLED="false",
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
    )
    if args.forks is not None:
        env["ANSIBLE_FORKS"] = str(args.forks)
    if args.strategy is not None:
        env["ANSIBLE_STRATEGY"] = args.strategy
    return env


def configured_forks(args) -> int:
    if args.forks is not None:
        return args.forks
    config = configparser.ConfigParser()
    config.read(REPO_ROOT / "ansible.cfg")
    return config.getint("defaults", "forks", fallback=5)


def write_inventory(fleet: Fleet, path: Path, level: str, firmware: bool) -> Path:
    """Copy the emulator's inventory with the protection level and the firmware switch."""
    inventory = yaml.safe_load(fleet.inventory.read_text(encoding="utf-8"))
    group_vars = inventory["all"]["children"]["cameras"]["vars"]
    group_vars["ipro_protection_level"] = level
    group_vars["ipro_firmware_enabled"] = firmware
    path.write_text(yaml.safe_dump(inventory, sort_keys=False), encoding="utf-8")
    return path


def credentials(fleet: Fleet) -> tuple[str, str]:
    inventory = yaml.safe_load(fleet.inventory.read_text(encoding="utf-8"))
    group_vars = inventory["all"]["children"]["cameras"]["vars"]
    return group_vars["ipro_username"], group_vars["ipro_password"]


def measure_emulator(fleet: Fleet, args) -> list[dict]:
    """Register an administrator on a few cameras, load them, and factory-reset them again."""
    names = fleet.names[:LOAD_CAMERAS]
    user, password = credentials(fleet)
    restarts = {name: fleet.camera(name)["restarts"] for name in names}
    cameras = []
    for name in names:
        details = fleet.camera(name)
        url = f"https://{details['address']}:{details['https_port']}/cgi-bin/register_admin"
        response = requests.post(url, data={"UNAME": user, "UPASS": password}, verify=str(fleet.ca_path), timeout=10)
        response.raise_for_status()
        cameras.append((details["address"], details["https_port"]))
    _wait_restarted(fleet, restarts)

    results = []
    concurrency = configured_forks(args)
    for pattern in ("keep-alive", "new connection"):
        cpu_before = fleet.cpu_seconds()
        result = loadtest.measure(cameras, fleet.ca_path, (user, password), pattern, concurrency,
                                  args.load_seconds)
        record = result.as_dict()
        record["emulator_cpu_share"] = round((fleet.cpu_seconds() - cpu_before) / result.seconds, 2)
        record["cameras"] = len(cameras)
        results.append(record)

    fleet.factory_reset(names)
    fleet.wait_online(names)
    return results


def _wait_restarted(fleet: Fleet, restarts: dict, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    for name, before in restarts.items():
        while True:
            details = fleet.camera(name)
            if details["restarts"] > before and details["online"]:
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not come back after registering its administrator")
            time.sleep(0.1)


def timed_run(fleet: Fleet, args, context: dict, command: list[str], log: Path) -> dict:
    """Run one playbook on a quiet fleet with fresh counters and return its record."""
    fleet.wait_online()
    fleet.reset_counters()
    load_before = os.getloadavg()[0]
    cpu_before = fleet.cpu_seconds()
    measurement = run_measured(command, ansible_env(args), REPO_ROOT, log, RUN_TIMEOUT)
    emulator_cpu = fleet.cpu_seconds() - cpu_before
    counters = fleet.counters().values()

    record = dict(context)
    record.update(
        returncode=measurement.returncode,
        wall_seconds=round(measurement.wall_seconds, 2),
        cpu_seconds=round(measurement.cpu_seconds, 2),
        user_seconds=round(measurement.user_seconds, 2),
        system_seconds=round(measurement.system_seconds, 2),
        max_rss_mb=round(measurement.max_rss_kb / 1024, 1),
        emulator_cpu_seconds=round(emulator_cpu, 2),
        load_before=round(load_before, 2),
        hosts=len(measurement.recap),
        changed_hosts=measurement.hosts_with("changed"),
        failed_hosts=measurement.hosts_with("failed"),
        unreachable_hosts=measurement.hosts_with("unreachable"),
        changed_tasks=measurement.total("changed"),
        log=str(log),
    )
    for counter in ("requests", "reads", "writes", "auth_challenges", "auth_failures"):
        values = [camera[counter] for camera in counters]
        record[f"{counter}_sum"] = sum(values)
        record[f"{counter}_max"] = max(values, default=0)
    # The maximum number of reads of one settings key on any camera: 1 means each group was read once.
    record["setting_reads_max"] = max((camera.get("setting_reads_max", 0) for camera in counters), default=0)
    print(report.progress_line(record), flush=True)
    return record


def run_tool(fleet: Fleet, args, size: int, level: str, tool: str, inventory: Path) -> list[dict]:
    """Run the first run, rerun, check and audit of one tool on the fleet in its current state."""
    playbook = HARDEN if tool == OURS else BASELINE
    workdir = args.workdir / f"{size}"
    slug = "ours" if tool == OURS else "baseline"
    commands = {
        "first": [str(ANSIBLE_PLAYBOOK), str(playbook), "-i", str(inventory)],
        "rerun": [str(ANSIBLE_PLAYBOOK), str(playbook), "-i", str(inventory)],
        "check": [str(ANSIBLE_PLAYBOOK), str(playbook), "-i", str(inventory), "--check", "--diff"],
    }
    if tool == OURS and AUDIT.exists():
        commands["audit"] = [str(ANSIBLE_PLAYBOOK), str(AUDIT), "-i", str(inventory),
                             "-e", f"ipro_report_dir={workdir / f'report-{level}'}"]

    records = []
    for run in args.runs:
        if run not in commands:
            continue
        context = dict(size=size, level=level, tool=tool, run=run)
        log = workdir / f"{slug}-{level}-{run}.log"
        records.append(timed_run(fleet, args, context, commands[run], log))
    return records


def bench_size(args, size: int) -> tuple[list[dict], list[dict]]:
    """Start a fleet of `size` cameras and run every level and tool on it."""
    workdir = args.workdir / f"{size}"
    fleet = Fleet(workdir, size, min(args.sites, size), args.base_address, TIMINGS)
    started = time.monotonic()
    fleet.start()
    print(f"fleet of {size} cameras ready in {time.monotonic() - started:.1f} s", flush=True)
    records = []
    load = []
    try:
        if args.load_seconds > 0:
            load = [dict(record, size=size) for record in measure_emulator(fleet, args)]
            for record in load:
                print(report.load_line(record), flush=True)

        for level in args.levels:
            inventory = write_inventory(fleet, workdir / f"inventory-{level}.yml", level, args.firmware)
            records += run_tool(fleet, args, size, level, OURS, inventory)
            fleet.wait_online()
            fleet.factory_reset()
            if size in args.baseline_sizes:
                # uri cannot respond to the cameras' Digest challenge, so the baseline needs Basic
                # allowed; see bench/baseline/harden.yml.
                fleet.patch({"UAUTHMTD": "digest_basic"})
                records += run_tool(fleet, args, size, level, BASELINE_TOOL, inventory)
                fleet.wait_online()
                fleet.factory_reset()
    finally:
        fleet.stop()
    return records, load


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.render is not None:
        args.output.write_text(report.render(json.loads(args.render.read_text(encoding="utf-8"))), encoding="utf-8")
        print(f"wrote {args.output}")
        return 0

    link = COLLECTIONS / "ansible_collections" / "ipro" / "camera"
    if not link.exists():
        print(f"{link} is missing: run `make collection` first", file=sys.stderr)
        return 2

    args.workdir.mkdir(parents=True, exist_ok=True)
    results = dict(
        environment=report.environment(),
        command=" ".join(["python -m bench", *(argv if argv is not None else sys.argv[1:])]),
        forks=configured_forks(args),
        strategy=args.strategy or "linear",
        firmware=args.firmware,
        sizes=args.sizes,
        baseline_sizes=[size for size in args.sizes if size in args.baseline_sizes],
        levels=args.levels,
        timings=TIMINGS,
        runs=[],
        load=[],
    )
    started = time.monotonic()
    for size in args.sizes:
        records, load = bench_size(args, size)
        results["runs"] += records
        results["load"] += load
        results["duration_seconds"] = round(time.monotonic() - started)
        # Written after each size, so a long benchmark that stops keeps what it measured.
        (args.workdir / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report.render(results), encoding="utf-8")
    print(f"wrote {args.output} and {args.workdir / 'results.json'}")
    failed = [record for record in results["runs"] if record["returncode"] != 0 and record["run"] != "audit"]
    return 1 if failed else 0
