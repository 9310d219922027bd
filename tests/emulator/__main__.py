"""Command line of the i-PRO camera emulator: ``serve`` a fleet or ``make-firmware`` images."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
import tempfile
from pathlib import Path

from aiohttp import web

from .camera import CameraOptions
from .control import create_control_app
from .firmware import write_image
from .fleet import build_fleet
from .inventory import write_inventory

log = logging.getLogger("tests.emulator")

CONTROL_ADDRESS = "127.0.0.1"


def _default_ports() -> tuple[int, int]:
    # Ports below 1024 need root, so other users get the common unprivileged alternatives.
    return (80, 443) if os.geteuid() == 0 else (8080, 8443)


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port {value} is outside 0-65535")
    return value


def _count(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is too small: give 1 or more")
    return value


def _positive(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative: give 0 or more seconds")
    return value


def build_parser() -> argparse.ArgumentParser:
    http_port, https_port = _default_ports()
    parser = argparse.ArgumentParser(prog="python -m tests.emulator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run a fleet of emulated cameras until SIGTERM or SIGINT")
    serve.add_argument("--cameras", type=_count, default=6, help="number of cameras (default 6)")
    serve.add_argument("--sites", type=_count, default=2, help="number of sites a, b, ... (default 2)")
    serve.add_argument(
        "--inventory",
        type=Path,
        default=Path(tempfile.gettempdir()) / "ipro-emulator" / "hosts.yml",
        help="path of the Ansible inventory to write (default: %(default)s)",
    )
    serve.add_argument(
        "--control-port", type=_port, default=8765,
        help=f"port of the control API on {CONTROL_ADDRESS}; 0 picks a free port (default 8765)",
    )
    serve.add_argument(
        "--base-address", default="127.0.1.1",
        help="address of the first camera; camera i gets base+i, inside 127.0.0.0/8 (default 127.0.1.1)",
    )
    serve.add_argument(
        "--http-port", type=_port, default=http_port,
        help=f"factory HTTP port of every camera (default {http_port}: 80 as root, else 8080)",
    )
    serve.add_argument(
        "--https-port", type=_port, default=https_port,
        help=f"factory HTTPS port, the factory value of HTTPS_PORT (default {https_port}: 443 as root, else 8443)",
    )
    serve.add_argument(
        "--state-dir", type=Path, default=None,
        help="folder for vendor-ca.pem, certificates and firmware images "
        "(default: emulator-state beside the inventory)",
    )
    serve.add_argument(
        "--restart-seconds", type=_positive, default=2.0,
        help="seconds the web service stays down when it restarts (default 2)",
    )
    serve.add_argument(
        "--lockout-failures", type=_count, default=8,
        help="failed authentications from one address that lock it out (default 8)",
    )
    serve.add_argument(
        "--lockout-window", type=_positive, default=30.0,
        help="seconds within which the failures must fall (default 30)",
    )
    serve.add_argument(
        "--lockout-seconds", type=_positive, default=600.0, help="seconds a lockout lasts (default 600)"
    )
    serve.add_argument(
        "--keygen-seconds", type=_positive, default=5.0,
        help="seconds that generating a CRT key takes; the certificate CGIs answer 503 meanwhile (default 5)",
    )
    serve.add_argument(
        "--firmware-seconds", type=_positive, default=3.0,
        help="seconds a camera stays down while it applies firmware (default 3)",
    )
    serve.add_argument(
        "--log-level", default="INFO", choices=("DEBUG", "INFO", "WARNING", "ERROR"),
        help="stderr log level; DEBUG adds one line per request (default INFO)",
    )

    firmware = commands.add_parser("make-firmware", help="write a firmware image in the emulator's format")
    firmware.add_argument("--family", required=True, help="firmware family, e.g. s2136")
    firmware.add_argument("--version", required=True, help="firmware version, e.g. 2.50")
    firmware.add_argument("--out", required=True, type=Path, help="path of the image file to write")
    firmware.add_argument("--damaged", action="store_true", help="write an image whose payload fails its checksum")
    return parser


async def serve(args: argparse.Namespace) -> int:
    """Start the fleet and the control API, print the ready line, and run until a signal."""
    options = CameraOptions(
        http_port=args.http_port,
        https_port=args.https_port,
        restart_seconds=args.restart_seconds,
        firmware_seconds=args.firmware_seconds,
        keygen_seconds=args.keygen_seconds,
        lockout_failures=args.lockout_failures,
        lockout_window=args.lockout_window,
        lockout_seconds=args.lockout_seconds,
    )
    inventory = args.inventory.resolve()
    state_dir = (args.state_dir or inventory.parent / "emulator-state").resolve()
    fleet = build_fleet(args.cameras, args.sites, args.base_address, options, state_dir)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signal_number, stop.set)

    control = web.AppRunner(create_control_app(fleet), access_log=None, shutdown_timeout=1.0)
    try:
        await fleet.start()
        await control.setup()
        site = web.TCPSite(control, CONTROL_ADDRESS, args.control_port)
        await site.start()
    except OSError as error:
        log.error("failed to listen: %s. Choose a free --base-address block or --control-port", error)
        await fleet.close()
        await control.cleanup()
        return 1

    control_port = control.addresses[0][1]
    write_inventory(inventory, fleet, args.http_port, args.https_port)
    first, last = fleet.cameras[0].address, fleet.cameras[-1].address
    span = first if first == last else f"{first}-{last}"
    print(
        f"emulator ready: {len(fleet.cameras)} cameras on {span}, "
        f"control http://{CONTROL_ADDRESS}:{control_port}, inventory {inventory}, CA {fleet.ca.cert_path}",
        flush=True,
    )

    await stop.wait()
    log.info("stopping: closing %d cameras and the control API", len(fleet.cameras))
    await fleet.close()
    await control.cleanup()
    log.info("stopped")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)

    if args.command == "make-firmware":
        try:
            path = write_image(args.out, args.family, args.version, args.damaged)
        except ValueError as error:
            print(f"make-firmware: {error}", file=sys.stderr)
            return 2
        print(path)
        return 0

    logging.basicConfig(
        stream=sys.stderr, level=args.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.http_port == args.https_port:
        print(
            f"serve: --http-port and --https-port are both {args.http_port}: give two different ports",
            file=sys.stderr,
        )
        return 2
    try:
        return asyncio.run(serve(args))
    except ValueError as error:
        print(f"serve: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
