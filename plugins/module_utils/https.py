# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The logic of ipro_https: HTTPS-only connections, the HTTPS port and the certificate in use."""

from __future__ import annotations

from ansible_collections.ipro.camera.plugins.module_utils import cgi
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError
from ansible_collections.ipro.camera.plugins.module_utils.settings_modules import SettingsLogic


class HttpsLogic(SettingsLogic):
    """Sync the HTTPS settings, and follow the camera to its new scheme and port.

    After a change the result carries `ansible_facts` with `ipro_protocol` and
    `ipro_https_port`, so later tasks of the play reach the camera the new way.
    Host facts take precedence over inventory variables, not over play or extra vars.
    """

    def __init__(self):
        super().__init__('https')

    def apply(self, client, params, check_mode):
        if params.get('certificate') == 'ca':
            _check_ca_installed(client)
        result = super().apply(client, params, check_mode)
        conn = client.conn
        if result['changed'] and not check_mode:
            result['ansible_facts'] = dict(ipro_protocol=conn.protocol, ipro_https_port=conn.https_port)
        return result

    def after_write(self, client, changes):
        conn = client.conn
        if 'port' in changes:
            conn.https_port = changes['port']
        if changes.get('connection') == 'https':
            conn.protocol = 'https'
        elif changes.get('connection') == 'http':
            conn.protocol = 'http'
        client.reset()


def _check_ca_installed(client):
    prefix = cgi.CERT_PREFIXES['ca']
    state_key = '%s_%s' % (prefix, cgi.CERT_FIELDS['state'])
    if client.get('get_https').get(state_key) != cgi.CERT_INSTALLED:
        raise CameraError(client.conn.label, 'get_https', 'reports no CA-signed certificate installed, so '
                          'certificate: ca cannot be selected',
                          'install one first with ipro.camera.ipro_certificate (playbooks/certificates.yml)')
