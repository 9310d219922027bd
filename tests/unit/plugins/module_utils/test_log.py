"""Tests of the ipro_log logic: splitting get_systemlog lines, parsing entries and counting failed logins."""

from __future__ import annotations

import pytest

from ansible_collections.ipro.camera.plugins.module_utils import log
from ansible_collections.ipro.camera.plugins.module_utils.errors import CameraError, OptionError
from tests.unit.plugins.module_utils.fake_client import FakeClient

# An access log as get_systemlog returns it: oldest entry first, `$` between entries, `\` between fields.
ACCESS_LOG = '$'.join([
    r'1\12/01/2026 09:00:00\100\login ok: user=admin source=192.0.2.20',
    r'2\12/01/2026 10:00:00\101\login failed: user=admin source=198.51.100.7',
    r'3\12/01/2026 10:00:05\101\login failed: user=root source=198.51.100.7',
    r'4\12/01/2026 10:00:09\101\login failed: user=admin source=198.51.100.7',
    r'5\12/02/2026 08:00:00\101\login failed: user=operator source=203.0.113.9',
    r'6\12/02/2026 08:00:30\102\locked out: source=198.51.100.7',
])
EVENT_LOG = r'1\12/01/2026 09:30:00\201\settings changed: HAUTH'


# split_line.

@pytest.mark.parametrize('line, entries', [
    ('', []),
    (r'1\t\101\a', [['1', 't', '101', 'a']]),
    (r'1\t\101\a$2\t\102\b', [['1', 't', '101', 'a'], ['2', 't', '102', 'b']]),
    (r'1\t\101\a$', [['1', 't', '101', 'a']]),
    (r'1\t\101\cost \$5', [['1', 't', '101', 'cost $5']]),
    (r'1\t\101\C:\\temp', [['1', 't', '101', 'C:\\temp']]),
    (r'1\t\101\ends with \\$2\t\102\b', [['1', 't', '101', 'ends with \\'], ['2', 't', '102', 'b']]),
    (r'1\t\101\\$5 fee$2\t\102\b', [['1', 't', '101', '$5 fee'], ['2', 't', '102', 'b']]),
    (r'1\t\101\\\path', [['1', 't', '101', '\\path']]),
    (r'1\t\101\a\b', [['1', 't', '101', 'a', 'b']]),
])
def test_split_line(line, entries):
    assert log.split_line(line) == entries


# parse_log.

def test_parse_log_fields():
    entries = log.parse_log(ACCESS_LOG + '\r\n', 'access')

    assert len(entries) == 6
    assert entries[1] == dict(log='access', number=2, time='2026-12-01T10:00:00Z', code='101',
                              text='login failed: user=admin source=198.51.100.7', source='198.51.100.7',
                              user='admin')


def test_parse_log_entry_without_details():
    entries = log.parse_log(EVENT_LOG, 'event')

    assert entries == [dict(log='event', number=1, time='2026-12-01T09:30:00Z', code='201',
                            text='settings changed: HAUTH', source=None, user=None)]


def test_parse_log_keeps_bare_backslash_in_text():
    entries = log.parse_log(r'7\12/01/2026 10:00:00\201\path a\b', 'event')

    assert entries[0]['text'] == 'path a\\b'


@pytest.mark.parametrize('line, number, time', [
    (r'x1\12/01/2026 10:00:00\201\text', 'x1', '2026-12-01T10:00:00Z'),
    (r'8\2026-12-01 10:00\201\text', 8, None),
])
def test_parse_log_odd_values_kept(line, number, time):
    entry = log.parse_log(line, 'event')[0]

    assert entry['number'] == number
    assert entry['time'] == time


def test_parse_log_skips_short_entries():
    assert log.parse_log(r'1\12/01/2026 10:00:00\201$2\12/01/2026 10:00:01\201\ok', 'event')[0]['number'] == 2


# parse_since and validate.

@pytest.mark.parametrize('text, iso', [
    ('2026-12-01T00:00:00Z', '2026-12-01T00:00:00+00:00'),
    ('2026-12-01T09:00:00+09:00', '2026-12-01T09:00:00+09:00'),
    ('2026-12-01T00:00:00', '2026-12-01T00:00:00+00:00'),
    ('2026-12-01', '2026-12-01T00:00:00+00:00'),
])
def test_parse_since(text, iso):
    assert log.parse_since('since', text).isoformat() == iso


def test_validate_rejects_since():
    with pytest.raises(OptionError) as info:
        log.validate(dict(since='yesterday', threshold=5))

    assert info.value.option == 'since'
    assert "value 'yesterday' is not an ISO 8601 time" in str(info.value)
    assert 'write it as 2026-12-01T00:00:00Z' in str(info.value)


def test_validate_rejects_threshold():
    with pytest.raises(OptionError) as info:
        log.validate(dict(since=None, threshold=0))

    assert info.value.option == 'threshold'
    assert 'value 0 is below 1' in str(info.value)


# apply.

def camera():
    client = FakeClient()
    client.raw_bodies['get_systemlog'] = lambda params: {'access': ACCESS_LOG, 'event': EVENT_LOG,
                                                         'error': ''}[params['type']]
    return client


def params(**overrides):
    values = dict(logs=['access'], since=None, threshold=3, on_threshold='warn', return_entries=False)
    values.update(overrides)
    return values


def test_apply_counts_per_source():
    result = log.apply(camera(), params(), check_mode=False)

    assert result['failed_logins'] == [
        dict(source='198.51.100.7', count=3, users=['admin', 'root'], first='2026-12-01T10:00:00Z',
             last='2026-12-01T10:00:09Z'),
        dict(source='203.0.113.9', count=1, users=['operator'], first='2026-12-02T08:00:00Z',
             last='2026-12-02T08:00:00Z'),
    ]
    assert [entry['number'] for entry in result['lockouts']] == [6]
    assert result['changed'] is False


def test_apply_reads_each_log():
    client = camera()

    result = log.apply(client, params(logs=['access', 'event', 'error'], return_entries=True), check_mode=False)

    assert client.reads == [('get_systemlog', {'type': 'access'}), ('get_systemlog', {'type': 'event'}),
                            ('get_systemlog', {'type': 'error'})]
    assert len(result['entries']) == 7
    assert client.writes == []


def test_apply_entries_only_on_request():
    assert log.apply(camera(), params(), check_mode=False)['entries'] == []


def test_apply_since_filters():
    result = log.apply(camera(), params(since='2026-12-01T10:00:05Z', return_entries=True), check_mode=False)

    assert [entry['number'] for entry in result['entries']] == [3, 4, 5, 6]
    assert result['failed_logins'][0]['count'] == 2


def test_apply_since_drops_entries_without_time():
    client = FakeClient()
    client.raw_bodies['get_systemlog'] = r'1\unknown\101\login failed: source=198.51.100.7'

    result = log.apply(client, params(since='2026-01-01T00:00:00Z', return_entries=True), check_mode=False)

    assert result['entries'] == []


def test_apply_unknown_source_counted():
    client = FakeClient()
    client.raw_bodies['get_systemlog'] = r'1\12/01/2026 10:00:00\101\login failed'

    result = log.apply(client, params(), check_mode=False)

    assert result['failed_logins'] == [dict(source='unknown', count=1, users=[], first='2026-12-01T10:00:00Z',
                                            last='2026-12-01T10:00:00Z')]


def test_apply_threshold_warns():
    result = log.apply(camera(), params(threshold=3, on_threshold='warn'), check_mode=False)

    summary = '4 failed logins from 2 sources; at or over 3: 198.51.100.7 (3); 1 lockouts'
    assert result['summary'] == summary
    assert result['warnings'] == [summary]
    assert [record['source'] for record in result['over_threshold']] == ['198.51.100.7']


def test_apply_threshold_fails():
    with pytest.raises(CameraError) as info:
        log.apply(camera(), params(threshold=1, on_threshold='fail'), check_mode=False)

    assert 'get_systemlog 4 failed logins from 2 sources; at or over 1: 198.51.100.7 (3), 203.0.113.9 (1)' \
        in info.value.message
    assert 'review the sources' in info.value.message
    assert len(info.value.result['over_threshold']) == 2


def test_apply_threshold_ignored():
    result = log.apply(camera(), params(threshold=1, on_threshold='ignore'), check_mode=False)

    assert len(result['over_threshold']) == 2
    assert 'warnings' not in result


def test_apply_under_threshold_quiet():
    result = log.apply(camera(), params(threshold=4, on_threshold='fail'), check_mode=False)

    assert result['over_threshold'] == []
    assert result['summary'] == '4 failed logins from 2 sources; 1 lockouts'
    assert 'warnings' not in result
