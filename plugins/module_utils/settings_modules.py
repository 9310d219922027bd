# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The logic of the modules that manage one settings group each.

`SettingsLogic(group)` validates a module's options before any request, checks
the camera's capabilities and cross-key rules, and syncs the group.
"""

from __future__ import annotations

from ansible_collections.ipro.camera.plugins.module_utils import cgi, validation
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError, OptionError
from ansible_collections.ipro.camera.plugins.module_utils.sync import sync_settings


def desired_values(group, params):
    return {f.option: params.get(f.option) for f in cgi.SETTINGS[group]}


def check_network(params):
    for option in ('address', 'gateway', 'dns_primary', 'dns_secondary'):
        if params.get(option) is not None:
            validation.check_ipv4(option, params[option])
    if params.get('netmask') is not None:
        validation.check_ipv4('netmask', params['netmask'], netmask=True)
    if params.get('mode') == 'static':
        missing = [o for o in ('address', 'netmask') if params.get(o) is None]
        if missing:
            raise OptionError(missing[0], 'is required with mode=static',
                              'give address and netmask (and usually gateway) for a static address')
    if params.get('dns') == 'manual' and params.get('dns_primary') is None:
        raise OptionError('dns_primary', 'is required with dns=manual', 'give the DNS server address')


def check_ntp(params):
    if params.get('server') is not None:
        validation.check_ntp_server('server', params['server'])
    if params.get('timezone') is not None:
        validation.check_timezone('timezone', params['timezone'])
    if params.get('interval') is not None:
        validation.check_range('interval', params['interval'], 1, 24, 'hours')
    if params.get('mode') == 'ntp' and params.get('server_mode') in (None, 'manual') and not params.get('server'):
        raise OptionError('server', 'is required with mode=ntp and server_mode=manual',
                          'give the NTP server address, or server_mode=auto to take it from DHCP')


# NOTE: modeled on the emulator; the public material gives no length limit for the SD card password.
SD_PASSWORD_MAX = 16


def check_password_option(params):
    password = params.get('password')
    if password is None:
        return
    validation.check_password('password', password)
    if len(password) > SD_PASSWORD_MAX:
        raise OptionError('password', 'the SD card password has %d characters' % len(password),
                          'the camera takes at most %d; use 8 to %d characters' % (SD_PASSWORD_MAX, SD_PASSWORD_MAX))


def check_smtp(params):
    if params.get('server'):
        validation.check_ntp_server('server', params['server'])
    if params.get('user') is not None:
        validation.check_user_name('user', params['user'])
    if params.get('password') is not None:
        validation.check_secret('password', params['password'], 1, 32, 'the password')


def check_dot1x(params):
    if params.get('identity') is not None:
        validation.check_user_name('identity', params['identity'])
    if params.get('password') is not None:
        validation.check_secret('password', params['password'], 4, 32, 'the password')


CHECKS = dict(network=check_network, ntp=check_ntp, sdcard=check_password_option, smtp=check_smtp,
              dot1x=check_dot1x)


def validate(group, params):
    """Check a group's options; raise OptionError before any request."""
    for f in cgi.SETTINGS[group]:
        if f.kind == 'int' and f.option.endswith('port') and params.get(f.option) is not None:
            validation.check_port(f.option, params[f.option], default=f.default)
    check = CHECKS.get(group)
    if check:
        check(params)


def check_capabilities(client, group, params):
    """Fail when an option is set that the camera's model lacks."""
    needed = {f.capability for f in cgi.SETTINGS[group] if f.capability and params.get(f.option) is not None}
    if not needed:
        return
    caps = client.capabilities()
    missing = sorted(feature for feature in needed if caps.get(feature) != 'yes')
    if missing:
        raise CameraError(client.conn.label, 'get_capability', 'reports that this model has no %s'
                          % ' and no '.join(missing),
                          'leave those options unset for this camera (the roles skip them by capability)',
                          result=dict(unsupported=missing))


def check_rules(client, group, params):
    """Check the camera's cross-key rules that the sync of one group cannot see."""
    if group == 'ntp' and params.get('server_mode') == 'auto':
        if client.getdata(['NW']).get('NW') == 'static':
            raise CameraError(client.conn.label, 'getdata', 'reports network mode static, which cannot take '
                              'the NTP server from DHCP', 'use server_mode=manual with server=<address>, or a '
                              'dynamic network mode')
    if group == 'sdcard' and params.get('lock') and params.get('password') is None:
        set_key = cgi.field('sdcard', 'password').set_key
        if client.getdata([set_key]).get(set_key) != '1':
            raise CameraError(client.conn.label, 'getdata', 'reports no SD card password, so the card cannot be '
                              'locked', 'give the password option (the entry role takes ipro_sd_password)')
    if group == 'alteration' and params.get('enabled'):
        record_format = cgi.field('recording', 'format')
        if client.getdata([record_format.key]).get(record_format.key) == 'jpeg':
            raise CameraError(client.conn.label, 'getdata', 'reports SD recording format JPEG, but alteration '
                              'detection works only on MP4 recordings',
                              'set recording_format: mp4 with ipro.camera.ipro_sdcard first '
                              '(ipro_sd_recording_format in the roles)')


class SettingsLogic:
    """The logic of a module that manages settings group `group`."""

    def __init__(self, group):
        self.group = group

    def validate(self, params):
        validate(self.group, params)

    def apply(self, client, params, check_mode):
        check_capabilities(client, self.group, params)
        check_rules(client, self.group, params)
        secrets_to_send = ('password',) if params.get('update_password') == 'always' else ()
        return sync_settings(client, self.group, desired_values(self.group, params), check_mode, secrets_to_send,
                             after_write=self.after_write)

    def after_write(self, client, changes):
        """Hook run after a write that restarts the web service, before waiting for it."""
