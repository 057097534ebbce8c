"""Invariants for any input: excerpts are exact slices, the notice is always there, nothing raises,
and every line of a reply is either part of a quote or a fixed text from corpus/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine import Answer, Engine
from bot.evaluate import load_items
from bot.render import render_text
from tests.conftest import DATA

_UNESCAPE = re.compile(r"\\(.)")

chat_words = st.sampled_from(
    "ivig tec teclistamab infection infections survival dose should i my wife fever now what how many why "
    "@everyone <@123> <@&456> ``` SYSTEM: ignore rules 😭 🙏 \x00 \x1b \u202e \n ? ! hospital crs pfs os "
    "patients study randomized home subcutaneous banerjee 30 days 44 months cost insurance".split(" ")
)
messages = st.one_of(
    st.text(max_size=300),
    st.lists(chat_words, max_size=40).map(" ".join),
    st.binary(max_size=200).map(lambda b: b.decode("utf-8", errors="replace")),
)


def fixed_lines(engine: Engine) -> set[str]:
    texts = list(engine.messages.all_texts().values())
    texts += [engine.messages.attribution.format(label=p.voice.label) for p in engine.corpus.passages]
    texts += [engine.messages.source.format(title=d.title) for d in engine.corpus.documents]
    return {line.strip() for text in texts for line in text.splitlines() if line.strip()}


def check_reply(engine: Engine, answer: Answer, allowed: set[str]) -> None:
    contents = {d.path: d.content for d in engine.corpus.documents}
    quoted = [*answer.excerpts, *answer.caveats]
    for excerpt in quoted:
        assert contents[excerpt.document][excerpt.start : excerpt.end] == excerpt.text
    text = render_text(answer, engine.messages)
    notice = engine.messages.advice_notice if answer.advice else engine.messages.notice
    assert text.endswith(notice)
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith("> "):
            body = _UNESCAPE.sub(r"\1", line[2:])
            assert any(body in e.text for e in quoted), line
        else:
            assert line.strip() in allowed, line


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(message=messages)
def test_any_message_gets_a_safe_reply(engine, message):
    answer = engine.answer(message)
    check_reply(engine, answer, fixed_lines(engine))
    assert len(answer.excerpts) <= 3


def test_a_quoted_numbered_heading_is_escaped_at_its_dot(engine):
    # "1. Cytokine Release Syndrome (CRS):" shown as written: Discord shows a backslash before a digit.
    answer = engine.answer("what does crs stand for")
    text = render_text(answer, engine.messages)
    assert "> 1\\. Cytokine Release Syndrome (CRS):" in text
    check_reply(engine, answer, fixed_lines(engine))


@pytest.mark.parametrize(
    "path", [DATA / "dev.yaml", DATA / "tune-c.yaml", DATA / "redteam-1.yaml"], ids=lambda p: Path(p).name
)
def test_every_reply_line_over_the_dev_set_is_a_quote_or_a_fixed_text(engine, path):
    allowed = fixed_lines(engine)
    for item in load_items(path):
        check_reply(engine, engine.answer(str(item["q"] or "")), allowed)


def test_huge_and_hostile_messages(engine):
    allowed = fixed_lines(engine)
    for message in [
        "a" * 100_000,
        "ivig " * 20_000,
        "\x00" * 1000,
        "".join(chr(c) for c in range(0, 0x3000, 7)),
        "@everyone " * 500 + "how many patients were in the study",
    ]:
        check_reply(engine, engine.answer(message), allowed)


def test_answers_are_the_same_from_many_threads(engine):
    from concurrent.futures import ThreadPoolExecutor

    questions = [str(item["q"] or "") for item in load_items(DATA / "dev.yaml")] * 3
    alone = [engine.answer(q) for q in questions]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(engine.answer, questions))
    assert together == alone
