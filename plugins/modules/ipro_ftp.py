#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_ftp
short_description: Forbid FTP access to an i-PRO camera and its FTP image transfer
version_added: 0.1.0
description:
  - Sets whether the camera's FTP server accepts clients ("FTP access to camera") and whether the camera
    sends images to an FTP server periodically.
  - Implements items 3.2.1 and 3.2.2 (Standard level) of i-PRO's Camera Hardening Guide, which recommend both off.
options:
  server:
    description:
      - Whether FTP clients may connect to the camera (V(true) is Allow, V(false) Forbid).
    type: bool
  client:
    description:
      - Whether the camera sends images to an FTP server (periodic FTP transfer). FTP sends credentials and
        images unencrypted.
    type: bool
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: 3.2.1 | Forbid FTP access to the camera
  ipro.camera.ipro_ftp:
    server: false
    client: false
'''

RETURN = r'''
before:
  description: The settings before the task, by option name.
  returned: always
  type: dict
  sample: {server: true, client: false}
after:
  description: The settings after the task (in check mode, as they would be).
  returned: always
  type: dict
  sample: {server: false, client: false}
commands:
  description: The writes sent to the camera, or that check mode would send. Empty when nothing changed.
  returned: always
  type: list
  elements: str
  sample: ['setdata FTPSVR=forbid']
'''

from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module
from ansible_collections.ipro.camera.plugins.module_utils.settings_modules import SettingsLogic

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    server=dict(type='bool'),
    client=dict(type='bool'),
)
LOGIC = SettingsLogic('ftp')


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
