# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The logic of ipro_password: rotate the password of the account the play logs in with.

A rotation is done only when the new password works and the old one no longer
does. A rotation that stopped half way (the camera took the new password, the
inventory still holds the old one) is recovered on the next run: the module
tries the inventory password, then the new one, once each, never more, so it
stays far below the camera's lockout of 8 failures in 30 seconds.
"""

from __future__ import annotations

import copy

from ansible_collections.ipro.camera.plugins.module_utils import cgi, validation
from ansible_collections.ipro.camera.plugins.module_utils.client import CameraClient
from ansible_collections.ipro.camera.plugins.module_utils.errors import AuthenticationError, CameraError
from ansible_collections.ipro.camera.plugins.module_utils.sync import mask_command
from ansible_collections.ipro.camera.plugins.module_utils.users import read_users


def validate(params):
    validation.check_password('new_password', params['new_password'], params.get('login_user'))


def _login(client, password):
    """Return a client logged in with `password`, or None when the camera rejects it."""
    conn = copy.copy(client.conn)
    conn.password = password
    probe = CameraClient(conn, sleep=client.sleep)
    try:
        probe.info()
        probe.get('get_user')
        return probe
    except AuthenticationError as exc:
        probe.close()
        if exc.error == cgi.ERROR_LOCKED:
            raise
        return None


def apply(client, params, check_mode):
    name = client.conn.username
    old, new = client.conn.password, params['new_password']
    result = dict(changed=False, user=name, rotated=False, recovered=False, commands=[])

    session = _login(client, old)
    if session is None:
        session = _login(client, new) if new != old else None
        if session is None:
            raise AuthenticationError(client.conn.label, 'get_user', 'rejected both the inventory password and the new '
                                      'password of user %r' % name, 'set the current password in ipro_password; the '
                                      'module stopped after one attempt with each', status=401)
        session.close()
        result.update(recovered=True, msg='the camera already takes the new password; an earlier rotation finished '
                                          'on the camera but not in the inventory')
        return result
    if new == old:
        session.close()
        return result

    level = read_users(session).get(name)
    request = dict(cgi.USER_ADD, **{cgi.USER_NAME: name, cgi.USER_PASSWORD: new,
                                    cgi.USER_LEVEL: cgi.LEVELS.get(level, cgi.LEVELS['administrator'])})
    result.update(changed=True, rotated=True, commands=[mask_command('set_user', request, {cgi.USER_PASSWORD})])
    if check_mode:
        session.close()
        return result

    session.post('set_user', request)
    session.close()
    verified = _login(client, new)
    if verified is None:
        raise CameraError(client.conn.label, 'set_user', 'was answered but the new password of user %r does not work'
                          % name, 'the old password may still work: check the camera before rerunning',
                          result=dict(result, changed=True))
    verified.close()
    if params['verify_old_rejected'] and _login(client, old) is not None:
        raise CameraError(client.conn.label, 'set_user', 'was answered but the old password of user %r still works'
                          % name, 'the camera kept the old password: check it, then rerun', result=result)
    client.use_credentials(name, new)
    return result
