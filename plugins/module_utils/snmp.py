# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The logic of ipro_snmp: SNMP version, v1/v2c community and SNMPv3 user."""

from __future__ import annotations

from ansible_collections.ipro.camera.plugins.module_utils import cgi, validation
from ansible_collections.ipro.camera.plugins.module_utils.errors import OptionError
from ansible_collections.ipro.camera.plugins.module_utils.settings_modules import SettingsLogic
from ansible_collections.ipro.camera.plugins.module_utils.sync import sync_settings

# SNMPv3 (RFC 3414) requires passphrases of at least 8 characters; the camera takes at most 32.
PASSPHRASE_MIN = 8
PASSPHRASE_MAX = 32
SECRETS = ('community', 'auth_password', 'priv_password')


class SnmpLogic(SettingsLogic):
    """Sync the SNMP settings; moving to SNMPv3 clears the v1/v2c community."""

    def __init__(self):
        super().__init__('snmp')

    def validate(self, params):
        for option in ('auth_password', 'priv_password'):
            if params.get(option) is not None:
                validation.check_secret(option, params[option], PASSPHRASE_MIN, PASSPHRASE_MAX, 'the passphrase',
                                        'SNMPv3 needs %d to %d characters, printable ASCII without " or &'
                                        % (PASSPHRASE_MIN, PASSPHRASE_MAX))
        if params.get('community') is not None:
            validation.check_secret('community', params['community'], 1, 32, 'the community')
        if params.get('user') is not None:
            validation.check_user_name('user', params['user'])
        if params.get('version') == 'v3':
            if params.get('community') is not None:
                raise OptionError('community', 'cannot be set with version=v3', 'SNMPv3 uses user and passwords')
            missing = [o for o in ('user', 'auth_protocol', 'priv_protocol') if params.get(o) is None]
            if missing:
                raise OptionError(missing[0], 'is required with version=v3',
                                  'give user, auth_protocol, auth_password, priv_protocol and priv_password')

    def apply(self, client, params, check_mode):
        desired = {f.option: params.get(f.option) for f in cgi.SETTINGS['snmp']}
        secrets_to_send = SECRETS if params['update_password'] == 'always' else ()
        if params.get('version') == 'v3':
            held = client.getdata([cgi.field('snmp', option).set_key for option in SECRETS])
            for option in ('auth_password', 'priv_password'):
                if params.get(option) is None and held.get(cgi.field('snmp', option).set_key) != '1':
                    raise OptionError(option, 'is required: the camera holds no SNMPv3 %s yet' % option.replace('_', ' '),
                                      'give auth_password and priv_password, 8-32 characters each')
            # An empty value clears a write-only key; the v1/v2c community must not outlive v1/v2c.
            if held.get(cgi.field('snmp', 'community').set_key) == '1':
                desired['community'] = ''
                secrets_to_send = tuple(secrets_to_send) + ('community',)
        return sync_settings(client, 'snmp', desired, check_mode, secrets_to_send)
