"""Fixtures of the command-line tests (helpers: ``cli_support``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import SHARED_SCENARIOS


@pytest.fixture
def shared_scenarios() -> Path:
    """The shared scenarios beside the checkout (skips the test when they are absent)."""
    if not SHARED_SCENARIOS.is_dir():
        pytest.skip(f"no shared scenarios at {SHARED_SCENARIOS}")
    return SHARED_SCENARIOS
