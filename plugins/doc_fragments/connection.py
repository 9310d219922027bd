# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:

    DOCUMENTATION = r'''
options:
  host:
    description:
      - Address or host name of the camera.
      - When unset, the host variable C(ipro_host), then C(ansible_host), then the inventory name is used.
    type: str
  protocol:
    description:
      - Whether to talk to the camera over HTTPS or plain HTTP.
      - When unset, the host variable C(ipro_protocol) is used, else V(https).
      - Plain HTTP sends Digest responses and every setting unencrypted; use it only on an isolated network.
    type: str
    choices: [https, http]
  http_port:
    description:
      - The camera's HTTP port. When unset, the host variable C(ipro_http_port) is used, else V(80).
    type: int
  https_port:
    description:
      - The camera's HTTPS port. When unset, the host variable C(ipro_https_port) is used, else V(443).
    type: int
  login_user:
    description:
      - User name of an administrator (access level 1) account on the camera.
      - When unset, the host variable C(ipro_username) is used.
    type: str
  login_password:
    description:
      - Password of O(login_user). When unset, the host variable C(ipro_password) is used.
      - Keep it in Ansible Vault. The modules never return or log it.
    type: str
  ca_path:
    description:
      - PEM file of the CA certificates that signed the camera's HTTPS certificate.
      - When unset, the host variable C(ipro_ca_path) is used, else the system trust store.
    type: path
  fingerprint:
    description:
      - SHA-256 fingerprint of the camera's HTTPS certificate, as 64 hexadecimal digits with or without colons.
      - When set, only that certificate is accepted and CA and host name checks are skipped. Use it for cameras
        that keep their pre-installed certificate.
      - When unset, the host variable C(ipro_fingerprint) is used.
    type: str
  validate_certs:
    description:
      - Whether to validate the camera's HTTPS certificate. When unset, the host variable
        C(ipro_validate_certs) is used, else V(true).
      - V(false) makes the task warn, because anyone on the network path can then read the credentials.
    type: bool
  timeout:
    description:
      - Seconds to wait for the camera to connect and to answer each request.
      - When unset, the host variable C(ipro_timeout) is used, else V(10).
    type: int
notes:
  - The module runs on the controller as an action plugin; cameras cannot run Python.
  - Connection errors, timeouts and HTTP 503 answers are retried up to 4 times with backoff.
    An authentication failure is never retried, because the camera locks an address out after
    8 failed logins within 30 seconds.
requirements:
  - requests
'''

    ATTRIBUTES = r'''
attributes:
  check_mode:
    support: full
    description: Check mode reads the camera and reports what would change, and never writes.
  diff_mode:
    support: full
    description: The diff shows the settings before and after, with secrets masked.
  action_group:
    support: full
    membership:
      - ipro.camera.cameras
    description: Use C(group/ipro.camera.cameras) in O(ignore:module_defaults) to set connection options once.
'''
