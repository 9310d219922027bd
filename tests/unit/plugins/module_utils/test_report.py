"""Tests of the report renderer: JSON schema, JUnit counts, HTML escaping, secrets and validation."""

from __future__ import annotations

import copy
import json
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from ansible_collections.ipro.camera.plugins.module_utils import guide
from ansible_collections.ipro.camera.plugins.module_utils.errors import OptionError
from ansible_collections.ipro.camera.plugins.module_utils.report import (
    summarize, to_html, to_json, to_junit)
from tests.support.report_fleet import SECTIONS, synthetic_fleet

SCHEMA = json.loads((Path(__file__).resolve().parents[4] / 'docs' / 'report-schema.json').read_text())
META = {'generated_at': '2024-05-01T12:00:00Z', 'playbook': 'playbooks/audit.yml', 'level_filter': 'standard',
        'ansible_version': '2.19.14', 'collection_version': '0.1.0'}
HOSTILE = '<script>alert("x")</script>'
CLEAR_PASSWORD = 'Clear-Text-Pass-42'


def camera(name='cam-a-01', site='site-a', items=None, **fields):
    record = {'name': name, 'site': site, 'address': '192.0.2.11', 'model': 'WV-S1536LN', 'firmware': '2.40',
              'serial': 'ABC0001', 'level': 'entry', 'error': None, 'items': items or []}
    record.update(fields)
    return record


def item(section, status, expected=None, actual=None, reason=None):
    return {'section': section, 'status': status, 'expected': expected, 'actual': actual, 'reason': reason}


def small_fleet():
    return [
        camera('cam-b-01', 'site-b', [item('2.5', 'drift', {'method': 'digest'}, {'method': 'basic'}),
                                      item('2.9', 'not_applicable', reason='the model has no SD card slot')]),
        camera('cam-a-01', 'site-a', [item('3.2.1', 'compliant', {'server': False}, {'server': False}),
                                      item('2.7', 'error', reason='getdata timed out'),
                                      item('2.5', 'compliant', {'method': 'digest'}, {'method': 'digest'})]),
        camera('cam-a-02', 'site-a', error='camera cam-a-02 (192.0.2.12): getinfo timed out', model=None,
               firmware=None, serial=None),
    ]


def hostile_fleet():
    return [camera(HOSTILE, '"><img src=x onerror=alert(1)>', [
        item('2.5', 'drift', {HOSTILE: '</td></tr><script>x()</script>'}, {'method': "it's & <b>bold</b>"},
             reason=HOSTILE),
        item('2.8', 'not_applicable', reason='reason with \x01 control & <tags>'),
        item('2.7', 'error', reason=']]></failure><script>'),
    ], model=HOSTILE, error='error <script>boom()</script>')]


# JSON

def test_json_validates_against_schema():
    document = json.loads(to_json(synthetic_fleet(cameras=40, items=24), META))

    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)


def test_json_of_hostile_input_validates():
    document = json.loads(to_json(hostile_fleet()))

    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    assert document['records'][0]['camera'] == HOSTILE


def test_json_records_one_per_camera_and_item():
    document = json.loads(to_json(small_fleet(), META))

    pairs = [(record['camera'], record['section']) for record in document['records']]
    assert pairs == [('cam-a-01', '2.5'), ('cam-a-01', '2.7'), ('cam-a-01', '3.2.1'),
                     ('cam-b-01', '2.5'), ('cam-b-01', '2.9')]
    assert [entry['name'] for entry in document['cameras']] == ['cam-a-01', 'cam-a-02', 'cam-b-01']
    assert document['cameras'][1]['error'].startswith('camera cam-a-02')
    assert document['meta'] == META


def test_json_record_carries_guide_data():
    record = json.loads(to_json(small_fleet()))['records'][3]

    assert record['section'] == '2.5'
    assert record['title'] == 'Use Digest authentication'
    assert record['level'] == 'entry'
    assert record['iec62443'] == ['CR 1.1']
    assert record['etsi'] == ['5.1-3']
    assert record['expected'] == {'method': 'digest'}
    assert record['actual'] == {'method': 'basic'}


def test_output_ignores_input_order():
    fleet = synthetic_fleet(cameras=30)
    shuffled = copy.deepcopy(fleet)
    random.Random(7).shuffle(shuffled)
    for record in shuffled:
        random.Random(8).shuffle(record['items'])

    assert to_json(shuffled, META) == to_json(fleet, META)
    assert to_junit(shuffled, META) == to_junit(fleet, META)
    assert to_html(shuffled, META) == to_html(fleet, META)


# Summary

def test_summary_counts():
    summary = summarize(small_fleet())

    assert summary['cameras'] == 3
    assert summary['items'] == 5
    assert summary['by_status'] == {'compliant': 2, 'drift': 1, 'error': 1, 'not_applicable': 1}
    assert summary['cameras_compliant'] == 0
    assert summary['cameras_with_drift'] == 1
    assert summary['cameras_with_errors'] == 2
    assert summary['by_site']['site-a'] == {'cameras': 2, 'cameras_compliant': 0,
                                            'by_status': {'compliant': 2, 'drift': 0, 'error': 1,
                                                          'not_applicable': 0}}
    assert summary['by_level']['entry']['compliant'] == 1
    assert summary['by_level']['standard']['compliant'] == 1
    assert summary['by_item']['2.5'] == {'compliant': 1, 'drift': 1, 'error': 0, 'not_applicable': 0}
    assert list(summary['by_item']) == ['2.5', '2.7', '2.9', '3.2.1']


def test_summary_camera_without_findings_is_compliant():
    summary = summarize([camera(items=[item('2.5', 'compliant'), item('2.9', 'not_applicable')])])

    assert summary['cameras_compliant'] == 1
    assert summary['by_site']['site-a']['cameras_compliant'] == 1


# JUnit

def junit_root(cameras):
    return ET.fromstring(to_junit(cameras, META).encode('utf-8'))


def test_junit_counts_match_testcases():
    root = junit_root(synthetic_fleet(cameras=60, items=24))

    totals = {'tests': 0, 'failures': 0, 'errors': 0, 'skipped': 0}
    for suite in root.findall('testsuite'):
        cases = suite.findall('testcase')
        counted = {'tests': len(cases),
                   'failures': sum(1 for case in cases if case.find('failure') is not None),
                   'errors': sum(1 for case in cases if case.find('error') is not None),
                   'skipped': sum(1 for case in cases if case.find('skipped') is not None)}
        assert {key: int(suite.get(key)) for key in counted} == counted, suite.get('name')
        for key, value in counted.items():
            totals[key] += value
    assert {key: int(root.get(key)) for key in totals} == totals
    assert totals['failures'] > 0
    assert totals['skipped'] > 0


def test_junit_suite_and_case_names():
    root = junit_root(small_fleet())

    suite = root.find("testsuite[@name='cam-b-01']")
    names = [(case.get('classname'), case.get('name')) for case in suite.findall('testcase')]
    assert names == [('ipro.site-b.cam-b-01', '2.5 Use Digest authentication'),
                     ('ipro.site-b.cam-b-01', '2.9 Lock the SD card with a password')]
    assert suite.get('timestamp') == META['generated_at']
    assert suite.find("properties/property[@name='address']").get('value') == '192.0.2.11'


def test_junit_drift_is_failure_with_values():
    failure = junit_root(small_fleet()).find("testsuite[@name='cam-b-01']/testcase/failure")

    assert failure.get('type') == 'drift'
    assert failure.get('message') == 'drift in method'
    assert 'expected: {"method": "digest"}' in failure.text
    assert 'actual: {"method": "basic"}' in failure.text


def test_junit_not_applicable_is_skipped_with_reason():
    skipped = junit_root(small_fleet()).find("testsuite[@name='cam-b-01']/testcase/skipped")

    assert skipped.get('message') == 'the model has no SD card slot'


def test_junit_camera_error_is_error_case():
    suite = junit_root(small_fleet()).find("testsuite[@name='cam-a-02']")

    cases = suite.findall('testcase')
    assert [case.get('name') for case in cases] == ['audit']
    assert cases[0].find('error').get('message').startswith('camera cam-a-02')
    assert suite.get('errors') == '1'
    assert suite.get('tests') == '1'


def test_junit_dots_in_names_become_underscores():
    root = junit_root([camera('cam.example.org', 'hq.example', [item('2.5', 'compliant')])])

    assert root.find('testsuite/testcase').get('classname') == 'ipro.hq_example.cam_example_org'
    assert root.find('testsuite').get('name') == 'cam.example.org'


def test_junit_hostile_text_round_trips():
    root = junit_root(hostile_fleet())

    suite = root.find('testsuite')
    assert suite.get('name') == HOSTILE
    error = suite.find("testcase[@name='2.7 Synchronize the clock with NTP']/error")
    assert error.get('message') == ']]></failure><script>'
    skipped = suite.find('testcase/skipped')
    assert skipped.get('message') == 'reason with \ufffd control & <tags>'


# HTML

def test_html_escapes_hostile_strings():
    page = to_html(hostile_fleet(), META)

    assert page.count('<script>') == 1
    assert '<img' not in page
    assert 'onerror=alert(1)>' not in page
    assert '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' in page
    assert '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;' in page
    assert '&lt;/td&gt;&lt;/tr&gt;&lt;script&gt;x()&lt;/script&gt;' in page
    assert 'it&#x27;s &amp; &lt;b&gt;bold&lt;/b&gt;' in page
    assert 'error &lt;script&gt;boom()&lt;/script&gt;' in page


def test_html_loads_nothing_external():
    page = to_html(synthetic_fleet(cameras=20), META)

    assert not re.search(r'''(src|href)\s*=\s*["']?(https?:)?//''', page)
    assert '<link' not in page
    assert '@import' not in page
    assert 'url(' not in page
    assert '@font-face' not in page


def test_html_marks_status_with_symbol_and_class():
    page = to_html(small_fleet(), META)

    row = re.search(r'<tr data-site="site-b" data-st="dn">.*', page).group(0)
    assert '<td class=d>\u2717' in row
    assert '<td class=n>\u2013' in row
    assert 'data-st="e"' in page


def test_html_size_at_500_cameras():
    page = to_html(synthetic_fleet(cameras=500, items=20), META)

    # A budget, not a benchmark: the markup must stay lean enough to open quickly at fleet scale.
    assert len(page.encode('utf-8')) < 900_000


# Secrets

def test_masked_secret_stays_masked():
    fleet = [camera(items=[item('2.3', 'drift', {'name': 'admin', 'password': '********'},
                                {'name': 'admin', 'password': None})])]

    for text in (to_json(fleet), to_junit(fleet), to_html(fleet)):
        assert '********' in text


@pytest.mark.parametrize('option', ['password', 'auth_password', 'community', 'SDLOCKPASSWORD', 'secret'])
def test_clear_secret_is_masked(option):
    fleet = [camera(items=[item('4.2', 'drift', {option: CLEAR_PASSWORD}, {option: CLEAR_PASSWORD + '-old'})])]

    for text in (to_json(fleet), to_junit(fleet), to_html(fleet)):
        assert CLEAR_PASSWORD not in text
        assert '********' in text


def test_secret_presence_flags_are_kept():
    record = json.loads(to_json([camera(items=[item('2.9', 'compliant', {'password': True}, {'password': True})])]))

    assert record['records'][0]['actual'] == {'password': True}


# Validation

@pytest.mark.parametrize('change, where, words', [
    (lambda c: c[0].update(name=''), 'cameras[0].name', 'missing'),
    (lambda c: c[0].pop('site'), 'cameras[0].site', 'missing'),
    (lambda c: c[0].update(level='expert'), 'cameras[0].level', "'expert' is not a protection level"),
    (lambda c: c[0].update(host='x'), 'cameras[0]', "unknown key 'host'"),
    (lambda c: c[0].update(items='2.5'), 'cameras[0].items', 'not a list'),
    (lambda c: c[0]['items'].append(item('9.9', 'drift')), 'cameras[0] (cam-b-01).items[2].section',
     "'9.9' is not a section"),
    (lambda c: c[0]['items'].append(item('2.1', 'drifted')), 'cameras[0] (cam-b-01).items[2].status',
     "'drifted' is not a status"),
    (lambda c: c[0]['items'].append(item('2.5', 'compliant')), 'cameras[0] (cam-b-01).items',
     'section 2.5 appears more than once'),
    (lambda c: c[0]['items'][0].update(expected=['digest']), 'cameras[0] (cam-b-01).items[0].expected',
     'not a dict'),
    (lambda c: c[1].update(name='cam-b-01'), 'cameras', "'cam-b-01' appears more than once"),
    (lambda c: c[0].update(model=['WV']), 'cameras[0].model', 'not a string'),
])
def test_invalid_record_is_rejected(change, where, words):
    fleet = small_fleet()
    change(fleet)

    with pytest.raises(OptionError) as caught:
        to_json(fleet)
    assert caught.value.option == where
    assert words in caught.value.problem
    assert caught.value.fix


def test_numbers_in_text_fields_become_strings():
    document = json.loads(to_json([camera(firmware=2.4, serial=1234)]))

    assert document['cameras'][0]['firmware'] == '2.4'
    assert document['cameras'][0]['serial'] == '1234'


@pytest.mark.parametrize('meta, option', [
    ({'generated_at': '2024-05-01 12:00'}, 'meta.generated_at'),
    ({'generated_at': '2024-05-01T12:00:00+02:00'}, 'meta.generated_at'),
    ({'inventory': 'prod'}, 'meta'),
    ('2024', 'meta'),
])
def test_invalid_meta_is_rejected(meta, option):
    with pytest.raises(OptionError) as caught:
        to_json(small_fleet(), meta)
    assert caught.value.option == option


def test_guide_table_is_complete():
    sections = [entry.section for entry in guide.ITEMS]

    assert sections == ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8', '2.9', '3.1', '3.2.1', '3.2.2',
                        '3.2.3', '3.2.4', '3.2.5', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8', '4.1', '4.2', '5.3']
    assert set(entry.level for entry in guide.ITEMS) == set(guide.LEVELS)
    assert all(re.match(r'^(CR|EDR) \d+\.\d+$', ref) for entry in guide.ITEMS for ref in entry.iec62443)
    assert all(re.match(r'^\d+\.\d+-\d+$', ref) for entry in guide.ITEMS for ref in entry.etsi)
    assert SCHEMA['$defs']['section']['enum'] == sections
    assert list(SECTIONS) == sections
