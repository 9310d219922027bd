#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_snmp
short_description: Use SNMPv3 on an i-PRO camera, or turn SNMP off
version_added: 0.1.0
description:
  - Sets the camera's SNMP version, the v1/v2c community, and the SNMPv3 user with its authentication and
    privacy protocols and passphrases.
  - Implements item 4.2 (Advanced level) of i-PRO's Camera Hardening Guide, which recommends SNMPv3 for its
    encryption and tamper detection.
  - Moving to V(v3) clears a stored v1/v2c community, so it cannot be used again by switching back.
options:
  version:
    description:
      - V(v3) uses the user-based security model; V(v1v2) uses a community; V(off) turns the agent off.
    type: str
    choices: [v3, v1v2, 'off']
  community:
    description:
      - v1/v2c community, 1-32 characters. Write-only, see O(update_password). Not allowed with O(version=v3).
    type: str
  user:
    description:
      - SNMPv3 user name.
    type: str
  auth_protocol:
    description:
      - SNMPv3 authentication protocol.
    type: str
    choices: [md5, sha1, sha256]
  auth_password:
    description:
      - SNMPv3 authentication passphrase, 8-32 characters. Write-only, see O(update_password).
    type: str
  priv_protocol:
    description:
      - SNMPv3 privacy (encryption) protocol.
    type: str
    choices: [des, aes128]
  priv_password:
    description:
      - SNMPv3 privacy passphrase, 8-32 characters. Write-only, see O(update_password).
    type: str
  update_password:
    description:
      - V(on_create) sends a community or passphrase only when the camera holds none of that kind.
      - V(always) sends them on every run and so always reports a change, because the camera never returns
        them for comparison and SNMP offers no login to test them with.
    type: str
    choices: [on_create, always]
    default: on_create
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: 4.2 | Use SNMPv3 with SHA-256 and AES
  ipro.camera.ipro_snmp:
    version: v3
    user: monitoring
    auth_protocol: sha256
    auth_password: "{{ vault_snmp_auth }}"
    priv_protocol: aes128
    priv_password: "{{ vault_snmp_priv }}"
'''

RETURN = r'''
before:
  description: The SNMP settings before the task; stored secrets show as C(********).
  returned: always
  type: dict
  sample: {version: v1v2, community: '********', user: '', auth_protocol: md5, auth_password: null,
           priv_protocol: des, priv_password: null}
after:
  description: The SNMP settings after the task (in check mode, as they would be).
  returned: always
  type: dict
commands:
  description: The writes sent to the camera, or that check mode would send, with secrets masked.
  returned: always
  type: list
  elements: str
  sample: ['setdata SNMPVER=v3 SNMPCOM=******** SNMPV3_UNAME=monitoring SNMPV3_AUTHPASS=********']
'''

from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module
from ansible_collections.ipro.camera.plugins.module_utils.snmp import SnmpLogic

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    version=dict(type='str', choices=['v3', 'v1v2', 'off']),
    community=dict(type='str', no_log=True),
    user=dict(type='str'),
    auth_protocol=dict(type='str', choices=['md5', 'sha1', 'sha256']),
    auth_password=dict(type='str', no_log=True),
    priv_protocol=dict(type='str', choices=['des', 'aes128']),
    priv_password=dict(type='str', no_log=True),
    update_password=dict(type='str', choices=['on_create', 'always'], default='on_create', no_log=False),
)
LOGIC = SnmpLogic()


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
