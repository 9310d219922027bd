# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The logic of ipro_dot1x: IEEE 802.1X network access control and its certificates.

The camera accepts certificates only while 802.1X is off, so a certificate
change turns 802.1X off, installs, and turns it on again; the result says so.
"""

from __future__ import annotations

import base64
import hashlib
import re

from ansible_collections.ipro.camera.plugins.module_utils import cgi
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError, OptionError
from ansible_collections.ipro.camera.plugins.module_utils.settings_modules import SettingsLogic, check_capabilities
from ansible_collections.ipro.camera.plugins.module_utils.sync import current_settings, sync_settings

PEM_BLOCK = re.compile(r'-----BEGIN ([A-Z ]+)-----\s*(.+?)\s*-----END \1-----', re.DOTALL)
CERTIFICATE = 'CERTIFICATE'
RESTART_TIMEOUT = 120


def _der_blocks(pem, label=None):
    return [(kind, base64.b64decode(''.join(body.split())))
            for kind, body in PEM_BLOCK.findall(pem) if label is None or kind == label]


def check_certificate(option, pem):
    """Reject what the camera would: more than 10 KB, or other than exactly one certificate."""
    size = len(pem.encode('utf-8'))
    if size > cgi.DOT1X_CERT_MAX_BYTES:
        raise OptionError(option, 'the PEM file has %d bytes, over the camera\'s limit of %d'
                          % (size, cgi.DOT1X_CERT_MAX_BYTES), 'give the certificate alone, without a chain')
    try:
        count = len(_der_blocks(pem, CERTIFICATE))
    except ValueError:
        raise OptionError(option, 'the PEM certificate is not valid base64', 'check the file for damage') from None
    if count != 1:
        raise OptionError(option, 'contains %d PEM certificates' % count,
                          'the camera takes exactly one certificate per type; give the issuing CA or the client '
                          'certificate alone')


def fingerprint(option, pem):
    """Return the SHA-256 the camera reports for an uploaded PEM: of the certificate, or of a key's public key."""
    if option != 'client_key':
        return hashlib.sha256(_der_blocks(pem, CERTIFICATE)[0][1]).hexdigest()
    try:
        from cryptography.hazmat.primitives import serialization
    except ImportError:  # pragma: no cover - ansible-core depends on cryptography
        raise OptionError(option, 'comparing keys needs the Python library cryptography',
                          'install it on the controller') from None
    try:
        key = serialization.load_pem_private_key(pem.encode('utf-8'), password=None)
    except (ValueError, TypeError):
        raise OptionError(option, 'is not an unencrypted PEM private key',
                          'give the key in PEM without a passphrase; the camera cannot take an encrypted one') from None
    public = key.public_key().public_bytes(serialization.Encoding.DER,
                                           serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(public).hexdigest()


def _hex_digits(reported):
    """Return a reported SHA-256 as lower-case hex without colons, the form fingerprint() returns.

    get_https reports fingerprints as colon-separated upper-case pairs, and the 802.1X keys may use that form
    too. Comparing the raw text would then reinstall the same certificate on every run.
    """
    return reported.replace(':', '').lower()


class Dot1xLogic(SettingsLogic):
    def __init__(self):
        super().__init__('dot1x')

    def validate(self, params):
        super().validate(params)
        for option in cgi.DOT1X_CERT_TYPES:
            if params.get(option) is not None:
                if option == 'client_key':
                    if len(params[option].encode('utf-8')) > cgi.DOT1X_CERT_MAX_BYTES:
                        raise OptionError(option, 'the key file is over the camera\'s limit of 10 KB', 'give the key alone')
                else:
                    check_certificate(option, params[option])
                fingerprint(option, params[option])

    def apply(self, client, params, check_mode):
        check_capabilities(client, 'dot1x', dict(params, enabled=True))
        certificates = {option: params[option] for option in cgi.DOT1X_CERT_TYPES if params.get(option) is not None}
        installed = client.getdata(list(cgi.DOT1X_CERT_KEYS.values()))
        to_install = {option: pem for option, pem in certificates.items()
                      if _hex_digits(installed.get(cgi.DOT1X_CERT_KEYS[option], '')) != fingerprint(option, pem)}
        if params.get('eap') == 'tls' and params.get('enabled'):
            missing = [o for o, key in cgi.DOT1X_CERT_KEYS.items() if not installed.get(key) and o not in certificates]
            if missing:
                raise OptionError(missing[0], 'is required: EAP-TLS needs it and the camera holds none',
                                  'give ca_certificate, client_certificate and client_key')

        desired = {f.option: params.get(f.option) for f in cgi.SETTINGS['dot1x']}
        secrets_to_send = ('password',) if params['update_password'] == 'always' else ()
        if not to_install:
            return sync_settings(client, 'dot1x', desired, check_mode, secrets_to_send, after_write=self.after_write)

        return self._install(client, desired, to_install, secrets_to_send, check_mode)

    def _install(self, client, desired, to_install, secrets_to_send, check_mode):
        before = current_settings(client, 'dot1x')
        enabled = before['enabled'] is True
        commands = []
        cycled = False
        if enabled:
            commands.append('setdata DOT1X=off')
            cycled = True
        commands.extend('dot1x_cert type=%s cert=<%s sha256 %s>' % (cgi.DOT1X_CERT_TYPES[o], o, fingerprint(o, pem))
                        for o, pem in to_install.items())
        if check_mode:
            outcome = sync_settings(client, 'dot1x', desired, True, secrets_to_send)
            return self._installed(outcome, before, commands, to_install, cycled)

        if enabled:
            client.setdata({'DOT1X': 'off'})
            client.wait_for_restart(RESTART_TIMEOUT)
        try:
            for option, pem in to_install.items():
                client.post('dot1x_cert', {cgi.DOT1X_CERT_TYPE: cgi.DOT1X_CERT_TYPES[option], cgi.DOT1X_CERT_FIELD: pem})
        except CameraError as exc:
            raise CameraError(client.conn.label, 'dot1x_cert', '%s; 802.1X was %s before the install and is now off'
                              % (exc.problem, 'on' if enabled else 'off'),
                              'fix the certificate and rerun; the module turns 802.1X on again once they are in',
                              result=dict(commands=commands)) from None
        self._verify_installed(client, to_install, enabled, commands)
        if enabled and desired.get('enabled') is None:
            desired = dict(desired, enabled=True)
        outcome = sync_settings(client, 'dot1x', desired, False, secrets_to_send, after_write=self.after_write)
        return self._installed(outcome, before, commands, to_install, cycled)

    @staticmethod
    def _verify_installed(client, to_install, enabled, commands):
        """Fail, before 802.1X goes on again, when the camera reports other certificates than those sent."""
        reported = client.getdata([cgi.DOT1X_CERT_KEYS[option] for option in to_install])
        not_applied = {}
        for option, pem in to_install.items():
            actual = _hex_digits(reported.get(cgi.DOT1X_CERT_KEYS[option], ''))
            if actual != fingerprint(option, pem):
                not_applied[option] = dict(expected=fingerprint(option, pem), actual=actual or None)
        if not_applied:
            raise CameraError(client.conn.label, 'dot1x_cert', 'was answered but not applied: the camera reports other '
                              'SHA-256 values for %s; 802.1X was %s before the install and is now off'
                              % (', '.join(sorted(not_applied)), 'on' if enabled else 'off'),
                              'check the camera\'s 802.1X certificates, then rerun',
                              result=dict(commands=commands, not_applied=not_applied))

    @staticmethod
    def _installed(outcome, before, commands, to_install, cycled):
        """Report the whole change against the state before 802.1X was turned off."""
        after = dict(outcome['after'], certificates=sorted(to_install))
        return dict(outcome, changed=True, before=before, after=after, diff=dict(before=before, after=after),
                    commands=commands + outcome['commands'], certificates_installed=sorted(to_install),
                    dot1x_cycled=cycled)
