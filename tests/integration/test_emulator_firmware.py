"""Emulated cameras: firmware images, firmware_update and the make-firmware command."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from tests.emulator.firmware import InvalidImage, build_image, parse_image
from tests.support.cameras import CameraClient, parse_lines, register_admin
from tests.support.emulator import REPO_ROOT

S2136 = "cam-a-01"
S1536 = "cam-a-02"


@pytest.fixture(scope="module", autouse=True)
def admins(emulator):
    register_admin(emulator, S2136, S1536)


def inventory_hosts(emulator) -> dict[str, dict]:
    inventory = yaml.safe_load(emulator.inventory.read_text())
    sites = inventory["all"]["children"]["cameras"]["children"]
    return {name: host for site in sites.values() for name, host in site["hosts"].items()}


def upload(client: CameraClient, image: bytes):
    return client.post("firmware_update", files={"file": ("firmware.img", image, "application/octet-stream")})


def test_firmware_update_applies_new_version(emulator):
    host = inventory_hosts(emulator)[S2136]
    client = CameraClient(emulator, S2136)
    assert client.setdata(FTPCLIENT="on").status_code == 200
    restarts = emulator.restarts(S2136)

    with open(host["ipro_firmware_image"], "rb") as image:
        response = upload(client, image.read())
    details = emulator.wait_restarted(S2136, restarts)

    assert response.status_code == 200
    assert response.text == "result=ok\r\n"
    assert details["firmware"] == {"family": "s2136", "version": host["ipro_firmware_version"]}
    assert parse_lines(client.get("getinfo?FILE=1").text)["VERSION"] == "2.50"
    assert client.getdata("FTPCLIENT") == {"FTPCLIENT": "on"}


@pytest.mark.parametrize(
    "image",
    [
        build_image("s1536", "1.70", damaged=True),
        build_image("s2136", "2.50"),
        b"not a firmware image",
        build_image("s1536", "1.70")[:-10],
    ],
    ids=["damaged", "wrong-family", "garbage", "truncated"],
)
def test_firmware_update_rejects_image(emulator, image):
    client = CameraClient(emulator, S1536)

    response = upload(client, image)

    assert response.status_code == 400
    assert response.text == "error=invalid_image\r\n"
    assert emulator.camera(S1536)["firmware"]["version"] == "1.60"
    assert emulator.camera(S1536)["online"] is True


def test_firmware_update_needs_file_field(emulator):
    response = CameraClient(emulator, S1536).post("firmware_update", data={"file": "text"})

    assert response.status_code == 400
    assert response.text == "error=file\r\n"


def test_rejected_image_logged(emulator):
    client = CameraClient(emulator, S1536)
    upload(client, build_image("s1536", "1.70", damaged=True))

    log = client.get("get_systemlog?type=error").text

    assert "firmware update rejected" in log


def test_image_format_round_trip():
    image = build_image("sfv130", "1.30")

    parsed = parse_image(image)

    assert image.startswith(b"IPRO-FW/1 family=sfv130 version=1.30 sha256=")
    assert (parsed.family, parsed.version) == ("sfv130", "1.30")
    with pytest.raises(InvalidImage):
        parse_image(build_image("sfv130", "1.30", damaged=True))


def test_make_firmware_command(tmp_path):
    good = tmp_path / "good.img"
    damaged = tmp_path / "damaged.img"
    command = [sys.executable, "-m", "tests.emulator", "make-firmware", "--family", "s2136", "--version", "2.60"]

    subprocess.run([*command, "--out", str(good)], cwd=REPO_ROOT, check=True, capture_output=True)
    subprocess.run([*command, "--out", str(damaged), "--damaged"], cwd=REPO_ROOT, check=True, capture_output=True)
    invalid = subprocess.run(
        [*command[:-1], "2.6", "--out", str(tmp_path / "x.img")], cwd=REPO_ROOT, capture_output=True, text=True
    )

    assert parse_image(good.read_bytes()).version == "2.60"
    with pytest.raises(InvalidImage):
        parse_image(damaged.read_bytes())
    assert invalid.returncode == 2
    assert "invalid firmware version '2.6'" in invalid.stderr
