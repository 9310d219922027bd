"""Tests of the ipro_items action's item selection (--tags, --skip-tags) and switch variables.

Importing the action imports Ansible's controller code, which changes how AnsibleModule reports warnings
for the rest of the process, so one Python subprocess evaluates every case and the tests read its output.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.unit.conftest import COLLECTIONS_ROOT

NTP = dict(id='2.7', tags=['entry', 'ntp'])
AUDIO = dict(id='2.8', tags=['entry', 'audio'])
FTP = dict(id='3.2.1', tags=['standard', 'ftp'])
UNTAGGED = dict(id='4.1', tags=[])

# (ansible_run_tags, ansible_skip_tags, item, selected). None stands for an unset variable. Ansible sets
# ['all'] and [] when the command line has no --tags or --skip-tags.
SELECTION_CASES = [
    (None, None, NTP, True),
    (['all'], [], NTP, True),
    (['tagged'], [], UNTAGGED, True),
    (['always'], [], FTP, True),
    (['entry'], [], NTP, True),
    (['entry'], [], FTP, False),
    (['2.7'], [], NTP, True),
    (['2.7'], [], AUDIO, False),
    (['ntp', 'ftp'], [], FTP, True),
    (['ntp', 'ftp'], [], AUDIO, False),
    (['untagged'], [], UNTAGGED, False),
    (['all'], ['audio'], AUDIO, False),
    (['all'], ['audio'], NTP, True),
    (None, ['2.7'], NTP, False),
    (['entry'], ['ntp'], NTP, False),
    (['entry'], ['ntp'], AUDIO, True),
    (['4.1'], [], UNTAGGED, True),
]

# (item, task variables, result): True or False, or the text of the ItemError raised.
SWITCH_CASES = [
    (dict(id='2.7'), {}, True),
    (dict(id='2.7', switch='ipro_ntp_enabled'), dict(ipro_ntp_enabled=True), True),
    (dict(id='2.7', switch='ipro_ntp_enabled'), dict(ipro_ntp_enabled='no'), False),
    (dict(id='2.7', switch='ipro_ntp_enabled'), dict(ipro_ntp_enabled='false'), False),
    (dict(id='2.7', switch='ipro_ntp_enabled'), {},
     'option items: 2.7: switch variable ipro_ntp_enabled is not defined; define it, or remove switch from the item'),
    (dict(id='2.7', title='Synchronize the clock', switch='ipro_ntp_enabled'), dict(ipro_ntp_enabled='maybe'),
     "option items: 2.7 Synchronize the clock: switch variable ipro_ntp_enabled is 'maybe', not true or false; "
     "set it to true or false"),
]

SCRIPT = '''
import json
import sys
from types import SimpleNamespace

from ansible_collections.ipro.camera.plugins.action.ipro_items import ActionModule, _selection
from ansible_collections.ipro.camera.plugins.module_utils.items import ItemError

cases = json.load(sys.stdin)
selected = [_selection(run_tags, skip_tags)(item) for run_tags, skip_tags, item, _expected in cases['selection']]
# _switched_on uses only the action's templar, which returns these plain values unchanged.
action = SimpleNamespace(_templar=SimpleNamespace(template=lambda value: value))
switched = []
for item, task_vars, _expected in cases['switch']:
    try:
        switched.append(ActionModule._switched_on(action, item, task_vars))
    except ItemError as exc:
        switched.append(str(exc))
print(json.dumps(dict(selection=selected, switch=switched)))
'''


@pytest.fixture(scope='module')
def outcomes():
    """Evaluate every case in one subprocess; return its results by kind, in case order."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(COLLECTIONS_ROOT), os.environ.get('PYTHONPATH', '')]))
    cases = json.dumps(dict(selection=SELECTION_CASES, switch=SWITCH_CASES))
    process = subprocess.run([sys.executable, '-c', SCRIPT], input=cases, capture_output=True, text=True, env=env,
                             timeout=120, check=False)
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout)


@pytest.mark.parametrize('index', range(len(SELECTION_CASES)),
                         ids=['tags=%s skip=%s %s' % (c[0], c[1], c[2]['id']) for c in SELECTION_CASES])
def test_selection(outcomes, index):
    _run_tags, _skip_tags, _item, expected = SELECTION_CASES[index]

    assert outcomes['selection'][index] is expected


@pytest.mark.parametrize('index', range(len(SWITCH_CASES)), ids=[str(c[1]) for c in SWITCH_CASES])
def test_switch(outcomes, index):
    _item, _task_vars, expected = SWITCH_CASES[index]

    assert outcomes['switch'][index] == expected
