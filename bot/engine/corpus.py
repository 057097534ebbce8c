"""Load and validate the whole corpus directory; refuse to start with half a corpus."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from bot.engine.document import Document, Passage, load_document
from bot.engine.messages import Messages, load_messages
from bot.engine.patterncache import PatternCache
from bot.engine.safety import SafetyRules, load_safety
from bot.engine.vocabulary import Vocabulary, load_vocabulary
from bot.engine.yamlfile import CorpusError, load_yaml

MESSAGES_FILE = "messages.yaml"
VOCABULARY_FILE = "vocabulary.yaml"
SAFETY_FILE = "safety.yaml"
_SHARED_FILES = {MESSAGES_FILE, VOCABULARY_FILE, SAFETY_FILE}


@dataclass(frozen=True)
class Corpus:
    """Documents split into passages, plus every fixed text and rule the bot uses."""

    documents: tuple[Document, ...]
    passages: tuple[Passage, ...]
    caveats: dict[int, tuple[int, ...]]
    messages: Messages
    vocabulary: Vocabulary
    safety: SafetyRules


def load_corpus(directory: Path, cache_dir: Path | None = None) -> Corpus:
    """Read every file of the corpus directory, validate all of it, and return the Corpus.

    Each document is a text file with a YAML description beside it (any *.yaml other than the
    shared messages, vocabulary and safety files). Raises CorpusError on the first problem.
    With `cache_dir`, what start-up learns about the patterns is kept there for the next start
    (see `patterncache`).
    """
    if not directory.is_dir():
        raise CorpusError(f"{directory}: corpus directory not found")
    cache = PatternCache(cache_dir)
    messages = load_messages(directory / MESSAGES_FILE, load_yaml(directory / MESSAGES_FILE))
    vocabulary = load_vocabulary(directory / VOCABULARY_FILE, load_yaml(directory / VOCABULARY_FILE), cache)
    safety = load_safety(directory / SAFETY_FILE, load_yaml(directory / SAFETY_FILE), cache)

    descriptions = sorted(
        p for p in [*directory.glob("*.yaml"), *directory.glob("*.yml")] if p.name not in _SHARED_FILES
    )
    if not descriptions:
        raise CorpusError(f"{directory}: no document description (*.yaml) found")
    documents: list[Document] = []
    passages: list[Passage] = []
    caveats: dict[int, list[int]] = {}
    described: set[str] = set()
    known_concepts = {c for concepts in vocabulary.phrases.values() for c in concepts}
    for description in descriptions:
        spans = load_document(description, directory.name)
        document = spans.document
        if Path(document.path).name in described:
            raise CorpusError(f"{description}: {Path(document.path).name} is already described by another file")
        described.add(Path(document.path).name)
        documents.append(document)
        first_id = len(passages)
        for speaker in sorted({passage.voice.speaker for passage in spans.passages} - known_concepts - {""}):
            raise CorpusError(f"{description}: a voice's `speaker` {speaker!r} is not a concept in {VOCABULARY_FILE}")
        passages.extend(replace(passage, id=first_id + passage.id) for passage in spans.passages)
        named = {t for p in passages[first_id:] for t in p.explains | p.speaks_to} | set(document.subject)
        for term in sorted(named - known_concepts):
            raise CorpusError(
                f"{description}: `explains`, `speaks_to` or `subject` names {term!r}, which is not a concept in "
                f"{VOCABULARY_FILE}"
            )
        for limitation_units, claim_units in spans.caveats:
            for claim in claim_units:
                listed = caveats.setdefault(first_id + claim, [])
                listed.extend(first_id + u for u in limitation_units if first_id + u not in listed)
    for text_file in sorted(directory.glob("*.txt")):
        if text_file.name not in described:
            raise CorpusError(f"{text_file}: document has no description (add a .yaml beside it naming it)")
    cache.save()
    return Corpus(
        documents=tuple(documents),
        passages=tuple(passages),
        caveats={claim: tuple(limits) for claim, limits in caveats.items()},
        messages=messages,
        vocabulary=vocabulary,
        safety=safety,
    )
