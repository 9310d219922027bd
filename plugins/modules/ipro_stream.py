#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_stream
short_description: Encrypt an i-PRO camera's video streams (Internet mode and SRTP)
version_added: 0.1.0
description:
  - Internet mode tunnels RTSP over HTTPS, so browsers stream encrypted instead of plain RTSP.
  - SRTP encrypts RTP streams, offered over RTSPS on its own port.
  - Implements items 3.5 and 3.8 (Standard level) of i-PRO's Camera Hardening Guide.
  - Fails when an option is set that the model lacks (C(internet_mode) or C(srtp) in the capabilities);
    the roles skip those.
options:
  internet_mode:
    description:
      - Whether Internet mode is on.
    type: bool
  srtp:
    description:
      - Whether SRTP is on.
    type: bool
  rtsps_port:
    description:
      - TCP port of RTSPS. Ports the camera reserves for its own services are refused, except 322.
    type: int
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: 3.5 | Stream to browsers over HTTPS
  ipro.camera.ipro_stream:
    internet_mode: true

- name: 3.8 | Encrypt streams with SRTP
  ipro.camera.ipro_stream:
    srtp: true
    rtsps_port: 322
'''

RETURN = r'''
before:
  description: The stream settings before the task.
  returned: always
  type: dict
  sample: {internet_mode: false, srtp: false, rtsps_port: 322}
after:
  description: The stream settings after the task (in check mode, as they would be).
  returned: always
  type: dict
  sample: {internet_mode: true, srtp: true, rtsps_port: 322}
commands:
  description: The writes sent to the camera, or that check mode would send. Empty when nothing changed.
  returned: always
  type: list
  elements: str
  sample: ['setdata INTERNETMODE=on SRTP=on']
'''

from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module
from ansible_collections.ipro.camera.plugins.module_utils.settings_modules import SettingsLogic

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    internet_mode=dict(type='bool'),
    srtp=dict(type='bool'),
    rtsps_port=dict(type='int'),
)
LOGIC = SettingsLogic('stream')


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
