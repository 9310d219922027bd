"""The execution environment definition: the build context that ansible-builder writes for it.

No container engine runs here, so the image itself is not built. ansible-builder create only writes
files, and the test runs it in a network namespace without network access where `unshare` works.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
import yaml

from tests.support.ansible import BIN, REPO_ROOT

DEFINITION = REPO_ROOT / 'execution-environment.yml'
DEFINITION_FILES = ('execution-environment.yml', 'requirements.yml', 'requirements.txt')


def without_network() -> list[str]:
    """Return the command prefix that cuts a process off from every network, or nothing where it cannot."""
    if shutil.which('unshare') is None:
        return []
    probe = subprocess.run(['unshare', '--net', 'true'], capture_output=True, check=False)
    return ['unshare', '--net'] if probe.returncode == 0 else []


def run(command, **kwargs):
    completed = subprocess.run([str(part) for part in command], capture_output=True, text=True, timeout=300,
                               check=False, **kwargs)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed


@pytest.fixture(scope='module')
def context(tmp_path_factory):
    """Copy the definition beside a freshly built tarball, as `make ee` lays it out, and create the context."""
    workdir = tmp_path_factory.mktemp('ee')
    for name in DEFINITION_FILES:
        shutil.copy(REPO_ROOT / name, workdir / name)
    run([BIN / 'ansible-galaxy', 'collection', 'build', '--output-path', workdir / 'build', REPO_ROOT], cwd=REPO_ROOT)

    run([*without_network(), BIN / 'ansible-builder', 'create', '--file', workdir / 'execution-environment.yml', '--context',
         workdir / 'context', '--output-filename', 'Containerfile'], cwd=workdir)
    return workdir / 'context'


def stage(containerfile: str, name: str) -> str:
    """Return the lines of one build stage of a Containerfile, from its FROM line to the next."""
    text = containerfile.split(' AS %s\n' % name, 1)[1]
    return text.split('\nFROM ', 1)[0]


def test_containerfile_uses_the_pinned_base(context):
    definition = yaml.safe_load(DEFINITION.read_text())
    containerfile = (context / 'Containerfile').read_text()
    assert 'ARG EE_BASE_IMAGE="%s"' % definition['images']['base_image']['name'] in containerfile
    assert 'ARG PYCMD="/usr/bin/python3.11"' in containerfile
    assert 'ARG ANSIBLE_INSTALL_REFS="ansible-core==2.19.14 ansible-runner==2.4.3"' in containerfile


def test_containerfile_installs_the_collection(context):
    galaxy = stage((context / 'Containerfile').read_text(), 'galaxy')
    assert '-r requirements.yml' in galaxy
    assert '--no-deps --collections-path /usr/share/ansible/collections collections/ipro-camera-*.tar.gz' in galaxy


def test_context_holds_requirements(context):
    build = context / '_build'
    assert (build / 'requirements.txt').read_text() == (REPO_ROOT / 'requirements.txt').read_text()
    assert yaml.safe_load((build / 'requirements.yml').read_text()) == yaml.safe_load(
        (REPO_ROOT / 'requirements.yml').read_text())
    tarballs = [path.name for path in (build / 'collections').iterdir()]
    version = yaml.safe_load((REPO_ROOT / 'galaxy.yml').read_text())['version']
    assert tarballs == ['ipro-camera-%s.tar.gz' % version]
    for script in ('introspect.py', 'assemble', 'install-from-bindep', 'entrypoint'):
        assert (build / 'scripts' / script).is_file(), script


def test_requirements_pin_the_tested_collections():
    listed = json.loads(run([BIN / 'ansible-galaxy', 'collection', 'list', '--format', 'json'], cwd=REPO_ROOT).stdout)
    tested = {}
    for collections in listed.values():
        tested.update({name: details['version'] for name, details in collections.items()})

    pinned = yaml.safe_load((REPO_ROOT / 'requirements.yml').read_text())['collections']
    assert {entry['name'] for entry in pinned} == {'community.crypto', 'awx.awx'}
    for entry in pinned:
        assert entry['version'] == tested[entry['name']], entry


def test_introspection_finds_the_python_requirements(context, tmp_path):
    """Run the context's own introspect script on the installed tarball, as the image's builder stage does."""
    collections = tmp_path / 'collections'
    tarball = next((context / '_build' / 'collections').iterdir())
    # Without the repository's ansible.cfg, whose collection link would make ansible-galaxy skip
    # the install as done already.
    env = {key: value for key, value in os.environ.items() if not key.startswith('ANSIBLE_')}
    run([BIN / 'ansible-galaxy', 'collection', 'install', '--offline', '--no-deps', '-p', collections, tarball],
        cwd=tmp_path, env=env)
    assert (collections / 'ansible_collections' / 'ipro' / 'camera' / 'meta' / 'execution-environment.yml').is_file()

    introspected = run([BIN / 'python', context / '_build' / 'scripts' / 'introspect.py', 'introspect', collections],
                       cwd=tmp_path)
    requirements = yaml.safe_load(introspected.stdout)
    assert 'requests>=2.25  # from collection ipro.camera' in requirements['python']
    assert not any(line.startswith('ansible-core') for line in requirements['python'])
    assert requirements['system'] == []
