"""Shared fixtures: the shipped corpus, loaded once; a writable copy for tests that change it."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from bot import DEFAULT_CORPUS
from bot.engine import Engine

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine.from_directory(DEFAULT_CORPUS)


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A copy of the shipped corpus in a temporary directory named `corpus`."""
    target = tmp_path / "corpus"
    shutil.copytree(DEFAULT_CORPUS, target)
    return target


@pytest.fixture(autouse=True)
def _fail_on_error_logs(caplog: pytest.LogCaptureFixture):
    """discord.py and asyncio report failures as ERROR log lines: a test with one fails."""
    caplog.set_level(logging.WARNING)
    yield
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    if errors:
        pytest.fail("ERROR log records: " + "; ".join(r.getMessage() for r in errors))
