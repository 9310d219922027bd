#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_https
short_description: Make an i-PRO camera accept HTTPS only, and choose its certificate
version_added: 0.1.0
description:
  - Sets whether the camera accepts HTTP and HTTPS, HTTPS only, or HTTP only; its HTTPS port; and whether it
    serves its pre-installed certificate or an installed CA-signed one.
  - Implements item 3.4 (Standard level) of i-PRO's Camera Hardening Guide, which recommends HTTPS only.
  - A change of connection or port restarts the camera's web service. The module waits for it, reconnects
    with the new scheme and port, verifies the certificate (CA or pinned fingerprint), and reads the
    settings back. It returns C(ipro_protocol) and C(ipro_https_port) as facts, so later tasks of the play
    reach the camera the new way without an inventory change.
options:
  connection:
    description:
      - V(https) closes the HTTP port. V(http_https) accepts both. V(http) closes HTTPS and is not recommended.
    type: str
    choices: [https, http_https, http]
  port:
    description:
      - HTTPS port. Ports the camera reserves for its own services are refused, except 443.
    type: int
  certificate:
    description:
      - V(preinstalled) serves the certificate the camera came with; V(ca) serves the CA-signed certificate
        installed with M(ipro.camera.ipro_certificate). The module fails before writing when none is installed.
      - When the certificate changes, a pinned O(fingerprint) no longer matches; list both CAs in O(ca_path)
        during the change.
    type: str
    choices: [preinstalled, ca]
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
notes:
  - Facts take precedence over inventory variables but not over play variables or extra variables; a play
    that sets C(ipro_protocol) itself keeps its value.
  - With O(connection=https), clients that use plain HTTP (older recorders, for example) can no longer
    reach the camera.
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: 3.4 | Accept HTTPS only
  ipro.camera.ipro_https:
    connection: https

- name: 3.4 | Serve the CA-signed certificate
  ipro.camera.ipro_https:
    certificate: ca
'''

RETURN = r'''
before:
  description: The HTTPS settings before the task.
  returned: always
  type: dict
  sample: {connection: http_https, port: 443, certificate: preinstalled}
after:
  description: The HTTPS settings after the task (in check mode, as they would be).
  returned: always
  type: dict
  sample: {connection: https, port: 443, certificate: preinstalled}
commands:
  description: The writes sent to the camera, or that check mode would send. Empty when nothing changed.
  returned: always
  type: list
  elements: str
  sample: ['setdata HTTPS_TYPE=https']
ansible_facts:
  description: How to reach the camera from now on.
  returned: when the settings changed and not in check mode
  type: dict
  contains:
    ipro_protocol: {description: The scheme the module reconnected with., type: str, returned: always}
    ipro_https_port: {description: The HTTPS port the module reconnected to., type: int, returned: always}
'''

from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.https import HttpsLogic
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    connection=dict(type='str', choices=['https', 'http_https', 'http']),
    port=dict(type='int'),
    certificate=dict(type='str', choices=['preinstalled', 'ca']),
)
LOGIC = HttpsLogic()


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
