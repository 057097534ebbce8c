"""One source document and its description: voices, excluded spans, headings, passages, caveats."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.engine.yamlfile import CorpusError, expect_mapping, expect_str, expect_str_list, load_yaml, where

MAX_PASSAGE_CHARS = 500

# A sentence ends at . ! or ? (with any closing quote or bracket) followed by space and a capital,
# a digit or an opening quote. Abbreviations such as "Dr." do not end a sentence.
_SENTENCE_END = re.compile(r"[.!?][”\"’)\]]*(?=\s+[“\"‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "vs", "eg", "ie", "st", "no", "fig", "al", "approx", "ca"})
_BULLET = re.compile(r"^\s*(?:[•▪◦‣*-]|\d+[.)])\s+")


@dataclass(frozen=True)
class Voice:
    """Who is speaking in a part of a document; the label is shown under each quote."""

    id: str
    label: str
    about: str = ""
    # The vocabulary concept naming who speaks ("author"): a question about that person is answered
    # from this voice or from a passage that names them.
    speaker: str = ""


@dataclass(frozen=True)
class Passage:
    """A quotable unit: a sentence, a bullet or a short paragraph, as offsets into its document."""

    id: int
    document: Document
    start: int
    end: int
    voice: Voice
    context: str
    # What the passage refers back to ("Before I did" means starting IVIG), in the document's words.
    refers: str
    explains: frozenset[str]
    # What the passage speaks to without naming it (concept ids): the expert's "Moving to IVIG before
    # the infections start" is his answer to waiting.
    speaks_to: frozenset[str]
    finding: bool
    # A heading quoted only to say what an abbreviation it spells out stands for ("Cytokine Release
    # Syndrome (CRS)"): never matched otherwise.
    spells_only: bool = False

    @property
    def text(self) -> str:
        """The passage exactly as it stands in the document."""
        return self.document.content[self.start : self.end]


@dataclass(frozen=True, eq=False)
class Document:
    """A source document: its text, exactly as in the file, and its description."""

    path: str
    title: str
    provenance: str
    content: str
    subject: frozenset[str]


@dataclass(frozen=True)
class DocumentSpans:
    """The result of reading one document's description, before passages get global ids."""

    document: Document
    # Numbered within the document; the corpus renumbers them across documents.
    passages: list[Passage]
    caveats: list[tuple[list[int], list[int]]]


def _find(content: str, phrase: str, occurrence: int | None, path: Path, owner: object, key: str) -> int:
    """Offset of a verbatim phrase in the document; ambiguous or missing phrases are errors."""
    starts = [m.start() for m in re.finditer(re.escape(phrase), content)]
    if not starts:
        raise CorpusError(f"{where(path, owner, key)}: phrase not found verbatim in the document: {phrase[:80]!r}")
    if occurrence is None:
        if len(starts) > 1:
            raise CorpusError(
                f"{where(path, owner, key)}: phrase occurs {len(starts)} times, add `occurrence`: {phrase[:80]!r}"
            )
        return starts[0]
    if not 1 <= occurrence <= len(starts):
        raise CorpusError(
            f"{where(path, owner, key)}: occurrence {occurrence} but the phrase occurs {len(starts)} times"
        )
    return starts[occurrence - 1]


def _phrase_spans(
    items: object, content: str, path: Path, what: str, extra: tuple[str, ...] = ()
) -> list[tuple[int, int, Any]]:
    """Read a list of {phrase, occurrence?, ...} entries into (start, end, entry) spans."""
    if items is None:
        return []
    if not isinstance(items, list):
        raise CorpusError(f"{path}: {what} must be a list")
    spans = []
    for item in items:
        entry = expect_mapping(item, path, f"an entry of {what}", required=("phrase",), optional=("occurrence", *extra))
        phrase = expect_str(entry["phrase"], path, entry, "phrase")
        start = _find(content, phrase, _occurrence(entry, path), path, entry, "phrase")
        spans.append((start, start + len(phrase), entry))
    return spans


def _occurrence(entry: Any, path: Path) -> int | None:
    """The optional `occurrence` of a phrase entry: a whole number from 1."""
    occurrence = entry.get("occurrence")
    if occurrence is not None and (isinstance(occurrence, bool) or not isinstance(occurrence, int)):
        raise CorpusError(f"{where(path, entry, 'occurrence')}: occurrence must be a whole number")
    return occurrence


def _split_sentences(text: str, base: int) -> list[tuple[int, int]]:
    """Split a paragraph into sentence spans (absolute offsets)."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = re.search(r"(\w+(?:\.\w+)*)\.$", text[: match.start() + 1])
        if before and before.group(1).lower().replace(".", "") in _ABBREVIATIONS:
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    result = []
    for s, e in spans:
        piece = text[s:e]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if trail > lead:
            result.append((base + s + lead, base + s + trail))
    return result


def _cap_length(start: int, end: int, content: str) -> list[tuple[int, int]]:
    """Split an over-long unit at semicolons, then commas, so no passage exceeds the limit."""
    spans = []
    while end - start > MAX_PASSAGE_CHARS:
        for separator in ("; ", ", "):
            cut = content.rfind(separator, start, start + MAX_PASSAGE_CHARS)
            if cut > start:
                spans.append((start, cut + 1))
                start = cut + 2
                break
        else:
            spans.append((start, start + MAX_PASSAGE_CHARS))
            start += MAX_PASSAGE_CHARS
    spans.append((start, end))
    return spans


def _units(content: str, excluded: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotable units of the document: bullets whole, paragraphs by sentence, excluded spans removed."""
    units: list[tuple[int, int]] = []
    offset = 0
    for line in content.split("\n"):
        line_start, line_end = offset, offset + len(line)
        offset = line_end + 1
        bullet = _BULLET.match(line)
        is_bullet = bullet is not None and "•" in bullet.group(0)
        segment_start = line_start + (bullet.end() if is_bullet and bullet else 0)
        # Remove excluded spans from the line, keeping what is left around them.
        pieces = [(segment_start, line_end)]
        for ex_start, ex_end in excluded:
            next_pieces = []
            for s, e in pieces:
                if ex_end <= s or ex_start >= e:
                    next_pieces.append((s, e))
                    continue
                if ex_start > s:
                    next_pieces.append((s, ex_start))
                if ex_end < e:
                    next_pieces.append((ex_end, e))
            pieces = next_pieces
        for s, e in pieces:
            text = content[s:e]
            if not re.search(r"\w", text):
                continue
            spans = [(s, e)] if is_bullet else _split_sentences(text, s)
            for a, b in spans:
                while a < b and content[a].isspace():
                    a += 1
                while b > a and content[b - 1].isspace():
                    b -= 1
                if re.search(r"\w", content[a:b]):
                    units.extend(_cap_length(a, b, content))
    return units


def _containing(units: list[tuple[int, int]], start: int, end: int) -> int | None:
    """Index of the unit that contains [start, end), if one does."""
    for index, (s, e) in enumerate(units):
        if s <= start and end <= e:
            return index
    return None


def _concepts_of_passages(
    desc: Mapping[str, Any], key: str, content: str, path: Path, units: list[tuple[int, int]]
) -> list[set[str]]:
    """For a list of `phrase` + `terms` entries, the concept ids each passage is given."""
    given: list[set[str]] = [set() for _ in units]
    for s, e, entry in _phrase_spans(desc.get(key), content, path, key, extra=("terms",)):
        index = _containing(units, s, e)
        if index is None:
            raise CorpusError(f"{where(path, entry, 'phrase')}: phrase does not lie inside one passage")
        given[index].update(expect_str_list(entry.get("terms"), path, entry, "terms"))
    return given


def load_document(description_path: Path, corpus_name: str) -> DocumentSpans:
    """Read one document description (YAML) and its text; validate every phrase against the text."""
    path = description_path
    raw = load_yaml(path)
    desc = expect_mapping(
        raw,
        path,
        "the document description",
        required=("title", "document", "provenance", "voices", "parts"),
        optional=(
            "speakers",
            "never_quote",
            "headings",
            "references",
            "explains",
            "speaks_to",
            "caveats",
            "subject",
            "findings",
        ),
    )
    file_name = expect_str(desc["document"], path, desc, "document")
    text_path = path.parent / file_name
    if text_path.parent != path.parent or not text_path.is_file():
        raise CorpusError(f"{where(path, desc, 'document')}: document file not found beside it: {file_name!r}")
    try:
        content = text_path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{text_path}: not valid UTF-8 ({exc})") from None
    except OSError as exc:
        raise CorpusError(f"{text_path}: cannot read: {exc.strerror}") from None
    document = Document(
        path=f"{corpus_name}/{file_name}",
        title=expect_str(desc["title"], path, desc, "title").strip(),
        provenance=" ".join(expect_str(desc["provenance"], path, desc, "provenance").split()),
        content=content,
        subject=frozenset(expect_str_list(desc["subject"], path, desc, "subject") if "subject" in desc else ()),
    )

    voices_raw = desc["voices"]
    if not isinstance(voices_raw, dict) or not voices_raw:
        raise CorpusError(f"{where(path, desc, 'voices')}: voices must be a non-empty mapping")
    voices: dict[str, Voice] = {}
    for voice_id, entry in voices_raw.items():
        checked = expect_mapping(
            entry, path, f"voice {voice_id!r}", required=("label",), optional=("about", "speaker")
        )
        label = " ".join(expect_str(checked["label"], path, checked, "label").split())
        about = expect_str(checked["about"], path, checked, "about") if "about" in checked else ""
        speaker = expect_str(checked["speaker"], path, checked, "speaker").strip() if "speaker" in checked else ""
        voices[str(voice_id)] = Voice(str(voice_id), label, " ".join(about.split()), speaker)

    def voice_of(entry: Any) -> Voice:
        name = entry.get("voice")
        if name not in voices:
            raise CorpusError(f"{where(path, entry, 'voice')}: unknown voice {name!r} (known: {', '.join(voices)})")
        return voices[name]

    parts_raw = desc["parts"]
    if not isinstance(parts_raw, list) or not parts_raw:
        raise CorpusError(f"{where(path, desc, 'parts')}: parts must be a non-empty list")
    parts = []
    for item in parts_raw:
        entry = expect_mapping(item, path, "a part", required=("starts_at", "voice"), optional=("occurrence",))
        phrase = expect_str(entry["starts_at"], path, entry, "starts_at")
        parts.append((_find(content, phrase, _occurrence(entry, path), path, entry, "starts_at"), voice_of(entry)))
    if [p[0] for p in parts] != sorted(p[0] for p in parts):
        raise CorpusError(f"{where(path, desc, 'parts')}: parts must be listed in document order")

    never = _phrase_spans(desc.get("never_quote"), content, path, "never_quote")
    headings = _phrase_spans(desc.get("headings"), content, path, "headings", extra=("until", "quotable"))
    excluded = sorted([(s, e) for s, e, _ in never] + [(s, e) for s, e, _ in headings])
    for (s1, e1), (s2, e2) in itertools.pairwise(excluded):
        if s2 < e1:
            raise CorpusError(
                f"{path}: never_quote/headings spans overlap: {content[s1:e1][:50]!r} and {content[s2:e2][:50]!r}"
            )
    units = _units(content, excluded)
    if not units:
        raise CorpusError(f"{path}: the document has no quotable passage")
    first_part = parts[0][0]
    for s, e in units:
        if s < first_part:
            raise CorpusError(
                f"{where(path, desc, 'parts')}: text before the first part has no voice: {content[s:e][:60]!r}"
            )

    unit_voice = []
    for s, _e in units:
        voice = parts[0][1]
        for part_start, part_voice in parts:
            if part_start <= s:
                voice = part_voice
        unit_voice.append(voice)
    for s, e, entry in _phrase_spans(desc.get("speakers"), content, path, "speakers", extra=("voice",)):
        index = _containing(units, s, e)
        if index is None:
            raise CorpusError(f"{where(path, entry, 'phrase')}: speaker phrase does not lie inside one passage")
        unit_voice[index] = voice_of(entry)

    # Headings give context to the passages after them, up to the next heading or their `until`.
    unit_context = ["" for _ in units]
    heading_spans = sorted(headings, key=lambda h: h[0])
    for number, (s, e, entry) in enumerate(heading_spans):
        scope_end = heading_spans[number + 1][0] if number + 1 < len(heading_spans) else len(content)
        until = entry.get("until")
        if until is not None:
            scope_end = _find(content, expect_str(until, path, entry, "until"), None, path, entry, "until")
            if scope_end < e:
                raise CorpusError(f"{where(path, entry, 'until')}: `until` comes before its heading")
        heading_text = " ".join(content[s:e].split())
        for index, (us, _ue) in enumerate(units):
            if e <= us < scope_end:
                unit_context[index] = f"{unit_context[index]} {heading_text}".strip()

    # A passage that refers back ("Before I did, …") is read with what it refers to: the words of
    # `means`, a phrase of the document.
    unit_refers = ["" for _ in units]
    for s, e, entry in _phrase_spans(desc.get("references"), content, path, "references", extra=("means",)):
        index = _containing(units, s, e)
        if index is None:
            raise CorpusError(f"{where(path, entry, 'phrase')}: phrase does not lie inside one passage")
        meant = expect_str(entry.get("means"), path, entry, "means")
        start = _find(content, meant, None, path, entry, "means")
        if units[index][0] <= start < units[index][1]:
            raise CorpusError(f"{where(path, entry, 'means')}: a passage cannot refer to its own words")
        unit_refers[index] = f"{unit_refers[index]} {' '.join(meant.split())}".strip()

    unit_explains = _concepts_of_passages(desc, "explains", content, path, units)

    unit_speaks_to = _concepts_of_passages(desc, "speaks_to", content, path, units)

    caveats = []
    caveats_raw = desc.get("caveats") or []
    if not isinstance(caveats_raw, list):
        raise CorpusError(f"{where(path, desc, 'caveats')}: caveats must be a list")
    for item in caveats_raw:
        entry = expect_mapping(item, path, "a caveat", required=("limitations", "claims"))
        groups = []
        for key in ("limitations", "claims"):
            indices = []
            for phrase in expect_str_list(entry[key], path, entry, key):
                s = _find(content, phrase, None, path, entry, key)
                index = _containing(units, s, s + len(phrase))
                if index is None:
                    raise CorpusError(
                        f"{where(path, entry, key)}: phrase does not lie inside one passage: {phrase[:60]!r}"
                    )
                indices.append(index)
            groups.append(indices)
        caveats.append((groups[0], groups[1]))

    findings = set()
    for s, e, entry in _phrase_spans(desc.get("findings"), content, path, "findings"):
        index = _containing(units, s, e)
        if index is None:
            raise CorpusError(f"{where(path, entry, 'phrase')}: phrase does not lie inside one passage")
        findings.add(index)

    passages = [
        Passage(
            id=i,
            document=document,
            start=s,
            end=e,
            voice=unit_voice[i],
            context=unit_context[i],
            refers=unit_refers[i],
            explains=frozenset(unit_explains[i]),
            speaks_to=frozenset(unit_speaks_to[i]),
            finding=i in findings,
        )
        for i, (s, e) in enumerate(units)
    ]
    # A heading marked `quotable` is also a passage of its own, quoted only to spell out an abbreviation.
    for s, e, entry in headings:
        quotable = entry.get("quotable", False)
        if not isinstance(quotable, bool):
            raise CorpusError(f"{where(path, entry, 'quotable')}: quotable must be true or false")
        if not quotable:
            continue
        voice = parts[0][1]
        for part_start, part_voice in parts:
            if part_start <= s:
                voice = part_voice
        passages.append(
            Passage(
                id=len(passages),
                document=document,
                start=s,
                end=e,
                voice=voice,
                context="",
                refers="",
                explains=frozenset(),
                speaks_to=frozenset(),
                finding=False,
                spells_only=True,
            )
        )
    return DocumentSpans(document=document, passages=passages, caveats=caveats)
