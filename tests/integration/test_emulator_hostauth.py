"""Emulated cameras: host authentication, filtering by the TCP peer address."""

from __future__ import annotations

import pytest
import requests

from tests.support.cameras import CameraClient, parse_lines, register_admin

S2136 = "cam-a-01"
S1536 = "cam-a-02"
# Loopback clients: the default source address and a second one bound on purpose.
MAIN_SOURCE = "127.0.0.1"
OTHER_SOURCE = "127.0.0.2"
DENIED = "error=host_denied\r\n"


@pytest.fixture(scope="module", autouse=True)
def admins(emulator):
    register_admin(emulator, S2136, S1536)


@pytest.fixture(autouse=True)
def hostauth_off(emulator):
    """Start each test with host authentication off and an empty list, through the control API."""
    for name in (S2136, S1536):
        emulator.patch(name, HAUTH="off")
        emulator.set_hosts(name, [])
    yield
    for name in (S2136, S1536):
        emulator.patch(name, HAUTH="off")


def add(client: CameraClient, address: str, level: str):
    return client.post("set_hostauth", {"mode": "add", "HADD": address, "HLEVEL": level})


def test_factory_hostauth_empty(emulator):
    response = CameraClient(emulator, S2136).get("get_hostauth")

    assert response.status_code == 200
    assert response.text == "HAUTH=off\r\n"
    assert emulator.camera(S2136)["hosts"] == []


def test_add_overwrite_and_list(emulator):
    client = CameraClient(emulator, S2136)

    first = add(client, "127.0.0.1", "1")
    second = add(client, "192.0.2.0/24", "3")
    overwrite = add(client, "192.0.2.0/24", "2")
    single = add(client, "198.51.100.7/32", "3")
    listed = client.get("get_hostauth")

    assert [first.text, second.text, overwrite.text, single.text] == ["result=ok\r\n"] * 4
    assert listed.text == (
        "HAUTH=off\r\nhost1=127.0.0.1,1\r\nhost2=192.0.2.0/24,2\r\nhost3=198.51.100.7,3\r\n"
    )
    assert emulator.camera(S2136)["hosts"] == [
        {"address": "127.0.0.1", "level": 1},
        {"address": "192.0.2.0/24", "level": 2},
        {"address": "198.51.100.7", "level": 3},
    ]


def test_delete_entry(emulator):
    client = CameraClient(emulator, S2136)
    add(client, "192.0.2.0/24", "3")

    deleted = client.post("set_hostauth", {"mode": "delete", "HADD": "192.0.2.0/24"})
    again = client.post("set_hostauth", {"mode": "delete", "HADD": "192.0.2.0/24"})

    assert deleted.text == "result=ok\r\n"
    assert again.status_code == 400
    assert again.text == "error=HADD\r\n"
    assert emulator.camera(S2136)["hosts"] == []


@pytest.mark.parametrize(
    ("values", "error"),
    [
        ({"mode": "add", "HADD": "camera.example.net", "HLEVEL": "1"}, "HADD"),
        ({"mode": "add", "HADD": "192.0.2.1/24", "HLEVEL": "1"}, "HADD"),
        ({"mode": "add", "HADD": "2001:db8::1", "HLEVEL": "1"}, "HADD"),
        ({"mode": "add", "HADD": "192.0.2.0/33", "HLEVEL": "1"}, "HADD"),
        ({"mode": "add", "HLEVEL": "1"}, "HADD"),
        ({"mode": "add", "HADD": "192.0.2.1", "HLEVEL": "4"}, "HLEVEL"),
        ({"mode": "add", "HADD": "192.0.2.1", "HLEVEL": "0"}, "HLEVEL"),
        ({"mode": "add", "HADD": "192.0.2.1"}, "HLEVEL"),
        ({"mode": "replace", "HADD": "192.0.2.1", "HLEVEL": "1"}, "mode"),
    ],
)
def test_set_hostauth_rejects(emulator, values, error):
    client = CameraClient(emulator, S2136)

    response = client.post("set_hostauth", values)

    assert response.status_code == 400
    assert response.text == f"error={error}\r\n"
    assert emulator.camera(S2136)["hosts"] == []


def test_hostauth_counters(emulator):
    client = CameraClient(emulator, S2136)
    client.get("get_hostauth")
    emulator.reset_counters(S2136)

    client.get("get_hostauth")
    add(client, "192.0.2.1", "1")

    counters = emulator.camera(S2136)["counters"]
    assert counters["reads"] == 1
    assert counters["writes"] == 1


def test_quirky_model_lists_hosts(emulator):
    client = CameraClient(emulator, S1536)
    add(client, "192.0.2.0/24", "2")

    response = client.get("get_hostauth")

    assert response.content.startswith(b"\xef\xbb\xbf")
    assert parse_lines(response.text)["host1"] == "192.0.2.0/24,2"


def test_outside_list_denied(emulator):
    inside = CameraClient(emulator, S2136)
    outside = CameraClient(emulator, S2136, source=OTHER_SOURCE)
    add(inside, MAIN_SOURCE, "1")
    switched = inside.setdata(HAUTH="on")
    emulator.reset_counters(S2136)

    denied = outside.get("getdata?NW")
    anonymous = CameraClient(emulator, S2136, auth=False, source=OTHER_SOURCE).get("getdata?NW")
    allowed = inside.get("getdata?HAUTH")

    assert switched.status_code == 200
    assert denied.status_code == 403
    assert denied.text == DENIED
    assert anonymous.status_code == 403
    assert anonymous.text == DENIED
    assert allowed.text == "HAUTH=on\r\n"
    assert emulator.camera(S2136)["counters"]["auth_challenges"] == 0


def test_forwarded_headers_ignored(emulator):
    emulator.patch(S2136, HAUTH="on")
    emulator.set_hosts(S2136, [{"address": MAIN_SOURCE, "level": 1}])
    headers = {
        "X-Forwarded-For": MAIN_SOURCE,
        "X-Real-IP": MAIN_SOURCE,
        "Forwarded": f"for={MAIN_SOURCE}",
    }

    response = CameraClient(emulator, S2136, source=OTHER_SOURCE).get("getdata?NW", headers=headers)

    assert response.status_code == 403
    assert response.text == DENIED


def test_entry_level_caps_user(emulator):
    emulator.patch(S2136, HAUTH="on")
    emulator.set_hosts(S2136, [{"address": MAIN_SOURCE, "level": 1}, {"address": OTHER_SOURCE, "level": 3}])
    capped = CameraClient(emulator, S2136, source=OTHER_SOURCE)

    live_only = capped.get("getinfo?FILE=1")
    administrator_only = capped.get("getdata?NW")

    assert live_only.status_code == 200
    assert administrator_only.status_code == 403
    assert administrator_only.text == "error=access_level\r\n"


def test_most_permissive_entry_wins(emulator):
    emulator.patch(S2136, HAUTH="on")
    emulator.set_hosts(S2136, [{"address": "127.0.0.0/8", "level": 3}, {"address": OTHER_SOURCE, "level": 1}])

    other = CameraClient(emulator, S2136, source=OTHER_SOURCE).get("getdata?NW")
    main = CameraClient(emulator, S2136).get("getdata?NW")

    assert other.status_code == 200
    assert main.status_code == 403
    assert main.text == "error=access_level\r\n"


def test_empty_list_locks_everyone_out(emulator):
    client = CameraClient(emulator, S2136)

    switched = client.setdata(HAUTH="on")
    info = CameraClient(emulator, S2136, auth=False).get("getinfo?FILE=1")
    read = client.get("get_hostauth")

    assert switched.status_code == 200
    assert info.status_code == 403
    assert info.text == DENIED
    assert read.status_code == 403
    assert emulator.camera(S2136)["settings"]["HAUTH"] == "on"


def test_factory_reset_recovers_lockout(emulator):
    CameraClient(emulator, S1536).setdata(HAUTH="on")

    details = emulator.factory_reset(S1536)
    info = CameraClient(emulator, S1536, auth=False).get("getinfo?FILE=1")
    register_admin(emulator, S1536)

    assert details["settings"]["HAUTH"] == "off"
    assert details["hosts"] == []
    assert info.status_code == 200


def test_initial_data_clears_list(emulator):
    client = CameraClient(emulator, S1536)
    add(client, "127.0.0.0/8", "1")
    client.setdata(HAUTH="on")
    restarts = emulator.restarts(S1536)

    response = client.get("initial?cmd=data")
    details = emulator.wait_restarted(S1536, restarts)

    assert response.status_code == 200
    assert details["settings"]["HAUTH"] == "off"
    assert details["hosts"] == []


def test_control_api_replaces_list(emulator):
    details = emulator.set_hosts(S2136, [{"address": "192.0.2.0/24", "level": 2}, {"address": "127.0.0.1", "level": 1}])

    listed = CameraClient(emulator, S2136).get("get_hostauth")

    assert details["hosts"] == [{"address": "192.0.2.0/24", "level": 2}, {"address": "127.0.0.1", "level": 1}]
    assert listed.text == "HAUTH=off\r\nhost1=192.0.2.0/24,2\r\nhost2=127.0.0.1,1\r\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"address": "127.0.0.1", "level": 1}, "JSON list"),
        ([{"address": "192.0.2.1/24", "level": 1}], "address '192.0.2.1/24' is invalid"),
        ([{"address": "camera.example.net", "level": 1}], "is invalid"),
        ([{"address": "127.0.0.1", "level": 4}], "level 4 is invalid"),
        ([{"address": "127.0.0.1", "level": "1"}], "level '1' is invalid"),
        ([{"address": "127.0.0.1"}], "exactly address and level"),
    ],
)
def test_control_api_rejects_hosts(emulator, body, message):
    response = requests.post(f"{emulator.control_url}/cameras/{S2136}/hosts", json=body, timeout=10)

    assert response.status_code == 400
    assert message in response.json()["error"]
    assert emulator.camera(S2136)["hosts"] == []
