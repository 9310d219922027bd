# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only callback that writes every task result as JSON lines to $IPRO_RECORD_PATH."""

from __future__ import annotations

DOCUMENTATION = r'''
name: record
type: aggregate
short_description: Write task results to a JSON lines file for the tests
description:
  - Appends one JSON object per task result to the file named by the IPRO_RECORD_PATH environment variable.
requirements:
  - enable in configuration
'''

import json
import os

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'record'
    CALLBACK_NEEDS_ENABLED = True

    def _write(self, status, result):
        path = os.environ.get('IPRO_RECORD_PATH')
        if not path:
            return
        record = dict(
            host=result._host.get_name(),
            task=result._task.get_name(),
            action=result._task.action,
            status=status,
            result=json.loads(json.dumps(result._result, default=str)),
        )
        with open(path, 'a', encoding='utf-8') as stream:
            stream.write(json.dumps(record) + '\n')

    def v2_runner_on_ok(self, result):
        self._write('changed' if result._result.get('changed') else 'ok', result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._write('failed', result)

    def v2_runner_on_skipped(self, result):
        self._write('skipped', result)

    def v2_runner_on_unreachable(self, result):
        self._write('unreachable', result)

    def v2_runner_item_on_ok(self, result):
        self._write('changed' if result._result.get('changed') else 'ok', result)

    def v2_runner_item_on_failed(self, result):
        self._write('failed', result)
