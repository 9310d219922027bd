#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_hostauth
short_description: Restrict which IPv4 hosts and subnets may reach an i-PRO camera
version_added: 0.1.0
description:
  - Manages the camera's host authentication (IP filtering) list, each entry an IPv4 address or CIDR subnet
    with the highest access level granted to it, and turns the filtering on or off.
  - Implements item 3.3 (Standard level) of i-PRO's Camera Hardening Guide.
  - A wrong list locks every client out until a factory reset. Before it turns filtering on or changes the
    list of a filtering camera, the module works out the address the camera sees for the controller and
    refuses a list that does not admit it at level administrator, unless O(allow_lockout=true). It always
    refuses to turn filtering on with an empty list.
  - Entries are added before filtering starts and removed only after the new ones are in place.
options:
  enabled:
    description:
      - Whether host authentication is on. Unset leaves it as it is.
    type: bool
  hosts:
    description:
      - Entries to add, change or remove.
    type: list
    elements: dict
    suboptions:
      address:
        description:
          - IPv4 address (V(192.0.2.10)) or CIDR subnet (V(192.0.2.0/24)). Host names are not accepted by the
            camera, and subnets must not have host bits set.
        type: str
        required: true
      level:
        description:
          - Highest access level granted to clients from this entry.
        type: str
        choices: [administrator, camera_control, live_only]
        default: administrator
      state:
        description:
          - Whether the entry is in the list.
        type: str
        choices: [present, absent]
        default: present
  exclusive:
    description:
      - Remove entries that are not in O(hosts).
    type: bool
    default: false
  allow_lockout:
    description:
      - Accept a list that does not admit this controller at level administrator. The controller may then be
        unable to reach the camera until a factory reset.
    type: bool
    default: false
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
notes:
  - The camera filters IPv4 clients only. The module warns when IPv6 is on, because IPv6 clients then reach
    the camera unfiltered.
  - The camera judges the TCP peer address; forwarding headers such as C(X-Forwarded-For) play no part.
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: 3.3 | Admit only the management subnet and the recorder
  ipro.camera.ipro_hostauth:
    enabled: true
    exclusive: true
    hosts:
      - address: 192.0.2.0/28
        level: administrator
      - address: 198.51.100.7
        level: camera_control
'''

RETURN = r'''
before:
  description: Whether filtering was on, and the list, before the task.
  returned: always
  type: dict
  sample: {enabled: false, hosts: []}
after:
  description: Whether filtering is on, and the list, after the task (in check mode, as they would be).
  returned: always
  type: dict
  sample: {enabled: true, hosts: [{address: 192.0.2.0/28, level: administrator}]}
commands:
  description: The requests sent to the camera in order, or that check mode would send.
  returned: always
  type: list
  elements: str
  sample: ['set_hostauth mode=add HADD=192.0.2.0/28 HLEVEL=1', 'setdata HAUTH=on']
controller_address:
  description: The address the camera sees for this controller, as checked against the list.
  returned: when the list or the state changes
  type: str
  sample: 192.0.2.5
'''

from ansible_collections.ipro.camera.plugins.module_utils import hostauth as LOGIC
from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    enabled=dict(type='bool'),
    hosts=dict(type='list', elements='dict', options=dict(
        address=dict(type='str', required=True),
        level=dict(type='str', choices=['administrator', 'camera_control', 'live_only'], default='administrator'),
        state=dict(type='str', choices=['present', 'absent'], default='present'),
    )),
    exclusive=dict(type='bool', default=False),
    allow_lockout=dict(type='bool', default=False),
)


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
