"""Emulated cameras: lockout after repeated failures from one source, and the admin gate."""

from __future__ import annotations

import time

import pytest
import requests
from requests.adapters import HTTPAdapter

from tests.support.cameras import ADMIN, ADMIN_PASSWORD, CameraClient, parse_lines, register_admin
from tests.support.digest import authorization, digest_challenge

CAMERA = "cam-a-01"
OTHER_SOURCE = "127.0.0.5"


class SourceAdapter(HTTPAdapter):
    """Sends from a chosen loopback address, so a test can act as a second client host."""

    def __init__(self, source: str):
        self.source = source
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


@pytest.fixture
def camera(emulator_factory):
    emulator = emulator_factory(cameras=1, sites=1, restart_seconds=0.3, lockout_seconds=1, lockout_window=1)
    register_admin(emulator, CAMERA)
    return emulator


def fail(emulator, count: int) -> list[int]:
    """Send ``count`` requests with a wrong password, one failed authentication each."""
    client = CameraClient(emulator, CAMERA, auth=False)
    challenge = digest_challenge(client.get("getdata?NW"), "SHA-256")
    statuses = []
    for nc in range(1, count + 1):
        header = authorization(ADMIN, "Wrong-Pass-123", "GET", "/cgi-bin/getdata?NW", challenge, nc)
        statuses.append(client.get("getdata?NW", headers={"Authorization": header}).status_code)
    return statuses


def test_lockout_after_eight_failures(camera):
    statuses = fail(camera, 8)
    locked = CameraClient(camera, CAMERA).get("getdata?NW")

    assert statuses == [401] * 8
    assert locked.status_code == 403
    assert locked.text == "error=locked\r\n"
    assert locked.headers["Retry-After"] == "1"
    assert list(camera.camera(CAMERA)["lockouts"]) == ["127.0.0.1"]


def test_lockout_blocks_only_that_source(camera):
    fail(camera, 8)
    other = CameraClient(camera, CAMERA)
    other.session.mount("https://", SourceAdapter(OTHER_SOURCE))

    assert other.get("getdata?NW").status_code == 200


def test_lockout_expires(camera):
    fail(camera, 8)
    time.sleep(1.2)

    assert CameraClient(camera, CAMERA).get("getdata?NW").status_code == 200


def test_failures_outside_window_forgotten(camera):
    fail(camera, 7)
    time.sleep(1.2)
    fail(camera, 7)

    assert CameraClient(camera, CAMERA).get("getdata?NW").status_code == 200
    assert camera.camera(CAMERA)["counters"]["auth_failures"] == 14


def test_failed_logins_in_access_log(camera):
    fail(camera, 8)
    camera.fault(CAMERA, clear=True)

    log = CameraClient(camera, CAMERA).get("get_systemlog?type=access").text
    entries = log.strip().split("$")

    failed = [entry for entry in entries if "login failed: user=admin source=127.0.0.1" in entry]
    assert len(failed) == 8
    assert any("source 127.0.0.1 locked out" in entry for entry in entries)
    number, stamp, code, text = entries[0].split("\\")
    assert number == "1"
    assert time.strptime(stamp, "%m/%d/%Y %H:%M:%S")


def test_lockout_fault(camera):
    camera.fault(CAMERA, lockout=True, source="127.0.0.1")

    response = CameraClient(camera, CAMERA).get("getinfo?FILE=1")

    assert response.status_code == 403
    assert int(response.headers["Retry-After"]) >= 1


def test_admin_gate(emulator_factory):
    emulator = emulator_factory(cameras=1, sites=1, restart_seconds=0.3)
    anonymous = CameraClient(emulator, CAMERA, auth=False)

    info = anonymous.get("getinfo?FILE=1")
    capability = anonymous.get("get_capability")
    settings = anonymous.get("getdata")
    weak = anonymous.post("register_admin", {"UNAME": ADMIN, "UPASS": "password"})

    assert info.status_code == 200
    assert parse_lines(info.text)["ADMIN_REGISTERED"] == "0"
    assert parse_lines(capability.text)["max_users"] == "24"
    assert settings.status_code == 403
    assert settings.text == "error=admin_not_registered\r\n"
    assert weak.status_code == 400
    assert weak.text == "error=UPASS\r\n"

    register_admin(emulator, CAMERA)
    after = anonymous.get("getinfo?FILE=1")
    admin = CameraClient(emulator, CAMERA)
    again = admin.post("register_admin", {"UNAME": "second", "UPASS": ADMIN_PASSWORD})

    assert after.status_code == 401
    assert parse_lines(admin.get("getinfo?FILE=1").text)["ADMIN_REGISTERED"] == "1"
    assert again.status_code == 403
    assert again.text == "error=admin_registered\r\n"
    assert requests.codes.ok == admin.get("get_user").status_code
