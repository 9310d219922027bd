"""The emulated fleet: camera names, sites, models and loopback addresses, and their servers."""

from __future__ import annotations

import ipaddress
import logging
import string
from dataclasses import dataclass, field
from pathlib import Path

from .camera import Camera, CameraOptions
from .certificates import CertificateStore
from .firmware import next_minor_version, write_image
from .models import PROFILES
from .servers import CameraServer
from .tls import CertificateFiles, VendorCA

log = logging.getLogger(__name__)

LOOPBACK = ipaddress.IPv4Network("127.0.0.0/8")
MAX_SITES = len(string.ascii_lowercase)


def camera_addresses(base: str, count: int) -> list[str]:
    """Return ``count`` consecutive addresses from ``base``; all must be inside 127.0.0.0/8."""
    first = ipaddress.IPv4Address(base)
    if first not in LOOPBACK:
        raise ValueError(f"base address {base} is outside 127.0.0.0/8: choose a loopback address such as 127.0.1.1")
    try:
        last = first + (count - 1)
    except ipaddress.AddressValueError:
        last = None
    if last is None or last not in LOOPBACK:
        raise ValueError(
            f"{count} cameras from {base} run past 127.255.255.255: choose a lower --base-address or fewer cameras"
        )
    return [str(first + index) for index in range(count)]


def site_layout(count: int, sites: int) -> list[tuple[str, str]]:
    """Return (name, site letter) per camera; sites get consecutive blocks of cameras.

    Block sizes differ by at most one: with 5 cameras over 2 sites, site a gets
    cam-a-01..03 and site b gets cam-b-01..02.
    """
    if not 1 <= sites <= min(count, MAX_SITES):
        raise ValueError(f"--sites {sites} is invalid: use 1 to {min(count, MAX_SITES)} for {count} cameras")

    layout = []
    per_site: dict[str, int] = {}
    for index in range(count):
        letter = string.ascii_lowercase[index * sites // count]
        per_site[letter] = per_site.get(letter, 0) + 1
        layout.append((f"cam-{letter}-{per_site[letter]:02d}", letter))
    return layout


@dataclass
class Fleet:
    """Every camera with its server, the vendor CA and the firmware images made for the inventory."""

    cameras: list[Camera]
    servers: dict[str, CameraServer]
    ca: VendorCA
    firmware_images: dict[str, Path] = field(default_factory=dict)
    # Demo EAP-TLS client certificates, by camera name, for models with IEEE 802.1X.
    dot1x_clients: dict[str, CertificateFiles] = field(default_factory=dict)

    def camera(self, name: str) -> Camera | None:
        return next((camera for camera in self.cameras if camera.name == name), None)

    async def start(self) -> None:
        for camera in self.cameras:
            await self.servers[camera.name].start()

    async def close(self) -> None:
        for server in self.servers.values():
            await server.close()


def build_fleet(count: int, sites: int, base: str, options: CameraOptions, state_dir: Path) -> Fleet:
    """Create the cameras, their certificates and one newer firmware image per family."""
    if count < 1:
        raise ValueError(f"--cameras {count} is invalid: use 1 or more")
    addresses = camera_addresses(base, count)
    layout = site_layout(count, sites)

    state_dir.mkdir(parents=True, exist_ok=True)
    ca = VendorCA(state_dir)
    cameras = []
    servers = {}
    dot1x_clients = {}
    for index, ((name, site), address) in enumerate(zip(layout, addresses)):
        profile = PROFILES[index % len(PROFILES)]
        # The address's low 24 bits keep MACs and serials unique across fleets in separate blocks.
        low = int(ipaddress.IPv4Address(address)) & 0xFFFFFF
        mac = "00-80-45-" + "-".join(f"{(low >> shift) & 0xFF:02X}" for shift in (16, 8, 0))
        serial = f"EMU{low % 10_000_000:07d}"
        certificates = CertificateStore(name, ca.issue(name, address), address)
        camera = Camera(name, site, address, profile, options, mac=mac, serial=serial, certificates=certificates)
        cameras.append(camera)
        servers[name] = CameraServer(camera)
        if "dot1x" not in profile.missing:
            dot1x_clients[name] = ca.issue(f"{name}-8021x", address)

    images = {}
    for profile in {camera.profile for camera in cameras}:
        version = next_minor_version(profile.version)
        images[profile.family] = write_image(
            state_dir / "firmware" / f"{profile.family}-{version}.img", profile.family, version
        )
    return Fleet(cameras, servers, ca, images, dot1x_clients)
