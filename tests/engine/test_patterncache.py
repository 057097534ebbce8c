"""What one start learns about the patterns, kept for the next: same answers, same refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bot import DEFAULT_CORPUS
from bot.engine import CorpusError, Engine, load_corpus
from tests.conftest import DATA


def _cache_file(directory: Path) -> Path:
    (found,) = directory.glob("patterns-*.json")
    return found


def _dev_questions() -> list[str]:
    return [item["q"] for item in yaml.safe_load((DATA / "dev.yaml").read_text(encoding="utf-8"))]


def _shape(engine: Engine, question: str) -> tuple[object, ...]:
    answer = engine.answer(question)
    excerpts = [(e.start, e.score) for e in answer.excerpts]
    return answer.urgency, answer.advice, excerpts, [c.start for c in answer.caveats]


def test_a_second_start_reads_the_record_and_answers_the_same(engine, tmp_path):
    first = Engine.from_directory(DEFAULT_CORPUS, tmp_path)
    record = _cache_file(tmp_path)
    written = record.read_bytes()
    second = Engine.from_directory(DEFAULT_CORPUS, tmp_path)
    # Nothing new was learnt, so nothing was written; and the patterns were not compiled at start-up.
    assert record.read_bytes() == written
    assert all(f.asked._regex is None for f in second.corpus.vocabulary.facets)
    for question in _dev_questions():
        assert _shape(second, question) == _shape(engine, question) == _shape(first, question), question


def test_a_started_from_the_cache_engine_gives_the_same_urgency_on_the_red_team_sets(engine, tmp_path):
    Engine.from_directory(DEFAULT_CORPUS, tmp_path)
    warm = Engine.from_directory(DEFAULT_CORPUS, tmp_path)
    messages = [item["q"] for path in sorted(DATA.glob("urgent-*.yaml"))
                for item in yaml.safe_load(path.read_text(encoding="utf-8"))]
    assert len(messages) > 2000
    assert [warm.answer(m).urgency for m in messages] == [engine.answer(m).urgency for m in messages]


def test_answering_writes_nothing(tmp_path):
    engine = Engine.from_directory(DEFAULT_CORPUS, tmp_path)
    before = _cache_file(tmp_path).read_bytes()
    engine.answer("my wife zqxjv has a fever of 39 on tec, what do we do")
    assert _cache_file(tmp_path).read_bytes() == before
    assert b"zqxjv" not in before


def test_a_damaged_record_is_ignored_and_written_again(tmp_path):
    Engine.from_directory(DEFAULT_CORPUS, tmp_path)
    record = _cache_file(tmp_path)
    record.write_text('{"0:\\\\bdose\\\\b": [[], [], []], "broken', encoding="utf-8")
    engine = Engine.from_directory(DEFAULT_CORPUS, tmp_path)
    assert engine.answer("whats crs").excerpts
    assert isinstance(json.loads(record.read_text(encoding="utf-8")), dict)


def test_the_cache_folder_is_created_for_its_owner_only(tmp_path):
    Engine.from_directory(DEFAULT_CORPUS, tmp_path / "new")
    assert (tmp_path / "new").stat().st_mode & 0o077 == 0
    assert _cache_file(tmp_path / "new").stat().st_mode & 0o077 == 0


def test_a_record_with_no_needles_at_all_is_not_trusted(tmp_path):
    Engine.from_directory(DEFAULT_CORPUS, tmp_path)
    record = _cache_file(tmp_path)
    data = json.loads(record.read_text(encoding="utf-8"))
    # Needles that no text has, for every pattern: the urgent notice would never be given.
    record.write_text(json.dumps({key: [[], [], value[2]] for key, value in data.items()}), encoding="utf-8")
    engine = Engine.from_directory(DEFAULT_CORPUS, tmp_path)
    assert engine.answer("my husband cant breathe after his tec shot").urgency.value == "medical"


def _add_pattern(corpus: Path, after: str, line: str) -> None:
    """Add a line to the corpus's vocabulary.yaml after the first line `after`."""
    vocabulary = corpus / "vocabulary.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    assert after in text
    vocabulary.write_text(text.replace(after, after + line, 1), encoding="utf-8")


def test_a_changed_pattern_is_still_checked_at_start_up(corpus_copy, tmp_path):
    load_corpus(corpus_copy, tmp_path)
    _add_pattern(corpus_copy, "definition:\n", "  - '^(?P<term>broken'\n")
    with pytest.raises(CorpusError, match=r"vocabulary\.yaml.*invalid pattern"):
        load_corpus(corpus_copy, tmp_path)


def test_patterns_that_are_only_valid_joined_are_refused(corpus_copy, tmp_path):
    # Joined into one alternation, "fever" and "chills)|(?:x" make a valid pattern; the second alone is not.
    load_corpus(corpus_copy, tmp_path)
    _add_pattern(corpus_copy, "    asked:\n", "      - 'chills)|(?:x'\n")
    for cache_dir in (tmp_path, None):
        with pytest.raises(CorpusError, match=r"vocabulary\.yaml.*invalid pattern"):
            load_corpus(corpus_copy, cache_dir)


def test_a_deeply_nested_file_is_ignored(tmp_path):
    Engine.from_directory(DEFAULT_CORPUS, tmp_path)
    _cache_file(tmp_path).write_text("[" * 200_000, encoding="utf-8")
    assert Engine.from_directory(DEFAULT_CORPUS, tmp_path).answer("whats crs").excerpts


def test_a_file_others_can_write_is_not_read(tmp_path):
    Engine.from_directory(DEFAULT_CORPUS, tmp_path)
    record = _cache_file(tmp_path)
    data = json.loads(record.read_text(encoding="utf-8"))
    # A planted file: plausible needles that no message has.
    record.write_text(json.dumps({key: [["zzzqq"], [], value[2]] for key, value in data.items()}), encoding="utf-8")
    tmp_path.chmod(0o777)
    engine = Engine.from_directory(DEFAULT_CORPUS, tmp_path)
    assert engine.answer("my husband cant breathe after his tec shot").urgency.value == "medical"


def test_a_cache_directory_that_cannot_be_written_is_not_an_error(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory", encoding="utf-8")
    engine = Engine.from_directory(DEFAULT_CORPUS, blocked / "cache")
    assert engine.answer("whats crs").excerpts
