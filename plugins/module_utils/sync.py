# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read, compare, write and read back one group of settings.

Check mode is handled here and nowhere else: it stops after the comparison.
"""

from __future__ import annotations

from ansible_collections.ipro.camera.plugins.module_utils import cgi
from ansible_collections.ipro.camera.plugins.module_utils.client import require_keys
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError

MASK = '********'
# How long a settings module waits for the web service after a restarting write.
RESTART_TIMEOUT = 120


def mask_command(cgi_name, values, secret_keys):
    """Render a write as `cgi KEY=value ...` with secrets masked, for results and logs."""
    shown = ['%s=%s' % (key, MASK if key in secret_keys else value) for key, value in values.items()]
    return ' '.join([cgi_name] + shown)


def current_settings(client, group):
    """Read a settings group and return it by option name, secrets as set or not."""
    fields = cgi.SETTINGS[group]
    keys = [f.set_key if f.write_only else f.key for f in fields]
    # Comparing against an answer without the keys would write every value of the group.
    raw = require_keys(client.conn.label, 'getdata', client.getdata(keys), keys)
    return decode_settings(fields, raw)


def decode_settings(fields, raw):
    values = {}
    for f in fields:
        if f.write_only:
            values[f.option] = MASK if raw.get(f.set_key) == '1' else None
        else:
            values[f.option] = f.decode(raw.get(f.key))
    return values


def wanted_changes(fields, before, desired, secrets_to_send):
    """Return {Field: value} for every desired option that differs from `before`.

    `secrets_to_send` names the write-only options to send whatever the camera
    holds, because their value cannot be read back for comparison.
    """
    changes = {}
    for f in fields:
        value = desired.get(f.option)
        if value is None:
            continue
        if f.write_only:
            if f.option in secrets_to_send or before.get(f.option) is None:
                changes[f] = value
        elif before.get(f.option) != value:
            changes[f] = value
    return changes


def sync_settings(client, group, desired, check_mode, secrets_to_send=(), restart_timeout=RESTART_TIMEOUT,
                  after_write=None):
    """Bring settings group `group` to `desired` (option -> value; None leaves it alone).

    Returns the result keys: changed, before, after, commands, diff. Raises
    CameraError when the camera answers the write but does not apply it.
    `after_write(client, {option: value})` runs after a write that restarts the
    web service, before the wait, so the client can follow a new port or scheme.
    """
    fields = cgi.SETTINGS[group]
    before = current_settings(client, group)
    changes = wanted_changes(fields, before, desired, secrets_to_send)

    after = dict(before)
    for f, value in changes.items():
        after[f.option] = _shown(f, value)
    if not changes:
        return _result(False, before, after, [])

    payload = {f.key: f.encode(value) for f, value in changes.items()}
    secret_keys = {f.key for f in changes if f.write_only}
    commands = [mask_command('setdata', payload, secret_keys)]
    if check_mode:
        return _result(True, before, after, commands)

    client.setdata(payload)
    if any(f.restarts for f in changes):
        if after_write is not None:
            after_write(client, {f.option: value for f, value in changes.items()})
        client.wait_for_restart(restart_timeout)
    actual = current_settings(client, group)
    _verify_applied(client, group, changes, before, actual, commands)
    return _result(True, before, actual, commands)


def _verify_applied(client, group, changes, before, actual, commands):
    missing = {}
    for f, value in changes.items():
        expected = _shown(f, value)
        if actual.get(f.option) != expected:
            missing[f.option] = {'expected': expected, 'actual': actual.get(f.option)}
    if missing:
        detail = ', '.join('%s=%s (camera reports %s)' % (option, v['expected'], v['actual'])
                           for option, v in sorted(missing.items()))
        raise CameraError(client.conn.label, 'setdata', 'was answered but not applied: %s' % detail,
                          'the camera kept its old value; check its state and the firmware release notes, then rerun',
                          result=dict(before=before, after=actual, not_applied=missing, commands=commands))


def _shown(f, value):
    """Return a value as reads show it: a write-only value as set (masked) or, when emptied, cleared."""
    if f.write_only:
        return MASK if value != '' else None
    return value


def _result(changed, before, after, commands):
    return dict(changed=changed, before=before, after=after, commands=commands,
                diff=dict(before=before, after=after))
