"""Fixtures that run the camera emulator for tests."""

from __future__ import annotations

import pytest

from tests.support.emulator import Emulator


@pytest.fixture
def emulator_factory(tmp_path):
    """Start emulators with given options, e.g. ``emulator_factory(cameras=1, lockout_seconds=5)``.

    Every emulator started through the factory stops at the end of the test.
    """
    started: list[Emulator] = []

    def start(**options) -> Emulator:
        emulator = Emulator(tmp_path / f"emulator-{len(started)}", **options)
        started.append(emulator)
        return emulator.start()

    yield start
    for emulator in started:
        emulator.stop()


@pytest.fixture(scope="module")
def emulator(tmp_path_factory):
    """A 3-camera, 2-site emulator shared by the tests of one module, with 1 s restarts."""
    emulator = Emulator(
        tmp_path_factory.mktemp("emulator"), cameras=3, sites=2, restart_seconds=1, firmware_seconds=1
    )
    emulator.start()
    yield emulator
    emulator.stop()
