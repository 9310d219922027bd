"""report.html for 500 cameras x 20 items in headless Chromium: errors, filters, links and print view.

The test writes the page, screenshots and the measured size and load times to
tests/output/report-html/. The times are recorded, never asserted.
"""

from __future__ import annotations

import json
import statistics
import sys

import pytest

from tests.support.ansible import COLLECTIONS, REPO_ROOT, ensure_collection_link
from tests.support.chromium import Chromium
from tests.support.report_fleet import synthetic_fleet

ensure_collection_link()
if str(COLLECTIONS) not in sys.path:
    sys.path.insert(0, str(COLLECTIONS))

from ansible_collections.ipro.camera.plugins.module_utils.report import to_html  # noqa: E402 (needs the path above)

pytestmark = pytest.mark.skipif(not Chromium.available(),
                                reason='/usr/bin/chromium is missing; install it with apt-get install -y chromium')

OUTPUT = REPO_ROOT / 'tests' / 'output' / 'report-html'
META = {'generated_at': '2024-05-01T12:00:00Z', 'playbook': 'playbooks/audit.yml', 'level_filter': 'standard',
        'ansible_version': '2.19.14', 'collection_version': '0.1.0'}
FLEET = synthetic_fleet(cameras=500, items=20)
VISIBLE_ROWS = "Array.from(document.querySelectorAll('#m tbody tr')).filter((row) => !row.hidden).length"
VISIBLE_DETAILS = "Array.from(document.querySelectorAll('#details details')).filter((row) => !row.hidden).length"


@pytest.fixture(scope='module')
def report_url(tmp_path_factory):
    """Write report.html for the synthetic fleet and return its file:// URL."""
    directory = tmp_path_factory.mktemp('report')
    path = directory / 'report.html'
    path.write_text(to_html(FLEET, META), encoding='utf-8')
    return path.as_uri()


@pytest.fixture(scope='module')
def browser(tmp_path_factory):
    chromium = Chromium(tmp_path_factory.mktemp('chromium-profile')).start()
    yield chromium
    chromium.stop()


@pytest.fixture
def page(browser, report_url):
    """The report, freshly loaded, with no filter set."""
    browser.navigate('about:blank')
    browser.console_errors.clear()
    browser.navigate(report_url)
    return browser


def set_filters(browser, **values):
    """Set filter fields as a user would, firing the input event the page listens to."""
    script = ''.join("form.elements.namedItem(%s).value = %s;" % (json.dumps(name), json.dumps(value))
                     for name, value in values.items())
    browser.evaluate("(() => { const form = document.getElementById('filters'); %s"
                     "form.dispatchEvent(new Event('input', {bubbles: true})); })()" % script)


def expected_rows(site=None, status=None, item=None, q=None):
    """Count the cameras a filter must show, from the records instead of the page."""
    count = 0
    for camera in FLEET:
        statuses = {entry['section']: entry['status'] for entry in camera['items']}
        found = set(statuses.values()) | ({'error'} if camera['error'] else set())
        if site and camera['site'] != site:
            continue
        if q and q not in camera['name']:
            continue
        if status and item:
            if statuses.get(item) != status:
                continue
        elif status == 'compliant':
            if found & {'drift', 'error'}:
                continue
        elif status and status not in found:
            continue
        count += 1
    return count


def test_report_loads_without_console_errors(page):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(OUTPUT / 'report.png')

    assert page.console_errors == []
    assert page.evaluate("document.getElementById('count').textContent") == '500 of 500 cameras'
    assert page.evaluate(VISIBLE_ROWS) == 500
    assert page.evaluate("document.querySelectorAll('#m tbody td.d').length") == sum(
        1 for camera in FLEET for entry in camera['items'] if entry['status'] == 'drift')


LOADS = 5
TIMING = """(() => {
    const navigation = performance.getEntriesByType('navigation')[0];
    const paint = performance.getEntriesByType('paint').find((entry) => entry.name === 'first-contentful-paint');
    const form = document.getElementById('filters');
    const started = performance.now();
    form.elements.namedItem('status').value = 'drift';
    form.dispatchEvent(new Event('input', {bubbles: true}));
    document.body.offsetHeight;
    return {dom_content_loaded_ms: navigation.domContentLoadedEventEnd, load_ms: navigation.loadEventEnd,
            first_contentful_paint_ms: paint ? paint.startTime : null, filter_ms: performance.now() - started,
            bytes: navigation.decodedBodySize, dom_elements: document.getElementsByTagName('*').length};
})()"""


def test_report_records_size_and_load_time(browser, report_url):
    samples = []
    for _load in range(LOADS):
        browser.navigate('about:blank')
        browser.navigate(report_url)
        samples.append(browser.evaluate(TIMING))

    metrics = {'cameras': len(FLEET), 'items_per_camera': 20, 'loads': LOADS, 'bytes': samples[0]['bytes'],
               'dom_elements': samples[0]['dom_elements']}
    for key in ('dom_content_loaded_ms', 'load_ms', 'first_contentful_paint_ms', 'filter_ms'):
        values = sorted(sample[key] for sample in samples if sample[key] is not None)
        metrics[key] = {'median': round(statistics.median(values)), 'min': round(values[0]),
                        'max': round(values[-1])} if values else None
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / 'metrics.json').write_text(json.dumps(metrics, indent=2) + '\n')
    print('report.html at 500 cameras: %s' % json.dumps(metrics))

    assert metrics['bytes'] > 0
    assert browser.console_errors == []


@pytest.mark.parametrize('filters', [
    {'site': 'site-b'},
    {'status': 'drift'},
    {'status': 'error'},
    {'status': 'compliant'},
    {'status': 'not_applicable'},
    {'item': '2.8', 'status': 'drift'},
    {'item': '3.4', 'status': 'compliant', 'site': 'site-c'},
    {'q': 'a-00'},
    {'site': 'site-e', 'status': 'drift', 'q': '-01'},
])
def test_report_filter_counts(page, filters):
    set_filters(page, **filters)

    expected = expected_rows(**filters)
    assert 0 < expected < 500
    assert page.evaluate(VISIBLE_ROWS) == expected
    assert page.evaluate(VISIBLE_DETAILS) == expected
    assert page.evaluate("document.getElementById('count').textContent") == '%d of 500 cameras' % expected
    assert page.console_errors == []


def test_report_item_filter_hides_other_columns(page):
    set_filters(page, item='2.8')

    visible = page.evaluate("Array.from(document.querySelectorAll('#m thead th'))"
                            ".filter((cell) => getComputedStyle(cell).display !== 'none').map((cell) => cell.textContent)")
    assert visible == ['Camera', 'Site', 'Level', '2.8']


def test_report_filters_saved_in_address(page):
    set_filters(page, site='site-d', status='error')

    assert page.evaluate("location.hash") == '#site=site-d&status=error'


def test_report_filters_read_from_address(browser, report_url):
    browser.navigate('about:blank')
    browser.navigate(report_url + '#site=site-c&status=drift')

    assert browser.evaluate(VISIBLE_ROWS) == expected_rows(site='site-c', status='drift')
    assert browser.evaluate("document.getElementById('filters').elements.namedItem('site').value") == 'site-c'
    assert browser.console_errors == []


def test_report_clear_filters_shows_all(page):
    set_filters(page, site='site-a', status='drift')

    page.evaluate("document.querySelector('#filters button[type=reset]').click()")
    page.evaluate("new Promise((resolve) => setTimeout(resolve, 50))")

    assert page.evaluate(VISIBLE_ROWS) == 500
    assert page.evaluate("location.hash") == ''


def test_report_camera_link_opens_details(page):
    page.evaluate("document.querySelector('#m tbody tr:nth-child(3) a').click()")
    page.evaluate("new Promise((resolve) => setTimeout(resolve, 50))")

    assert page.evaluate("document.getElementById('c2').open") is True
    assert page.evaluate("location.hash") == '#c2'
    assert page.console_errors == []


def test_report_print_view(page):
    page.emulate_media('print')
    try:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        page.screenshot(OUTPUT / 'report-print.png')

        assert page.evaluate("getComputedStyle(document.getElementById('filters')).display") == 'none'
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == 'rgb(255, 255, 255)'
        # Closed details must still show their content on paper.
        assert page.evaluate("document.getElementById('c0').open") is False
        assert page.evaluate("document.querySelector('#c0 dl').getBoundingClientRect().height") > 0
    finally:
        page.emulate_media('')
