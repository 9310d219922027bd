"""Tests of run_module, the classic module path that runs a module's logic without the action plugin."""

from __future__ import annotations

import json

import pytest
from ansible.module_utils.testing import patch_module_args

from ansible_collections.ipro.camera.plugins.module_utils.connection import CONNECTION_SPEC
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError, OptionError
from ansible_collections.ipro.camera.plugins.module_utils.runner import run_module

ARGUMENT_SPEC = dict(CONNECTION_SPEC, name=dict(type='str'))
ARGS = dict(host='192.0.2.10', login_user='admin', login_password='Admin-pass1', name='viewer')


class Logic:
    def __init__(self, validate_error=None, apply_error=None):
        self.validate_error = validate_error
        self.apply_error = apply_error
        self.applied = []

    def validate(self, params):
        if self.validate_error:
            raise self.validate_error

    def apply(self, client, params, check_mode):
        self.applied.append((client.conn.host, params['name'], check_mode))
        if self.apply_error:
            raise self.apply_error
        return dict(changed=True, user=dict(name=params['name']))


def run(logic, capsys, **overrides):
    with patch_module_args(dict(ARGS, **overrides)):
        with pytest.raises(SystemExit):
            run_module(ARGUMENT_SPEC, logic)
    return json.loads(capsys.readouterr().out)


def test_result_returned(capsys):
    logic = Logic()

    result = run(logic, capsys)

    assert result['changed'] is True
    assert result['user'] == {'name': 'viewer'}
    assert logic.applied == [('192.0.2.10', 'viewer', False)]
    assert 'Admin-pass1' not in json.dumps(result)


def test_check_mode_passed_to_logic(capsys):
    logic = Logic()

    run(logic, capsys, _ansible_check_mode=True)

    assert logic.applied == [('192.0.2.10', 'viewer', True)]


def test_client_warnings_reported(capsys):
    result = run(Logic(), capsys, validate_certs=False)

    # ansible-core 2.19 reports each warning as a structured event, not as a plain string.
    assert 'TLS certificate validation is disabled for camera 192.0.2.10' in json.dumps(result['warnings'])


def test_option_error_fails_before_apply(capsys):
    logic = Logic(validate_error=OptionError('name', "user name 'a:b' contains :", 'remove it'))

    result = run(logic, capsys)

    assert result['failed'] is True
    assert result['msg'] == "option name: user name 'a:b' contains :; remove it"
    assert logic.applied == []


def test_connection_error_fails_before_apply(capsys):
    logic = Logic()

    result = run(logic, capsys, host='http://192.0.2.10')

    assert result['failed'] is True
    assert result['msg'].startswith('option host: ')
    assert logic.applied == []


def test_camera_error_carries_result(capsys):
    error = CameraError('192.0.2.10', 'setdata', 'was answered but not applied', 'rerun',
                        result=dict(not_applied={'server': {'expected': 'a', 'actual': 'b'}}))

    result = run(Logic(apply_error=error), capsys)

    assert result['failed'] is True
    assert result['msg'] == 'camera 192.0.2.10: setdata was answered but not applied; rerun'
    assert result['not_applied'] == {'server': {'expected': 'a', 'actual': 'b'}}
