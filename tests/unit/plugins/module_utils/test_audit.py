"""Tests of the audit classification: registered check-mode results to compliant, drift, not applicable or error.

The results below have the shapes ansible-core 2.19 registers: a skipped task carries `false_condition`,
a loop carries `results` with one result per item, and an empty loop carries `skipped_reason`.
"""

from __future__ import annotations

import pytest

from ansible_collections.ipro.camera.plugins.module_utils import audit

AUDIO_DRIFT = dict(changed=True, diff=dict(before=dict(mode='mic', other='same'), after=dict(mode='off', other='same')))


def skipped_by(condition):
    return dict(changed=False, skipped=True, skip_reason='Conditional result was False', false_condition=condition)


def loop(*items):
    """Return a loop result as ansible-core builds it from its item results."""
    result = dict(results=list(items), changed=any(item.get('changed') for item in items),
                  skipped=all(item.get('skipped') for item in items), msg='All items completed')
    if any(item.get('failed') for item in items):
        result.update(failed=True, msg='One or more items failed')
    if result['skipped']:
        result['msg'] = 'All items skipped'
    return result


def user_item(name, changed=False, **extra):
    before = dict(name=name, present=False, level=None)
    after = dict(name=name, present=True, level='live_only')
    return dict(item=name, changed=changed, diff=dict(before=before, after=after if changed else before), **extra)


# classify: single results.

@pytest.mark.parametrize('result, status, reason', [
    (None, audit.ERROR, 'the item did not run'),
    (dict(changed=False), audit.COMPLIANT, None),
    (dict(failed=True, msg='camera cam-01: setdata failed'), audit.ERROR, 'camera cam-01: setdata failed'),
    (dict(failed=True), audit.ERROR, 'failed'),
    (skipped_by('ipro_audio_enabled | bool'), audit.NOT_APPLICABLE, 'switched off by ipro_audio_enabled'),
    (skipped_by('ipro_camera.capabilities.audio'), audit.NOT_APPLICABLE, 'model WV-S2136 has no audio'),
    (skipped_by("ipro_camera.capabilities['dot1x']"), audit.NOT_APPLICABLE, 'model WV-S2136 has no dot1x'),
    (skipped_by('ipro_level in ["standard"]'), audit.NOT_APPLICABLE, 'skipped: ipro_level in ["standard"]'),
    (dict(skipped=True), audit.NOT_APPLICABLE, 'skipped'),
])
def test_classify_status_and_reason(result, status, reason):
    record = audit.classify(result, model='WV-S2136')

    assert record['status'] == status
    assert record['reason'] == reason


def test_classify_capability_without_model():
    record = audit.classify(skipped_by('ipro_camera.capabilities.sd'))

    assert record['reason'] == 'model of this camera has no sd'


def test_classify_drift_lists_differences():
    record = audit.classify(AUDIO_DRIFT)

    assert record == dict(status=audit.DRIFT, expected=dict(mode='off'), actual=dict(mode='mic'), reason=None)


def test_classify_drift_from_diff_list():
    result = dict(changed=True, diff=[dict(before=dict(enabled=False), after=dict(enabled=True))])

    record = audit.classify(result)

    assert record['expected'] == dict(enabled=True)
    assert record['actual'] == dict(enabled=False)


def test_classify_drift_without_diff():
    record = audit.classify(dict(changed=True))

    assert record['status'] == audit.DRIFT
    assert record['expected'] is None


def test_classify_port_mismatches():
    result = dict(changed=False, mismatches=[dict(service='http', port=80, expected='closed', actual='open')])

    record = audit.classify(result)

    assert record == dict(status=audit.DRIFT, expected={'http/80': 'closed'}, actual={'http/80': 'open'},
                          reason='ports differ from the settings')


# classify: loops.

def test_loop_compliant():
    assert audit.classify(loop(user_item('operator'), user_item('viewer')))['status'] == audit.COMPLIANT


def test_loop_drift_per_item():
    record = audit.classify(loop(user_item('operator'), user_item('viewer', changed=True)))

    assert record['status'] == audit.DRIFT
    assert record['expected'] == {'viewer': dict(name='viewer', present=True, level='live_only')}
    assert record['actual'] == {'viewer': dict(name='viewer', present=False, level=None)}


def test_loop_failed_item_reason():
    result = loop(user_item('operator'), dict(item='viewer', failed=True, msg='option password: too short'))

    record = audit.classify(result)

    assert record['status'] == audit.ERROR
    assert record['reason'] == 'option password: too short'


def test_loop_all_skipped_by_switch():
    result = loop(dict(skipped_by('ipro_users_enabled | bool'), item='operator'),
                  dict(skipped_by('ipro_users_enabled | bool'), item='viewer'))

    record = audit.classify(result)

    assert record['status'] == audit.NOT_APPLICABLE
    assert record['reason'] == 'switched off by ipro_users_enabled'


def test_empty_loop_not_applicable():
    result = dict(changed=False, skipped=True, skipped_reason='No items in the list', results=[])

    record = audit.classify(result)

    assert record['status'] == audit.NOT_APPLICABLE
    assert record['reason'] == 'nothing configured for this item'


# camera_record, site_of, sections_for.

IDENTITY = dict(camera=dict(model='WV-S2136', firmware_version='2.40', serial='ABC1234567'))


def test_camera_record_items():
    registered = {'ipro_item_2_8': AUDIO_DRIFT, 'ipro_item_2_5': dict(changed=False)}

    record = audit.camera_record('cam-01', '192.0.2.10', 'entry', IDENTITY, registered, ['2.5', '2.8', '2.9'],
                                 site='lab')

    assert record['name'] == 'cam-01'
    assert record['site'] == 'lab'
    assert record['model'] == 'WV-S2136'
    assert record['firmware'] == '2.40'
    assert record['serial'] == 'ABC1234567'
    assert record['error'] is None
    assert [(item['section'], item['status']) for item in record['items']] == [
        ('2.5', audit.COMPLIANT), ('2.8', audit.DRIFT), ('2.9', audit.ERROR)]
    assert record['items'][2]['reason'] == 'the item did not run'


def test_camera_record_camera_wide_error():
    error = 'camera cam-01 (192.0.2.10): getinfo failed: no answer'
    registered = {'ipro_item_2_1': dict(changed=False)}

    record = audit.camera_record('cam-01', '192.0.2.10', 'entry', None, registered, ['2.1', '2.2'], error=error)

    assert record['error'] == error
    assert record['model'] is None
    assert record['items'][0]['status'] == audit.COMPLIANT
    assert record['items'][1] == dict(section='2.2', status=audit.ERROR, expected=None, actual=None, reason=error)


def test_camera_record_model_in_skip_reason():
    registered = {'ipro_item_2_8': skipped_by('ipro_camera.capabilities.audio')}

    record = audit.camera_record('cam-01', '192.0.2.10', 'entry', IDENTITY, registered, ['2.8'])

    assert record['items'][0]['reason'] == 'model WV-S2136 has no audio'


def test_register_name():
    assert audit.register_name('3.2.1') == 'ipro_item_3_2_1'


@pytest.mark.parametrize('groups, override, site', [
    (['cameras_tokyo', 'all'], None, 'tokyo'),
    (['cameras_osaka', 'cameras_kobe'], None, 'kobe'),
    (['lobby', 'ungrouped'], None, 'default'),
    (None, None, 'default'),
    (['cameras_tokyo'], 'hq', 'hq'),
])
def test_site_of(groups, override, site):
    assert audit.site_of(groups, override) == site


def test_site_of_other_prefix():
    assert audit.site_of(['site_nagoya', 'cameras_tokyo'], prefix='site_') == 'nagoya'


@pytest.mark.parametrize('level, first, last, count', [
    ('entry', '2.1', '2.9', 9),
    ('standard', '2.1', '3.8', 21),
    ('advanced', '2.1', '5.3', 24),
])
def test_sections_for(level, first, last, count):
    sections = audit.sections_for(level)

    assert sections[0] == first
    assert sections[-1] == last
    assert len(sections) == count
    assert len(set(sections)) == count


def test_sections_for_unknown_level():
    with pytest.raises(ValueError):
        audit.sections_for('expert')
