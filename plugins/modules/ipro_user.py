#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_user
short_description: Manage user accounts and their access levels on an i-PRO camera
version_added: 0.1.0
description:
  - Adds, updates or deletes one camera account.
  - Implements items 2.3 and 2.4 (Entry level) of i-PRO's Camera Hardening Guide, which ask for strong
    passwords and accounts at the lowest level that fits the daily work.
  - The camera replaces an existing account silently when one of the same name is added, so the module
    compares the account first and writes only when it differs.
  - Refuses to delete or demote the last administrator, because the camera then needs a factory reset.
options:
  name:
    description:
      - 'User name, 1-32 characters without C(" & : ; \).'
    type: str
    required: true
  password:
    description:
      - Password of the account. Required to create an account or change its level, because the camera
        replaces the whole account on every change.
      - Must have 8-32 characters with at least three of upper case, lower case, digits and symbols, must
        not contain O(name), and must not contain C(") or C(&).
    type: str
  level:
    description:
      - Access level. V(administrator) is level 1, V(camera_control) level 2, V(live_only) level 3.
    type: str
    choices: [administrator, camera_control, live_only]
    default: live_only
  state:
    description:
      - Whether the account exists.
    type: str
    choices: [present, absent]
    default: present
  update_password:
    description:
      - V(on_create) sets O(password) only when the account is created or its level changes.
      - V(always) also checks the password of an existing account by logging in with it once, and sets it
        when the login fails. Each such failed login counts toward the camera's lockout of 8 failures in
        30 seconds.
    type: str
    choices: [on_create, always]
    default: on_create
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
notes:
  - When the task changes the password of the account it is logged in with, the module continues with the
    new password. Later tasks use the C(ipro_password) host variable, so update it in the vault too.
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: 2.4 | Add an operator account at the camera control level
  ipro.camera.ipro_user:
    name: operator
    password: "{{ vault_operator_password }}"
    level: camera_control

- name: 2.3 | Rotate the administrator password
  ipro.camera.ipro_user:
    name: admin
    password: "{{ vault_new_admin_password }}"
    level: administrator
    update_password: always

- name: Remove a former contractor's account
  ipro.camera.ipro_user:
    name: contractor
    state: absent
'''

RETURN = r'''
user:
  description: The account after the task (in check mode, as it would be).
  returned: always
  type: dict
  sample: {name: operator, present: true, level: camera_control}
password_changed:
  description: Whether the task set the account's password.
  returned: when the account was written
  type: bool
commands:
  description: The requests sent to the camera, or that check mode would send, with the password masked.
  returned: always
  type: list
  elements: str
  sample: ['set_user mode=add UNAME=operator UPASS=******** ULEVEL=2']
'''

from ansible_collections.ipro.camera.plugins.module_utils import users as LOGIC
from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    name=dict(type='str', required=True),
    password=dict(type='str', no_log=True),
    level=dict(type='str', choices=['administrator', 'camera_control', 'live_only'], default='live_only'),
    state=dict(type='str', choices=['present', 'absent'], default='present'),
    update_password=dict(type='str', choices=['on_create', 'always'], default='on_create', no_log=False),
)
SPEC_OPTIONS = dict(required_if=[('update_password', 'always', ('password',))])


def main():
    run_module(ARGUMENT_SPEC, LOGIC, **SPEC_OPTIONS)


if __name__ == '__main__':
    main()
