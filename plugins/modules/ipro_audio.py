#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_audio
short_description: Turn an i-PRO camera's audio off or on
version_added: 0.1.0
description:
  - Sets the camera's audio transmission mode.
  - Implements item 2.8 (Entry level) of i-PRO's Camera Hardening Guide, which recommends audio off unless
    it is needed and privacy regulations allow it.
  - Fails on models without audio (C(audio=no) in the camera's capabilities); the roles skip those.
options:
  mode:
    description:
      - V(off) disables audio. V(mic) sends the camera's microphone to clients, V(out) plays audio from
        clients, V(interactive) does both.
    type: str
    choices: ['off', mic, out, interactive]
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: 2.8 | Keep audio off
  ipro.camera.ipro_audio:
    mode: 'off'
'''

RETURN = r'''
before:
  description: The audio setting before the task.
  returned: always
  type: dict
  sample: {mode: mic}
after:
  description: The audio setting after the task (in check mode, as it would be).
  returned: always
  type: dict
  sample: {mode: 'off'}
commands:
  description: The writes sent to the camera, or that check mode would send. Empty when nothing changed.
  returned: always
  type: list
  elements: str
  sample: ['setdata AUDIO=off']
unsupported:
  description: True when the task failed because the model has no audio.
  returned: on failure
  type: bool
'''

from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module
from ansible_collections.ipro.camera.plugins.module_utils.settings_modules import SettingsLogic

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    mode=dict(type='str', choices=['off', 'mic', 'out', 'interactive']),
)
LOGIC = SettingsLogic('audio')


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
