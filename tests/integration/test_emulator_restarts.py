"""Emulated cameras: web service restarts after setting changes, initialization and faults."""

from __future__ import annotations

import time

import pytest
import requests

from tests.support.cameras import ADMIN, ADMIN_PASSWORD, CameraClient, parse_lines, register_admin
from tests.support.digest import challenges

S2136 = "cam-a-01"
SFV130 = "cam-a-03"


@pytest.fixture
def fleet(emulator_factory):
    # Short restarts keep this file fast, and connection_refused() runs while the camera is down.
    emulator = emulator_factory(cameras=3, sites=1, restart_seconds=0.4)
    register_admin(emulator, S2136, SFV130)
    return emulator


def connection_refused(client: CameraClient, cgi: str = "getdata?NW") -> bool:
    try:
        client.get(cgi)
    except requests.ConnectionError:
        return True
    return False


def test_uauthmtd_change_restarts(fleet):
    client = CameraClient(fleet, SFV130)
    restarts = fleet.restarts(SFV130)

    response = client.setdata(UAUTHMTD="basic")
    fleet.wait_for(SFV130, lambda details: not details["online"])
    down = connection_refused(client)
    fleet.wait_restarted(SFV130, restarts)

    basic = CameraClient(fleet, SFV130, auth=requests.auth.HTTPBasicAuth(ADMIN, ADMIN_PASSWORD))
    offered = challenges(CameraClient(fleet, SFV130, auth=False).get("getdata"))
    assert response.status_code == 200
    assert response.headers["Connection"] == "close"
    assert down
    assert basic.getdata("UAUTHMTD") == {"UAUTHMTD": "basic"}
    assert [scheme for scheme, _ in offered] == ["Basic"]


def test_unchanged_value_no_restart(fleet):
    client = CameraClient(fleet, S2136)
    restarts = fleet.restarts(S2136)

    response = client.setdata(UAUTHMTD="digest", HTTPS_PORT="443")
    follow_up = client.get("getdata?NW")
    time.sleep(0.3)

    assert response.status_code == 200
    assert follow_up.status_code == 200
    assert fleet.camera(S2136)["restarts"] == restarts
    assert fleet.camera(S2136)["online"] is True


def test_https_only_closes_http(fleet):
    restarts = fleet.restarts(S2136)
    assert CameraClient(fleet, S2136).setdata(HTTPS_TYPE="https").status_code == 200
    details = fleet.wait_restarted(S2136, restarts)

    assert details["listening"] == [{"scheme": "https", "port": 443}]
    assert connection_refused(CameraClient(fleet, S2136, scheme="http"))
    assert CameraClient(fleet, S2136).get("getdata?HTTPS_TYPE").status_code == 200


def test_https_port_moves(fleet):
    restarts = fleet.restarts(S2136)
    old = CameraClient(fleet, S2136)
    assert old.setdata(HTTPS_PORT="8443").status_code == 200
    fleet.wait_restarted(S2136, restarts)

    moved = CameraClient(fleet, S2136)

    assert moved.base.endswith(":8443/cgi-bin/")
    assert moved.getdata("HTTPS_PORT") == {"HTTPS_PORT": "8443"}
    assert connection_refused(old)


def test_initial_reset_keeps_settings(fleet):
    client = CameraClient(fleet, S2136)
    client.setdata(FTPSVR="allow")
    restarts = fleet.restarts(S2136)

    response = client.get("initial?cmd=reset")
    fleet.wait_restarted(S2136, restarts)

    assert response.status_code == 200
    assert client.getdata("FTPSVR") == {"FTPSVR": "allow"}


def test_initial_data_keeps_network_and_users(fleet):
    client = CameraClient(fleet, S2136)
    fleet.patch(S2136, NW="static", EIP="192.0.2.50")
    client.setdata(FTPSVR="allow", SNMPCOM="Community-42x")
    restarts = fleet.restarts(S2136)

    response = client.get("initial?cmd=data")
    fleet.wait_restarted(S2136, restarts)

    values = client.getdata("FTPSVR", "SNMPCOM", "NW", "EIP")
    assert response.status_code == 200
    assert values == {"FTPSVR": "forbid", "SNMPCOM_SET": "0", "NW": "static", "EIP": "192.0.2.50"}


def test_initial_all_removes_admin(fleet):
    client = CameraClient(fleet, S2136)
    restarts = fleet.restarts(S2136)

    response = client.post("initial", {"cmd": "all"})
    details = fleet.wait_restarted(S2136, restarts)

    info = CameraClient(fleet, S2136, auth=False).get("getinfo?FILE=1")
    assert response.status_code == 200
    assert details["admin_registered"] is False
    assert details["users"] == []
    assert parse_lines(info.text)["ADMIN_REGISTERED"] == "0"


def test_initial_unknown_command(fleet):
    response = CameraClient(fleet, S2136).get("initial?cmd=html")

    assert response.status_code == 400
    assert response.text == "error=cmd\r\n"


def test_restart_fault(fleet):
    restarts = fleet.restarts(S2136)

    fleet.fault(S2136, restart=True)
    fleet.wait_for(S2136, lambda details: not details["online"])
    down = connection_refused(CameraClient(fleet, S2136))
    fleet.wait_restarted(S2136, restarts)

    assert down
    assert CameraClient(fleet, S2136).get("getdata?NW").status_code == 200


def test_refuse_connections_fault(fleet):
    restarts = fleet.restarts(SFV130)

    fleet.fault(SFV130, refuse_connections=True, seconds=0.4)
    fleet.wait_for(SFV130, lambda details: not details["online"])
    down = connection_refused(CameraClient(fleet, SFV130))
    fleet.wait_restarted(SFV130, restarts)

    assert down
    assert CameraClient(fleet, SFV130).get("getdata?NW").status_code == 200


def test_nonce_forgotten_after_restart(fleet):
    client = CameraClient(fleet, S2136)
    client.get("getdata?NW")
    restarts = fleet.restarts(S2136)
    fleet.fault(S2136, restart=True)
    fleet.wait_restarted(S2136, restarts)
    fleet.reset_counters(S2136)

    response = client.get("getdata?NW")

    counters = fleet.camera(S2136)["counters"]
    assert response.status_code == 200
    assert counters["auth_challenges"] == 1
    assert counters["auth_failures"] == 0
