#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_ports
short_description: Check which TCP service ports of an i-PRO camera are open
version_added: 0.1.0
description:
  - Connects from the controller to the camera's TCP service ports and compares what accepts connections with
    what its settings say should, for example HTTP closed when the camera is set to HTTPS only, and RTSPS
    open only with SRTP on.
  - Implements item 3.1 (Standard level) of i-PRO's Camera Hardening Guide, which asks to know the open ports.
  - Never changes anything. Reports mismatches as warnings, or fails with O(fail_on_mismatch=true).
options:
  services:
    description:
      - Services to check. V(http) and V(https) use the camera's web ports, V(rtsp) TCP 554, V(rtsps) the
        RTSPS port.
    type: list
    elements: str
    choices: [http, https, rtsp, rtsps]
    default: [http, https]
  fail_on_mismatch:
    description:
      - Fail the task when a port is open that should be closed, or the other way round.
    type: bool
    default: false
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
notes:
  - UDP services (WS-Discovery on 3702, SNMP on 161 and 162, Easy IP Setup on 10669 and 10670) cannot be
    probed by a TCP connection and are not checked.
  - A firewall between the controller and the camera changes what the controller sees.
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: 3.1 | Check the open ports
  ipro.camera.ipro_ports:
    services: [http, https, rtsp]
    fail_on_mismatch: true
'''

RETURN = r'''
ports:
  description: Each checked service with its port, the expected and the actual state.
  returned: always
  type: list
  elements: dict
  sample: [{service: http, port: 80, expected: closed, actual: closed}]
mismatches:
  description: The entries of RV(ports) whose actual state differs from the expected one.
  returned: always
  type: list
  elements: dict
'''

from ansible_collections.ipro.camera.plugins.module_utils import ports as LOGIC
from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    services=dict(type='list', elements='str', choices=list(LOGIC.SERVICES), default=['http', 'https']),
    fail_on_mismatch=dict(type='bool', default=False),
)


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
