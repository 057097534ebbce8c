"""Quality figures on the question sets in tests/data (schema in dev.yaml's header).

dev.yaml is the set given to the project; tune-c/d/e/g/k/l/o/q/r/ta/tp/tq/tr/ts.yaml were written by separate
writers and redteam-1.yaml by a black-box tester, and all were used for tuning. heldout/ holds sets that were held
out while the matcher was tuned (their figures at the time are in README.md and the engine issue's
notes); they are regression data now. None of these says how the bot does on questions nobody tuned
on: that takes new held-out questions each round. These floors stop regressions.
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
    assert dev.overall >= 0.95, dev.summary()
    assert dev.answerable >= 0.95, dev.summary()
    assert dev.abstention >= 1.0, dev.summary()


def test_dev_set_urgent_notices_exactly_where_expected(dev):
    assert dev.urgent_recall == 1.0, dev.summary()
    assert dev.false_urgent == 0, dev.summary()


# Judgement calls where the bot errs on the side of the urgent notice. tune-tp's tp-012, "husband spiked a
# fever and his BP tanked the first week on the bispecific", may well be this week; its writer read it as past.
# tune-tq's tq-051 and tune-tr's tr-005 ask what CRS looks like with examples ("running hot, feeling faint"):
# read as someone feeling faint. Asking what something looks like is not enough to rule out an emergency
# told in the same message ("mom has a fever and chills on tec, what does crs look like?").
FALSE_URGENT_ALLOWED = {"tune-tp.yaml": 1, "tune-tq.yaml": 1, "tune-tr.yaml": 1}


@pytest.mark.parametrize(
    ("name", "overall", "abstention"),
    [
        ("tune-c.yaml", 0.88, 0.97),
        ("redteam-1.yaml", 0.94, 0.95),
        ("tune-d.yaml", 0.86, 0.85),
        ("tune-e.yaml", 0.93, 0.95),
        ("tune-g.yaml", 0.83, 0.98),
        ("tune-k.yaml", 0.82, 0.86),
        ("tune-l.yaml", 0.90, 0.96),
        ("tune-o.yaml", 0.86, 0.86),
        ("tune-q.yaml", 0.83, 0.87),
        ("tune-r.yaml", 0.81, 0.90),
        ("tune-ta.yaml", 0.77, 0.93),
        ("tune-tp.yaml", 0.75, 0.76),
        ("tune-tq.yaml", 0.68, 0.88),
        ("tune-tr.yaml", 0.80, 0.86),
        ("tune-ts.yaml", 0.82, 0.85),
    ],
)
def test_tuning_set_figures(engine, name, overall, abstention):
    report = evaluate(engine, load_items(DATA / name))
    assert report.bad_slices == 0 and report.missing_notice == 0
    assert report.overall >= overall, report.summary()
    assert report.abstention >= abstention, report.summary()
    assert report.false_urgent <= FALSE_URGENT_ALLOWED.get(name, 0), report.summary()
    assert report.urgent_recall == 1.0, report.summary()


@pytest.mark.parametrize(
    ("name", "overall"),
    [
        ("heldout-a.yaml", 0.88),
        ("heldout-b.yaml", 0.85),
        ("heldout-f.yaml", 0.89),
        ("heldout-h.yaml", 0.93),
        ("heldout-i.yaml", 0.84),
        ("heldout-j.yaml", 0.89),
        ("heldout-m.yaml", 0.85),
        ("heldout-n.yaml", 0.84),
        ("heldout-p.yaml", 0.87),
        ("heldout-s.yaml", 0.90),
        ("heldout-t.yaml", 0.81),
        ("heldout-u.yaml", 0.82),
        ("heldout-v.yaml", 0.86),
        ("heldout-w.yaml", 0.86),
        ("heldout-x.yaml", 0.85),
        ("heldout-y.yaml", 0.82),
        ("heldout-z.yaml", 0.90),
        ("heldout-q.yaml", 0.83),
        ("heldout-r.yaml", 0.81),
        ("heldout-aa.yaml", 0.83),
        ("heldout-bb.yaml", 0.81),
        ("heldout-cc.yaml", 0.82),
        ("heldout-dd.yaml", 0.90),
        ("heldout-ee.yaml", 0.84),
        ("heldout-ff.yaml", 0.87),
        ("heldout-gg.yaml", 0.86),
        ("heldout-hh.yaml", 0.81),
        ("heldout-ii.yaml", 0.80),
        ("heldout-jj.yaml", 0.78),
        ("heldout-kk.yaml", 0.76),
        ("heldout-ll.yaml", 0.82),
        ("heldout-mm.yaml", 0.76),
        ("heldout-nn.yaml", 0.81),
        ("heldout-oo.yaml", 0.85),
        ("heldout-pp.yaml", 0.83),
        ("heldout-qq.yaml", 0.88),
        ("heldout-rr.yaml", 0.88),
        ("heldout-ss.yaml", 0.87),
        ("heldout-uu.yaml", 0.86),
        ("heldout-vv.yaml", 0.93),
        ("heldout-ww.yaml", 0.84),
        ("heldout-xx.yaml", 0.87),
        ("heldout-yy.yaml", 0.90),
        ("heldout-zz.yaml", 0.91),
        ("heldout-a2.yaml", 0.84),
        ("heldout-b2.yaml", 0.87),
        ("heldout-c2.yaml", 0.87),
        ("heldout-d2.yaml", 0.94),
        ("heldout-e2.yaml", 0.90),
        ("heldout-f2.yaml", 0.82),
        ("heldout-g2.yaml", 0.88),
    ],
)
def test_formerly_held_out_sets_do_not_regress(engine, name, overall):
    report = evaluate(engine, load_items(DATA / "heldout" / name))
    assert report.bad_slices == 0 and report.missing_notice == 0
    assert report.overall >= overall, report.summary()
