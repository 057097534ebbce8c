"""Shared fixtures: the shipped corpus, loaded once; a writable copy for tests that change it."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

from bot import DEFAULT_CORPUS
from bot.engine import Engine

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session", autouse=True)
def _cache_in_a_temporary_directory(tmp_path_factory: pytest.TempPathFactory):
    """`python -m bot` run by a test keeps its pattern cache in a temporary folder, not the user's."""
    previous = os.environ.get("CACHE_DIR")
    os.environ["CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        del os.environ["CACHE_DIR"]
    else:
        os.environ["CACHE_DIR"] = previous


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
