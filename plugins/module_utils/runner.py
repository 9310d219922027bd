# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run a module's logic as a classic module process.

The collection's action plugins run the same logic in the controller's worker
process and take connection defaults from host variables; this path serves
when a module file is executed on its own (ansible-test, or a copy without the
action plugins), where every connection option must be given to the task.
"""

from __future__ import annotations

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.ipro.camera.plugins.module_utils.client import CameraClient
from ansible_collections.ipro.camera.plugins.module_utils.connection import connection_from_params
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError, OptionError


def run_module(argument_spec, logic, **spec_options):
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True, **spec_options)
    client = None
    try:
        logic.validate(module.params)
        client = CameraClient(connection_from_params(module.params))
        result = logic.apply(client, module.params, module.check_mode)
    except OptionError as exc:
        module.fail_json(msg=str(exc))
    except CameraError as exc:
        module.fail_json(msg=exc.message, **exc.result)
    finally:
        if client is not None:
            client.close()
    for warning in client.warnings:
        module.warn(warning)
    module.exit_json(**result)
