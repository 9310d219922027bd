#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_admin
short_description: Register the administrator of a factory-fresh i-PRO camera
version_added: 0.1.0
description:
  - A camera in factory state has no administrator and answers almost nothing until one is registered.
    This module registers it, waits for the web service to restart, and logs in as the new administrator.
  - Does nothing on a camera that already has an administrator; use M(ipro.camera.ipro_user) to change
    its password.
  - Implements item 2.3 (Entry level) of i-PRO's Camera Hardening Guide, and enforces its password rule
    before sending anything.
options:
  name:
    description:
      - 'User name of the administrator, 1-32 characters without C(" & : ; \).'
    type: str
    required: true
  password:
    description:
      - Password of the administrator. Must have 8-32 characters with at least three of upper case, lower
        case, digits and symbols, must not contain O(name), and must not contain C(") or C(&).
    type: str
    required: true
  wait_timeout:
    description:
      - Seconds to wait for the web service to come back after the registration.
    type: int
    default: 120
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
notes:
  - When O(login_user) and the C(ipro_username) host variable are unset, the module logs in with O(name)
    and O(password) after the registration.
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: 2.3 | Register the administrator
  ipro.camera.ipro_admin:
    name: "{{ ipro_admin_username }}"
    password: "{{ ipro_admin_password }}"
'''

RETURN = r'''
before:
  description: Whether an administrator was registered before the task.
  returned: always
  type: dict
  sample: {registered: false}
after:
  description: The registration state after the task (in check mode, as it would be).
  returned: always
  type: dict
  sample: {registered: true, name: admin}
commands:
  description: The request sent, or that check mode would send, with the password masked.
  returned: always
  type: list
  elements: str
  sample: ['register_admin UNAME=admin UPASS=********']
'''

from ansible_collections.ipro.camera.plugins.module_utils import admin as LOGIC
from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    name=dict(type='str', required=True),
    password=dict(type='str', required=True, no_log=True),
    wait_timeout=dict(type='int', default=120),
)


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
