#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_auth
short_description: Choose how an i-PRO camera authenticates HTTP and RTSP clients
version_added: 0.1.0
description:
  - Sets the camera's user authentication method for HTTP and RTSP.
  - Implements item 2.5 (Entry level) of i-PRO's Camera Hardening Guide, which recommends Digest and
    Basic only where an old client needs it.
  - A change makes the camera restart its web service. The module waits for it, negotiates the new
    method and reads the setting back.
options:
  method:
    description:
      - V(digest) accepts only Digest authentication. V(digest_basic) accepts both. V(basic) accepts only
        Basic, which sends the password in every request.
      - Older firmware ships with V(digest_basic).
    type: str
    choices: [digest, digest_basic, basic]
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
notes:
  - Network recorders of the WJ-NU series may not support Digest; check them before switching.
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: 2.5 | Use Digest authentication
  ipro.camera.ipro_auth:
    method: digest
'''

RETURN = r'''
before:
  description: The authentication setting before the task.
  returned: always
  type: dict
  sample: {method: digest_basic}
after:
  description: The authentication setting after the task (in check mode, as it would be).
  returned: always
  type: dict
  sample: {method: digest}
commands:
  description: The writes sent to the camera, or that check mode would send. Empty when nothing changed.
  returned: always
  type: list
  elements: str
  sample: ['setdata UAUTHMTD=digest']
'''

from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module
from ansible_collections.ipro.camera.plugins.module_utils.settings_modules import SettingsLogic

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    method=dict(type='str', choices=['digest', 'digest_basic', 'basic']),
)
LOGIC = SettingsLogic('auth')


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
