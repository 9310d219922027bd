#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
module: ipro_certificate
short_description: Manage the CA-signed HTTPS certificate of an i-PRO camera
version_added: 0.1.0
description:
  - Generates the camera's CRT key (its HTTPS private key, which never leaves the camera), returns a
    certificate signing request (CSR) for it, installs the certificate a CA signed from that CSR, or deletes
    it, and reports the subject, expiry and fingerprint of the installed certificates.
  - Implements item 3.4 (Standard level) of i-PRO's Camera Hardening Guide. M(ipro.camera.ipro_https) then
    selects the CA-signed certificate; C(playbooks/certificates.yml) runs the whole flow with a CA.
  - Generates a key only when the camera has none or O(regenerate_key=true), and installs a certificate only
    when its fingerprint differs from the installed one, so reruns change nothing.
options:
  state:
    description:
      - V(present) ensures a CRT key and, with O(certificate), that certificate. V(absent) deletes the
        CA-signed certificate; it refuses while the camera serves it.
    type: str
    choices: [present, absent]
    default: present
  key_bits:
    description:
      - Size of a new RSA CRT key.
    type: int
    choices: [2048, 4096]
    default: 2048
  regenerate_key:
    description:
      - Generate a new CRT key even when one exists. The camera refuses while a CA-signed certificate is installed.
    type: bool
    default: false
  csr:
    description:
      - Subject of a CSR to return in RV(csr). Not requested in check mode.
    type: dict
    suboptions:
      common_name: {description: Common name (CN)., type: str, required: true}
      organization: {description: Organization (O)., type: str}
      organizational_unit: {description: Organizational unit (OU)., type: str}
      locality: {description: Locality (L)., type: str}
      state: {description: State or province (ST)., type: str}
      country: {description: Two-letter country code (C)., type: str}
  certificate:
    description:
      - PEM of the CA-signed certificate to install; exactly one certificate.
      - The camera rejects one that does not match its CRT key or has expired, and keeps its current one.
    type: str
  wait_timeout:
    description:
      - Seconds to wait for the camera to generate a CRT key.
    type: int
    default: 300
extends_documentation_fragment:
  - ipro.camera.connection
  - ipro.camera.connection.attributes
author:
  - ipro.camera contributors (!UNKNOWN)
'''

EXAMPLES = r'''
- name: 3.4 | Generate the CRT key and get a CSR
  ipro.camera.ipro_certificate:
    csr:
      common_name: cam-a-01.example.org
      organization: Example Security
      country: DE
  register: camera_csr

- name: 3.4 | Install the certificate the CA signed
  ipro.camera.ipro_certificate:
    certificate: "{{ signed.certificate }}"
'''

RETURN = r'''
before:
  description: Key and certificate summary before the task.
  returned: always
  type: dict
  sample:
    key: generated
    key_bits: 2048
    preinstalled: {state: installed, subject: CN=cam-a-01, not_after: '2036-01-01T00:00:00Z', sha256: 'AB:CD:...'}
    ca: {state: none, subject: null, not_after: null, sha256: null}
after:
  description: Key and certificate summary after the task (in check mode, as it would be).
  returned: always
  type: dict
csr:
  description: The PEM CSR for the camera's CRT key, when O(csr) was given and not in check mode.
  returned: always
  type: str
commands:
  description: The requests sent to the camera, or that check mode would send.
  returned: always
  type: list
  elements: str
  sample: ['https_crtkey cmd=generate bits=2048']
'''

from ansible_collections.ipro.camera.plugins.module_utils import certificate as LOGIC
from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module

ARGUMENT_SPEC = dict(
    CONNECTION_SPEC,
    state=dict(type='str', choices=['present', 'absent'], default='present'),
    key_bits=dict(type='int', choices=[2048, 4096], default=2048),
    regenerate_key=dict(type='bool', default=False),
    csr=dict(type='dict', options=dict(
        common_name=dict(type='str', required=True),
        organization=dict(type='str'),
        organizational_unit=dict(type='str'),
        locality=dict(type='str'),
        state=dict(type='str'),
        country=dict(type='str'),
    )),
    certificate=dict(type='str'),
    wait_timeout=dict(type='int', default=300),
)


def main():
    run_module(ARGUMENT_SPEC, LOGIC)


if __name__ == '__main__':
    main()
