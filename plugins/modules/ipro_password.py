#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_password
short_description: Rotate the password of the account that logs in to an i-PRO camera
version_added: 0.1.0
description:
  - Sets a new password for the account in O(login_user), then checks that the new password works and the
    old one no longer does, and only then reports success.
  - Recovers a rotation that stopped half way, where the camera already takes the new password but the
    inventory still holds the old one. It tries the inventory password, then the new one, once each.
  - Implements the periodic password change of item 2.3 (Entry level) of i-PRO's Camera Hardening Guide.
  - C(playbooks/rotate_credentials.yml) runs it and continues the play with the new password.
options:
  new_password:
    description:
      - The new password. Must have 8-32 characters with at least three of upper case, lower case, digits and
        symbols, must not contain the user name, and must not contain C(") or C(&).
    type: str
    required: true
  verify_old_rejected:
    description:
      - Check that the old password is rejected after the change. The check costs one failed login, which counts
        toward the camera's lockout of 8 failures in 30 seconds.
    type: bool
    default: true
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
notes:
  - Update the password in the vault right after the run; until then, reruns recover through O(new_password).
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: 2.3 | Rotate the administrator password
  ipro.camera.ipro_password:
    new_password: "{{ vault_ipro_new_password }}"
'''

RETURN = r'''
user:
  description: The account whose password the task handled.
  returned: always
  type: str
  sample: admin
rotated:
  description: Whether the task changed the password.
  returned: always
  type: bool
recovered:
  description: Whether the camera already took the new password before the task, from an earlier run.
  returned: always
  type: bool
commands:
  description: The request sent, or that check mode would send, with the password masked.
  returned: always
  type: list
  elements: str
  sample: ['set_user mode=add UNAME=admin UPASS=******** ULEVEL=1']
'''

from ansible_collections.ipro.camera.plugins.module_utils import password as LOGIC
from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    new_password=dict(type='str', required=True, no_log=True),
    verify_old_rejected=dict(type='bool', default=True),
)


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
