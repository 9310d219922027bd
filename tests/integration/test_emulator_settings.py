"""Emulated cameras: getdata and setdata validation, quirky reads and write-only keys."""

from __future__ import annotations

import pytest

from tests.support.cameras import CameraClient, parse_lines, register_admin

S2136 = "cam-a-01"
S1536 = "cam-a-02"
SFV130 = "cam-b-01"


@pytest.fixture(scope="module", autouse=True)
def admins(emulator):
    register_admin(emulator, S2136, S1536, SFV130)


@pytest.fixture
def s2136(emulator):
    return CameraClient(emulator, S2136)


def test_bom_model_read_quirks(emulator):
    response = CameraClient(emulator, S1536).get("getdata?NTPPORT&UAUTHMTD")

    lines = response.text.split("\r\n")
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert any(line and "=" not in line for line in lines)
    assert "OEM_EXTENSION=1" in lines
    assert parse_lines(response.text) == {"NTPPORT": "123", "UAUTHMTD": "digest", "OEM_EXTENSION": "1"}


def test_plain_model_reads_clean(s2136):
    response = s2136.get("getdata?NTPPORT")

    assert response.content == b"NTPPORT=123\r\n"
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_getdata_all_keys(s2136):
    values = s2136.getdata()

    assert values["UAUTHMTD"] == "digest"
    assert values["NW"] == "dhcp"
    assert values["HTTPS_PORT"] == "443"
    assert values["SNMPCOM_SET"] == "0"
    assert "SNMPCOM" not in values


def test_factory_values_per_model(emulator):
    sfv130 = CameraClient(emulator, SFV130).getdata()
    s1536 = CameraClient(emulator, S1536).getdata()

    assert sfv130["UAUTHMTD"] == "digest_basic"
    assert "SRTP" not in sfv130
    assert "DOT1X" not in sfv130
    assert "AUDIO" not in s1536
    assert "ALTERATION" not in s1536


def test_setdata_and_read_back(s2136):
    response = s2136.setdata(TIMEADJUST="ntp", NTPADD="ntp1.example.net", NTPINTERVAL="12")

    assert response.status_code == 200
    assert response.text == "result=ok\r\n"
    assert s2136.getdata("TIMEADJUST", "NTPADD", "NTPINTERVAL") == {
        "TIMEADJUST": "ntp",
        "NTPADD": "ntp1.example.net",
        "NTPINTERVAL": "12",
    }


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("NTPPORT", "80"),
        ("NTPPORT", "554"),
        ("SMTPPORT", "123"),
        ("HTTPS_PORT", "59500"),
        ("RTSPS_PORT", "443"),
        ("NTPPORT", "0"),
        ("NTPPORT", "65536"),
        ("NTPPORT", "12a"),
        ("HTTPS_PORT", "80"),
    ],
)
def test_port_rejected(s2136, key, value):
    response = s2136.setdata(**{key: value})

    assert response.status_code == 400
    assert response.text == f"error={key}\r\n"


@pytest.mark.parametrize(("key", "value"), [("NTPPORT", "123"), ("SMTPPORT", "25"), ("SMTPPORT", "587")])
def test_port_own_default_accepted(s2136, key, value):
    assert s2136.setdata(**{key: value}).status_code == 200


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("NTPADD", "bad host"),
        ("NTPADD", "a" * 129),
        ("NTPADD", ""),
        ("NTPINTERVAL", "0"),
        ("NTPINTERVAL", "25"),
        ("UAUTHMTD", "DIGEST"),
        ("EIP", "192.0.2.300"),
        ("PRISRV", "dns.example"),
        ("SNMPV3_AUTHPASS", "short"),
        ("MLPASS", 'with"quote'),
    ],
)
def test_invalid_value_rejected(s2136, key, value):
    response = s2136.setdata(**{key: value})

    assert response.status_code == 400
    assert response.text == f"error={key}\r\n"


def test_unknown_key_rejected(emulator, s2136):
    assert s2136.setdata(NOSUCHKEY="1").text == "error=NOSUCHKEY\r\n"
    assert s2136.get("getdata?NOSUCHKEY").status_code == 400
    assert CameraClient(emulator, S1536).setdata(AUDIO="off").text == "error=AUDIO\r\n"


def test_setdata_all_or_nothing(s2136):
    before = s2136.getdata("NTPADD", "FTPSVR")

    response = s2136.post("setdata", data=[("FTPSVR", "allow"), ("NTPPORT", "80"), ("NTPADD", "bad host")])

    assert response.status_code == 400
    assert response.text == "error=NTPPORT\r\n"
    assert s2136.getdata("NTPADD", "FTPSVR") == before


def test_ntp_auto_needs_dynamic_network(emulator):
    client = CameraClient(emulator, SFV130)
    emulator.patch(SFV130, NW="static")

    try:
        rejected = client.setdata(NTPSVR="auto")
    finally:
        emulator.patch(SFV130, NW="dhcp")
    accepted = client.setdata(NTPSVR="auto")

    assert rejected.status_code == 403
    assert rejected.text == "error=ntp_auto_needs_dynamic_network\r\n"
    assert accepted.status_code == 200
    assert client.setdata(NTPSVR="manual").status_code == 200


def test_alteration_needs_mp4(s2136):
    together = s2136.setdata(SDRECFMT="jpeg", ALTERATION="on")
    assert s2136.setdata(SDRECFMT="jpeg").status_code == 200
    after_jpeg = s2136.setdata(ALTERATION="on")
    s2136.setdata(SDRECFMT="mp4")
    with_mp4 = s2136.setdata(ALTERATION="on")
    to_jpeg = s2136.setdata(SDRECFMT="jpeg")
    s2136.setdata(ALTERATION="off")

    assert together.status_code == 403
    assert together.text == "error=needs_mp4\r\n"
    assert after_jpeg.text == "error=needs_mp4\r\n"
    assert with_mp4.status_code == 200
    assert to_jpeg.text == "error=needs_mp4\r\n"


def test_write_only_keys_never_returned(emulator, s2136):
    secret = "Community-42x"
    assert s2136.setdata(SNMPCOM=secret, SNMPV3_AUTHPASS="Auth-Pass-9137").status_code == 200

    everything = s2136.get("getdata")
    named = s2136.get("getdata?SNMPCOM&SNMPV3_AUTHPASS_SET")
    details = emulator.camera(S2136)

    assert secret not in everything.text
    assert parse_lines(everything.text)["SNMPCOM_SET"] == "1"
    assert parse_lines(named.text) == {"SNMPCOM_SET": "1", "SNMPV3_AUTHPASS_SET": "1"}
    assert details["settings"]["SNMPCOM_SET"] is True
    assert secret not in str(details)
    assert secret not in s2136.get("get_systemlog?type=event").text


def test_same_value_counts_as_write(emulator, s2136):
    s2136.getdata("FTPSVR")
    emulator.reset_counters(S2136)

    response = s2136.setdata(FTPSVR="forbid")

    counters = emulator.camera(S2136)["counters"]
    assert response.status_code == 200
    assert counters == {"requests": 1, "reads": 0, "writes": 1, "auth_failures": 0, "auth_challenges": 0,
                        "setting_reads_max": 0}


def test_https_cert_ca_needs_certificate(s2136):
    response = s2136.setdata(HTTPS_CERT="ca")

    assert response.status_code == 403
    assert response.text == "error=ca_cert_not_installed\r\n"


def test_getinfo_identity(emulator):
    values = parse_lines(CameraClient(emulator, SFV130).get("getinfo?FILE=1").text)

    assert values["NAME"] == "WV-SFV130"
    assert values["VERSION"] == "1.20"
    assert values["FIRMWARE"] == "sfv130"
    assert values["ADMIN_REGISTERED"] == "1"
    assert values["MAC"].startswith("00-80-45-")
    assert len(values["MAC"].split("-")) == 6
    assert values["SERIAL"]


def test_capabilities_per_model(emulator):
    sfv130 = parse_lines(CameraClient(emulator, SFV130).get("get_capability").text)
    s1536 = parse_lines(CameraClient(emulator, S1536).get("get_capability").text)

    assert sfv130 == {
        "audio": "yes",
        "sd": "yes",
        "srtp": "no",
        "dot1x": "no",
        "ipv6": "yes",
        "data_encryption": "no",
        "alteration_detection": "yes",
        "internet_mode": "no",
        "max_users": "9",
    }
    assert s1536["audio"] == "no"
    assert s1536["sd"] == "no"
    assert s1536["max_users"] == "16"


def test_unknown_cgi_not_found(s2136):
    response = s2136.get("no_such_cgi")

    assert response.status_code == 404
    assert response.text == "error=not_found\r\n"
