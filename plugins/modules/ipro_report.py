#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_report
short_description: Write the drift-audit results as JSON, JUnit XML and HTML reports
version_added: 0.1.0
description:
  - Renders the results of a hardening audit, one record per camera and guide item, into report files on the
    controller. It sends nothing to any camera.
  - C(report.json) holds every record with the guide item's title, level and its IEC 62443-4-2 and
    ETSI EN 303 645 mappings. Its JSON Schema is C(docs/report-schema.json) in the collection.
  - C(report.xml) is JUnit XML for CI servers, with one test suite per camera and one test case per item. Drift
    is a failure, an error is an error, and an item that does not apply is skipped.
  - C(report.html) is one self-contained page with totals, a summary by site and level, a matrix of cameras by
    guide item, filters, and the expected and actual settings of every drifted item. It loads nothing from the
    network and prints with every camera's details expanded.
  - The same records and the same O(meta.generated_at) give byte-identical files, so a rerun reports no change.
  - Secrets in the records must arrive masked as C(********). As a safeguard, the module also masks any other
    string under an option name that contains C(password), C(passphrase), C(community) or C(secret).
options:
  cameras:
    description:
      - The audit records, one dict per camera with the keys C(name) and C(site) (required), C(address),
        C(model), C(firmware), C(serial) (strings or V(null)), C(level) (V(entry), V(standard) or V(advanced)),
        C(error) (why the camera could not be audited, or V(null)) and C(items).
      - C(items) is a list with one dict per guide item, with the keys C(section) (a section of the
        hardening guide, such as V(2.5) or V(3.2.1)), C(status) (V(compliant), V(drift), V(not_applicable) or
        V(error)), C(expected) and C(actual) (dicts of option names to values, or V(null)) and C(reason)
        (a string or V(null)).
      - Any other key is rejected, and so is a camera name or a section that appears twice.
    type: list
    elements: dict
    required: true
  dest:
    description:
      - Directory to write the reports into, created when missing.
      - The action plugin resolves a relative path against the playbook's directory.
    type: path
    required: true
  formats:
    description:
      - Reports to write. V(json) writes C(report.json), V(junit) writes C(report.xml), and V(html) writes
        C(report.html).
    type: list
    elements: str
    choices: [json, junit, html]
    default: [json, junit, html]
  meta:
    description:
      - Facts about the audit run, shown in the reports' headers.
    type: dict
    suboptions:
      generated_at:
        description:
          - Time of the audit in ISO 8601 form in UTC, for example V(2024-05-01T12:00:00Z).
          - Defaults to the time the task runs, which makes every run change the reports. Pass the same value,
            for example from C(ansible_date_time.iso8601) gathered once, to keep reruns unchanged.
        type: str
      playbook:
        description: Name of the playbook that ran the audit.
        type: str
      level_filter:
        description: Protection levels the audit covered, as text, for example V(entry,standard).
        type: str
      ansible_version:
        description: Version of ansible-core. Defaults to the version running the task.
        type: str
      collection_version:
        description: Version of the ipro.camera collection.
        type: str
attributes:
  check_mode:
    support: full
    description: Check mode renders the reports and reports whether a file would change, but writes nothing.
  diff_mode:
    support: none
    description: The reports can be large, so the task shows no diff; compare the files instead.
  platform:
    support: full
    platforms: posix
    description: The reports are written on the controller.
notes:
  - Set O(ignore:check_mode=false) on the task when the audit play runs with C(--check) and the reports should
    be written anyway.
  - Run the task once per play, with O(ignore:run_once=true), after the records of every camera are collected.
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: Write the audit reports
  ipro.camera.ipro_report:
    cameras: "{{ audit_records }}"
    dest: reports/
    meta:
      generated_at: "{{ ansible_date_time.iso8601 }}"
      playbook: playbooks/audit.yml
      level_filter: standard
  run_once: true
  check_mode: false

- name: Write only the JUnit file for the CI server
  ipro.camera.ipro_report:
    cameras: "{{ audit_records }}"
    dest: /var/lib/ci/camera-audit
    formats: [junit]
  run_once: true
'''

RETURN = r'''
files:
  description: Paths of the report files, one per requested format, whether they changed or not.
  returned: success
  type: list
  elements: str
  sample: [reports/report.json, reports/report.xml, reports/report.html]
summary:
  description: Counts of the audit results. C(report.json) holds the same object under C(summary).
  returned: success
  type: dict
  contains:
    cameras: {description: Number of cameras., type: int, returned: success, sample: 500}
    cameras_compliant:
      description: Cameras audited without a camera error and with no drifted or failed item.
      type: int
      returned: success
      sample: 480
    cameras_with_drift: {description: Cameras with at least one drifted item., type: int, returned: success}
    cameras_with_errors:
      description: Cameras with a camera error or at least one failed item.
      type: int
      returned: success
    cameras_by_level: {description: Cameras by audited protection level., type: dict, returned: success}
    items: {description: Number of records (camera and item pairs)., type: int, returned: success}
    by_status:
      description: Records by status.
      type: dict
      returned: success
      sample: {compliant: 9500, drift: 300, error: 20, not_applicable: 180}
    by_site:
      description: By site, the cameras, the cameras without drift or error, and the records by status.
      type: dict
      returned: success
    by_level:
      description: Records by the guide level of their item, then by status.
      type: dict
      returned: success
    by_item:
      description: Records by guide section, then by status.
      type: dict
      returned: success
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ipro.camera.plugins.module_utils.errors import OptionError
from ansible_collections.ipro.camera.plugins.module_utils.report_files import FORMATS, default_meta, write_reports

ARGUMENT_SPEC = dict(
    cameras=dict(type='list', elements='dict', required=True),
    dest=dict(type='path', required=True),
    formats=dict(type='list', elements='str', choices=list(FORMATS), default=list(FORMATS)),
    meta=dict(type='dict', options=dict(
        generated_at=dict(type='str'),
        playbook=dict(type='str'),
        level_filter=dict(type='str'),
        ansible_version=dict(type='str'),
        collection_version=dict(type='str'),
    )),
)


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    params = module.params
    try:
        result = write_reports(params['cameras'], params['dest'], params['formats'], default_meta(params['meta']),
                               module.check_mode)
    except OptionError as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(**result)


if __name__ == '__main__':
    main()
