#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_easyip
short_description: Limit how long i-PRO Easy IP Setup can change a camera's network settings
version_added: 0.1.0
description:
  - Sets the period after start-up during which the Easy IP Setup tool can change the camera's network
    settings without a password.
  - Implements item 3.2.4 (Standard level) of i-PRO's Camera Hardening Guide, which recommends 20 minutes.
options:
  period:
    description:
      - V(20min) allows changes for 20 minutes after start-up; V(unlimited) allows them at any time.
    type: str
    choices: [20min, unlimited]
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: 3.2.4 | Limit Easy IP Setup to 20 minutes after start-up
  ipro.camera.ipro_easyip:
    period: 20min
'''

RETURN = r'''
before:
  description: The settings before the task, by option name.
  returned: always
  type: dict
  sample: {period: unlimited}
after:
  description: The settings after the task (in check mode, as they would be).
  returned: always
  type: dict
  sample: {period: 20min}
commands:
  description: The writes sent to the camera, or that check mode would send. Empty when nothing changed.
  returned: always
  type: list
  elements: str
  sample: ['setdata EASYIPSETUP=20min']
'''

from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module
from ansible_collections.ipro.camera.plugins.module_utils.settings_modules import SettingsLogic

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    period=dict(type='str', choices=['20min', 'unlimited']),
)
LOGIC = SettingsLogic('easyip')


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
