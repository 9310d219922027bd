"""Tests of the ipro_firmware logic: version checks, upload and waiting for the new version."""

from __future__ import annotations

import pytest

from ansible_collections.ipro.camera.plugins.module_utils import firmware
from ansible_collections.ipro.camera.plugins.module_utils.errors import AuthenticationError, CameraError, OptionError
from tests.unit.plugins.module_utils.fake_client import FakeClient


class FakeClock:
    """Replaces the firmware module's `time`: the fake client's sleep advances monotonic()."""

    def __init__(self):
        self.now = 0.0

    def monotonic(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(firmware, 'time', clock)
    return clock


@pytest.fixture
def image(tmp_path):
    path = tmp_path / 's2136-2.50.img'
    path.write_bytes(b'firmware image')
    return str(path)


def camera(clock, version='2.40', installs='2.50', outage=()):
    """A camera on `version` that reports `installs` once an image is uploaded.

    While it applies the image, getinfo raises the exceptions in `outage`.
    """
    client = FakeClient(info={'NAME': 'WV-S2136', 'VERSION': version, 'FIRMWARE': 's2136', 'ADMIN_REGISTERED': '1'})
    client.sleep = clock.sleep

    def upload(client, files):
        client.info_values['VERSION'] = installs
        client.failures['getinfo'] = list(outage)

    client.upload = upload
    return client


def params(image, **overrides):
    values = dict(version='2.50', image=image, allow_downgrade=False, wait_timeout=900)
    values.update(overrides)
    return values


# validate.

@pytest.mark.parametrize('version', ['2.50', 'v2.50', 'V01.0600', '3'])
def test_validate_accepts(image, version):
    firmware.validate(params(image, version=version))


def test_validate_accepts_report_only():
    firmware.validate(dict(version=None, image=None))


@pytest.mark.parametrize('version', ['2.50b', 'latest', '2..5', ''])
def test_validate_rejects_version(image, version):
    with pytest.raises(OptionError) as info:
        firmware.validate(params(image, version=version))

    assert info.value.option == 'version'
    assert repr(version) in str(info.value)


def test_validate_image_needs_version(image):
    with pytest.raises(OptionError, match='option version: is required with image'):
        firmware.validate(params(image, version=None))


def test_validate_missing_image(tmp_path):
    missing = str(tmp_path / 'missing.img')

    with pytest.raises(OptionError) as info:
        firmware.validate(params(missing))

    assert info.value.option == 'image'
    assert repr(missing) in str(info.value)


# apply.

def test_reports_version_without_image(clock):
    client = camera(clock)

    result = firmware.apply(client, dict(version=None, image=None), check_mode=False)

    assert result['changed'] is False
    assert result['before'] == {'version': '2.40', 'family': 's2136', 'model': 'WV-S2136'}
    assert client.writes == []


@pytest.mark.parametrize('reported', [None, ''])
@pytest.mark.parametrize('check_mode', [False, True])
def test_missing_version_raises(clock, image, reported, check_mode):
    client = camera(clock)
    if reported is None:
        del client.info_values['VERSION']
    else:
        client.info_values['VERSION'] = reported

    with pytest.raises(CameraError) as info:
        firmware.apply(client, params(image), check_mode=check_mode)

    assert 'getinfo returned no firmware version (VERSION is missing or empty)' in info.value.message
    assert 'then rerun' in info.value.message
    assert client.writes == []


def test_missing_version_raises_without_image(clock):
    client = camera(clock)
    del client.info_values['VERSION']

    with pytest.raises(CameraError):
        firmware.apply(client, dict(version=None, image=None), check_mode=False)


@pytest.mark.parametrize('running', ['2.50', 'v2.50'])
def test_same_version_is_unchanged(clock, image, running):
    client = camera(clock, version=running)

    result = firmware.apply(client, params(image), check_mode=False)

    assert result['changed'] is False
    assert client.writes == []


def test_newer_camera_not_downgraded(clock, image):
    client = camera(clock, version='2.60')

    result = firmware.apply(client, params(image), check_mode=False)

    assert result['changed'] is False
    assert 'camera runs 2.60, newer than 2.50' in result['msg']
    assert client.writes == []


def test_downgrade_when_allowed(clock, image):
    client = camera(clock, version='2.60')

    result = firmware.apply(client, params(image, allow_downgrade=True), check_mode=False)

    assert result['changed'] is True
    assert client.writes == [('firmware_update', ['file'])]


def test_check_mode_never_uploads(clock, image):
    client = camera(clock)

    result = firmware.apply(client, params(image), check_mode=True)

    assert result['changed'] is True
    assert result['commands'] == ['firmware_update file=s2136-2.50.img']
    assert result['after']['version'] == '2.50'
    assert client.writes == []


def test_update_uploads_once_and_waits(clock, image):
    client = camera(clock)

    result = firmware.apply(client, params(image), check_mode=False)

    assert result['changed'] is True
    assert result['after']['version'] == '2.50'
    assert client.writes == [('firmware_update', ['file'])]
    assert client.write_options[0]['retries'] == 0


def test_update_with_prefixed_version(clock, image):
    client = camera(clock, installs='2.50')

    result = firmware.apply(client, params(image, version='V2.50'), check_mode=False)

    assert result['changed'] is True


def test_update_survives_camera_outage(clock, image):
    client = camera(clock, outage=[CameraError('cam-01', 'getinfo', 'failed: no answer'),
                                   CameraError('cam-01', 'getinfo', 'failed with HTTP 503', status=503)])

    result = firmware.apply(client, params(image), check_mode=False)

    assert result['after']['version'] == '2.50'
    assert client.resets == 3


@pytest.mark.parametrize('status', [401, 403])
def test_update_stops_on_rejected_login(clock, image, status):
    client = camera(clock, outage=[CameraError('cam-01', 'getinfo', 'failed: no answer'),
                                   AuthenticationError('cam-01', 'getinfo', 'failed: rejected', status=status)])

    with pytest.raises(AuthenticationError):
        firmware.apply(client, params(image), check_mode=False)


def test_update_installing_other_version_raises(clock, image):
    client = camera(clock, installs='2.45')

    with pytest.raises(CameraError) as info:
        firmware.apply(client, params(image), check_mode=False)

    assert 'finished but the camera reports version 2.45, expected 2.50' in info.value.message
    assert info.value.result['after']['version'] == '2.45'


def test_update_times_out(clock, image):
    client = camera(clock, installs='2.40')

    with pytest.raises(CameraError) as info:
        firmware.apply(client, params(image, wait_timeout=30), check_mode=False)

    assert 'accepted the image but still reports version 2.40 after 30 seconds' in info.value.message
    assert 'check the camera before rerunning' in info.value.message


def test_invalid_image_explained(clock, image):
    client = camera(clock)

    def reject(client, files):
        raise CameraError('cam-01', 'firmware_update', 'rejected', status=400, error='invalid_image')

    client.upload = reject

    with pytest.raises(CameraError) as info:
        firmware.apply(client, params(image), check_mode=False)

    message = info.value.message
    assert 'rejected image %s as damaged or not for firmware family s2136' % image in message
    assert 'use the image for model WV-S2136; the camera kept its firmware' in message


def test_other_upload_error_propagates(clock, image):
    client = camera(clock)
    error = CameraError('cam-01', 'firmware_update', 'failed with HTTP 500', status=500)

    def fail(client, files):
        raise error

    client.upload = fail

    with pytest.raises(CameraError) as info:
        firmware.apply(client, params(image), check_mode=False)

    assert info.value is error
