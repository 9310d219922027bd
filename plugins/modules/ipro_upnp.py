#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_upnp
short_description: Turn off UPnP port forwarding on an i-PRO camera
version_added: 0.1.0
description:
  - Sets whether the camera asks the router over UPnP to forward ports to it from the internet.
  - Implements item 3.2.3 (Standard level) of i-PRO's Camera Hardening Guide, which recommends it off.
options:
  port_forwarding:
    description:
      - Whether automatic port forwarding through UPnP is on.
    type: bool
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: 3.2.3 | Turn off UPnP port forwarding
  ipro.camera.ipro_upnp:
    port_forwarding: false
'''

RETURN = r'''
before:
  description: The settings before the task, by option name.
  returned: always
  type: dict
  sample: {port_forwarding: true}
after:
  description: The settings after the task (in check mode, as they would be).
  returned: always
  type: dict
  sample: {port_forwarding: false}
commands:
  description: The writes sent to the camera, or that check mode would send. Empty when nothing changed.
  returned: always
  type: list
  elements: str
  sample: ['setdata PORTFORWARD=off']
'''

from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module
from ansible_collections.ipro.camera.plugins.module_utils.settings_modules import SettingsLogic

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    port_forwarding=dict(type='bool'),
)
LOGIC = SettingsLogic('upnp')


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
