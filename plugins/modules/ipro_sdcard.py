#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_sdcard
short_description: Lock an i-PRO camera's SD card with a password and set its recording format
version_added: 0.1.0
description:
  - Locks the SD card with a password, so a stolen card cannot be played elsewhere, and sets the
    recording format.
  - Implements item 2.9 (Entry level) of i-PRO's Camera Hardening Guide.
  - Fails on models without an SD slot (C(sd=no) in the camera's capabilities); the roles skip those.
options:
  lock:
    description:
      - Whether the SD card is locked with O(password).
      - Locking needs a password, given here or already stored on the camera.
    type: bool
  password:
    description:
      - The SD card password. The camera never returns it, so see O(update_password).
      - Must have 8-16 characters with at least three of upper case, lower case, digits and symbols,
        without C(") or C(&).
    type: str
  update_password:
    description:
      - V(on_create) sends O(password) only when the camera holds no SD card password yet, so reruns
        report no change.
      - V(always) sends it on every run and always reports a change, because the stored password
        cannot be read back for comparison.
    type: str
    choices: [on_create, always]
    default: on_create
  recording_format:
    description:
      - Recording format on the card. Alteration detection needs V(mp4).
    type: str
    choices: [mp4, jpeg]
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: 2.9 | Lock the SD card with a password
  ipro.camera.ipro_sdcard:
    lock: true
    password: "{{ vault_sd_password }}"
    recording_format: mp4
'''

RETURN = r'''
before:
  description: The SD card settings before the task; a stored password shows as C(********).
  returned: always
  type: dict
  sample: {lock: false, password: null, recording_format: mp4}
after:
  description: The SD card settings after the task (in check mode, as they would be).
  returned: always
  type: dict
  sample: {lock: true, password: '********', recording_format: mp4}
commands:
  description: The writes sent to the camera, or that check mode would send, with secrets masked.
  returned: always
  type: list
  elements: str
  sample: ['setdata SDLOCK=on SDLOCKPASS=********']
unsupported:
  description: True when the task failed because the model has no SD card slot.
  returned: on failure
  type: bool
'''

from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module
from ansible_collections.ipro.camera.plugins.module_utils.settings_modules import SettingsLogic

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    lock=dict(type='bool'),
    password=dict(type='str', no_log=True),
    update_password=dict(type='str', choices=['on_create', 'always'], default='on_create', no_log=False),
    recording_format=dict(type='str', choices=['mp4', 'jpeg']),
)
LOGIC = SettingsLogic('sdcard')


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
