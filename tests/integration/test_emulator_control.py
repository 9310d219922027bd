"""The emulator's control API, counters, inventory, certificates and command line."""

from __future__ import annotations

import ipaddress
import re
import socket
import ssl
import subprocess
import sys

import pytest
import requests
import yaml
from cryptography import x509

from tests.emulator.firmware import parse_image
from tests.support.cameras import CameraClient, register_admin
from tests.support.emulator import REPO_ROOT

S2136 = "cam-a-01"
S1536 = "cam-a-02"
SFV130 = "cam-b-01"


@pytest.fixture(scope="module", autouse=True)
def admins(emulator):
    register_admin(emulator, S2136, S1536, SFV130)


def control(emulator, method: str, path: str, **kwargs) -> requests.Response:
    return requests.request(method, emulator.control_url + path, timeout=10, **kwargs)


def test_cameras_listed(emulator):
    cameras = emulator.cameras()

    assert [camera["name"] for camera in cameras] == [S2136, S1536, SFV130]
    assert [camera["model"] for camera in cameras] == ["WV-S2136", "WV-S1536", "WV-SFV130"]
    assert [camera["site"] for camera in cameras] == ["a", "a", "b"]
    first = ipaddress.IPv4Address(cameras[0]["address"])
    assert [camera["address"] for camera in cameras] == [str(first + index) for index in range(3)]
    assert all(ipaddress.IPv4Address(camera["address"]).is_loopback for camera in cameras)
    assert {camera["https_port"] for camera in cameras} == {443}


def test_camera_details(emulator):
    details = emulator.camera(SFV130)

    assert details["firmware"] == {"family": "sfv130", "version": "1.20"}
    assert details["admin_registered"] is True
    assert details["users"] == [{"name": "admin", "level": 1}]
    assert details["hosts"] == []
    assert details["online"] is True
    assert details["settings"]["UAUTHMTD"] == "digest_basic"
    assert details["settings"]["SNMPCOM_SET"] is False
    assert set(details["counters"]) == {"requests", "reads", "writes", "auth_failures", "auth_challenges",
                                        "setting_reads_max"}


def test_unknown_camera_not_found(emulator):
    response = control(emulator, "GET", "/cameras/cam-z-99")

    assert response.status_code == 404
    assert "cam-z-99" in response.json()["error"]


def test_unknown_fault_named(emulator):
    response = control(emulator, "POST", f"/cameras/{S2136}/faults", json={"meteor": True})

    assert response.status_code == 400
    assert "meteor" in response.json()["error"]


def test_patch_unknown_setting_rejected(emulator):
    response = control(emulator, "PATCH", f"/cameras/{S1536}/settings", json={"AUDIO": "mic"})

    assert response.status_code == 400
    assert "AUDIO" in response.json()["error"]


def test_patch_restart_key_does_not_restart(emulator):
    restarts = emulator.restarts(S1536)

    details = emulator.patch(S1536, UAUTHMTD="digest_basic", FTPSVR="allow")
    value = CameraClient(emulator, S1536).getdata("FTPSVR")
    emulator.patch(S1536, UAUTHMTD="digest", FTPSVR="forbid")

    assert details["settings"]["UAUTHMTD"] == "digest_basic"
    assert value["FTPSVR"] == "allow"
    assert emulator.camera(S1536)["restarts"] == restarts


def test_counters_count_requests(emulator):
    client = CameraClient(emulator, S2136)
    client.get("getdata?NW")
    emulator.reset_counters(S2136)

    client.get("getdata?NW")
    client.get("getinfo?FILE=1")
    client.setdata(FTPSVR="forbid")
    client.setdata(NTPPORT="80")
    CameraClient(emulator, S2136, auth=False).get("getdata")
    client.get("no_such_cgi")

    assert emulator.camera(S2136)["counters"] == {
        "requests": 6,
        "reads": 3,
        "writes": 2,
        "auth_failures": 0,
        "auth_challenges": 1,
        "setting_reads_max": 1,
    }
    emulator.reset_counters(S2136)
    assert set(emulator.camera(S2136)["counters"].values()) == {0}


def test_counters_count_reads_per_setting(emulator):
    client = CameraClient(emulator, S2136)
    emulator.reset_counters(S2136)

    client.get("getdata?NW&NTPPORT")
    client.get("getdata?NTPPORT")

    assert emulator.camera(S2136)["counters"]["setting_reads_max"] == 2


def test_slow_fault_delays_requests(emulator):
    client = CameraClient(emulator, S2136)
    client.get("getdata?NW")
    emulator.fault(S2136, slow_ms=1500, requests=1)

    with pytest.raises(requests.Timeout):
        client.session.get(client.base + "getdata?NW", verify=client.verify, timeout=0.5)
    assert client.get("getdata?NW").status_code == 200


def test_factory_reset_through_control(emulator_factory):
    emulator = emulator_factory(cameras=1, sites=1, restart_seconds=0.3)
    register_admin(emulator, S2136)
    restarts = emulator.restarts(S2136)
    CameraClient(emulator, S2136).setdata(HTTPS_TYPE="https")
    emulator.wait_restarted(S2136, restarts)

    details = emulator.factory_reset(S2136)

    assert details["admin_registered"] is False
    assert details["settings"]["HTTPS_TYPE"] == "http_https"
    assert details["online"] is True
    assert CameraClient(emulator, S2136, auth=False, scheme="http").get("getinfo?FILE=1").status_code == 200


def test_inventory_layout(emulator):
    inventory = yaml.safe_load(emulator.inventory.read_text())
    cameras = inventory["all"]["children"]["cameras"]
    variables = cameras["vars"]

    assert set(cameras["children"]) == {"cameras_site_a", "cameras_site_b"}
    assert set(cameras["children"]["cameras_site_a"]["hosts"]) == {S2136, S1536}
    assert variables["ansible_connection"] == "local"
    assert variables["ipro_protocol"] == "https"
    assert variables["ipro_https_port"] == 443
    assert variables["ipro_ca_path"] == str(emulator.ca_path)
    assert variables["ipro_admin_password"] == "{{ ipro_password }}"
    assert variables["ipro_ntp_server"] == "192.0.2.123"
    assert [user["level"] for user in variables["ipro_users"]] == ["camera_control", "live_only"]
    assert "DEMO values" in emulator.inventory.read_text()
    assert "Ansible Vault" in emulator.inventory.read_text()


def test_inventory_firmware_images(emulator):
    inventory = yaml.safe_load(emulator.inventory.read_text())
    hosts = inventory["all"]["children"]["cameras"]["children"]["cameras_site_b"]["hosts"]

    host = hosts[SFV130]
    image = parse_image(open(host["ipro_firmware_image"], "rb").read())

    assert host["ansible_host"] == emulator.camera(SFV130)["address"]
    assert host["ipro_firmware_version"] == "1.30"
    assert (image.family, image.version) == ("sfv130", "1.30")


def meets_guide_rule(user: str, password: str) -> bool:
    classes = [r"[A-Z]", r"[a-z]", r"[0-9]", r"[^A-Za-z0-9]"]
    return (
        8 <= len(password) <= 32
        and sum(bool(re.search(pattern, password)) for pattern in classes) >= 3
        and user.lower() not in password.lower()
        and '"' not in password
        and "&" not in password
    )


def test_inventory_demo_passwords_meet_guide(emulator):
    variables = yaml.safe_load(emulator.inventory.read_text())["all"]["children"]["cameras"]["vars"]

    assert meets_guide_rule(variables["ipro_username"], variables["ipro_password"])
    for user in variables["ipro_users"]:
        assert meets_guide_rule(user["name"], user["password"])


def test_certificate_names_camera(emulator):
    address = emulator.camera(SFV130)["address"]
    context = ssl.create_default_context(cafile=str(emulator.ca_path))

    with socket.create_connection((address, 443), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname=address) as tls:
            der = tls.getpeercert(binary_form=True)

    cert = x509.load_der_x509_certificate(der)
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value == SFV130
    assert san.get_values_for_type(x509.IPAddress) == [ipaddress.IPv4Address(address)]
    assert san.get_values_for_type(x509.DNSName) == [SFV130]


def test_base_address_outside_loopback_rejected(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tests.emulator", "serve", "--cameras", "1", "--base-address", "192.0.2.1",
         "--inventory", str(tmp_path / "hosts.yml"), "--control-port", "0"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 2
    assert "outside 127.0.0.0/8" in result.stderr
    assert result.stdout == ""


def test_stop_exits_cleanly(emulator_factory):
    emulator = emulator_factory(cameras=2, sites=2)
    address = emulator.camera("cam-b-01")["address"]

    code = emulator.stop()

    assert code == 0
    assert "stopped" in emulator.stderr()
    with pytest.raises(OSError):
        socket.create_connection((address, 443), timeout=2)
