# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Turn the registered check-mode results of the level roles into one audit record per camera."""

from __future__ import annotations

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

from ansible_collections.ipro.camera.plugins.module_utils import audit
from ansible_collections.ipro.camera.plugins.modules.ipro_audit import ARGUMENT_SPEC


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _supports_check_mode = True

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        task_vars = task_vars or {}
        try:
            _validation_result, params = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        except AnsibleActionFail as exc:
            return dict(result, failed=True, msg=str(exc.message))

        sections = audit.sections_for(params['level'])
        registered = audit.from_items(task_vars.get(name) for name in audit.ITEMS_REGISTERS)
        for section in sections:
            own = task_vars.get(audit.register_name(section))
            if own is not None:
                registered[audit.register_name(section)] = own
        name = task_vars.get('inventory_hostname')
        address = task_vars.get('ipro_host') or task_vars.get('ansible_host') or name
        site = audit.site_of(task_vars.get('group_names'), task_vars.get('ipro_site'))
        record = audit.camera_record(name, self._templar.template(address), params['level'], params['identity'],
                                     registered, sections, error=params['error'] or None, site=site)
        result.update(changed=False, record=record)
        return result
