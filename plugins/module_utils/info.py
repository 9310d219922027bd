# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The logic of ipro_info: everything the camera reports about itself, read-only."""

from __future__ import annotations

from ansible_collections.ipro.camera.plugins.module_utils import cgi
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError
from ansible_collections.ipro.camera.plugins.module_utils.users import read_users

SECRET_SUFFIXES = ('PASS', 'COM')
# Host fact holding the raw get_capability answer; see CameraClient.known_capabilities.
CAPABILITIES_FACT = 'ipro_camera_capabilities'
# What the module can read besides the identity, which it always reads.
SUBSETS = ('capabilities', 'settings', 'users', 'hosts', 'certificates')


def validate(params):
    pass


def identity(raw):
    return dict(
        model=raw.get(cgi.INFO_MODEL),
        mac=raw.get(cgi.INFO_MAC),
        serial=raw.get(cgi.INFO_SERIAL),
        firmware_version=raw.get(cgi.INFO_VERSION),
        firmware_family=raw.get(cgi.INFO_FAMILY),
        admin_registered=raw.get(cgi.INFO_ADMIN_REGISTERED) == '1',
    )


def capabilities(raw):
    caps = {feature: raw.get(feature) == 'yes' for feature in cgi.CAPABILITY_FEATURES}
    try:
        caps[cgi.CAPABILITY_MAX_USERS] = int(raw.get(cgi.CAPABILITY_MAX_USERS, ''))
    except ValueError:
        caps[cgi.CAPABILITY_MAX_USERS] = None
    return caps


def _without_secrets(settings):
    """Drop any value a write-only key might leak; `<KEY>_SET` flags stay."""
    return {key: value for key, value in settings.items()
            if key.endswith(cgi.WRITE_ONLY_SET_SUFFIX) or not key.endswith(SECRET_SUFFIXES)}


def _optional(client, name):
    """Read a CGI that older firmware may lack; None when the camera answers 404."""
    try:
        return client.get(name)
    except CameraError as exc:
        if exc.status == 404:
            return None
        raise


def apply(client, params, check_mode):
    subset = set(params.get('gather_subset') or SUBSETS)
    camera = identity(client.info())
    result = dict(changed=False, camera=camera, capabilities=None, settings=None, users=None, hosts=None,
                  certificates=None)
    if 'capabilities' in subset:
        raw = client.capabilities()
        result['capabilities'] = capabilities(raw)
        # Later tasks of the play skip their own get_capability with this fact.
        result['ansible_facts'] = {CAPABILITIES_FACT: raw}
    if not camera['admin_registered']:
        # Until an administrator exists the camera answers only getinfo and get_capability.
        return result

    if 'settings' in subset:
        result['settings'] = _without_secrets(client.getdata([]))
    if 'users' in subset:
        result['users'] = [dict(name=name, level=level) for name, level in sorted(read_users(client).items())]
    if 'hosts' in subset:
        result['hosts'] = _optional(client, 'get_hostauth')
    if 'certificates' in subset:
        result['certificates'] = _optional(client, 'get_https')
    return result
