"""Every playbook at -vvv with distinctive secrets: none appears in output, results, retry files or reports."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.integration.test_certificates import make_ca
from tests.support.ansible import REPO_ROOT, run_playbook

PLAYBOOKS = REPO_ROOT / 'playbooks'
# A camera that stays unreachable, so that every playbook writes a retry file to search.
DOWN = 'cam-a-03'
SECRETS = {
    'ipro_password': 'Sweep-Chief-Pw-4711',
    'ipro_sd_password': 'Sweep-Sd-7044',
    'ipro_smtp_password': 'Sweep-Smtp-Pw-8155',
    'ipro_snmp_auth_password': 'Sweep-Snmp-Auth-9266',
    'ipro_snmp_priv_password': 'Sweep-Snmp-Priv-0377',
}
USERS = [{'name': 'operator', 'password': 'Sweep-Oper-Pw-5822', 'level': 'camera_control'},
         {'name': 'viewer', 'password': 'Sweep-View-Pw-6933', 'level': 'live_only'}]
NEW_PASSWORD = 'Sweep-Rotated-Pw-1488'


def sweep_inventory(fleet, path):
    """Write the emulator's inventory with the distinctive secrets and mail settings."""
    inventory = yaml.safe_load(fleet.inventory.read_text())
    group = inventory['all']['children']['cameras']['vars']
    group.update(SECRETS, ipro_users=USERS, ipro_smtp_server='mail.example.org', ipro_smtp_auth='smtp',
                 ipro_smtp_user='camera-mail')
    path.write_text(yaml.safe_dump(inventory))
    return path


def dot1x_key_lines(fleet):
    """Return the base64 lines of every EAP-TLS client key that the inventory hands to the cameras."""
    keys = (fleet.inventory.parent / 'emulator-state' / 'certs').glob('*-8021x.key')
    lines = [line for key in keys for line in key.read_text().splitlines() if line and not line.startswith('-----')]
    assert lines, 'no 802.1X client key in the emulator state'
    return lines


def searched_texts(runs, *folders):
    """Yield (where, text) for every output, recorded result and file written to the folders."""
    for name, run in runs:
        yield '%s output' % name, run.output
        for record in run.records:
            yield '%s result of %s on %s' % (name, record['task'], record['host']), repr(record['result'])
    for folder in folders:
        for path in Path(folder).rglob('*'):
            if path.is_file():
                yield str(path), path.read_text(errors='replace')


def test_no_secret_in_any_output(emulator_factory, tmp_path):
    fleet = emulator_factory(cameras=3, sites=1, restart_seconds=1, firmware_seconds=1, keygen_seconds=1)
    fleet.fault(DOWN, refuse_connections=True, seconds=3600)
    inventory = sweep_inventory(fleet, tmp_path / 'hosts.yml')
    retry_dir, report_dir = tmp_path / 'retry', tmp_path / 'report'
    ca_cert, _, ca_path, key_path = make_ca(tmp_path)
    trust = tmp_path / 'trust.pem'
    trust.write_text(fleet.ca_path.read_text() + ca_path.read_text())
    certificates = {'ipro_ca_certificate_path': str(ca_path), 'ipro_ca_privatekey_path': str(key_path),
                    'ipro_ca_path': str(trust)}

    steps = [
        ('harden entry', 'harden.yml', {'ipro_protection_level': 'entry'}),
        ('harden standard', 'harden.yml', {'ipro_protection_level': 'standard'}),
        ('harden advanced', 'harden.yml', {'ipro_protection_level': 'advanced'}),
        ('audit', 'audit.yml', {'ipro_protection_level': 'advanced', 'ipro_report_dir': str(report_dir)}),
        ('certificates', 'certificates.yml', certificates),
        ('firmware', 'firmware.yml', {'ipro_ca_path': str(trust)}),
        ('rotate_credentials', 'rotate_credentials.yml', {'ipro_ca_path': str(trust),
                                                          'ipro_new_password': NEW_PASSWORD}),
    ]
    runs = []
    for name, playbook, extra_vars in steps:
        run = run_playbook(PLAYBOOKS / playbook, inventory, '-vvv', workdir=tmp_path / name.replace(' ', '-'),
                           extra_vars=extra_vars, retry_dir=retry_dir)
        runs.append((name, run))
        assert run.recap.get('cam-a-01', {}).get('failed') == 0, run.output
        # The audit records an unreachable camera as an error in its report instead of failing it.
        assert run.recap[DOWN]['failed'] == (0 if playbook == 'audit.yml' else 1), run.output

    assert fleet.camera('cam-a-01')['settings']['SNMPVER'] == 'v3'
    assert sorted(path.name for path in retry_dir.iterdir()) == sorted(
        {Path(playbook).stem + '.retry' for _name, playbook, _vars in steps if playbook != 'audit.yml'})
    assert (report_dir / 'report.json').exists()
    secrets = list(SECRETS.values()) + [user['password'] for user in USERS] + [NEW_PASSWORD] + dot1x_key_lines(fleet)
    leaks = [(where, secret) for where, text in searched_texts(runs, retry_dir, report_dir)
             for secret in secrets if secret in text]
    assert leaks == []
