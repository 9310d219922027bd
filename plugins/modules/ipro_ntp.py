#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_ntp
short_description: Synchronize an i-PRO camera's clock with NTP
version_added: 0.1.0
description:
  - Sets how an i-PRO camera keeps its time, so that its logs carry correct times.
  - Implements item 2.7 (Entry level) of i-PRO's Camera Hardening Guide.
  - Reads the camera's time settings, writes only the options that differ in one request, and reads them back.
options:
  mode:
    description:
      - V(ntp) synchronizes with an NTP server; V(manual) keeps the time set by hand.
    type: str
    choices: [ntp, manual]
  server_mode:
    description:
      - V(manual) uses O(server); V(auto) takes the server from DHCP.
      - V(auto) needs a dynamic network mode; the camera refuses it with a static address.
    type: str
    choices: [manual, auto]
  server:
    description:
      - "Host name or address of the NTP server, 1-128 characters of letters, digits and C(: . _ -)."
    type: str
  port:
    description:
      - UDP port of the NTP server. Ports the camera reserves for its own services are refused, except 123.
    type: int
  interval:
    description:
      - Hours between synchronizations, 1 to 24.
    type: int
  timezone:
    description:
      - Time zone in the camera's own notation, compared and sent as given.
    type: str
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: 2.7 | Synchronize the clock with the site's NTP server
  ipro.camera.ipro_ntp:
    mode: ntp
    server_mode: manual
    server: 192.0.2.123
    interval: 1
'''

RETURN = r'''
before:
  description: The time settings before the task, by option name.
  returned: always
  type: dict
  sample: {mode: manual, server_mode: manual, server: '', port: 123, interval: 1, timezone: UTC}
after:
  description: The time settings after the task (in check mode, as they would be).
  returned: always
  type: dict
  sample: {mode: ntp, server_mode: manual, server: 192.0.2.123, port: 123, interval: 1, timezone: UTC}
commands:
  description: The writes sent to the camera, or that check mode would send. Empty when nothing changed.
  returned: always
  type: list
  elements: str
  sample: ['setdata TIMEADJUST=ntp NTPADD=192.0.2.123']
'''

from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module
from ansible_collections.ipro.camera.plugins.module_utils.settings_modules import SettingsLogic

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    mode=dict(type='str', choices=['ntp', 'manual']),
    server_mode=dict(type='str', choices=['manual', 'auto']),
    server=dict(type='str'),
    port=dict(type='int'),
    interval=dict(type='int'),
    timezone=dict(type='str'),
)
LOGIC = SettingsLogic('ntp')


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
