#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_info
short_description: Read everything an i-PRO camera reports about itself
version_added: 0.1.0
description:
  - Returns the camera's identity, capabilities, every setting, its users, its host list and a summary of its
    certificates, in one result. Never changes anything.
  - Write-only values (passwords, communities) are never returned; C(<KEY>_SET) says whether one is stored.
  - Until an administrator is registered the camera answers only identity and capabilities; the other
    keys are then V(null).
options:
  gather_subset:
    description:
      - What to read besides the identity, which is always read. Parts not read are V(null) in the result.
    type: list
    elements: str
    choices: [capabilities, settings, users, hosts, certificates]
    default: [capabilities, settings, users, hosts, certificates]
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: Read the camera
  ipro.camera.ipro_info:
  register: camera

- name: Show the model and firmware
  ansible.builtin.debug:
    msg: "{{ camera.camera.model }} runs firmware {{ camera.camera.firmware_version }}"
'''

RETURN = r'''
camera:
  description: Identity of the camera.
  returned: always
  type: dict
  contains:
    model: {description: Model name., type: str, returned: always, sample: WV-S2136}
    mac: {description: MAC address with dashes., type: str, returned: always, sample: 00-80-45-12-34-56}
    serial: {description: Serial number., type: str, returned: always, sample: ABC1234567}
    firmware_version: {description: Firmware version., type: str, returned: always, sample: '2.40'}
    firmware_family: {description: Firmware family that images must match., type: str, returned: always,
                      sample: s2136}
    admin_registered: {description: Whether an administrator is registered., type: bool, returned: always}
capabilities:
  description: Optional features of the model, as booleans, and the most users it holds (C(max_users)).
  returned: always; null when not in O(gather_subset)
  type: dict
  sample: {audio: true, sd: true, srtp: true, dot1x: true, ipv6: true, data_encryption: true,
           alteration_detection: true, internet_mode: true, max_users: 24}
settings:
  description: Every settings key and its value, as the camera names them. Null before an administrator exists.
  returned: always
  type: dict
  sample: {UAUTHMTD: digest, TIMEADJUST: ntp, SDLOCKPASS_SET: '1'}
users:
  description: The camera's users and their access levels. Null before an administrator exists.
  returned: always
  type: list
  elements: dict
  sample: [{name: admin, level: administrator}, {name: operator, level: camera_control}]
hosts:
  description: The host authentication list, or null where the camera does not offer it.
  returned: always
  type: dict
certificates:
  description: The HTTPS certificate summary, or null where the camera does not offer it.
  returned: always
  type: dict
'''

from ansible_collections.ipro.camera.plugins.module_utils import info as LOGIC
from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    gather_subset=dict(type='list', elements='str', choices=list(LOGIC.SUBSETS), default=list(LOGIC.SUBSETS)),
)


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
