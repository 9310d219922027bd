#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_firmware
short_description: Report and update the firmware of an i-PRO camera
version_added: 0.1.0
description:
  - Reports the camera's firmware version. Given an image and the version it contains, uploads the image
    only when the camera runs an older version, waits for the camera to apply it and restart, and checks
    that it then reports the new version.
  - Implements item 2.2 (Entry level) of i-PRO's Camera Hardening Guide, which asks for the latest firmware.
  - The camera checks that the image fits its firmware family and rejects damaged images without
    changing anything.
options:
  image:
    description:
      - Path on the controller of the firmware image. Requires O(version).
    type: path
  version:
    description:
      - The version the image contains, as the camera reports it (for example V(2.50)). Versions compare
        numerically part by part.
    type: str
  allow_downgrade:
    description:
      - Install O(image) even when the camera runs a newer version.
    type: bool
    default: false
  wait_timeout:
    description:
      - Seconds to wait for the camera to apply the image and report the new version.
    type: int
    default: 900
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
notes:
  - The upload is never retried automatically. For fleets, roll updates out in batches with C(serial)
    and C(max_fail_percentage).
  - Read the release notes before updating; they may not list every vulnerability fixed.
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: 2.2 | Report the firmware version
  ipro.camera.ipro_firmware:
  register: firmware

- name: 2.2 | Run the latest firmware
  ipro.camera.ipro_firmware:
    image: /srv/firmware/WV-S2136_2.50.img
    version: "2.50"
'''

RETURN = r'''
before:
  description: Firmware version, family and model before the task.
  returned: always
  type: dict
  sample: {version: '2.40', family: s2136, model: WV-S2136}
after:
  description: Firmware version, family and model after the task (in check mode, as they would be).
  returned: always
  type: dict
  sample: {version: '2.50', family: s2136, model: WV-S2136}
commands:
  description: The upload sent to the camera, or that check mode would send. Empty when nothing changed.
  returned: always
  type: list
  elements: str
  sample: ['firmware_update file=WV-S2136_2.50.img']
'''

from ansible_collections.ipro.camera.plugins.module_utils import firmware as LOGIC
from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    image=dict(type='path'),
    version=dict(type='str'),
    allow_downgrade=dict(type='bool', default=False),
    wait_timeout=dict(type='int', default=900),
)


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
