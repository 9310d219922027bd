"""The AWX set-up: awx_setup.yml's syntax, and the "i-PRO camera" credential type against the emulator.

No AWX runs here. The credential type tests render the injectors as AWX's
CredentialType.inject_credential does: Jinja2's ImmutableSandboxedEnvironment over the credential's
non-empty inputs, with `tower.filename` naming the file that the file injector wrote. The extra
variables then reach harden.yml as `-e @file`, as in an AWX job.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from types import SimpleNamespace

import pytest
import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

from tests.support.ansible import BIN, REPO_ROOT, run_playbook

SETUP = REPO_ROOT / 'playbooks' / 'awx_setup.yml'
CREDENTIAL_TYPE = REPO_ROOT / 'playbooks' / 'files' / 'awx_credential_type.yml'
HARDEN = REPO_ROOT / 'playbooks' / 'harden.yml'
LOGIN_VARIABLES = ('ipro_username', 'ipro_password', 'ipro_ca_path')


def credential_type() -> dict:
    return yaml.safe_load(CREDENTIAL_TYPE.read_text())


def render_injectors(definition: dict, inputs: dict, env_dir) -> dict:
    """Write the file injector's file into `env_dir` and return the rendered extra variables."""
    sandbox = ImmutableSandboxedEnvironment()
    namespace = {key: value for key, value in inputs.items() if value}
    tower = SimpleNamespace()
    namespace['tower'] = tower

    path = env_dir / 'ca_bundle'
    path.write_text(sandbox.from_string(definition['injectors']['file']['template']).render(**namespace))
    path.chmod(0o600)
    tower.filename = str(path)

    return {key: sandbox.from_string(template).render(**namespace)
            for key, template in definition['injectors']['extra_vars'].items()}


def inventory_without_login(fleet, tmp_path):
    """Copy the emulator's inventory without the login variables, which the credential supplies."""
    inventory = yaml.safe_load(fleet.inventory.read_text())
    group_vars = inventory['all']['children']['cameras']['vars']
    for name in LOGIN_VARIABLES:
        del group_vars[name]
    path = tmp_path / 'hosts.yml'
    path.write_text(yaml.safe_dump(inventory))
    return path


def writes(fleet) -> int:
    return sum(fleet.camera(camera['name'])['counters']['writes'] for camera in fleet.cameras())


def test_setup_playbook_syntax():
    env = dict(os.environ, ANSIBLE_INVENTORY_UNPARSED_FAILED='false')
    completed = subprocess.run([str(BIN / 'ansible-playbook'), '--syntax-check', str(SETUP)], cwd=REPO_ROOT,
                               env=env, capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_credential_type_fields():
    definition = credential_type()
    fields = {field['id']: field for field in definition['inputs']['fields']}
    assert set(fields) == {'username', 'password', 'ca_bundle'}
    assert definition['inputs']['required'] == ['username', 'password']
    assert fields['password'].get('secret') is True
    assert fields['ca_bundle'].get('multiline') is True
    assert not fields['username'].get('secret')


def test_credential_type_injects_login_variables():
    injectors = credential_type()['injectors']
    assert set(injectors['extra_vars']) == set(LOGIN_VARIABLES)
    referenced = set()
    for template in [injectors['file']['template'], *injectors['extra_vars'].values()]:
        referenced.update(re.findall(r'\b(username|password|ca_bundle|tower)\b', template))
    assert referenced == {'username', 'password', 'ca_bundle', 'tower'}


def test_setup_sends_injectors_untemplated(tmp_path):
    """Ansible must pass the Jinja2 of the injectors to AWX as text, not render it itself."""
    setup_vars = yaml.safe_load(SETUP.read_text())[0]['vars']
    (tmp_path / 'files').symlink_to(CREDENTIAL_TYPE.parent, target_is_directory=True)
    output = tmp_path / 'sent.json'
    probe = [{'name': 'probe', 'hosts': 'localhost', 'connection': 'local', 'gather_facts': False,
              'vars': {'ipro_awx_credential_type': setup_vars['ipro_awx_credential_type'],
                       'ansible_python_interpreter': '{{ ansible_playbook_python }}'},
              'tasks': [{'name': 'write what a module receives',
                         'ansible.builtin.copy': {'content': '{{ ipro_awx_credential_type | to_json }}',
                                                  'dest': str(output), 'mode': '0600'}}]}]
    playbook = tmp_path / 'probe.yml'
    playbook.write_text(yaml.safe_dump(probe, sort_keys=False))

    result = run_playbook(playbook, 'localhost,', workdir=tmp_path)
    assert result.returncode == 0, result.output
    assert json.loads(output.read_text()) == credential_type()


@pytest.fixture
def fleet(emulator_factory):
    return emulator_factory(cameras=1, sites=1, restart_seconds=1, firmware_seconds=1)


def test_credential_with_ca_hardens_then_converges(fleet, tmp_path):
    inputs = {'username': 'admin', 'password': 'Ipro-Demo-7391', 'ca_bundle': fleet.ca_path.read_text()}
    extra_vars = render_injectors(credential_type(), inputs, tmp_path)
    assert extra_vars['ipro_ca_path'] == str(tmp_path / 'ca_bundle')
    extra_vars_file = tmp_path / 'extra_vars.yml'
    extra_vars_file.write_text(yaml.safe_dump(extra_vars))
    inventory = inventory_without_login(fleet, tmp_path)

    first = run_playbook(HARDEN, inventory, '-e', '@%s' % extra_vars_file, workdir=tmp_path)
    assert first.returncode == 0, first.output
    assert first.recap['cam-a-01']['changed'] > 0
    assert fleet.camera('cam-a-01')['admin_registered'] is True
    writes_after_first = writes(fleet)

    second = run_playbook(HARDEN, inventory, '-e', '@%s' % extra_vars_file, workdir=tmp_path)
    assert second.returncode == 0, second.output
    assert second.recap['cam-a-01']['changed'] == 0, second.output
    assert writes(fleet) == writes_after_first
    assert 'Ipro-Demo-7391' not in first.output + second.output


def test_credential_without_ca_uses_system_trust(fleet, tmp_path):
    """Without a CA bundle the emulator's certificate is untrusted, so the job fails before any write."""
    inputs = {'username': 'admin', 'password': 'Ipro-Demo-7391', 'ca_bundle': ''}
    extra_vars = render_injectors(credential_type(), inputs, tmp_path)
    assert extra_vars['ipro_ca_path'] == ''
    extra_vars_file = tmp_path / 'extra_vars.yml'
    extra_vars_file.write_text(yaml.safe_dump(extra_vars))

    result = run_playbook(HARDEN, inventory_without_login(fleet, tmp_path), '-e', '@%s' % extra_vars_file,
                          workdir=tmp_path)
    assert result.returncode != 0
    assert 'ipro_ca_path' in result.output
    assert writes(fleet) == 0
