#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_audit
short_description: Classify a camera's check-mode results into an audit record
version_added: 0.1.0
description:
  - Reads the results that the level roles registered as C(ipro_items_<level>) (one entry per item of
    M(ipro.camera.ipro_items)) while they ran in check mode, and a task's own result registered as
    C(ipro_item_<section>) where there is one, and classifies every guide item of the level as
    V(compliant), V(drift) (with the expected and actual values, secrets masked), V(not_applicable) (with
    the reason) or V(error) (with the message).
  - Talks to no camera. C(playbooks/audit.yml) runs it after the role and hands the records to
    M(ipro.camera.ipro_report).
options:
  level:
    description:
      - The protection level whose items the record lists; items of the levels below are included.
    type: str
    choices: [entry, standard, advanced]
    default: entry
  identity:
    description:
      - The registered result of M(ipro.camera.ipro_info), for the model, firmware and serial.
    type: dict
    default: {}
  error:
    description:
      - A camera-wide error (unreachable, locked out, authentication failed). Items without a result are
        reported as errors with this message.
    type: str
    default: ''
attributes:
  check_mode:
    support: full
    description: The module only reads registered results, so check mode changes nothing.
  diff_mode:
    support: none
    description: The module changes nothing, so there is no diff.
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: Classify the audit results of this camera
  ipro.camera.ipro_audit:
    level: "{{ ipro_protection_level }}"
    identity: "{{ ipro_audit_identity }}"
  register: ipro_audit_record
'''

RETURN = r'''
record:
  description: The camera's audit record.
  returned: always
  type: dict
  sample:
    name: cam-a-01
    site: site_a
    address: 192.0.2.11
    level: entry
    model: WV-S2136
    firmware: '2.50'
    serial: ABC1234567
    error: null
    items:
      - {section: '2.5', status: drift, expected: {method: digest}, actual: {method: digest_basic}, reason: null}
'''

from ansible.module_utils.basic import AnsibleModule

ARGUMENT_SPEC = dict(
    level=dict(type='str', choices=['entry', 'standard', 'advanced'], default='entry'),
    identity=dict(type='dict', default={}),
    error=dict(type='str', default=''),
)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.fail_json(msg='ipro_audit reads the results registered in the play, so it runs only as the '
                         'ipro.camera.ipro_audit action on the controller')


if __name__ == '__main__':
    main()
