#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_maintenance
short_description: Restart or initialize an i-PRO camera
version_added: 0.1.0
description:
  - Restarts the camera, or initializes its configuration to the factory state.
  - Implements item 2.1 (Entry level) of i-PRO's Camera Hardening Guide, which asks to initialize a camera
    whose configuration is unknown before hardening it.
  - Always reports a change when it runs, like a reboot.
options:
  action:
    description:
      - V(restart) restarts the camera. V(initialize) restores factory settings per O(scope).
    type: str
    choices: [restart, initialize]
    required: true
  scope:
    description:
      - With O(action=initialize), V(data) restores factory settings but keeps the network settings and the
        accounts; V(all) restores everything, the administrator included, so the camera must then be
        registered again with M(ipro.camera.ipro_admin).
    type: str
    choices: [data, all]
    default: data
  confirm:
    description:
      - Must be V(true) for O(action=initialize); a guard against erasing a camera by mistake.
    type: bool
    default: false
  wait:
    description:
      - Wait until the camera answers again.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait for the camera when O(wait=true).
    type: int
    default: 300
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: Restart the camera
  ipro.camera.ipro_maintenance:
    action: restart

- name: 2.1 | Initialize a camera of unknown history
  ipro.camera.ipro_maintenance:
    action: initialize
    scope: data
    confirm: true
'''

RETURN = r'''
action:
  description: The action taken.
  returned: always
  type: str
  sample: restart
scope:
  description: The initialization scope, or null for a restart.
  returned: always
  type: str
  sample: data
commands:
  description: The request sent, or that check mode would send.
  returned: always
  type: list
  elements: str
  sample: ['initial cmd=reset']
camera:
  description: The camera's identity keys as it reported them after coming back.
  returned: when O(wait=true) and not in check mode
  type: dict
'''

from ansible_collections.ipro.camera.plugins.module_utils import maintenance as LOGIC
from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    action=dict(type='str', choices=['restart', 'initialize'], required=True),
    scope=dict(type='str', choices=['data', 'all'], default='data'),
    confirm=dict(type='bool', default=False),
    wait=dict(type='bool', default=True),
    wait_timeout=dict(type='int', default=300),
)


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
