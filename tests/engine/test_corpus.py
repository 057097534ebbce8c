"""The corpus loader: the shipped corpus is valid, and every kind of mistake is refused clearly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot import DEFAULT_CORPUS
from bot.engine import CorpusError, Engine, load_corpus
from tests.conftest import DATA

DOC_YAML = "ivig-prophylaxis-in-myeloma.yaml"
DOC_TXT = "ivig-prophylaxis-in-myeloma.txt"


def test_shipped_document_is_byte_identical_to_its_source_copy():
    # The excerpts are slices of this file; it must be the exact bytes of the article.
    data = (DEFAULT_CORPUS / DOC_TXT).read_bytes()
    assert data.startswith(b"Recently Diagnosed or Relapsed?")
    assert data.endswith(b"Leave a Comment:")
    assert len(data.decode("utf-8")) == 8516


def test_every_passage_is_an_exact_short_slice():
    corpus = load_corpus(DEFAULT_CORPUS)
    assert len(corpus.passages) > 30
    for passage in corpus.passages:
        assert passage.document.content[passage.start : passage.end] == passage.text
        assert 0 < len(passage.text) <= 500
        assert passage.text == passage.text.strip()


@pytest.mark.parametrize(
    "promotion",
    [
        "Stop Looking For a Miracle Cure",
        "25 years in remission",
        "Click the orange button",
        "Email me at",
        "Thank you,",
        "Share Button",
        "Leave a Comment:",
        "IVIG prophylaxis in myeloma IVIG prophylaxis in myeloma",
        "Director PeopleBeatingCancer",
    ],
)
def test_promotion_and_page_residue_are_never_passages(promotion):
    corpus = load_corpus(DEFAULT_CORPUS)
    assert not [p for p in corpus.passages if promotion in p.text]


def test_voices_follow_the_speaker():
    corpus = load_corpus(DEFAULT_CORPUS)

    def voice(start: str) -> str:
        (passage,) = [p for p in corpus.passages if p.text.startswith(start)]
        return passage.voice.id

    assert voice("IVIG stands for intravenous immunoglobulin") == "blog"
    assert voice("Among 225 consecutive patients") == "news"
    assert voice("“Our institutional practice is to start") == "investigator"
    assert voice("“Moving to IVIG before the infections start") == "independent"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _error(directory: Path) -> str:
    with pytest.raises(CorpusError) as raised:
        load_corpus(directory)
    return str(raised.value)


def test_yaml_syntax_error_names_file_and_line(corpus_copy):
    _edit(corpus_copy / DOC_YAML, "voices:\n", "voices:\n  - [unclosed\n")
    message = _error(corpus_copy)
    assert DOC_YAML in message and "line" in message and "syntax" in message


def test_unknown_key_is_refused(corpus_copy):
    _edit(corpus_copy / DOC_YAML, "title:", "colour: blue\ntitle:")
    message = _error(corpus_copy)
    assert "unknown key 'colour'" in message and DOC_YAML in message and "line " in message


def test_missing_required_key_is_refused(corpus_copy):
    _edit(corpus_copy / "messages.yaml", "not_found:", "not_found_typo:")
    message = _error(corpus_copy)
    assert "messages.yaml" in message and "not_found_typo" in message


def test_phrase_not_in_document_is_refused(corpus_copy):
    _edit(corpus_copy / DOC_YAML, '"Share Button"', '"Share This Button"')
    message = _error(corpus_copy)
    assert "not found verbatim" in message and DOC_YAML in message and "line" in message


def test_ambiguous_phrase_is_refused(corpus_copy):
    _edit(corpus_copy / DOC_YAML, '- phrase: "Share Button"', '- phrase: "IVIG prophylaxis"')
    assert "occurs" in _error(corpus_copy)


def test_overlapping_spans_are_refused(corpus_copy):
    _edit(corpus_copy / DOC_YAML, '- phrase: "Thank you,"', '- phrase: "Thank you,\\n\\nDavid"')
    assert "overlap" in _error(corpus_copy)


def test_placeholder_typo_in_messages_is_refused(corpus_copy):
    _edit(corpus_copy / "messages.yaml", '"— {label}"', '"— {lable}"')
    assert "lable" in _error(corpus_copy)


@pytest.mark.parametrize(
    ("file", "old", "new", "named"),
    [
        # A pattern that does not compile, wherever it is.
        ("safety.yaml", "crisis:\n  - '", "crisis:\n  - '(unclosed", ["invalid pattern"]),
        ("vocabulary.yaml", "rewrites:\n", "rewrites:\n  '(unclosed': 'x'\n", ["invalid pattern"]),
        # A pattern without the group the engine reads from it.
        ("vocabulary.yaml", "naming:\n  - '", "naming:\n  - 'the (study|trial)'\n  - '", ["(?P<name>"]),
        # "menos" is a term of a concept: ignoring it as a Spanish function word would silently drop it.
        ("vocabulary.yaml", "  spanish: >-\n", "  spanish: >-\n    menos\n", ["menos"]),
        # A description naming a concept the vocabulary does not have.
        (DOC_YAML, 'speaker: "author"', 'speaker: "the blogger"', ["the blogger"]),
        (DOC_YAML, "terms: [late]", "terms: [waiting]", ["speaks_to", "waiting", "vocabulary.yaml"]),
        # Words read as written are a list of words, not a mapping.
        (
            "vocabulary.yaml",
            "distinct: >-\n  majority majorities",
            "distinct: [majority]\n# majorities",
            ["'distinct'"],
        ),
    ],
)
def test_a_bad_pattern_or_concept_is_refused_naming_the_file(corpus_copy, file, old, new, named):
    _edit(corpus_copy / file, old, new)
    message = _error(corpus_copy)
    assert all(part in message for part in [file, *named]), message


def test_text_file_without_description_is_refused(corpus_copy):
    (corpus_copy / "orphan.txt").write_text("An orphan document.", encoding="utf-8")
    assert "orphan.txt" in _error(corpus_copy)


def test_document_edited_after_description_is_refused(corpus_copy):
    # A changed source text must not quietly shift quotes: its described phrases no longer match.
    _edit(corpus_copy / DOC_TXT, "Share Button", "Share")
    assert "not found verbatim" in _error(corpus_copy)


def test_cli_refuses_to_start_with_one_clear_line(corpus_copy, capsys):
    from bot.__main__ import main

    _edit(corpus_copy / DOC_YAML, "title:", "colour: blue\ntitle:")
    assert main(["--corpus", str(corpus_copy), "ask", "hello"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "colour" in err[0] and "Traceback" not in err[0]


def test_second_document_is_added_by_adding_files(corpus_copy):
    for path in (DATA / "second-document").iterdir():
        shutil.copy(path, corpus_copy / path.name)
    engine = Engine.from_directory(corpus_copy)
    assert len(engine.corpus.documents) == 2

    vitamin = engine.answer("how many patients took a vitamin D supplement during treatment")
    assert vitamin.answered
    assert vitamin.excerpts[0].document == "corpus/tiny-vitamin-d-note.txt"
    assert "48 of 120 patients" in vitamin.excerpts[0].text

    ivig = engine.answer("how many patients were in the ivig study")
    assert ivig.answered and ivig.excerpts[0].document == "corpus/ivig-prophylaxis-in-myeloma.txt"
    for excerpt in (*vitamin.excerpts, *ivig.excerpts):
        content = (corpus_copy / Path(excerpt.document).name).read_text(encoding="utf-8")
        assert content[excerpt.start : excerpt.end] == excerpt.text
    # The second document's residue is never quoted either.
    assert not engine.answer("share button").answered


def test_a_key_given_twice_is_refused(corpus_copy):
    _edit(corpus_copy / "messages.yaml", "not_found:", "notice: a second notice\nnot_found:")
    message = _error(corpus_copy)
    assert "messages.yaml" in message and "twice" in message and "line" in message


def test_a_document_described_twice_is_refused(corpus_copy):
    shutil.copy(corpus_copy / DOC_YAML, corpus_copy / "copy-of-the-description.yaml")
    assert "already described" in _error(corpus_copy)


def test_a_flag_that_is_not_true_or_false_is_refused(corpus_copy):
    _edit(corpus_copy / "vocabulary.yaml", "    strict: true\n", '    strict: "false"\n')
    assert "true or false" in _error(corpus_copy)


def test_a_quotable_heading_flag_that_is_not_true_or_false_is_refused(corpus_copy):
    _edit(corpus_copy / DOC_YAML, "    quotable: true\n", '    quotable: "yes"\n')
    assert "quotable must be true or false" in _error(corpus_copy)


def test_a_quotable_heading_is_quoted_only_to_spell_its_abbreviation_out(engine):
    # The one place the article spells CRS out is a heading: quoted for what CRS stands for, never otherwise.
    assert engine.answer("whats crs short for?").excerpts[0].text == "1. Cytokine Release Syndrome (CRS):"
    for question in ("what is crs", "tell me about cytokine release syndrome", "crs symptoms?"):
        assert all("Cytokine Release Syndrome (CRS)" not in e.text for e in engine.answer(question).excerpts)


def test_attribution_must_name_the_speaker(corpus_copy):
    _edit(corpus_copy / "messages.yaml", '"— {label}"', '"—"')
    assert "label" in _error(corpus_copy)


def test_a_reference_must_point_at_words_of_the_document_outside_its_passage(corpus_copy):
    meant = 'means: "started providing routine IVIG"'
    _edit(corpus_copy / DOC_YAML, meant, 'means: "started providing daily IVIG"')
    assert "not found verbatim" in _error(corpus_copy)
    _edit(corpus_copy / DOC_YAML, 'means: "started providing daily IVIG"', 'means: "my patients would often"')
    assert "its own words" in _error(corpus_copy)


def test_what_a_passage_refers_to_is_never_quoted_with_it(engine):
    (passage,) = [p for p in engine.corpus.passages if p.text.startswith("“Before I did")]
    assert passage.refers == "started providing routine IVIG"
    assert "routine" not in passage.text
