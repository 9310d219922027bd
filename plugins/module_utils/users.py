# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The logic of ipro_user: camera accounts with an access level."""

from __future__ import annotations

import copy

from ansible_collections.ipro.camera.plugins.module_utils import cgi, validation
from ansible_collections.ipro.camera.plugins.module_utils.client import CameraClient
from ansible_collections.ipro.camera.plugins.module_utils.errors import AuthenticationError, CameraError, OptionError
from ansible_collections.ipro.camera.plugins.module_utils.sync import MASK, mask_command

ADMINISTRATOR = 'administrator'


def read_users(client):
    """Return {name: level name} from get_user."""
    users = {}
    for key, value in client.get('get_user').items():
        if not key.startswith(cgi.USER_LINE_PREFIX):
            continue
        name, _separator, level = value.rpartition(',')
        users[name] = cgi.LEVEL_NAMES.get(level, level)
    return users


def validate(params):
    validation.check_user_name('name', params['name'])
    if params.get('password') is not None:
        validation.check_password('password', params['password'], params['name'])


def password_works(client, name, password):
    """Try one login as `name`; a wrong password costs one failure toward the camera's lockout."""
    conn = copy.copy(client.conn)
    conn.username, conn.password = name, password
    probe = CameraClient(conn, sleep=client.sleep)
    try:
        probe.info()
        return True
    except AuthenticationError as exc:
        if exc.error == cgi.ERROR_LOCKED:
            raise
        return False
    finally:
        probe.close()


def _state(users, name):
    return dict(name=name, present=name in users, level=users.get(name))


def apply(client, params, check_mode):
    name = params['name']
    users = read_users(client)
    before = _state(users, name)
    admins = [user for user, level in users.items() if level == ADMINISTRATOR]

    if params['state'] == 'absent':
        if name not in users:
            return _result(False, before, before, [])
        if users[name] == ADMINISTRATOR and admins == [name]:
            raise CameraError(client.conn.label, 'set_user', 'refused to delete %r, the last administrator' % name,
                              'add another administrator first; without one the camera needs a factory reset')
        request = dict(cgi.USER_DELETE, **{cgi.USER_NAME: name})
        after = dict(name=name, present=False, level=None)
        return _write(client, request, before, after, check_mode, name, None)

    level = params['level']
    password = params.get('password')
    reason = _reason_to_write(client, params, users)
    if reason is None:
        return _result(False, before, before, [])
    if password is None:
        raise OptionError('password', 'is required to %s user %r' % (reason, name),
                          'give the password; the camera replaces the whole account on every change')
    if users.get(name) == ADMINISTRATOR and level != ADMINISTRATOR and admins == [name]:
        raise CameraError(client.conn.label, 'set_user', 'refused to demote %r, the last administrator' % name,
                          'add another administrator first; without one the camera needs a factory reset')

    request = dict(cgi.USER_ADD, **{cgi.USER_NAME: name, cgi.USER_PASSWORD: password,
                                    cgi.USER_LEVEL: cgi.LEVELS[level]})
    after = dict(name=name, present=True, level=level)
    result = _write(client, request, before, after, check_mode, name, password)
    result['password_changed'] = reason in ('create', 'change the password of')
    return result


def _reason_to_write(client, params, users):
    name = params['name']
    if name not in users:
        return 'create'
    if users[name] != params['level']:
        return 'change the level of'
    if params['update_password'] == 'always' and params.get('password') is not None:
        if not password_works(client, name, params['password']):
            return 'change the password of'
    return None


def _write(client, request, before, after, check_mode, name, password):
    commands = [mask_command('set_user', request, {cgi.USER_PASSWORD})]
    if check_mode:
        return _result(True, before, after, commands)

    client.post('set_user', request)
    own = password is not None and name == client.conn.username
    if own:
        # The session's own password changed: continue with the new one.
        client.use_credentials(name, password)
    try:
        actual = _state(read_users(client), name)
    except AuthenticationError as exc:
        if not own or exc.error == cgi.ERROR_LOCKED:
            raise
        raise CameraError(client.conn.label, 'set_user', 'was answered but the camera rejects the new password of '
                          'user %r' % name, 'the old password may still work: check the camera before rerunning',
                          result=dict(before=before, commands=commands,
                                      not_applied=dict(password=dict(expected='accepted', actual='rejected')))) from None
    not_applied = {key: {'expected': after[key], 'actual': actual[key]}
                   for key in ('present', 'level') if after[key] != actual[key]}
    if not not_applied and password is not None and not own and before['present'] and before['level'] == after['level']:
        # Only the password changed, which get_user cannot show: one login shows whether the camera took it.
        if not password_works(client, name, password):
            not_applied['password'] = dict(expected='accepted', actual='rejected')
    if not_applied:
        # Shaped like the not_applied of a settings write: one {expected, actual} per differing field.
        raise CameraError(client.conn.label, 'set_user', 'was answered but not applied: user %r is %s%s'
                          % (name, _describe(actual), ' and the new password is rejected'
                             if 'password' in not_applied else ''), 'check the camera\'s user list, then rerun',
                          result=dict(before=before, after=actual, not_applied=not_applied, commands=commands))
    return _result(True, before, actual, commands)


def _describe(state):
    return 'at level %s' % state['level'] if state['present'] else 'absent'


def _result(changed, before, after, commands):
    shown_before = dict(before, password=MASK if before['present'] else None)
    shown_after = dict(after, password=MASK if after['present'] else None)
    return dict(changed=changed, user=after, commands=commands,
                diff=dict(before=shown_before, after=shown_after))
