#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_log
short_description: Review an i-PRO camera's system logs for failed logins
version_added: 0.1.0
description:
  - Reads the camera's access, event and error logs, parses them into entries with time, code, text, user and
    source address, and counts the failed logins per source address.
  - Implements item 5.3 (Advanced level) of i-PRO's Camera Hardening Guide, which asks to review the system log
    regularly for failed logins and other anomalies.
  - Never changes anything; runs in check mode too.
options:
  logs:
    description:
      - Which logs to read.
    type: list
    elements: str
    choices: [access, event, error]
    default: [access, event, error]
  since:
    description:
      - Only entries at or after this time, ISO 8601 (V(2026-12-01T00:00:00Z)); times without a zone are UTC.
    type: str
  threshold:
    description:
      - Failed logins from one source address at or above which the source is reported in RV(over_threshold).
    type: int
    default: 5
  on_threshold:
    description:
      - What to do when a source reaches O(threshold). V(warn) adds a warning, V(fail) fails the task, V(ignore)
        only reports it.
    type: str
    choices: [warn, fail, ignore]
    default: warn
  return_entries:
    description:
      - Return every parsed entry in RV(entries). The counts are returned either way.
    type: bool
    default: true
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
notes:
  - The camera keeps a limited number of entries per log; review often enough that none are lost.
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: 5.3 | Review the failed logins of the last week
  ipro.camera.ipro_log:
    since: "{{ '%Y-%m-%dT%H:%M:%SZ' | strftime(now(utc=true).timestamp() - 7 * 86400) }}"
    threshold: 5
    on_threshold: warn
  register: camera_log
'''

RETURN = r'''
entries:
  description: The parsed log entries, oldest first per log.
  returned: always
  type: list
  elements: dict
  sample: [{log: access, number: 12, time: '2026-12-04T20:00:01Z', code: '101', user: admin, source: 192.0.2.50,
            text: 'login failed: user=admin source=192.0.2.50'}]
failed_logins:
  description: Failed logins per source address, most first, with the user names tried and the first and last time.
  returned: always
  type: list
  elements: dict
  sample: [{source: 192.0.2.50, count: 9, users: [admin, root], first: '2026-12-04T20:00:01Z',
            last: '2026-12-04T20:00:09Z'}]
over_threshold:
  description: The entries of RV(failed_logins) at or above O(threshold).
  returned: always
  type: list
  elements: dict
lockouts:
  description: Entries recording that the camera locked a source out.
  returned: always
  type: list
  elements: dict
summary:
  description: One line for the play's output.
  returned: always
  type: str
  sample: "9 failed logins from 1 sources; at or over 5: 192.0.2.50 (9); 1 lockouts"
'''

from ansible_collections.ipro.camera.plugins.module_utils import log as LOGIC
from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    logs=dict(type='list', elements='str', choices=['access', 'event', 'error'], default=['access', 'event', 'error']),
    since=dict(type='str'),
    threshold=dict(type='int', default=5),
    on_threshold=dict(type='str', choices=['warn', 'fail', 'ignore'], default='warn'),
    return_entries=dict(type='bool', default=True),
)


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
