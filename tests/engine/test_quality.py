"""Quality figures on the question sets in tests/data (schema in dev.yaml's header).

dev.yaml is the set given to the project; tune-c.yaml was written by a separate writer and used for
tuning. Neither says how the bot does on questions nobody tuned on: see the closing notes of the
engine issue for the held-out figures. These floors stop regressions.
"""

from __future__ import annotations

import pytest

from bot.evaluate import evaluate, load_items
from tests.conftest import DATA


@pytest.fixture(scope="module")
def dev(engine):
    return evaluate(engine, load_items(DATA / "dev.yaml"))


def test_dev_set_figures(dev):
    assert dev.bad_slices == 0
    assert dev.missing_notice == 0
    assert dev.overall >= 0.90, dev.summary()
    assert dev.answerable >= 0.84, dev.summary()
    assert dev.abstention >= 0.96, dev.summary()


def test_dev_set_urgent_notices_exactly_where_expected(dev):
    assert dev.urgent_recall == 1.0, dev.summary()
    assert dev.false_urgent == 0, dev.summary()


def test_tuning_set_figures(engine):
    report = evaluate(engine, load_items(DATA / "tune-c.yaml"))
    assert report.bad_slices == 0 and report.missing_notice == 0
    assert report.overall >= 0.74, report.summary()
    assert report.abstention >= 0.90, report.summary()
    assert report.false_urgent == 0, report.summary()
