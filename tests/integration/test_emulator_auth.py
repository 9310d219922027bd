"""Emulated cameras: Digest and Basic authentication, nonces, access levels and Randomnum."""

from __future__ import annotations

import base64

import pytest
import requests

from tests.support.cameras import ADMIN, ADMIN_PASSWORD, CameraClient, parse_lines, register_admin
from tests.support.digest import DigestAuth, authorization, challenges, digest_challenge

S2136 = "cam-a-01"
S1536 = "cam-a-02"
SFV130 = "cam-b-01"


@pytest.fixture(scope="module", autouse=True)
def admins(emulator):
    register_admin(emulator, S2136, S1536, SFV130)


def unauthenticated(emulator, name: str) -> CameraClient:
    return CameraClient(emulator, name, auth=False)


@pytest.mark.parametrize("algorithm", ["SHA-256", "MD5"])
def test_digest_algorithm_accepted(emulator, algorithm):
    client = CameraClient(emulator, S2136, auth=DigestAuth(ADMIN, ADMIN_PASSWORD, algorithm))

    response = client.get("getdata?UAUTHMTD")

    assert response.status_code == 200
    assert parse_lines(response.text) == {"UAUTHMTD": "digest"}
    assert len(response.history) == 1


def test_digest_challenges_sha256_first(emulator):
    response = unauthenticated(emulator, S2136).get("getdata")

    offered = challenges(response)
    assert response.status_code == 401
    assert [(scheme, params.get("algorithm")) for scheme, params in offered] == [
        ("Digest", "SHA-256"),
        ("Digest", "MD5"),
    ]
    for _, params in offered:
        assert params["realm"] == "i-PRO"
        assert params["qop"] == "auth"


def test_cached_nonce_reused(emulator):
    emulator.reset_counters(S2136)
    auth = DigestAuth(ADMIN, ADMIN_PASSWORD)
    client = CameraClient(emulator, S2136, auth=auth)

    statuses = [client.get("getdata?NW").status_code for _ in range(4)]

    assert statuses == [200] * 4
    assert auth.nc == 4
    counters = emulator.camera(S2136)["counters"]
    assert counters["auth_challenges"] == 1
    assert counters["auth_failures"] == 0


def test_stale_nonce_not_failure(emulator):
    emulator.reset_counters(S2136)
    client = unauthenticated(emulator, S2136)
    challenge = dict(digest_challenge(client.get("getdata"), "SHA-256"), nonce="0" * 32)
    uri = "/cgi-bin/getdata?NW"
    header = authorization(ADMIN, ADMIN_PASSWORD, "GET", uri, challenge)

    response = client.get("getdata?NW", headers={"Authorization": header})

    assert response.status_code == 401
    assert all(params.get("stale") == "true" for scheme, params in challenges(response) if scheme == "Digest")
    assert emulator.camera(S2136)["counters"]["auth_failures"] == 0


def test_bare_challenge_not_failure(emulator):
    emulator.reset_counters(S2136)

    response = unauthenticated(emulator, S2136).get("getdata")

    counters = emulator.camera(S2136)["counters"]
    assert response.status_code == 401
    assert counters["auth_challenges"] == 1
    assert counters["auth_failures"] == 0


def test_wrong_password_logged_as_failure(emulator):
    emulator.reset_counters(S1536)
    client = CameraClient(emulator, S1536, auth=DigestAuth(ADMIN, "Wrong-Pass-123"))

    response = client.get("getdata?NW")

    assert response.status_code == 401
    assert emulator.camera(S1536)["counters"]["auth_failures"] == 1
    log = CameraClient(emulator, S1536).get("get_systemlog?type=access").text.lstrip("\ufeff")
    assert "login failed: user=admin source=127.0.0.1" in log


def test_unknown_user_is_failure(emulator):
    emulator.reset_counters(S1536)
    client = CameraClient(emulator, S1536, auth=DigestAuth("nobody", ADMIN_PASSWORD))

    assert client.get("getdata?NW").status_code == 401
    assert emulator.camera(S1536)["counters"]["auth_failures"] == 1


def test_basic_rejected_when_digest_only(emulator):
    emulator.reset_counters(S2136)
    client = CameraClient(emulator, S2136, auth=requests.auth.HTTPBasicAuth(ADMIN, ADMIN_PASSWORD))

    response = client.get("getdata?NW")

    assert response.status_code == 401
    assert [scheme for scheme, _ in challenges(response)] == ["Digest", "Digest"]
    assert emulator.camera(S2136)["counters"]["auth_failures"] == 0


def test_basic_accepted_with_digest_basic(emulator):
    client = CameraClient(emulator, SFV130, auth=requests.auth.HTTPBasicAuth(ADMIN, ADMIN_PASSWORD))

    response = client.get("getdata?UAUTHMTD")

    assert response.status_code == 200
    assert parse_lines(response.text) == {"UAUTHMTD": "digest_basic"}
    offered = challenges(unauthenticated(emulator, SFV130).get("getdata"))
    assert [scheme for scheme, _ in offered] == ["Digest", "Digest", "Basic"]


def test_basic_wrong_password_is_failure(emulator):
    emulator.reset_counters(SFV130)
    token = base64.b64encode(f"{ADMIN}:Wrong-Pass-123".encode()).decode()

    response = unauthenticated(emulator, SFV130).get("getdata?NW", headers={"Authorization": f"Basic {token}"})

    assert response.status_code == 401
    assert emulator.camera(SFV130)["counters"]["auth_failures"] == 1


def test_live_only_user_limited(emulator):
    admin = CameraClient(emulator, S2136)
    added = admin.post("set_user", {"mode": "add", "UNAME": "viewer", "UPASS": "Live-View-5930", "ULEVEL": "3"})
    assert added.status_code == 200
    viewer = CameraClient(emulator, S2136, auth=DigestAuth("viewer", "Live-View-5930"))

    info = viewer.get("getinfo?FILE=1")
    settings = viewer.get("getdata?NW")

    assert info.status_code == 200
    assert parse_lines(info.text)["NAME"] == "WV-S2136"
    assert settings.status_code == 403
    assert settings.text == "error=access_level\r\n"


def test_randomnum_handshake(emulator):
    client = CameraClient(emulator, S2136)
    assert client.setdata(ENHSEC="on").status_code == 200
    browser = {"Accept": "text/html,application/xhtml+xml"}

    try:
        rejected = client.get("getdata?NW", headers=browser)
        randomnum = parse_lines(client.get("get_randomnum", headers=browser).text)["randomnum"]
        accepted = client.get(f"getdata?NW&Randomnum={randomnum}", headers=browser)
        replayed = client.get(f"getdata?NW&Randomnum={randomnum}", headers=browser)
        plain = client.get("getdata?NW")
    finally:
        client.setdata(ENHSEC="off")

    assert rejected.status_code == 400
    assert rejected.text == "error=randomnum\r\n"
    assert len(randomnum) == 16
    assert int(randomnum, 16) >= 0
    assert accepted.status_code == 200
    assert parse_lines(accepted.text) == {"NW": "dhcp"}
    assert replayed.status_code == 400
    assert plain.status_code == 200


def test_require_randomnum_fault(emulator):
    client = CameraClient(emulator, SFV130)
    emulator.fault(SFV130, require_randomnum=True)

    try:
        rejected = client.get("getdata?NW")
        randomnum = parse_lines(client.get("get_randomnum").text)["randomnum"]
        written = client.post("setdata", {"FTPSVR": "forbid", "Randomnum": randomnum})
    finally:
        emulator.fault(SFV130, clear=True)

    assert rejected.status_code == 400
    assert written.status_code == 200
    assert client.get("getdata?NW").status_code == 200


def test_digest_uri_must_match(emulator):
    client = unauthenticated(emulator, S2136)
    challenge = digest_challenge(client.get("getdata"), "MD5")
    header = authorization(ADMIN, ADMIN_PASSWORD, "GET", "/cgi-bin/getdata?OTHER", challenge)

    response = client.get("getdata?NW", headers={"Authorization": header})

    assert response.status_code == 400
    assert response.text == "error=uri\r\n"
