"""Each module against the emulator: changes, idempotence, check mode, guards and errors."""

from __future__ import annotations

import hashlib
import ssl

import pytest

from tests.support.ansible import play, run_playbook, task

ADMIN = {'name': 'admin', 'password': 'Ipro-Demo-7391'}


@pytest.fixture
def camera(emulator_factory):
    """One registered camera of the full-featured model."""
    fleet = emulator_factory(cameras=1, sites=1, restart_seconds=1, firmware_seconds=1)
    return fleet


def run(fleet, tmp_path, *tasks, args=()):
    return run_playbook(play(*tasks), fleet.inventory, *args, workdir=tmp_path)


def register(fleet, tmp_path):
    result = run(fleet, tmp_path, task('ipro_admin', ADMIN))
    assert result.returncode == 0, result.output


def only_result(run_result, action):
    matches = run_result.results(action=action)
    assert len(matches) == 1, run_result.output
    return matches[0]


def test_admin_registers_once(camera, tmp_path):
    first = run(camera, tmp_path, task('ipro_admin', ADMIN))
    assert only_result(first, 'ipro_admin')['status'] == 'changed'
    assert camera.camera('cam-a-01')['admin_registered']

    second = run(camera, tmp_path, task('ipro_admin', ADMIN))
    assert only_result(second, 'ipro_admin')['status'] == 'ok'
    assert 'UPASS=********' in only_result(first, 'ipro_admin')['result']['commands'][0]


@pytest.mark.parametrize('module, args, wanted_key, wanted_value', [
    ('ipro_auth', {'method': 'basic'}, 'UAUTHMTD', 'basic'),
    ('ipro_ntp', {'mode': 'ntp', 'server': 'ntp.example.org', 'interval': 6}, 'NTPADD', 'ntp.example.org'),
    ('ipro_audio', {'mode': 'interactive'}, 'AUDIO', 'interactive'),
    ('ipro_sdcard', {'lock': True, 'password': 'Sd-Card-Pass-42'}, 'SDLOCK', 'on'),
    ('ipro_network', {'mode': 'static', 'address': '192.0.2.20', 'netmask': '255.255.255.0',
                      'gateway': '192.0.2.1', 'ipv6': False}, 'NW', 'static'),
])
def test_settings_module_check_apply_rerun(camera, tmp_path, module, args, wanted_key, wanted_value):
    register(camera, tmp_path)
    writes = camera.camera('cam-a-01')['counters']['writes']

    check = run(camera, tmp_path, task(module, args), args=('--check', '--diff'))
    assert only_result(check, module)['status'] == 'changed', check.output
    assert camera.camera('cam-a-01')['counters']['writes'] == writes

    apply = run(camera, tmp_path, task(module, args))
    assert only_result(apply, module)['status'] == 'changed', apply.output
    assert camera.camera('cam-a-01')['settings'][wanted_key] == wanted_value
    writes = camera.camera('cam-a-01')['counters']['writes']

    rerun = run(camera, tmp_path, task(module, args))
    assert only_result(rerun, module)['status'] == 'ok', rerun.output
    assert only_result(rerun, module)['result']['commands'] == []
    assert camera.camera('cam-a-01')['counters']['writes'] == writes


def test_auth_switch_back_to_digest_after_basic(camera, tmp_path):
    register(camera, tmp_path)
    result = run(camera, tmp_path, task('ipro_auth', {'method': 'basic'}, name='basic'),
                 task('ipro_ntp', {'interval': 2}, name='works over basic'),
                 task('ipro_auth', {'method': 'digest'}, name='digest'),
                 task('ipro_ntp', {'interval': 3}, name='works over digest'))
    assert result.returncode == 0, result.output
    assert camera.camera('cam-a-01')['settings']['UAUTHMTD'] == 'digest'
    assert camera.camera('cam-a-01')['counters']['auth_failures'] == 0


def test_sdcard_password_on_create_then_always(camera, tmp_path):
    register(camera, tmp_path)
    args = {'lock': True, 'password': 'Sd-Card-Pass-42'}
    assert only_result(run(camera, tmp_path, task('ipro_sdcard', args)), 'ipro_sdcard')['status'] == 'changed'
    assert only_result(run(camera, tmp_path, task('ipro_sdcard', args)), 'ipro_sdcard')['status'] == 'ok'
    always = run(camera, tmp_path, task('ipro_sdcard', dict(args, update_password='always')))
    result = only_result(always, 'ipro_sdcard')
    assert result['status'] == 'changed'
    assert result['result']['commands'] == ['setdata SDLOCKPASS=********']


def test_user_lifecycle(camera, tmp_path):
    register(camera, tmp_path)
    operator = {'name': 'operator', 'password': 'Camera-Ctl-4821', 'level': 'camera_control'}

    created = run(camera, tmp_path, task('ipro_user', operator))
    assert only_result(created, 'ipro_user')['status'] == 'changed'
    assert {'name': 'operator', 'level': 2} in camera.camera('cam-a-01')['users']

    same = run(camera, tmp_path, task('ipro_user', dict(operator, update_password='always')))
    assert only_result(same, 'ipro_user')['status'] == 'ok', same.output

    changed_password = run(camera, tmp_path, task('ipro_user', dict(operator, password='New-Ctl-Pass-77',
                                                                     update_password='always')))
    assert only_result(changed_password, 'ipro_user')['result']['password_changed'] is True

    demoted = run(camera, tmp_path, task('ipro_user', dict(operator, password='New-Ctl-Pass-77', level='live_only')))
    assert only_result(demoted, 'ipro_user')['status'] == 'changed'
    assert {'name': 'operator', 'level': 3} in camera.camera('cam-a-01')['users']

    removed = run(camera, tmp_path, task('ipro_user', {'name': 'operator', 'state': 'absent'}))
    assert only_result(removed, 'ipro_user')['status'] == 'changed'
    gone = run(camera, tmp_path, task('ipro_user', {'name': 'operator', 'state': 'absent'}))
    assert only_result(gone, 'ipro_user')['status'] == 'ok'


def test_user_level_change_without_password_fails(camera, tmp_path):
    register(camera, tmp_path)
    run(camera, tmp_path, task('ipro_user', {'name': 'viewer', 'password': 'Live-View-5930'}))
    result = run(camera, tmp_path, task('ipro_user', {'name': 'viewer', 'level': 'camera_control'}))
    failed = only_result(result, 'ipro_user')
    assert failed['status'] == 'failed'
    assert 'password' in failed['result']['msg']
    assert 'viewer' in failed['result']['msg']


def test_last_administrator_is_protected(camera, tmp_path):
    register(camera, tmp_path)
    writes = camera.camera('cam-a-01')['counters']['writes']
    for args in ({'name': 'admin', 'state': 'absent'},
                 {'name': 'admin', 'password': 'Ipro-Demo-7391', 'level': 'live_only'}):
        result = only_result(run(camera, tmp_path, task('ipro_user', args)), 'ipro_user')
        assert result['status'] == 'failed'
        assert 'last administrator' in result['result']['msg']
    assert camera.camera('cam-a-01')['counters']['writes'] == writes
    assert {'name': 'admin', 'level': 1} in camera.camera('cam-a-01')['users']


def test_changing_own_password_keeps_working(camera, tmp_path):
    register(camera, tmp_path)
    new = {'name': 'admin', 'password': 'Rotated-Chief-2027', 'level': 'administrator', 'update_password': 'always'}
    result = run(camera, tmp_path, task('ipro_user', new))
    changed = only_result(result, 'ipro_user')
    assert changed['status'] == 'changed', result.output
    assert changed['result']['user'] == {'name': 'admin', 'present': True, 'level': 'administrator'}

    again = run(camera, tmp_path, task('ipro_info', {'login_password': 'Rotated-Chief-2027'}))
    assert only_result(again, 'ipro_info')['status'] == 'ok', again.output
    assert 'Rotated-Chief-2027' not in result.output + again.output


def test_info_masks_secrets_and_lists_users(camera, tmp_path):
    register(camera, tmp_path)
    run(camera, tmp_path, task('ipro_sdcard', {'lock': True, 'password': 'Sd-Card-Pass-42'}))
    info = only_result(run(camera, tmp_path, task('ipro_info')), 'ipro_info')['result']
    assert info['camera']['model'] == 'WV-S2136'
    assert info['capabilities']['audio'] is True
    assert info['settings']['SDLOCKPASS_SET'] == '1'
    assert 'SDLOCKPASS' not in info['settings']
    assert {'name': 'admin', 'level': 'administrator'} in info['users']
    assert 'Sd-Card-Pass-42' not in str(info)


def test_info_on_fresh_camera(camera, tmp_path):
    info = only_result(run(camera, tmp_path, task('ipro_info')), 'ipro_info')
    assert info['status'] == 'ok'
    assert info['result']['camera']['admin_registered'] is False
    assert info['result']['settings'] is None


def test_firmware_update_and_skip(camera, tmp_path):
    register(camera, tmp_path)
    image = camera.inventory.parent / 'emulator-state' / 'firmware' / 's2136-2.50.img'
    args = {'image': str(image), 'version': '2.50'}
    check = run(camera, tmp_path, task('ipro_firmware', args), args=('--check',))
    assert only_result(check, 'ipro_firmware')['status'] == 'changed'
    assert camera.camera('cam-a-01')['firmware']['version'] == '2.40'

    update = run(camera, tmp_path, task('ipro_firmware', args))
    assert only_result(update, 'ipro_firmware')['status'] == 'changed', update.output
    assert camera.camera('cam-a-01')['firmware']['version'] == '2.50'
    assert only_result(run(camera, tmp_path, task('ipro_firmware', args)), 'ipro_firmware')['status'] == 'ok'

    older = run(camera, tmp_path, task('ipro_firmware', {'image': str(image), 'version': '2.10'}))
    assert only_result(older, 'ipro_firmware')['status'] == 'ok'
    assert 'allow_downgrade' in only_result(older, 'ipro_firmware')['result']['msg']


def test_firmware_damaged_image_is_rejected(camera, tmp_path):
    register(camera, tmp_path)
    damaged = tmp_path / 'damaged.img'
    damaged.write_bytes(b'IPRO-FW/1 family=s2136 version=9.99 sha256=00\nnot an image')
    result = only_result(run(camera, tmp_path, task('ipro_firmware', {'image': str(damaged), 'version': '9.99'})),
                         'ipro_firmware')
    assert result['status'] == 'failed'
    assert 'damaged or not for firmware family s2136' in result['result']['msg']
    assert camera.camera('cam-a-01')['firmware']['version'] == '2.40'


def test_maintenance_restart_and_guarded_initialize(camera, tmp_path):
    register(camera, tmp_path)
    restart = run(camera, tmp_path, task('ipro_maintenance', {'action': 'restart'}))
    assert only_result(restart, 'ipro_maintenance')['status'] == 'changed', restart.output

    camera.reset_counters('cam-a-01')
    refused = run(camera, tmp_path, task('ipro_maintenance', {'action': 'initialize'}))
    assert only_result(refused, 'ipro_maintenance')['status'] == 'failed'
    assert 'confirm' in only_result(refused, 'ipro_maintenance')['result']['msg']
    assert camera.camera('cam-a-01')['counters']['requests'] == 0

    camera.patch('cam-a-01', AUDIO='mic')
    initialize = run(camera, tmp_path, task('ipro_maintenance', {'action': 'initialize', 'confirm': True}))
    assert only_result(initialize, 'ipro_maintenance')['status'] == 'changed', initialize.output
    assert camera.camera('cam-a-01')['settings']['AUDIO'] == 'off'
    assert camera.camera('cam-a-01')['admin_registered']


@pytest.mark.parametrize('module, args, expected', [
    ('ipro_admin', {'name': 'admin', 'password': 'weakpassword'}, 'option password'),
    ('ipro_admin', {'name': 'admin', 'password': 'Admin-Pass-123'}, 'contains the user name'),
    ('ipro_user', {'name': 'bad:name', 'password': 'Good-Pass-123'}, "'bad:name'"),
    ('ipro_user', {'name': 'operator', 'password': 'Good-Pass-123', 'level': 'superuser'}, 'superuser'),
    ('ipro_network', {'mode': 'static', 'address': '192.0.2.300', 'netmask': '255.255.255.0'}, "'192.0.2.300'"),
    ('ipro_network', {'netmask': '255.0.255.0'}, "'255.0.255.0'"),
    ('ipro_ntp', {'server': 'ntp server!'}, "'ntp server!'"),
    ('ipro_ntp', {'port': 80}, 'port 80 is reserved'),
    ('ipro_ntp', {'interval': 48}, 'value 48 is outside 1-24'),
    ('ipro_ntp', {'interval': 'hourly'}, 'interval'),
    ('ipro_audio', {'mode': 'loud'}, 'loud'),
    ('ipro_sdcard', {'password': 'short'}, 'option password'),
    ('ipro_firmware', {'image': '/nonexistent/fw.img', 'version': '2.50'}, "'/nonexistent/fw.img'"),
    ('ipro_firmware', {'version': 'latest'}, "'latest'"),
    ('ipro_info', {'fingerprint': 'ab:cd'}, "'ab:cd'"),
    ('ipro_info', {'https_port': 70000}, 'port 70000'),
])
def test_invalid_option_fails_before_any_request(camera, tmp_path, module, args, expected):
    camera.reset_counters('cam-a-01')
    result = only_result(run(camera, tmp_path, task(module, args)), module)
    assert result['status'] == 'failed'
    assert expected in result['result']['msg']
    assert camera.camera('cam-a-01')['counters']['requests'] == 0
    if 'password' in args:
        assert args['password'] not in result['result']['msg']


def test_randomnum_handshake(camera, tmp_path):
    register(camera, tmp_path)
    camera.fault('cam-a-01', require_randomnum=True)
    result = run(camera, tmp_path, task('ipro_audio', {'mode': 'mic'}))
    assert only_result(result, 'ipro_audio')['status'] == 'changed', result.output
    assert camera.camera('cam-a-01')['settings']['AUDIO'] == 'mic'


def test_fingerprint_pinning(camera, tmp_path):
    register(camera, tmp_path)
    address = camera.cameras()[0]['address']
    port = camera.cameras()[0]['https_port']
    der = ssl.PEM_cert_to_DER_cert(ssl.get_server_certificate((address, port)))
    fingerprint = ':'.join('%02X' % b for b in hashlib.sha256(der).digest())

    pinned = run(camera, tmp_path, task('ipro_info', {'fingerprint': fingerprint, 'ca_path': '/nonexistent'}))
    assert only_result(pinned, 'ipro_info')['status'] == 'ok', pinned.output

    wrong = run(camera, tmp_path, task('ipro_info', {'fingerprint': 'AB' * 32}))
    failed = only_result(wrong, 'ipro_info')
    assert failed['status'] == 'failed'
    assert 'TLS' in failed['result']['msg']


def test_unverified_tls_warns(camera, tmp_path):
    register(camera, tmp_path)
    result = run(camera, tmp_path, task('ipro_info', {'validate_certs': False, 'ca_path': '/nonexistent'}))
    info = only_result(result, 'ipro_info')
    assert info['status'] == 'ok'
    assert any('validation is disabled' in w for w in info['result']['warnings'])


def test_plain_http(camera, tmp_path):
    register(camera, tmp_path)
    result = run(camera, tmp_path, task('ipro_info', {'protocol': 'http'}))
    assert only_result(result, 'ipro_info')['status'] == 'ok', result.output


def test_unreachable_camera_fails_with_address(camera, tmp_path):
    camera.fault('cam-a-01', refuse_connections=True, seconds=60)
    result = only_result(run(camera, tmp_path, task('ipro_info', {'timeout': 2})), 'ipro_info')
    assert result['status'] == 'failed'
    assert 'no answer from https://' in result['result']['msg']
