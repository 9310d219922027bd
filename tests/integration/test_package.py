"""The Galaxy tarball: its file list, and harden.yml run from the installed collection."""

from __future__ import annotations

import json
import os
import subprocess
import tarfile

import pytest

from tests.support.ansible import BIN, REPO_ROOT, Run

# Files and folders that a controller needs from the collection.
REQUIRED = {'MANIFEST.json', 'FILES.json', 'README.md', 'requirements.txt', 'meta/runtime.yml', 'plugins/modules',
            'plugins/action', 'plugins/module_utils', 'roles/entry', 'roles/standard', 'roles/advanced',
            'playbooks/harden.yml', 'playbooks/audit.yml', 'docs', 'changelogs/changelog.yaml'}

# Path parts that must never ship: the pytest harness, caches, virtual environments and tool state.
FORBIDDEN_PARTS = {'tests', '.venv', '.cache', '.pytest_cache', '.ansible', '.git', '__pycache__', 'demo', 'bench',
                   'extensions', 'scripts', 'ipro-report'}
FORBIDDEN_FILES = {'Makefile', 'ansible.cfg', 'requirements-test.txt', 'galaxy.yml', '.gitignore', '.ansible-lint'}


def run(command, **kwargs):
    completed = subprocess.run([str(part) for part in command], capture_output=True, text=True, timeout=300,
                               check=False, **kwargs)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed


@pytest.fixture(scope='module')
def tarball(tmp_path_factory):
    output = tmp_path_factory.mktemp('build')
    run([BIN / 'ansible-galaxy', 'collection', 'build', '--output-path', output, REPO_ROOT], cwd=REPO_ROOT)
    built = list(output.glob('ipro-camera-*.tar.gz'))
    assert len(built) == 1, built
    return built[0]


@pytest.fixture
def installed(tarball, tmp_path):
    """Install the tarball into its own collections folder, without the repository's collection link."""
    collections = tmp_path / 'collections'
    # An ansible.cfg of its own, so the repository's collections_path cannot apply. Under make,
    # ANSIBLE_CONFIG names the repository's ansible.cfg, whose collection link would make
    # ansible-galaxy report ipro.camera as installed already and install nothing.
    config = tmp_path / 'ansible.cfg'
    config.write_text('[defaults]\nretry_files_enabled = false\ninterpreter_python = auto_silent\n')
    env = {key: value for key, value in os.environ.items() if not key.startswith('ANSIBLE_')}
    env.update(ANSIBLE_CONFIG=str(config), ANSIBLE_COLLECTIONS_PATH=str(collections), ANSIBLE_NOCOLOR='1')

    run([BIN / 'ansible-galaxy', 'collection', 'install', '--offline', '--no-deps', '-p', collections, tarball],
        cwd=tmp_path, env=env)
    return collections, env


def names(tarball) -> list[str]:
    with tarfile.open(tarball) as archive:
        return [member.name.rstrip('/') for member in archive.getmembers()]


def test_tarball_has_the_collection(tarball):
    members = set(names(tarball))
    for required in REQUIRED:
        assert required in members, required


def test_tarball_leaves_out_tests_and_caches(tarball):
    for name in names(tarball):
        parts = set(name.split('/'))
        assert not parts & FORBIDDEN_PARTS, name
        assert name not in FORBIDDEN_FILES, name
        assert not name.endswith(('.pyc', '.tar.gz', '.retry')), name


def test_tarball_version_matches_galaxy_yml(tarball):
    with tarfile.open(tarball) as archive:
        manifest = json.load(archive.extractfile('MANIFEST.json'))
    assert manifest['collection_info']['namespace'] == 'ipro'
    assert manifest['collection_info']['name'] == 'camera'
    assert tarball.name == 'ipro-camera-%s.tar.gz' % manifest['collection_info']['version']


def test_installed_collection_hardens_then_converges(installed, emulator_factory, tmp_path):
    collections, env = installed
    fleet = emulator_factory(cameras=1, sites=1, restart_seconds=1, firmware_seconds=1)

    listed = run([BIN / 'ansible-galaxy', 'collection', 'list', 'ipro.camera', '--format', 'json'], cwd=tmp_path,
                 env=env)
    assert list(json.loads(listed.stdout)) == [str(collections / 'ansible_collections')]

    command = [BIN / 'ansible-playbook', 'ipro.camera.harden', '-i', fleet.inventory]
    first = subprocess.run([str(part) for part in command], cwd=tmp_path, env=env, capture_output=True, text=True,
                           timeout=600, check=False)
    first_run = Run(first.returncode, first.stdout + first.stderr)
    assert first_run.returncode == 0, first_run.output
    assert first_run.recap['cam-a-01']['changed'] > 0, first_run.output
    assert fleet.camera('cam-a-01')['settings']['UAUTHMTD'] == 'digest'
    writes_after_first = fleet.camera('cam-a-01')['counters']['writes']

    second = subprocess.run([str(part) for part in command], cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=600, check=False)
    second_run = Run(second.returncode, second.stdout + second.stderr)
    assert second_run.returncode == 0, second_run.output
    assert second_run.recap['cam-a-01']['changed'] == 0, second_run.output
    assert fleet.camera('cam-a-01')['counters']['writes'] == writes_after_first
