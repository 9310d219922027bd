"""Tests of the CGI table: field encoding, lookups and the reserved ports."""

from __future__ import annotations

import pytest

from ansible_collections.ipro.camera.plugins.module_utils import cgi


def test_field_encodes_choice_and_bool():
    assert cgi.field('auth', 'method').encode('digest') == 'digest'
    assert cgi.field('sdcard', 'lock').encode(True) == 'on'
    assert cgi.field('sdcard', 'lock').encode(False) == 'off'


def test_field_encodes_int_as_text():
    assert cgi.field('ntp', 'port').encode(1123) == '1123'


@pytest.mark.parametrize('group, option, word, value', [
    ('sdcard', 'lock', 'on', True),
    ('sdcard', 'lock', 'off', False),
    ('network', 'ipv6', 'off', False),
    ('ntp', 'port', '123', 123),
    ('ntp', 'interval', '24', 24),
    ('network', 'address', '192.0.2.10', '192.0.2.10'),
    ('auth', 'method', 'digest_basic', 'digest_basic'),
])
def test_field_decodes_camera_word(group, option, word, value):
    assert cgi.field(group, option).decode(word) == value


def test_field_decode_keeps_unknown_word():
    assert cgi.field('sdcard', 'lock').decode('maybe') == 'maybe'
    assert cgi.field('ntp', 'port').decode('not-a-number') == 'not-a-number'


def test_field_decodes_missing_as_none():
    assert cgi.field('ntp', 'port').decode(None) is None


def test_field_set_key():
    assert cgi.field('sdcard', 'password').set_key == 'SDLOCKPASS_SET'


def test_field_lookup_of_unknown_option_raises():
    with pytest.raises(KeyError, match='ntp.nope'):
        cgi.field('ntp', 'nope')


def test_every_field_encodes_and_decodes_back():
    for group, fields in cgi.SETTINGS.items():
        for f in fields:
            for value in (f.values or {}):
                assert f.decode(f.encode(value)) == value, '%s.%s=%r' % (group, f.option, value)


@pytest.mark.parametrize('group, option', [
    ('auth', 'method'), ('network', 'mode'), ('network', 'address'), ('network', 'netmask'), ('network', 'gateway'),
])
def test_field_restarts_web_service(group, option):
    assert cgi.field(group, option).restarts is True


@pytest.mark.parametrize('group, option', [('ntp', 'server'), ('audio', 'mode'), ('sdcard', 'lock')])
def test_field_does_not_restart(group, option):
    assert cgi.field(group, option).restarts is False


def test_sd_password_is_write_only():
    assert cgi.field('sdcard', 'password').write_only is True
    assert cgi.field('sdcard', 'lock').write_only is False


@pytest.mark.parametrize('port', [20, 21, 23, 25, 42, 53, 67, 68, 69, 80, 110, 123, 161, 162, 443, 554, 995,
                                  10669, 10670, 59000, 60000, 61000])
def test_reserved_port(port):
    assert port in cgi.RESERVED_PORTS


@pytest.mark.parametrize('port', [1, 22, 70, 124, 8080, 10671, 58999, 61001, 65535])
def test_unreserved_port(port):
    assert port not in cgi.RESERVED_PORTS


def test_level_names_round_trip():
    assert cgi.LEVELS == {'administrator': '1', 'camera_control': '2', 'live_only': '3'}
    assert {cgi.LEVEL_NAMES[number]: number for number in cgi.LEVEL_NAMES} == cgi.LEVELS


def test_cgi_paths_under_cgi_bin():
    for name, path in cgi.PATHS.items():
        assert path == '/cgi-bin/' + name
