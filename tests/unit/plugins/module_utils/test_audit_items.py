"""Tests of audit.from_items: the check-mode results of the level roles' ipro_items tasks as audit records.

The entries below have the shapes run_plans returns in `items`: each has an id, a title and a status, and
an item with a loop has `results`, one per element, labelled by `item`. Entries carry no diff, only
before and after.
"""

from __future__ import annotations

import pytest

from ansible_collections.ipro.camera.plugins.module_utils import audit

USERS_SWITCH = 'ipro_users_enabled'


def entry(section, status, **fields):
    return dict(id=section, title='Item %s' % section, status=status, changed=status == 'changed', **fields)


def user(name, changed=False):
    before = dict(name=name, present=False, level=None)
    after = dict(name=name, present=True, level='live_only')
    return dict(item=name, changed=changed, before=before, after=after if changed else before,
                commands=['set_user name=%s' % name] if changed else [])


def removal(name, changed=True):
    before = dict(name=name, present=True, level='live_only')
    after = dict(name=name, present=False, level=None)
    return dict(item=name, changed=changed, before=before, after=after if changed else before)


def skipped(section, **reason):
    return entry(section, 'skipped', skipped=True, msg='%s skipped' % section, **reason)


def classified(items_results, section, model='WV-S2136'):
    return audit.classify(audit.from_items(items_results).get(audit.register_name(section)), model)


# from_items: register names and merging.

def test_entries_keyed_by_register_name():
    audio = entry('2.8', 'changed', before=dict(mode='mic'), after=dict(mode='off'))
    ftp = entry('3.2.1', 'ok')

    registered = audit.from_items([dict(items=[audio]), dict(items=[ftp])])

    assert registered == {'ipro_item_2_8': audio, 'ipro_item_3_2_1': ftp}


def test_level_not_run_ignored():
    audio = entry('2.8', 'ok')

    registered = audit.from_items([dict(items=[audio]), None, {}])

    assert registered == {'ipro_item_2_8': audio}


def test_two_users_entries_merge():
    create = entry('2.4', 'changed', results=[user('viewer', changed=True), user('operator')])
    remove = entry('2.4', 'changed', results=[removal('guest')])

    registered = audit.from_items([dict(items=[create, remove])])

    assert [part['item'] for part in registered['ipro_item_2_4']['results']] == ['viewer', 'operator', 'guest']


def test_merged_users_drift():
    create = entry('2.4', 'changed', results=[user('viewer', changed=True), user('operator')])
    remove = entry('2.4', 'changed', results=[removal('guest')])

    record = classified([dict(items=[create, remove])], '2.4')

    assert record['status'] == audit.DRIFT
    assert set(record['expected']) == {'viewer', 'guest'}
    assert record['expected']['guest'] == dict(name='guest', present=False, level=None)
    assert record['actual']['viewer'] == dict(name='viewer', present=False, level=None)


def test_merged_users_with_empty_removal_compliant():
    create = entry('2.4', 'ok', results=[user('viewer'), user('operator')])
    remove = entry('2.4', 'ok', results=[])

    record = classified([dict(items=[create, remove])], '2.4')

    assert record['status'] == audit.COMPLIANT


def test_merged_users_switched_off():
    create = skipped('2.4', switched_off=USERS_SWITCH)
    remove = skipped('2.4', switched_off=USERS_SWITCH)

    record = classified([dict(items=[create, remove])], '2.4')

    assert record['status'] == audit.NOT_APPLICABLE
    assert record['reason'] == 'switched off by ipro_users_enabled'


# classify: errors and skip reasons of entries.

def test_not_run_entry_is_error():
    stop = '2.4 not run: the camera has no administrator yet'

    record = classified([dict(items=[entry('2.4', audit.NOT_RUN, msg=stop)])], '2.4')

    assert record['status'] == audit.ERROR
    assert record['reason'] == stop


def test_failed_entry_is_error():
    failure = '2.7 Synchronize the clock failed: camera cam-01 (192.0.2.10): getdata failed with HTTP 500'

    record = classified([dict(items=[entry('2.7', 'failed', failed=True, msg=failure)])], '2.7')

    assert record['status'] == audit.ERROR
    assert record['reason'] == failure


def test_failed_loop_entry_is_error():
    failure = '2.4 Item 2.4 failed: camera cam-01 (192.0.2.10): get_user failed with HTTP 500'
    create = entry('2.4', 'failed', failed=True, msg=failure, results=[user('viewer', changed=True)])

    record = classified([dict(items=[create])], '2.4')

    assert record['status'] == audit.ERROR
    assert record['reason'] == failure


def test_failed_loop_entry_merged_is_error():
    failure = '2.4 Item 2.4 failed: camera cam-01 (192.0.2.10): get_user failed with HTTP 500'
    create = entry('2.4', 'failed', failed=True, msg=failure, results=[user('viewer', changed=True)])
    remove = entry('2.4', audit.NOT_RUN, msg='2.4 not run: item 2.4 failed before it')

    record = classified([dict(items=[create, remove])], '2.4')

    assert record['status'] == audit.ERROR
    assert record['reason'] == failure


@pytest.mark.parametrize('reason, expected', [
    (dict(switched_off='ipro_audio_enabled'), 'switched off by ipro_audio_enabled'),
    (dict(missing_capability='audio'), 'model WV-S2136 has no audio'),
    (dict(not_selected=True), 'not selected by --tags or --skip-tags'),
])
def test_skip_reasons(reason, expected):
    record = classified([dict(items=[skipped('2.8', **reason)])], '2.8')

    assert record['status'] == audit.NOT_APPLICABLE
    assert record['reason'] == expected


def test_missing_capability_without_model():
    record = classified([dict(items=[skipped('2.9', missing_capability='sd')])], '2.9', model=None)

    assert record['reason'] == 'model of this camera has no sd'


def test_changed_entry_drift_without_diff():
    audio = entry('2.8', 'changed', before=dict(mode='mic', other='same'), after=dict(mode='off', other='same'))

    record = classified([dict(items=[audio])], '2.8')

    assert record['status'] == audit.DRIFT
    assert record['expected'] == dict(mode='off')
    assert record['actual'] == dict(mode='mic')


def test_camera_record_from_items():
    results = [dict(items=[entry('2.8', 'ok'), skipped('2.9', missing_capability='sd')])]

    record = audit.camera_record('cam-01', '192.0.2.10', 'entry', dict(camera=dict(model='WV-S2136')),
                                 audit.from_items(results), ['2.8', '2.9', '3.1'])

    assert [(item['section'], item['status']) for item in record['items']] == [
        ('2.8', audit.COMPLIANT), ('2.9', audit.NOT_APPLICABLE), ('3.1', audit.ERROR)]
    assert record['items'][2]['reason'] == 'the item did not run'
