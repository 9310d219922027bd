# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write the audit reports on the controller, without starting a module process.

Unlike the camera modules, ipro_report talks to no camera, so it validates its
arguments and writes the files itself.
"""

from __future__ import annotations

import os

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

from ansible_collections.ipro.camera.plugins.module_utils.errors import OptionError
from ansible_collections.ipro.camera.plugins.module_utils.report_files import default_meta, write_reports
from ansible_collections.ipro.camera.plugins.modules.ipro_report import ARGUMENT_SPEC


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)

        try:
            _validation_result, params = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        except AnsibleActionFail as exc:
            return dict(result, failed=True, msg=str(exc.message))

        # Relative paths resolve against the playbook's directory, as for fetch's dest.
        dest = params['dest']
        if not os.path.isabs(dest):
            dest = self._loader.path_dwim(dest)

        try:
            outcome = write_reports(params['cameras'], dest, params['formats'], default_meta(params['meta']),
                                    bool(self._task.check_mode))
        except OptionError as exc:
            return dict(result, failed=True, changed=False, msg=str(exc))

        result.update(outcome)
        return result
