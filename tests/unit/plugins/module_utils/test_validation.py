"""Tests of the option checks that run before anything is sent to a camera."""

from __future__ import annotations

import random
import string

import pytest

from ansible_collections.ipro.camera.plugins.module_utils import validation
from ansible_collections.ipro.camera.plugins.module_utils.errors import OptionError


@pytest.mark.parametrize('name', [
    'a', 'operator', 'x' * 32, 'user-01_2.b', 'with space', "o'brien", 'A!#$%()*+,-./<=>?@[]^_`{|}~',
])
def test_user_name_valid(name):
    validation.check_user_name('name', name)


@pytest.mark.parametrize('name, detail', [
    ('', 'has 0 characters'),
    ('x' * 33, 'has 33 characters'),
    ('bad"quote', 'contains "'),
    ('bad&amp', 'contains &'),
    ('bad:colon', 'contains :'),
    ('bad;semi', 'contains ;'),
    ('bad\\slash', 'contains \\'),
    ('caf\u00e9', 'outside printable ASCII'),
    ('tab\there', 'outside printable ASCII'),
])
def test_user_name_invalid(name, detail):
    with pytest.raises(OptionError) as info:
        validation.check_user_name('name', name)

    message = str(info.value)
    assert message.startswith('option name: ')
    assert repr(name) in message
    assert detail in message


def test_user_name_lists_every_forbidden_character():
    with pytest.raises(OptionError, match='contains & ;'):
        validation.check_user_name('name', 'a;b&c')


@pytest.mark.parametrize('password', [
    'Abcdefg1',
    'abcdefg1!',
    'ABCDEFG1!',
    'Abcdefg!',
    'Secret-Pass-2024-with-32-chars!!',
    'Pass word 1',
])
def test_password_valid(password):
    validation.check_password('password', password, 'operator')


@pytest.mark.parametrize('password, detail', [
    ('Abc1!', 'has 5 characters, outside 8-32'),
    ('Abcdefg1' * 4 + 'x', 'has 33 characters, outside 8-32'),
    ('Abcdefg1"', 'contains " or &'),
    ('Abcdefg1&', 'contains " or &'),
    ('Abcdefg1\u00e9', 'outside printable ASCII'),
    ('Abcdefg1\n', 'outside printable ASCII'),
    ('abcdefgh', 'uses only lower case'),
    ('abcdefg1', 'uses only digits and lower case'),
    ('ABCDEFG!', 'uses only symbols and upper case'),
    ('12345678', 'uses only digits'),
    ('xOperator1!', "contains the user name 'operator'"),
])
def test_password_invalid(password, detail):
    with pytest.raises(OptionError) as info:
        validation.check_password('password', password, 'operator')

    message = str(info.value)
    assert message.startswith('option password: ')
    assert detail in message
    assert password not in message
    assert 'at least three of upper case, lower case, digits and symbols' in message


def test_password_without_user_name():
    validation.check_password('password', 'Operator-1')


def test_password_never_in_message():
    generator = random.Random(7616)
    alphabet = string.ascii_letters + string.digits + '"&!-_ \u00e9'
    for _case in range(500):
        length = generator.randint(4, 40)
        password = ''.join(generator.choice(alphabet) for _position in range(length))
        try:
            validation.check_password('password', password, 'admin')
        except OptionError as exc:
            assert password not in str(exc)


@pytest.mark.parametrize('password, classes', [
    ('aB1!', {'lower case', 'upper case', 'digits', 'symbols'}),
    ('ab', {'lower case'}),
    (' ', {'symbols'}),
])
def test_password_classes(password, classes):
    assert validation.password_classes(password) == classes


@pytest.mark.parametrize('value', ['192.0.2.10', '0.0.0.0', '255.255.255.255', '203.0.113.1'])
def test_ipv4_valid(value):
    validation.check_ipv4('address', value)


@pytest.mark.parametrize('value', ['192.0.2', '192.0.2.256', '192.0.2.010', 'camera.example.org', '2001:db8::1', ''])
def test_ipv4_invalid(value):
    with pytest.raises(OptionError) as info:
        validation.check_ipv4('gateway', value)

    message = str(info.value)
    assert message.startswith('option gateway: ')
    assert repr(value) in message
    assert 'for example 192.0.2.10' in message


@pytest.mark.parametrize('value', ['255.255.255.0', '255.255.0.0', '255.255.255.252', '255.255.255.255', '255.0.0.0'])
def test_netmask_valid(value):
    validation.check_ipv4('netmask', value, netmask=True)


@pytest.mark.parametrize('value', ['255.0.255.0', '255.255.255.1', '0.255.255.255', '255.255.254.255'])
def test_netmask_not_contiguous(value):
    with pytest.raises(OptionError, match=r"option netmask: value '%s' is not a contiguous netmask" % value):
        validation.check_ipv4('netmask', value, netmask=True)


@pytest.mark.parametrize('value', ['ntp.example.org', '192.0.2.123', '2001:db8::123', 'a', 'x' * 128, 'ntp_1-a.b'])
def test_ntp_server_valid(value):
    validation.check_ntp_server('server', value)


@pytest.mark.parametrize('value', ['', 'x' * 129, 'ntp example', 'ntp/1', 'ntp;rm', 'n\u00e9tp'])
def test_ntp_server_invalid(value):
    with pytest.raises(OptionError) as info:
        validation.check_ntp_server('server', value)

    message = str(info.value)
    assert message.startswith('option server: ')
    assert repr(value) in message


@pytest.mark.parametrize('value', [1, 1123, 8080, 10671, 58999, 61001, 65535])
def test_port_valid(value):
    validation.check_port('port', value)


@pytest.mark.parametrize('value', [20, 80, 123, 443, 554, 10670, 59000, 61000])
def test_port_reserved(value):
    with pytest.raises(OptionError) as info:
        validation.check_port('port', value)

    message = str(info.value)
    assert 'option port: port %d is reserved by the camera' % value in message
    assert '59000-61000' in message


@pytest.mark.parametrize('value', [0, -1, 65536])
def test_port_out_of_range(value):
    with pytest.raises(OptionError, match='option port: port %d is outside 1-65535' % value):
        validation.check_port('port', value)


def test_port_reserved_but_the_default():
    validation.check_port('port', 123, default=123)

    with pytest.raises(OptionError, match='reserved'):
        validation.check_port('port', 80, default=123)


@pytest.mark.parametrize('value', [1, 12, 24])
def test_range_valid(value):
    validation.check_range('interval', value, 1, 24, 'hours')


@pytest.mark.parametrize('value', [0, 25])
def test_range_invalid(value):
    with pytest.raises(OptionError, match='option interval: value %d is outside 1-24 hours; choose 1 to 24 hours'
                       % value):
        validation.check_range('interval', value, 1, 24, 'hours')
