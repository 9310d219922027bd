# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The logic of ipro_maintenance: restart or initialize a camera."""

from __future__ import annotations

from ansible_collections.ipro.camera.plugins.module_utils import cgi, validation
from ansible_collections.ipro.camera.plugins.module_utils.errors import OptionError
from ansible_collections.ipro.camera.plugins.module_utils.sync import mask_command


def validate(params):
    if params.get('wait_timeout') is not None:
        validation.check_at_least('wait_timeout', params['wait_timeout'], 1, 'seconds')
    if params['action'] == 'initialize' and not params['confirm']:
        raise OptionError('confirm', 'initialize erases the camera\'s settings (scope %s) and is not confirmed'
                          % params['scope'], 'set confirm: true on the task to initialize the camera')


def apply(client, params, check_mode):
    command = 'restart' if params['action'] == 'restart' else params['scope']
    request = {cgi.INITIAL_COMMAND: cgi.INITIAL_COMMANDS[command]}
    result = dict(changed=True, action=params['action'], scope=params['scope'] if command != 'restart' else None,
                  commands=[mask_command('initial', request, ())])
    if check_mode:
        return result

    client.post('initial', request, retries=0)
    if params['wait']:
        result['camera'] = client.wait_for_restart(params['wait_timeout'])
    return result
