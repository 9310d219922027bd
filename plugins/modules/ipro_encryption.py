#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_encryption
short_description: Encrypt an i-PRO camera's recordings
version_added: 0.1.0
description:
  - Sets whether the camera encrypts its recordings, so stolen media or a breached cloud store cannot be viewed.
  - Implements item 3.6 (Standard level) of i-PRO's Camera Hardening Guide.
  - Fails on models without data encryption (C(data_encryption=no) in the capabilities); the roles skip those.
options:
  enabled:
    description:
      - Whether recordings are encrypted.
    type: bool
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: 3.6 | Encrypt recordings
  ipro.camera.ipro_encryption:
    enabled: true
'''

RETURN = r'''
before:
  description: The settings before the task, by option name.
  returned: always
  type: dict
  sample: {enabled: false}
after:
  description: The settings after the task (in check mode, as they would be).
  returned: always
  type: dict
  sample: {enabled: true}
commands:
  description: The writes sent to the camera, or that check mode would send. Empty when nothing changed.
  returned: always
  type: list
  elements: str
  sample: ['setdata DATAENC=on']
'''

from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module
from ansible_collections.ipro.camera.plugins.module_utils.settings_modules import SettingsLogic

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    enabled=dict(type='bool'),
)
LOGIC = SettingsLogic('encryption')


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
