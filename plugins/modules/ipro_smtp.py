#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_smtp
short_description: Send an i-PRO camera's e-mail over SSL
version_added: 0.1.0
description:
  - Sets the camera's SMTP server, port, authentication and account, and whether mail goes over SSL.
  - Implements item 3.2.5 (Standard level) of i-PRO's Camera Hardening Guide, which asks for SSL when the
    camera sends e-mail.
options:
  ssl:
    description:
      - Whether the camera uses SSL for SMTP.
    type: bool
  server:
    description:
      - "SMTP server host name or address, 1-128 characters of letters, digits and C(: . _ -)."
    type: str
  port:
    description:
      - SMTP server port. Ports the camera reserves for its own services are refused, except 25.
    type: int
  auth:
    description:
      - V(off) sends without authentication; V(smtp) uses SMTP AUTH; V(pop_before_smtp) logs in to POP first.
    type: str
    choices: ['off', smtp, pop_before_smtp]
  user:
    description:
      - Account name on the mail server.
    type: str
  password:
    description:
      - Account password, 1-32 characters. The camera never returns it, so see O(update_password).
    type: str
  update_password:
    description:
      - V(on_create) sends O(password) only when the camera holds none; V(always) sends it on every run
        and so always reports a change.
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
- name: 3.2.5 | Send e-mail over SSL
  ipro.camera.ipro_smtp:
    ssl: true
    server: mail.example.org
    port: 465
    auth: smtp
    user: cameras
    password: "{{ vault_smtp_password }}"
'''

RETURN = r'''
before:
  description: The SMTP settings before the task; a stored password shows as C(********).
  returned: always
  type: dict
  sample: {ssl: false, server: mail.example.org, port: 25, auth: 'off', user: '', password: null}
after:
  description: The SMTP settings after the task (in check mode, as they would be).
  returned: always
  type: dict
  sample: {ssl: true, server: mail.example.org, port: 465, auth: smtp, user: cameras, password: '********'}
commands:
  description: The writes sent to the camera, or that check mode would send, with secrets masked.
  returned: always
  type: list
  elements: str
  sample: ['setdata MLSSL=on SMTPPORT=465 MLPASS=********']
'''

from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module
from ansible_collections.ipro.camera.plugins.module_utils.settings_modules import SettingsLogic

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    ssl=dict(type='bool'),
    server=dict(type='str'),
    port=dict(type='int'),
    auth=dict(type='str', choices=['off', 'smtp', 'pop_before_smtp']),
    user=dict(type='str'),
    password=dict(type='str', no_log=True),
    update_password=dict(type='str', choices=['on_create', 'always'], default='on_create', no_log=False),
)
LOGIC = SettingsLogic('smtp')


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
