"""Tests of the error classes and the shape of their messages."""

from __future__ import annotations

from ansible_collections.ipro.camera.plugins.module_utils.errors import AuthenticationError, CameraError, OptionError


def test_camera_error_message_with_fix():
    error = CameraError('cam-01 (192.0.2.10)', 'setdata', 'rejected NTPPORT', 'choose another port')

    assert error.message == 'camera cam-01 (192.0.2.10): setdata rejected NTPPORT; choose another port'
    assert str(error) == error.message


def test_camera_error_message_without_fix():
    error = CameraError('192.0.2.10', 'getinfo', 'failed with HTTP 500')

    assert error.message == 'camera 192.0.2.10: getinfo failed with HTTP 500'


def test_camera_error_keeps_details():
    error = CameraError('192.0.2.10', 'setdata', 'failed', result={'before': {}}, status=400, error='NTPPORT')

    assert error.result == {'before': {}}
    assert error.status == 400
    assert error.error == 'NTPPORT'


def test_camera_error_result_defaults_empty():
    assert CameraError('192.0.2.10', 'getinfo', 'failed').result == {}


def test_authentication_error_is_camera_error():
    error = AuthenticationError('192.0.2.10', 'getinfo', 'failed: rejected', status=401)

    assert isinstance(error, CameraError)
    assert error.status == 401


def test_option_error_message():
    error = OptionError('port', 'port 80 is reserved by the camera', 'choose another port')

    assert isinstance(error, ValueError)
    assert str(error) == 'option port: port 80 is reserved by the camera; choose another port'
    assert error.option == 'port'


def test_option_error_without_fix():
    assert str(OptionError('host', 'no camera address given')) == 'option host: no camera address given'
