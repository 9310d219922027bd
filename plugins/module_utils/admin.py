# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The logic of ipro_admin: register the administrator of a factory-fresh camera."""

from __future__ import annotations

from ansible_collections.ipro.camera.plugins.module_utils import cgi, validation
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError
from ansible_collections.ipro.camera.plugins.module_utils.sync import mask_command


def validate(params):
    if params.get('wait_timeout') is not None:
        validation.check_at_least('wait_timeout', params['wait_timeout'], 1, 'seconds')
    validation.check_user_name('name', params['name'])
    validation.check_password('password', params['password'], params['name'])
    # A fresh camera needs no login; once registered, the new administrator logs in.
    if not params.get('login_user'):
        params['login_user'] = params['name']
        params['login_password'] = params['password']


def apply(client, params, check_mode):
    name = params['name']
    info = client.info()
    registered = info.get(cgi.INFO_ADMIN_REGISTERED) == '1'
    before = dict(registered=registered)
    if registered:
        return dict(changed=False, before=before, after=before, commands=[], diff=dict(before=before, after=before))

    request = {cgi.USER_NAME: name, cgi.USER_PASSWORD: params['password']}
    commands = [mask_command('register_admin', request, {cgi.USER_PASSWORD})]
    after = dict(registered=True, name=name)
    if check_mode:
        return dict(changed=True, before=before, after=after, commands=commands, diff=dict(before=before, after=after))

    # Not retried: a lost answer would make the retry fail with "admin_registered". A lost answer (no HTTP
    # status) may hide a registration that worked, so the getinfo below decides.
    lost = None
    try:
        client.post('register_admin', request, retries=0)
    except CameraError as exc:
        if exc.status is not None:
            raise
        lost = exc
    client.use_credentials(name, params['password'])
    client.wait_for_restart(params['wait_timeout'])
    info = client.info()
    if info.get(cgi.INFO_ADMIN_REGISTERED) != '1':
        if lost is not None:
            raise CameraError(client.conn.label, 'register_admin', '%s, and the camera still reports no '
                              'administrator' % lost.problem, 'check the camera, then rerun',
                              result=dict(commands=commands))
        raise CameraError(client.conn.label, 'register_admin', 'was answered but the camera still reports no '
                          'administrator', 'check the camera, then rerun', result=dict(commands=commands))
    return dict(changed=True, before=before, after=after, commands=commands, diff=dict(before=before, after=after))
