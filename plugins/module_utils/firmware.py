# -*- coding: utf-8 -*-
# Copyright: ipro.camera contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The logic of ipro_firmware: report the version, and update from an image file."""

from __future__ import annotations

import os
import re
import time

from ansible_collections.ipro.camera.plugins.module_utils import cgi, validation
from ansible_collections.ipro.camera.plugins.module_utils.client import compare_versions
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError, OptionError
from ansible_collections.ipro.camera.plugins.module_utils.info import CAPABILITIES_FACT
from ansible_collections.ipro.camera.plugins.module_utils.log import read_logs

VERSION = re.compile(r'^[vV]?\d+(\.\d+)*$')
POLL_SECONDS = 2.0
RESTART_POLL_SECONDS = 0.5
# System log code of a rejected or failed firmware update.
LOG_FIRMWARE_FAILED = '300'
# Uploading an image of tens of megabytes over a slow site link takes minutes.
UPLOAD_TIMEOUT = 600


def validate(params):
    if params.get('wait_timeout') is not None:
        validation.check_at_least('wait_timeout', params['wait_timeout'], 1, 'seconds')
    version, image = params.get('version'), params.get('image')
    if version is not None and not VERSION.fullmatch(version):
        raise OptionError('version', 'value %r is not a dotted version number' % version,
                          'write it as the camera reports it, for example 2.50')
    if image is not None:
        if version is None:
            raise OptionError('version', 'is required with image',
                              'give the version the image contains, so the module can skip cameras that run it')
        if not os.path.isfile(image):
            raise OptionError('image', 'file %r does not exist on the controller' % image,
                              'give the path of the firmware image on the controller')


def apply(client, params, check_mode):
    info = client.info()
    current = info.get(cgi.INFO_VERSION)
    if not current:
        raise CameraError(client.conn.label, 'getinfo', 'returned no firmware version (%s is missing or empty)'
                          % cgi.INFO_VERSION, 'check that the address belongs to an i-PRO camera that has finished '
                          'starting, then rerun')
    before = dict(version=current, family=info.get(cgi.INFO_FAMILY), model=info.get(cgi.INFO_MODEL))
    result = dict(changed=False, before=before, after=before, commands=[], diff=dict(before=before, after=before))

    wanted, image = params.get('version'), params.get('image')
    if wanted is None or image is None:
        return result
    order = compare_versions(current, wanted)
    if order == 0:
        return result
    if order > 0 and not params['allow_downgrade']:
        result['msg'] = ('camera runs %s, newer than %s; nothing installed (set allow_downgrade to install '
                         'the older image)' % (current, wanted))
        return result

    after = dict(before, version=wanted)
    commands = ['firmware_update file=%s' % os.path.basename(image)]
    result.update(changed=True, after=after, commands=commands, diff=dict(before=before, after=after))
    if check_mode:
        return result

    _upload(client, image, info)
    version = _wait_for_version(client, current, params['wait_timeout'])
    if version == current:
        raise CameraError(client.conn.label, 'firmware_update', 'accepted the image and restarted, but still runs '
                          'version %s instead of %s: the update failed and the camera kept its firmware%s'
                          % (current, wanted, _failure_detail(client)),
                          'check the image and the camera\'s error log, then rerun; the settings were not touched',
                          result=dict(before=before, after=before, commands=commands,
                                      not_applied=dict(version=dict(expected=wanted, actual=current))))
    # Compared as versions: the version option may carry a v prefix the camera does not report.
    if version is None or compare_versions(version, wanted) != 0:
        raise CameraError(client.conn.label, 'firmware_update', 'finished but the camera reports version %s, '
                          'expected %s' % (version, wanted), 'check the image and the camera\'s log, then rerun',
                          result=dict(before=before, after=dict(before, version=version), commands=commands))
    # New firmware may add or drop features: give later tasks of the play the capabilities it reports now.
    client.known_capabilities = None
    result['ansible_facts'] = {CAPABILITIES_FACT: client.capabilities()}
    return result


def _upload(client, image, info):
    try:
        with open(image, 'rb') as stream:
            files = {cgi.FIRMWARE_FILE_FIELD: (os.path.basename(image), stream, 'application/octet-stream')}
            # Never retried: a second upload of the same image could start a second update.
            client.request('POST', 'firmware_update', files=files, retries=0, timeout=UPLOAD_TIMEOUT)
    except CameraError as exc:
        if exc.error == cgi.ERROR_INVALID_IMAGE:
            raise CameraError(client.conn.label, 'firmware_update', 'rejected image %s as damaged or not for '
                              'firmware family %s' % (image, info.get(cgi.INFO_FAMILY)),
                              'use the image for model %s; the camera kept its firmware'
                              % info.get(cgi.INFO_MODEL)) from None
        raise


def _wait_for_version(client, old, timeout):
    """Poll until the camera reports a version other than `old`, or restarts and reports `old` again.

    Returns the version the camera reports: `old` means that it went down and
    came back with its old firmware, so the update failed. Until the outage
    shows, polls every RESTART_POLL_SECONDS so that a short restart is not missed.
    """
    deadline = time.monotonic() + timeout
    version = old
    went_down = False
    while time.monotonic() < deadline:
        client.sleep(POLL_SECONDS if went_down else RESTART_POLL_SECONDS)
        client.reset()
        try:
            version = client.get('getinfo', cgi.GETINFO_QUERY, retries=0).get(cgi.INFO_VERSION)
        except CameraError as exc:
            if exc.status in (401, 403):
                raise
            went_down = True
            continue
        if version != old or went_down:
            return version
    raise CameraError(client.conn.label, 'firmware_update', 'accepted the image but still reports version %s '
                      'after %d seconds' % (version, timeout),
                      'the update may still be running: check the camera before rerunning; raise wait_timeout for slow models')


def _failure_detail(client):
    """Return the camera's newest firmware error log entry as a clause of a message, or an empty string."""
    try:
        entries = read_logs(client, ['error'])
    except CameraError:
        return ''
    failures = [entry for entry in entries if entry['code'] == LOG_FIRMWARE_FAILED]
    return ' (camera error log: %s)' % failures[-1]['text'] if failures else ''
