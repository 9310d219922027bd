"""Synthetic audit records for the report tests: a fleet of any size, the same for the same seed."""

from __future__ import annotations

import random

MASK = '********'
# The sections of the hardening guide in order, kept here so the integration tests can build records
# without importing the collection.
SECTIONS = ('2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8', '2.9', '3.1', '3.2.1', '3.2.2', '3.2.3', '3.2.4',
            '3.2.5', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8', '4.1', '4.2', '5.3')
NETWORKS = ('192.0.2', '198.51.100', '203.0.113')

# Expected and actual settings of a drifted item, by section; other sections use a generic switch.
DRIFTS = {
    '2.3': ({'name': 'admin', 'password': MASK}, {'name': 'admin', 'password': None}),
    '2.5': ({'method': 'digest'}, {'method': 'basic'}),
    '2.7': ({'mode': 'ntp', 'server': '192.0.2.123', 'interval': 1}, {'mode': 'manual', 'server': '', 'interval': 1}),
    '2.8': ({'mode': 'off'}, {'mode': 'interactive'}),
    '3.2.4': ({'valid_minutes': 20}, {'valid_minutes': 0}),
    '3.4': ({'protocol': 'https'}, {'protocol': 'http_https'}),
}


def synthetic_fleet(cameras=500, items=20, sites=5, seed=1):
    """Return `cameras` records with `items` guide items each, about 1 in 12 items drifted.

    Sites are named site-a, site-b, ...; every 97th camera could not be audited and
    carries a camera error and no items.
    """
    rng = random.Random(seed)
    sections = SECTIONS[:items]
    fleet = []
    for index in range(cameras):
        site = 'site-%s' % chr(ord('a') + index % sites)
        network = NETWORKS[index % len(NETWORKS)]
        camera = {
            'name': 'cam-%s-%03d' % (site[-1], index // sites + 1),
            'site': site,
            'address': '%s.%d' % (network, index // len(NETWORKS) % 250 + 2),
            'model': rng.choice(('WV-S1536LN', 'WV-S2136L', 'WV-X1571LN')),
            'firmware': rng.choice(('2.10', '2.20', '3.00')),
            'serial': 'ABC%05d' % index,
            'level': 'standard',
            'error': None,
            'items': [],
        }
        if index % 97 == 96:
            camera['error'] = 'camera %s: getinfo timed out after 10 s; check that the camera is powered' % (
                camera['name'])
        else:
            camera['items'] = [_item(rng, section) for section in sections]
        fleet.append(camera)
    return fleet


def _item(rng, section):
    roll = rng.random()
    if roll < 0.08:
        expected, actual = DRIFTS.get(section, ({'enabled': False}, {'enabled': True}))
        return {'section': section, 'status': 'drift', 'expected': dict(expected), 'actual': dict(actual),
                'reason': None}
    if roll < 0.10:
        return {'section': section, 'status': 'error', 'expected': None, 'actual': None,
                'reason': 'getdata answered HTTP 503 four times; retry the audit later'}
    if roll < 0.14:
        return {'section': section, 'status': 'not_applicable', 'expected': None, 'actual': None,
                'reason': 'the model has no SD card slot'}
    expected = dict(DRIFTS.get(section, ({'enabled': False}, None))[0])
    return {'section': section, 'status': 'compliant', 'expected': expected, 'actual': dict(expected), 'reason': None}
