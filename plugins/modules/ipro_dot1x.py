#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_dot1x
short_description: Configure IEEE 802.1X network access control on an i-PRO camera
version_added: 0.1.0
description:
  - Sets the camera's IEEE 802.1X EAP method, identity and password, and installs the CA certificate, client
    certificate and client key that EAP-TLS needs.
  - Implements item 4.1 (Advanced level) of i-PRO's Camera Hardening Guide.
  - The camera accepts certificates only while 802.1X is off. When a certificate changes, the module turns
    802.1X off, installs, and turns it on again, and says so in RV(dot1x_cycled). The same certificate again
    is no change, judged by its SHA-256 fingerprint.
  - Certificates over 10 KB, or files with more than one certificate, fail before anything is sent.
  - Changing 802.1X restarts the camera's networking; the module waits for it. The switch port must then
    authenticate the camera, or the camera drops off the network.
options:
  enabled:
    description:
      - Whether 802.1X is on.
    type: bool
  eap:
    description:
      - V(md5) and V(peap) authenticate with O(identity) and O(password); V(tls) with the client certificate.
    type: str
    choices: [md5, peap, tls]
  identity:
    description:
      - EAP identity (user name).
    type: str
  password:
    description:
      - EAP password for V(md5) and V(peap). Write-only, see O(update_password).
    type: str
  update_password:
    description:
      - V(on_create) sends O(password) only when the camera holds none; V(always) sends it on every run and so
        always reports a change.
    type: str
    choices: [on_create, always]
    default: on_create
  ca_certificate:
    description:
      - PEM of the CA certificate that signed the authentication server's certificate; one certificate, at most 10 KB.
    type: str
  client_certificate:
    description:
      - PEM of the camera's client certificate for EAP-TLS; one certificate, at most 10 KB.
    type: str
  client_key:
    description:
      - PEM of the unencrypted private key of O(client_certificate). Compared by its public key, never returned.
    type: str
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: 4.1 | Authenticate to the switch port with EAP-TLS
  ipro.camera.ipro_dot1x:
    enabled: true
    eap: tls
    identity: "{{ inventory_hostname }}"
    ca_certificate: "{{ lookup('ansible.builtin.file', 'pki/radius-ca.pem') }}"
    client_certificate: "{{ lookup('ansible.builtin.file', 'pki/' ~ inventory_hostname ~ '.pem') }}"
    client_key: "{{ vault_dot1x_keys[inventory_hostname] }}"
'''

RETURN = r'''
before:
  description: The 802.1X settings before the task; a stored password shows as C(********).
  returned: always
  type: dict
  sample: {enabled: false, eap: md5, identity: '', password: null}
after:
  description: The 802.1X settings after the task (in check mode, as they would be), and the certificates installed.
  returned: always
  type: dict
commands:
  description: The requests sent, in order, or that check mode would send; certificates show as fingerprints.
  returned: always
  type: list
  elements: str
  sample: ['setdata DOT1X=off', 'dot1x_cert type=ca cert=<ca_certificate sha256 ...>', 'setdata DOT1X=on']
certificates_installed:
  description: The certificate options the task installed.
  returned: when a certificate changed
  type: list
  elements: str
dot1x_cycled:
  description: Whether 802.1X was turned off to install certificates and turned on again.
  returned: when a certificate changed
  type: bool
'''

from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.dot1x import Dot1xLogic
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    enabled=dict(type='bool'),
    eap=dict(type='str', choices=['md5', 'peap', 'tls']),
    identity=dict(type='str'),
    password=dict(type='str', no_log=True),
    update_password=dict(type='str', choices=['on_create', 'always'], default='on_create', no_log=False),
    ca_certificate=dict(type='str'),
    client_certificate=dict(type='str'),
    client_key=dict(type='str', no_log=True),
)
LOGIC = Dot1xLogic()


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
