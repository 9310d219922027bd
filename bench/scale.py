"""Measure the settings that docs/scale.md recommends for large fleets.

    python -m bench.scale first --cameras 100 --restart-seconds 10 \\
        --variant '{"forks": 25}' --variant '{"forks": 100}' --variant '{"strategy": "free"}'
    python -m bench.scale rerun --cameras 50 --variant '{"forks": 5}' --variant '{"forks": 25}'
    python -m bench.scale slices --cameras 200 --variant '{"slices": 1}' --variant '{"slices": 2}'
    python -m bench.scale firmware --cameras 50 --firmware-seconds 10 \\
        --variant '{"batches": [1, "10%", "25%"]}' --variant '{"batches": ["100%"], "throttle": 5}'

Each experiment starts one emulated fleet and prints one JSON line per variant:

- first: a first run of harden.yml (standard level) on factory-reset cameras, per forks and strategy,
  with or without the firmware update, or of the standard role in `serial` batches.
- rerun: a converged rerun of harden.yml, per forks, strategy and internal_poll_interval.
- slices: a converged rerun split into N ansible-playbook processes at once, each limited to an
  equal share of the hosts in inventory order, as AWX job slicing splits a job.
- firmware: playbooks/firmware.yml per batch list (serial), failure limit and upload throttle.
  Every variant installs a newer version than the one before it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

from bench import report
from bench import run as bench
from bench.fleet import REPO_ROOT, Fleet
from bench.measure import run_measured

FIRMWARE = REPO_ROOT / "playbooks" / "firmware.yml"
RUN_TIMEOUT = 2 * 3600


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("experiment", choices=("first", "rerun", "slices", "firmware"))
    parser.add_argument("--cameras", type=int, default=50, help="fleet size (default 50)")
    parser.add_argument("--variant", action="append", type=json.loads, default=[],
                        help="a JSON object of settings for one run; give one option per variant")
    parser.add_argument("--restart-seconds", type=float, default=1, help="emulator web service restart time")
    parser.add_argument("--firmware-seconds", type=float, default=1, help="emulator firmware apply time")
    parser.add_argument("--base-address", default="127.244.0.1", help="address of the first camera")
    parser.add_argument("--workdir", type=Path, default=REPO_ROOT / ".cache" / "bench-scale",
                        help="folder for inventories and logs (default .cache/bench-scale)")
    args = parser.parse_args(argv)
    if not args.variant:
        parser.error("give at least one --variant, for example --variant '{\"forks\": 25}'")
    return args


def variant_env(variant: dict) -> dict:
    """Return the environment of ansible-playbook with the variant's forks, strategy and poll interval."""
    env = bench.ansible_env(argparse.Namespace(forks=variant.get("forks"), strategy=variant.get("strategy")))
    if "internal_poll_interval" in variant:
        env["ANSIBLE_INTERNAL_POLL_INTERVAL"] = str(variant["internal_poll_interval"])
    return env


def harden_command(inventory: Path, *extra) -> list[str]:
    return [str(bench.ANSIBLE_PLAYBOOK), str(bench.HARDEN), "-i", str(inventory), *extra]


def record(variant: dict, measurement, fleet: Fleet, **extra) -> dict:
    counters = fleet.counters().values()
    line = dict(
        variant=variant,
        returncode=measurement.returncode,
        wall_seconds=round(measurement.wall_seconds, 1),
        cpu_seconds=round(measurement.cpu_seconds, 1),
        max_rss_mb=round(measurement.max_rss_kb / 1024),
        failed_hosts=measurement.hosts_with("failed"),
        writes=sum(camera["writes"] for camera in counters),
        **extra,
    )
    print(json.dumps(line), flush=True)
    return line


def converge(inventory: Path, workdir: Path) -> None:
    measurement = run_measured(harden_command(inventory), variant_env({}), REPO_ROOT, workdir / "converge.log",
                               RUN_TIMEOUT)
    if measurement.returncode != 0:
        raise RuntimeError(f"the first run failed; see {measurement.log}")


def first_runs(fleet: Fleet, args, inventory: Path) -> None:
    for index, variant in enumerate(args.variant):
        if variant.get("firmware"):
            inventory = bench.write_inventory(fleet, args.workdir / f"inventory-{index}.yml", "standard", True)
        command = harden_command(inventory)
        if "serial" in variant:
            command = [str(bench.ANSIBLE_PLAYBOOK), str(batched_playbook(args.workdir, index, variant)),
                       "-i", str(inventory)]
        fleet.wait_online()
        fleet.factory_reset()
        fleet.reset_counters()
        measurement = run_measured(command, variant_env(variant), REPO_ROOT, args.workdir / f"first-{index}.log",
                                   RUN_TIMEOUT)
        record(variant, measurement, fleet)


def batched_playbook(workdir: Path, index: int, variant: dict) -> Path:
    """Write a play that applies the standard role in `serial` batches, as docs/scale.md suggests."""
    play = {
        "name": "Harden i-PRO cameras in batches",
        "hosts": "cameras",
        "connection": "local",
        "gather_facts": False,
        "serial": variant["serial"],
        "max_fail_percentage": variant.get("max_fail_percentage", 10),
        "roles": ["ipro.camera.standard"],
    }
    path = workdir / f"harden-batched-{index}.yml"
    path.write_text(yaml.safe_dump([play], sort_keys=False), encoding="utf-8")
    return path


def reruns(fleet: Fleet, args, inventory: Path) -> None:
    converge(inventory, args.workdir)
    for index, variant in enumerate(args.variant):
        fleet.wait_online()
        fleet.reset_counters()
        measurement = run_measured(harden_command(inventory), variant_env(variant), REPO_ROOT,
                                   args.workdir / f"rerun-{index}.log", RUN_TIMEOUT)
        record(variant, measurement, fleet)


def sliced_reruns(fleet: Fleet, args, inventory: Path) -> None:
    """Rerun the converged fleet as N processes at once; wall is the slowest, CPU the sum."""
    converge(inventory, args.workdir)
    for variant in args.variant:
        count = int(variant["slices"])
        fleet.wait_online()
        fleet.reset_counters()
        shares = [fleet.names[index::count] for index in range(count)]
        commands = [harden_command(inventory, "--limit", ",".join(names)) for names in shares]
        logs = [args.workdir / f"slice-{count}-{index}.log" for index in range(count)]

        env = variant_env(variant)
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=count) as pool:
            futures = [pool.submit(run_measured, command, env, REPO_ROOT, log, RUN_TIMEOUT)
                       for command, log in zip(commands, logs)]
            slices = [future.result() for future in futures]
        wall = time.monotonic() - started

        line = dict(
            variant=variant,
            returncode=max(measurement.returncode for measurement in slices),
            wall_seconds=round(wall, 1),
            cpu_seconds=round(sum(measurement.cpu_seconds for measurement in slices), 1),
            failed_hosts=sum(measurement.hosts_with("failed") for measurement in slices),
            writes=sum(camera["writes"] for camera in fleet.counters().values()),
        )
        print(json.dumps(line), flush=True)


def firmware_rollouts(fleet: Fleet, args, inventory: Path) -> None:
    """Roll out one newer firmware version per variant with playbooks/firmware.yml."""
    converge(inventory, args.workdir)
    for index, variant in enumerate(args.variant):
        rollout_inventory = firmware_inventory(fleet, inventory, args.workdir, step=index + 1)
        extra_vars = {
            "ipro_firmware_batches": variant.get("batches", ["100%"]),
            "ipro_firmware_max_fail_percentage": variant.get("max_fail_percentage", 10),
            "ipro_firmware_upload_throttle": variant.get("throttle", 0),
        }
        fleet.wait_online()
        fleet.reset_counters()
        command = [str(bench.ANSIBLE_PLAYBOOK), str(FIRMWARE), "-i", str(rollout_inventory),
                   "-e", json.dumps(extra_vars)]
        measurement = run_measured(command, variant_env(variant), REPO_ROOT, args.workdir / f"firmware-{index}.log",
                                   RUN_TIMEOUT)
        record(variant, measurement, fleet)


def firmware_inventory(fleet: Fleet, inventory: Path, workdir: Path, step: int) -> Path:
    """Copy `inventory` with images `step` hundredths newer than the version the emulator's images carry."""
    data = yaml.safe_load(inventory.read_text(encoding="utf-8"))
    images = {}
    for site in data["all"]["children"]["cameras"]["children"].values():
        for name, host in site["hosts"].items():
            firmware = fleet.camera(name)["firmware"]
            family = firmware["family"]
            if family not in images:
                major, minor = host["ipro_firmware_version"].split(".")
                version = f"{major}.{int(minor) + step:02d}"
                path = workdir / "firmware" / f"{family}-{version}.img"
                subprocess.run([sys.executable, "-m", "tests.emulator", "make-firmware", "--family", family,
                                "--version", version, "--out", str(path)], cwd=REPO_ROOT, check=True,
                               capture_output=True)
                images[family] = (str(path), version)
            host["ipro_firmware_image"], host["ipro_firmware_version"] = images[family]
    path = workdir / f"inventory-firmware-{step}.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


EXPERIMENTS = {"first": first_runs, "rerun": reruns, "slices": sliced_reruns, "firmware": firmware_rollouts}


def main(argv=None) -> int:
    args = parse_args(argv)
    timings = dict(bench.TIMINGS, restart_seconds=args.restart_seconds, firmware_seconds=args.firmware_seconds)
    workdir = args.workdir / f"{args.experiment}-{args.cameras}"
    args.workdir = workdir
    fleet = Fleet(workdir, args.cameras, min(10, args.cameras), args.base_address, timings).start()
    print(json.dumps(dict(experiment=args.experiment, cameras=args.cameras, timings=timings,
                          environment=report.environment())), flush=True)
    try:
        inventory = bench.write_inventory(fleet, workdir / "inventory.yml", "standard", False)
        EXPERIMENTS[args.experiment](fleet, args, inventory)
    finally:
        fleet.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
