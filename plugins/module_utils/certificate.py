# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The logic of ipro_certificate: CRT key, CSR and CA-signed certificate of the HTTPS service."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import time

from ansible_collections.ipro.camera.plugins.module_utils import cgi, validation
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError, OptionError

PEM_CERTIFICATE = re.compile(r'-----BEGIN CERTIFICATE-----\s*(.+?)\s*-----END CERTIFICATE-----', re.DOTALL)
KEY_BITS = (2048, 4096)
# Longest value the camera takes for each CSR subject field (the RFC 5280 upper bounds).
CSR_MAXIMUM = dict(common_name=64, organization=64, organizational_unit=64, locality=128, state=128)
# A real camera takes about two minutes to generate a 2048-bit key.
KEYGEN_POLL_SECONDS = 2.0


def certificate_der(option, pem):
    """Return the DER bytes of the single certificate in `pem`."""
    blocks = PEM_CERTIFICATE.findall(pem or '')
    if len(blocks) != 1:
        raise OptionError(option, 'contains %d PEM certificates' % len(blocks),
                          'give exactly one PEM certificate (-----BEGIN CERTIFICATE----- ... END)')
    try:
        return base64.b64decode(''.join(blocks[0].split()), validate=True)
    except (binascii.Error, ValueError):
        raise OptionError(option, 'the PEM certificate is not valid base64', 'check the file for damage') from None


def fingerprint(der):
    digest = hashlib.sha256(der).hexdigest().upper()
    return ':'.join(digest[i:i + 2] for i in range(0, len(digest), 2))


def same_fingerprint(reported, wanted):
    """Compare fingerprints whatever their case and separators."""
    def normal(value):
        return (value or '').replace(':', '').lower()
    return bool(reported) and normal(reported) == normal(wanted)


def validate(params):
    if params.get('certificate') is not None:
        certificate_der('certificate', params['certificate'])
    if params['key_bits'] not in KEY_BITS:
        raise OptionError('key_bits', 'value %d is not supported' % params['key_bits'], 'use 2048 or 4096')
    if params['state'] == 'absent' and params.get('certificate') is not None:
        raise OptionError('certificate', 'cannot be given with state=absent', 'remove one of them')
    if params.get('wait_timeout') is not None:
        validation.check_at_least('wait_timeout', params['wait_timeout'], 1, 'seconds')
    for name, maximum in CSR_MAXIMUM.items():
        value = (params.get('csr') or {}).get(name)
        if value is not None and not re.fullmatch(r'[\x20-\x7e]{1,%d}' % maximum, value):
            raise OptionError('csr.%s' % name, 'value %r is not 1-%d printable ASCII characters' % (value, maximum),
                              'the camera takes printable ASCII only in certificate requests')
    country = (params.get('csr') or {}).get('country')
    if country is not None and not re.fullmatch(r'[A-Z]{2}', country):
        raise OptionError('csr.country', 'value %r is not a two-letter country code' % country,
                          'use an ISO 3166 code such as JP or DE')


def read_status(client):
    """Return the certificate summary from get_https, by the names the module returns."""
    raw = client.get('get_https')
    status = dict(key=raw.get(cgi.CRTKEY_STATE), key_bits=_int(raw.get(cgi.CRTKEY_STATE_BITS)))
    for name, prefix in cgi.CERT_PREFIXES.items():
        status[name] = {field: raw.get('%s_%s' % (prefix, key)) for field, key in cgi.CERT_FIELDS.items()}
    return status


def _int(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def apply(client, params, check_mode):
    before = read_status(client)
    commands = []
    after = dict(before)

    needs_key = before['key'] != cgi.CRTKEY_GENERATED or params['regenerate_key']
    if params['state'] == 'present' and needs_key:
        if before['ca']['state'] == cgi.CERT_INSTALLED:
            raise CameraError(client.conn.label, 'https_crtkey', 'cannot generate a new CRT key while a CA-signed '
                              'certificate is installed', 'delete it first with state: absent (switch the camera '
                              'to certificate: preinstalled with ipro.camera.ipro_https before)')
        commands.append('https_crtkey cmd=generate bits=%d' % params['key_bits'])
        after = dict(after, key=cgi.CRTKEY_GENERATED, key_bits=params['key_bits'])
        if not check_mode:
            client.post('https_crtkey', dict(cgi.CRTKEY_GENERATE, **{cgi.CRTKEY_BITS: str(params['key_bits'])}),
                        retries=0)
            after = _wait_for_key(client, params['wait_timeout'])

    if params['state'] == 'present' and params.get('certificate') is not None:
        wanted = fingerprint(certificate_der('certificate', params['certificate']))
        if not same_fingerprint(before['ca']['sha256'], wanted) or needs_key:
            commands.append('https_cacert cert=<certificate %s>' % wanted)
            after = dict(after, ca=dict(after['ca'], state=cgi.CERT_INSTALLED, sha256=wanted))
            if not check_mode:
                _install(client, params['certificate'])
                after = read_status(client)
                if not same_fingerprint(after['ca']['sha256'], wanted):
                    raise CameraError(client.conn.label, 'https_cacert', 'was answered but the camera serves '
                                      'certificate %s, expected %s' % (after['ca']['sha256'] or 'none', wanted),
                                      'check the camera, then rerun',
                                      result=dict(before=before, after=after, commands=commands,
                                                  not_applied=dict(sha256=dict(expected=wanted,
                                                                               actual=after['ca']['sha256'] or None))))

    if params['state'] == 'absent' and before['ca']['state'] == cgi.CERT_INSTALLED:
        if client.getdata(['HTTPS_CERT']).get('HTTPS_CERT') == 'ca':
            raise CameraError(client.conn.label, 'https_cacert', 'refused to delete the CA-signed certificate the '
                              'camera is serving', 'switch to certificate: preinstalled with ipro.camera.ipro_https first')
        commands.append('https_cacert mode=delete')
        after = dict(after, ca=dict(after['ca'], state='none', subject=None, not_after=None, sha256=None))
        if not check_mode:
            client.post('https_cacert', cgi.CACERT_DELETE)
            after = read_status(client)
            if after['ca']['state'] == cgi.CERT_INSTALLED:
                raise CameraError(client.conn.label, 'https_cacert', 'was answered but the camera still holds the '
                                  'CA-signed certificate %s' % after['ca']['sha256'], 'check the camera, then rerun',
                                  result=dict(before=before, after=after, commands=commands,
                                              not_applied=dict(state=dict(expected='none', actual=after['ca']['state']))))

    result = dict(changed=bool(commands), before=before, after=after, commands=commands,
                  diff=dict(before=before, after=after), csr=None)
    # https_csr is a POST, so check mode does not ask for a CSR.
    if params.get('csr') and params['state'] == 'present' and not check_mode:
        result['csr'] = _fetch_csr(client, params['csr'])
    return result


def _install(client, pem):
    try:
        client.post('https_cacert', {cgi.CACERT_FIELD: pem})
    except CameraError as exc:
        if exc.error == cgi.ERROR_KEY_MISMATCH:
            raise CameraError(client.conn.label, 'https_cacert', 'rejected the certificate: it does not match the '
                              'camera\'s CRT key', 'sign the CSR this camera produced since its last key '
                              'generation; the current certificate stays in place') from None
        if exc.error == cgi.ERROR_EXPIRED:
            raise CameraError(client.conn.label, 'https_cacert', 'rejected the certificate: it has expired',
                              'sign a new one; the current certificate stays in place') from None
        raise


def _fetch_csr(client, subject):
    fields = {cgi.CSR_FIELDS[name]: value for name, value in subject.items() if value is not None}
    return client.request('POST', 'https_csr', data=fields, raw=True)


def _wait_for_key(client, timeout):
    """Poll get_https until the CRT key exists; the camera answers 503 while it works."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            status = read_status(client)
            if status['key'] == cgi.CRTKEY_GENERATED:
                return status
        except CameraError as exc:
            if exc.status != 503:
                raise
        if time.monotonic() > deadline:
            raise CameraError(client.conn.label, 'https_crtkey', 'did not finish generating the CRT key within %d '
                              'seconds' % timeout, 'raise wait_timeout; a real camera needs about two minutes')
        client.sleep(KEYGEN_POLL_SECONDS)
