# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The action plugin base every ipro_* module runs through.

Cameras cannot run Python, so the modules run inside the controller's worker
process: this saves the cost of starting a module process for every task on
every camera. The base class validates the arguments against the module's
argument spec, fills connection options from host variables, and turns the
shared logic's errors into task failures.
"""

from __future__ import annotations

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

from ansible_collections.ipro.camera.plugins.module_utils.client import CameraClient
from ansible_collections.ipro.camera.plugins.module_utils.connection import prepare_task
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError, OptionError
from ansible_collections.ipro.camera.plugins.module_utils.info import CAPABILITIES_FACT


class CameraAction(ActionBase):
    """Run a module's logic (`validate(params)`, `apply(client, params, check_mode)`) in-process.

    Subclasses set `argument_spec` (imported from the module file) and `logic`.
    """

    TRANSFERS_FILES = False
    _supports_check_mode = True
    _supports_async = False

    argument_spec = {}
    spec_options = {}
    logic = None

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        task_vars = task_vars or {}

        try:
            _validation_result, params = self.validate_argument_spec(argument_spec=self.argument_spec, **self.spec_options)
        except AnsibleActionFail as exc:
            return dict(result, failed=True, msg=str(exc.message))

        check_mode = bool(self._task.check_mode)
        client = None
        try:
            conn = prepare_task(self.logic, self.argument_spec, params, task_vars, self._templar.template)
            client = CameraClient(conn)
            known = task_vars.get(CAPABILITIES_FACT)
            if isinstance(known, dict) and known:
                client.known_capabilities = dict(known)
            outcome = self.logic.apply(client, params, check_mode)
        except OptionError as exc:
            return dict(result, failed=True, msg=str(exc), changed=False)
        except CameraError as exc:
            result.update(exc.result)
            return dict(result, failed=True, msg=exc.message, changed=False,
                        warnings=_warnings(result, client))
        finally:
            if client is not None:
                client.close()

        result.update(outcome)
        result['warnings'] = _warnings(result, client)
        if not result['warnings']:
            del result['warnings']
        return result


def _warnings(result, client):
    warnings = list(result.get('warnings') or [])
    if client is not None:
        warnings.extend(client.warnings)
    return warnings
