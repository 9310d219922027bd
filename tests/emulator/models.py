"""Camera model profiles and the factory settings every emulated camera starts from."""

from __future__ import annotations

from dataclasses import dataclass

CAPABILITIES = (
    "audio",
    "sd",
    "srtp",
    "dot1x",
    "ipv6",
    "data_encryption",
    "alteration_detection",
    "internet_mode",
)

# Ports that the camera rejects for any service port, except as the key's own factory default.
RESERVED_PORTS = frozenset(
    [20, 21, 23, 25, 42, 53, 67, 68, 69, 80, 110, 123, 161, 162, 443, 554, 995, 10669, 10670]
    + list(range(59000, 61001))
)

# Characters a camera accepts in user names; passwords exclude only '"' and '&'.
USER_NAME_FORBIDDEN = '"&:;\\'
SECRET_FORBIDDEN = '"&'


@dataclass(frozen=True)
class ModelProfile:
    """One camera model: identity, firmware, capabilities and response quirks."""

    model: str
    family: str
    version: str
    max_users: int
    uauthmtd: str
    missing: frozenset[str] = frozenset()
    # Read responses of this model start with a UTF-8 BOM and contain a line without '=' and an unknown key.
    quirky_reads: bool = False

    def has(self, capability: str) -> bool:
        return capability not in self.missing

    def capabilities(self) -> dict[str, str]:
        return {name: "yes" if self.has(name) else "no" for name in CAPABILITIES}


PROFILES = (
    ModelProfile("WV-S2136", "s2136", "2.40", max_users=24, uauthmtd="digest"),
    ModelProfile(
        "WV-S1536",
        "s1536",
        "1.60",
        max_users=16,
        uauthmtd="digest",
        missing=frozenset({"audio", "sd", "alteration_detection"}),
        quirky_reads=True,
    ),
    ModelProfile(
        "WV-SFV130",
        "sfv130",
        "1.20",
        max_users=9,
        uauthmtd="digest_basic",
        missing=frozenset({"srtp", "dot1x", "data_encryption", "internet_mode"}),
    ),
)

PROFILES_BY_MODEL = {profile.model: profile for profile in PROFILES}


@dataclass(frozen=True)
class Setting:
    """One key of the flat settings store served by getdata and setdata.

    ``kind`` selects the validation: ``enum`` (one of ``values``), ``ipv4`` (dotted quad),
    ``port`` (1-65535 outside RESERVED_PORTS), ``int`` (``low``..``high``), ``text``
    (``low``..``high`` characters, each in ``charset`` or not in ``forbidden``) and
    ``secret`` (a write-only text value that getdata reports as ``<KEY>_SET``).
    """

    key: str
    kind: str
    default: str = ""
    values: tuple[str, ...] = ()
    low: int = 0
    high: int = 0
    charset: str = ""
    forbidden: str = ""
    capability: str | None = None
    restarts: bool = False
    network: bool = False


def _enum(key: str, *values: str, **options) -> Setting:
    return Setting(key, "enum", default=values[0], values=values, **options)


def _ipv4(key: str, default: str, **options) -> Setting:
    return Setting(key, "ipv4", default=default, **options)


def _port(key: str, default: int, **options) -> Setting:
    return Setting(key, "port", default=str(default), **options)


def _text(key: str, default: str, low: int, high: int, **options) -> Setting:
    return Setting(key, "text", default=default, low=low, high=high, **options)


def _secret(key: str, low: int, high: int, **options) -> Setting:
    return Setting(key, "secret", low=low, high=high, forbidden=SECRET_FORBIDDEN, **options)


HOST_CHARSET = "A-Za-z0-9:._-"
TIMEZONE_CHARSET = "A-Za-z0-9+:_/-"

# Factory defaults come first in each enumeration. HTTPS_PORT and UAUTHMTD get their
# per-camera factory values from factory_settings().
SETTINGS = (
    _enum("UAUTHMTD", "digest", "digest_basic", "basic", restarts=True),
    _enum("NW", "dhcp", "static", "auto_ip", "auto_advanced", restarts=True, network=True),
    _ipv4("EIP", "192.0.2.10", restarts=True, network=True),
    _ipv4("EMASK", "255.255.255.0", restarts=True, network=True),
    _ipv4("EDGW", "192.0.2.1", restarts=True, network=True),
    _enum("DNS", "auto", "manual", network=True),
    _ipv4("PRISRV", "0.0.0.0", network=True),
    _ipv4("SECSRV", "0.0.0.0", network=True),
    _enum("IP6", "on", "off", capability="ipv6", network=True),
    _enum("TIMEADJUST", "manual", "ntp"),
    _enum("NTPSVR", "manual", "auto"),
    _text("NTPADD", "", 1, 128, charset=HOST_CHARSET),
    _port("NTPPORT", 123),
    Setting("NTPINTERVAL", "int", default="1", low=1, high=24),
    _text("TIMEZONE", "UTC", 1, 64, charset=TIMEZONE_CHARSET),
    _enum("AUDIO", "off", "mic", "out", "interactive", capability="audio"),
    _enum("SDLOCK", "off", "on", capability="sd"),
    _secret("SDLOCKPASS", 4, 16, capability="sd"),
    _enum("SDRECFMT", "mp4", "jpeg", capability="sd"),
    _enum("FTPSVR", "forbid", "allow"),
    _enum("FTPCLIENT", "off", "on"),
    _enum("PORTFORWARD", "off", "on"),
    _enum("EASYIPSETUP", "20min", "unlimited"),
    _enum("MLSSL", "off", "on"),
    _text("MLSRV", "", 0, 128, charset=HOST_CHARSET),
    _port("SMTPPORT", 25),
    _enum("MLAUTH", "off", "smtp", "pop_before_smtp"),
    _text("MLUSER", "", 0, 32, forbidden=USER_NAME_FORBIDDEN),
    _secret("MLPASS", 0, 32),
    _enum("HAUTH", "off", "on"),
    _enum("HTTPS_TYPE", "http_https", "https", "http", restarts=True, network=True),
    _port("HTTPS_PORT", 443, restarts=True, network=True),
    _enum("HTTPS_CERT", "preinstalled", "ca"),
    _enum("INTERNETMODE", "off", "on", capability="internet_mode"),
    _enum("DATAENC", "off", "on", capability="data_encryption"),
    _enum("ALTERATION", "off", "on", capability="alteration_detection"),
    _enum("SRTP", "off", "on", capability="srtp"),
    _port("RTSPS_PORT", 322, capability="srtp"),
    _enum("DOT1X", "off", "on", capability="dot1x", restarts=True),
    _enum("DOT1X_EAP", "md5", "peap", "tls", capability="dot1x"),
    _text("DOT1X_USER", "", 0, 32, forbidden=USER_NAME_FORBIDDEN, capability="dot1x"),
    _secret("DOT1X_PASS", 4, 32, capability="dot1x"),
    _enum("SNMPVER", "v1v2", "v3", "off"),
    _secret("SNMPCOM", 1, 32),
    _text("SNMPV3_UNAME", "", 0, 32, forbidden=USER_NAME_FORBIDDEN),
    _enum("SNMPV3_AUTH", "md5", "sha1", "sha256"),
    _secret("SNMPV3_AUTHPASS", 8, 32),
    _enum("SNMPV3_ENCR", "des", "aes128"),
    _secret("SNMPV3_ENCRPASS", 8, 32),
    _enum("ENHSEC", "off", "on"),
)

SETTINGS_BY_KEY = {setting.key: setting for setting in SETTINGS}


def settings_for(profile: ModelProfile) -> dict[str, Setting]:
    """Return the settings that exist on this model, in table order."""
    return {
        setting.key: setting
        for setting in SETTINGS
        if setting.capability is None or profile.has(setting.capability)
    }


def factory_settings(profile: ModelProfile, https_port: int) -> dict[str, str | None]:
    """Return the factory settings of a camera; write-only keys start unset (None)."""
    values: dict[str, str | None] = {}
    for key, setting in settings_for(profile).items():
        values[key] = None if setting.kind == "secret" else setting.default

    values["UAUTHMTD"] = profile.uauthmtd
    values["HTTPS_PORT"] = str(https_port)
    return values

