"""The Ansible inventory that the emulator writes for its fleet at start-up."""

from __future__ import annotations

import json
from pathlib import Path

from .fleet import Fleet
from .firmware import next_minor_version

# Demo credentials for emulated cameras only. Each password has 8-32 characters from at
# least three of upper case, lower case, digits and symbols, does not contain its user
# name, and contains neither '"' nor '&'.
DEMO_PASSWORD = "Ipro-Demo-7391"
DEMO_USERS = (
    ("operator", "Camera-Ctl-4821", "camera_control"),
    ("viewer", "Live-View-5930", "live_only"),
)
DEMO_SD_PASSWORD = "Sd-Lock-6284"
DEMO_NTP_SERVER = "192.0.2.123"
DEMO_HOSTAUTH_NETWORK = "127.0.0.0/8"
DEMO_SNMP_USER = "monitoring"
DEMO_SNMP_AUTH_PASSWORD = "Snmp-Auth-4417"
DEMO_SNMP_PRIV_PASSWORD = "Snmp-Priv-8820"


def _quote(value: str) -> str:
    # A JSON string is also a valid YAML double-quoted scalar.
    return json.dumps(value)


def _file_lookup(path: Path) -> str:
    return "{{ lookup('ansible.builtin.file', '%s') }}" % str(path.resolve()).replace("'", "\\'")


def render_inventory(fleet: Fleet, http_port: int, https_port: int) -> str:
    """Return the inventory YAML: group ``cameras`` with one child group per site."""
    lines = [
        "# Written by the i-PRO camera emulator (python -m tests.emulator serve) at every start.",
        "all:",
        "  children:",
        "    cameras:",
        "      # DEMO values in plain text, for emulated cameras only.",
        "      # Real inventories keep passwords and other secrets in Ansible Vault.",
        "      vars:",
        "        ansible_connection: local",
        "        ipro_protocol: https",
        f"        ipro_http_port: {http_port}",
        f"        ipro_https_port: {https_port}",
        f"        ipro_ca_path: {_quote(str(fleet.ca.cert_path.resolve()))}",
        "        ipro_username: admin",
        f"        ipro_password: {_quote(DEMO_PASSWORD)}",
        "        ipro_protection_level: entry",
        "        ipro_admin_username: admin",
        '        ipro_admin_password: "{{ ipro_password }}"',
        "        ipro_users:",
    ]
    for name, password, level in DEMO_USERS:
        lines += [
            f"          - name: {name}",
            f"            password: {_quote(password)}",
            f"            level: {level}",
        ]
    lines += [
        f"        ipro_ntp_server: {DEMO_NTP_SERVER}",
        f"        ipro_sd_password: {_quote(DEMO_SD_PASSWORD)}",
        "        # Used by ipro_protection_level: standard. The controller reaches the emulated",
        "        # cameras from a loopback address, so host authentication must admit 127.0.0.0/8.",
        "        ipro_hostauth_hosts:",
        f"          - address: {DEMO_HOSTAUTH_NETWORK}",
        "            level: administrator",
        "        # Used by ipro_protection_level: advanced. The emulator's vendor CA stands in for the",
        "        # RADIUS server's CA and issued each camera's EAP-TLS client certificate.",
        f"        ipro_snmp_user: {DEMO_SNMP_USER}",
        f"        ipro_snmp_auth_password: {_quote(DEMO_SNMP_AUTH_PASSWORD)}",
        f"        ipro_snmp_priv_password: {_quote(DEMO_SNMP_PRIV_PASSWORD)}",
        f"        ipro_dot1x_ca_certificate: {_quote(_file_lookup(fleet.ca.cert_path))}",
        "      children:",
    ]

    for site in sorted({camera.site for camera in fleet.cameras}):
        lines += [f"        cameras_site_{site}:", "          hosts:"]
        for camera in (camera for camera in fleet.cameras if camera.site == site):
            image = fleet.firmware_images[camera.profile.family].resolve()
            lines += [
                f"            {camera.name}:",
                f"              ansible_host: {camera.address}",
                f"              ipro_firmware_image: {_quote(str(image))}",
                f"              ipro_firmware_version: {_quote(next_minor_version(camera.profile.version))}",
            ]
            client = fleet.dot1x_clients.get(camera.name)
            if client is not None:
                lines += [
                    f"              ipro_dot1x_client_certificate: {_quote(_file_lookup(client.cert))}",
                    f"              ipro_dot1x_client_key: {_quote(_file_lookup(client.key))}",
                ]
    return "\n".join(lines) + "\n"


def write_inventory(path: Path, fleet: Fleet, http_port: int, https_port: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_inventory(fleet, http_port, https_port), encoding="utf-8")
