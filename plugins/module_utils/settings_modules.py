# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The logic of the modules that manage one settings group each.

Each `apply_<group>` takes a CameraClient, the module parameters and the
check-mode flag, validates what the sync cannot know, and returns the result.
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
    if params.get('port') is not None:
        validation.check_port('port', params['port'], default=cgi.field('ntp', 'port').default)
    if params.get('interval') is not None:
        validation.check_range('interval', params['interval'], 1, 24, 'hours')
    if params.get('mode') == 'ntp' and params.get('server_mode') in (None, 'manual') and not params.get('server'):
        raise OptionError('server', 'is required with mode=ntp and server_mode=manual',
                          'give the NTP server address, or server_mode=auto to take it from DHCP')


def check_sdcard(params):
    if params.get('password') is not None:
        validation.check_password('password', params['password'])


CHECKS = dict(network=check_network, ntp=check_ntp, sdcard=check_sdcard)

# Capability each group needs, if any.
CAPABILITIES = dict(audio='audio', sdcard='sd')


def validate(group, params):
    """Check a group's options; raise OptionError before any request."""
    check = CHECKS.get(group)
    if check:
        check(params)


def apply_settings(group, client, params, check_mode):
    """Bring one settings group to the module parameters."""
    capability = CAPABILITIES.get(group)
    if capability:
        caps = client.capabilities()
        if caps.get(capability) != 'yes':
            raise CameraError(client.conn.label, 'get_capability',
                              'reports that this model has no %s' % capability,
                              'skip this module for the camera (the roles skip it by its capabilities)',
                              result=dict(unsupported=True))

    secrets_to_send = ()
    if params.get('update_password') == 'always':
        secrets_to_send = ('password',)
    if group == 'ntp' and params.get('server_mode') == 'auto':
        _check_ntp_auto(client)
    if group == 'sdcard' and params.get('lock') and params.get('password') is None:
        _check_sd_password_held(client)
    return sync_settings(client, group, desired_values(group, params), check_mode, secrets_to_send)


def _check_ntp_auto(client):
    network = client.getdata(['NW'])
    if network.get('NW') == 'static':
        raise CameraError(client.conn.label, 'getdata', 'reports network mode static, which cannot take the NTP '
                          'server from DHCP', 'use server_mode=manual with server=<address>, or a dynamic '
                          'network mode')


def _check_sd_password_held(client):
    held = client.getdata([cgi.field('sdcard', 'password').set_key])
    if held.get(cgi.field('sdcard', 'password').set_key) != '1':
        raise CameraError(client.conn.label, 'getdata', 'reports no SD card password, so the card cannot be locked',
                          'give the password option (the entry role takes ipro_sd_password)')


class SettingsLogic:
    """The logic of a module that manages settings group `group`."""

    def __init__(self, group):
        self.group = group

    def validate(self, params):
        validate(self.group, params)

    def apply(self, client, params, check_mode):
        return apply_settings(self.group, client, params, check_mode)
