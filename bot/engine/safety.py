"""Safety classification of a message: emergency, crisis, personal advice (patterns from safety.yaml)."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.engine.patterncache import PatternCache
from bot.engine.prefilter import Pattern, Patterns, words_in
from bot.engine.text import strip_accents
from bot.engine.yamlfile import CorpusError, compile_patterns, expect_mapping, expect_str_list, where


class Urgency(enum.Enum):
    """What kind of urgent notice a reply opens with."""

    NONE = "none"
    MEDICAL = "medical"
    CRISIS = "crisis"


# A message that asks something, rather than telling what is happening.
_QUESTION = re.compile(
    r"[?¿]|(?:^|[,:;.!] ?)(what|which|how|why|when|where|who|can|could|does|do|did|is|are|will|would|should)\b(?!')"
)

# How many different indirect signs make a crisis, and the kind of sign that counts once at most.
CRISIS_SIGNS = 2
VENTING_KIND = "burden"

_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
# A clause that says something else is over ("my mom is fine now", "the rash went away", "everything is
# fine with the insurance") does not end the episode told before it.
_OTHER_SUBJECT = re.compile(
    r"\W*(?:(?:and|but|so|though|also)\s+)*(?:(?:my|our|your|his|her|their)\s+(?!(?:bp|blood pressure|temp|"
    r"temperature|fever|breathing|sats|oxygen)\b)\w+|the|a|an|everything|everyone|everybody|all good with"
    r"|no\s+(?!longer\b|problems?\b|issues?\b|symptoms?\b|trouble\b|probs?\b)\w+)\b"
    r"|.*\b(?:myself|otherwise|other than that)\b"
)
# What follows "is", "has", "keeps" when it tells a worry or a question about a symptom, not the symptom:
# "she is worried about getting a fever", "dad keeps asking if a fever means CRS", "mom has a question".
_NOT_A_STATE = (
    r"(?!\s+(?:so\s+|really\s+|very\s+|just\s+)?(?:worried|scared|afraid|terrified|anxious|nervous|wondering"
    r"|asking|reading|curious|planning|hoping|convinced|a\s+question|questions|worrying|googling|researching)\b)"
)
# A sentence that tells of someone now: a person and a present verb ("he can't", "my wife has").
_TELLS_NOW = re.compile(
    r"\b(?:i|he|she|they|we)\s+(?:can'?t|cannot|is|are|am|has(?! had| been| to)|have(?! had| been| to)|won'?t"
    rf"|feel|feels)\b{_NOT_A_STATE}"
    rf"|\b(?:i|he|she|they|we)\s+keeps?{_NOT_A_STATE}\s+\w+ing\b"
    r"|\b(?:i'm|im|he's|hes|she's|shes|they're)\s+(?:having|getting|got|feeling|shaking|bleeding|burning|vomiting|"
    r"coughing|sweating|still|not|so|really|very|super)\b"
    rf"|\bmy\s+\w+\s+(?:is|has|can'?t|won'?t|keeps|feels)\b{_NOT_A_STATE}"
    # A state or a reading told of someone: "he's confused", "dad's temp is 39.2".
    r"|\b(?:i'm|im|he's|hes|she's|shes|they're)\s+(?:confused|dizzy|feverish|faint|lightheaded|breathless"
    r"|disoriented|delirious|unresponsive|burning up|hot|shivering|shaky|freezing|jerking|twitching|wheezing|gasping"
    r"|struggling|pale|grey|gray|flushed|clammy|sweaty|lying|been)\b"
    r"|\b\w+'s\s+(?:temp|temperature|fever|bp|blood pressure|pulse|heart rate|oxygen|sats?)\s+(?:is|just|hit|reads)\b"
)
# Someone named by who they are to the writer, without "my", in a present state: "mom has a fever after her
# shot yesterday" is now, though "yesterday" is said. Not one getting over it ("dad is home after a fever").
_FAMILY_NOW = re.compile(
    r"\b(?:mom|mum|mother|dad|father|husband|hubby|wife|partner|son|daughter|brother|sister|grandma|grandpa"
    r"|grandmother|grandfather)\s+(?:is|has(?! had| been| to)|can'?t|cannot|won'?t|keeps|feels)\b"
    rf"{_NOT_A_STATE}(?!\s+(?:gotten\s+over|got\s+over|over|recover\w*|home|back|better|fine|ok|okay|well|improving)\b)"
)
# A supposition opening the clause about that person: "what do we do if mom has a fever", "in case our dad has".
# Not doubt about now ("not sure whether he is breathing"), nor an opinion ("i'd say he is confused").
_SUPPOSED = re.compile(
    r"\b(?:if|in case|whenever|once|every time|unless|let'?s say|(?<!'d )(?<!would )(?<!i )say|suppose|supposing"
    r"|what if|when|before|until|till)\s+(?:\w+\s+)?$"
)


def _tells_now(pattern: re.Pattern[str], text: str) -> bool:
    """Whether the text tells of someone now (`pattern`), outside a supposition about them.

    "My husband has a fever" tells; "what if my husband has a fever" and "hypothetically, mom has a fever"
    suppose.
    """
    if "hypothetical" in text:
        return False
    return any(not _SUPPOSED.search(text[: found.start()]) for found in pattern.finditer(text))


# A reading or a "right now" told in a clause ("…, he's at 39.5", "thermometer says 101.8", "bp 80/50", "sats 88",
# "…, she's struggling right now").
_READING = re.compile(
    r"\b(?:3[89]|4[01])[.,]\d\b|\b10[0-5][.,]\d\b"
    r"|\b(?:at|is|hit|hits|of|reads|read|reading|says|said|shows|showing|showed|was|'s)"
    r" (?:3[89]|4[01]|10[0-5])(?:[.,]\d)?\b"
    r"|\b[4-9]\d ?(?:/|over) ?\d{2,3}\b|\bsats?\b[^.?!]{0,25}\b[6-9]\d\b"
)
_RIGHT_NOW = re.compile(r"\b(?:right now|at the moment|as we speak|as i type)\b")
# A clause that asks ("is that CRS?", "what do we do"), not one that only starts with a verb after "and" ("…
# and is shivering").
_ASKING = re.compile(
    r"[?¿]|^\W*(?:what|which|how|why|when|where|who)\b"
    r"|^\W*(?:is|are|was|does|do|did|can|could|should|will|would) (?:it|that|this|they|i|we|he|she|you|there)\b"
)
# A clause about someone: "he's…", "she looks…", "my husband is…", "dad won't…".
_SOMEONE = re.compile(
    r"\W*(?:(?:and|but|so|now|also)\s+)?(?:he|she|they|i|we|he's|she's|they're|i'm|im|hes|shes"
    r"|(?:my|our|his|her)\s+\w+|mom|mum|dad|husband|hubby|wife|partner|son|daughter|grandma|grandpa)\b(?!\s+(?:said|says|asked|asks|thinks|thought|told|wants|wanted)\b)"
)
# How plainly a clause tells of someone now (see SafetyRules._telling).
_NOT_TOLD, _TOLD, _TOLD_PLAINLY = 0, 1, 2
# A clause that supposes rather than tells ("in case my dad has…", "every time he gets a fever…").
_SUPPOSING = re.compile(
    r"\b(?:if|in case|whenever|suppose|supposing|let'?s say|hypothetical\w*|every time|unless)\b"
)


# Clauses: "so" joins clauses only before a subject ("so now they premedicate"), not as "so bad".
_CLAUSE = re.compile(
    r"\s*,\s*|\s+(?:and|but|while|although|though)\s+|\s+so\s+(?=(?:i|we|he|she|they|now|then|it|my|his|her)\b)"
)


_Tree = dict[str, "_Tree"]


def phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    """One pattern for many plain phrases, as whole words, apostrophes optional.

    The phrases are folded into a tree of shared beginnings, so a message is scanned once rather than
    once per phrase.
    """
    tree: _Tree = {}
    for phrase in phrases:
        node = tree
        for char in " ".join(phrase.lower().replace("’", "'").split()):
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: _Tree) -> str:
        branches = []
        for char, child in sorted(node.items()):
            if char == "":
                continue
            head = "'?" if char == "'" else re.escape(char)
            branches.append(head + build(child))
        body = "|".join(branches)
        if not branches:
            return ""
        group = f"(?:{body})" if len(branches) > 1 else body
        return f"(?:{group})?" if "" in node else group

    return re.compile(rf"\b{build(tree)}\b")  # the phrases and the messages are lower case


def _without(patterns: Patterns, text: str) -> str:
    return patterns.substitute(text, [" "] * len(patterns))


def _words(text: str, seen: dict[str, frozenset[str]]) -> frozenset[str]:
    """The words of a text; `seen` keeps each text's words while one message is read."""
    text_words = seen.get(text)
    if text_words is None:
        text_words = seen[text] = words_in(text)
    return text_words


def _any(patterns: Patterns, text: str, seen: dict[str, frozenset[str]]) -> bool:
    return patterns.any(text, _words(text, seen))


@dataclass(frozen=True)
class SafetyRules:
    """Compiled safety patterns."""

    symptoms: Patterns
    present: Patterns
    not_present: Patterns
    asked_about: Patterns
    overrides_past: Patterns
    returns: Patterns
    general: Patterns
    resolved: Patterns
    crisis: Patterns
    crisis_idioms: Patterns
    crisis_phrases: re.Pattern[str]
    crisis_signs: tuple[Pattern, ...]
    crisis_sign_kinds: tuple[str, ...]
    advice: Patterns

    def urgency(self, cleaned: str, correct: Callable[[str], str] = str) -> Urgency:
        """Classify a cleaned (lower-case) message: crisis, emergency, or neither.

        The message is read as written and with typos corrected (`correct`, applied clause by clause so
        both readings keep the message's shape: "fevr" and "chils" count). A symptom alone is not an
        emergency: the message must be about someone's present situation ("I", "my wife", "right now"),
        or state a symptom without asking about it ("fever 39.2 on tec"). General questions and past
        episodes are not, unless the message says it is happening again now; an episode that is over
        ("it's fine now") never is.
        """
        readings = tuple(dict.fromkeys((cleaned, correct(cleaned))))  # one reading when nothing was corrected
        plain = [_without(self.crisis_idioms, text) for text in readings]
        seen: dict[str, frozenset[str]] = {}
        if any(_any(self.crisis, text, seen) or self.crisis_phrases.search(text) for text in plain):
            return Urgency.CRISIS
        # Told indirectly: two different signs (a plan and the means, a burden and a goodbye).
        # Each different sign counts, but hopelessness only once ("what's the point… no point" is one):
        # alone it is everyday venting.
        # Patterns of one kind that match overlapping words ("took a bunch of her pills at once") are
        # one sign, however many patterns could find it: each kind is scanned as one alternation.
        signs: set[str] = set()
        for name, kind in zip(self.crisis_sign_kinds, self.crisis_signs, strict=True):
            # The same words read as written and as corrected ("rangé", "range") are one sign.
            found = {strip_accents(m.group()) for text in plain for m in kind.finditer(text, _words(text, seen))}
            found.discard("")
            signs |= {name} if name == VENTING_KIND and found else found
        if len(signs) >= CRISIS_SIGNS:
            return Urgency.CRISIS
        # The cheap tests first: a question about no one now, or a message naming no symptom, is not one.
        if not any(_any(self.present, text, seen) or not _QUESTION.search(text) for text in readings):
            return Urgency.NONE
        if not any(_any(self.symptoms, text, seen) for text in readings):
            return Urgency.NONE
        sentences = [[(c, correct(c)) for c in _CLAUSE.split(s)] for s in _SENTENCE.split(cleaned)]
        return Urgency.MEDICAL if self._emergency(sentences, seen) else Urgency.NONE

    def _emergency(self, sentences: list[list[tuple[str, str]]], seen: dict[str, frozenset[str]]) -> bool:
        """Whether a message, as sentences of clauses (each as written and corrected), tells of an emergency now."""

        def has(patterns: Patterns, clauses: list[tuple[str, str]]) -> bool:
            return any(_any(patterns, reading, seen) for clause in clauses for reading in clause)

        # Judge each sentence on its own, and within it each clause that names a symptom: "last month
        # he had a fever" and "now he can't breathe" in one message is an emergency, "what are the
        # symptoms of CRS" is not, and "his fever came down but now his bp is 85/50" is.
        marked = [[(clause, has(self.symptoms, [clause])) for clause in sentence] for sentence in sentences]
        flat = [clause for sentence in marked for clause in sentence]
        back = has(self.returns, [clause for clause, _ in flat])
        # "Just curious", "asking before my first one": the whole message is asked in general, unless a
        # sentence tells of someone now ("he can't breathe. the nurse said it's normal").
        framed = has(self.general, [clause for clause, _ in flat])
        # Which clauses say an episode is over: of "it" or of the person, not of someone or something
        # else ("my mom is fine now", "her appetite is fine", "the rash went away"). Each clause is read
        # once; `ended_from[i]` tells whether one at position i or later does.
        ending = [
            not symptom and has(self.resolved, [clause]) and not _OTHER_SUBJECT.match(clause[0])
            for clause, symptom in flat
        ]
        ended_from = [False] * (len(flat) + 1)
        for index in range(len(flat) - 1, -1, -1):
            ended_from[index] = ending[index] or ended_from[index + 1]
        # Whether some clause tells of someone now ("…, he's at 39.5", "…, he's shivering under 3 blankets"): then a
        # supposition or a question about a symptom beside it ("in case my dad has trouble breathing…", "wondering
        # if a fever is CRS…") does not make the message general. An older supposition rule gives way only when
        # it is told plainly, with a reading or a state (a leaflet's "call right away if you have fever,
        # dizziness…" and "so now i check every morning" tell of nothing happening).
        telling_level = max((self._telling(clause, seen) for clause, _ in flat), default=_NOT_TOLD)
        told = telling_level >= _TOLD
        told_plainly = telling_level >= _TOLD_PLAINLY

        def tells(text: str) -> bool:
            return _TELLS_NOW.search(text) is not None if told else _tells_now(_TELLS_NOW, text)

        position = 0
        for sentence in marked:
            start, position = position, position + len(sentence)
            live = [clause for clause, symptom in sentence if symptom and not has(self.resolved, [clause])]
            if not live:
                continue
            again = back or has(self.overrides_past, live)
            said = " ".join(clause[0] for clause, _ in sentence)
            family = _tells_now(_FAMILY_NOW, said)
            telling = tells(said) or family
            # "It went away, she's fine now": an end said after the symptom covers it; a general
            # question after an end ("… she's fine now. is fever normal with CRS?") is about the past.
            last_symptom = start + max(i for i, (_, symptom) in enumerate(sentence) if symptom)
            asks = any(_QUESTION.search(reading) for clause, _ in sentence for reading in clause)
            over = ended_from[0] if asks and not telling else ended_from[last_symptom + 1]
            # An end said in the same sentence, after the symptom ("had a nosebleed this morning, it
            # stopped after 5 min"), holds even beside "this morning", unless it is back.
            ended_here = any(ending[last_symptom + 1 : position])
            if (over and not again) or (ended_here and not back):
                continue
            # When it was is said of the symptom, not of the treatment beside it: "can't breathe, had my
            # shot 2 days ago" is now.
            # A clause that tells of someone now ("and he won't wake up") is now, whatever the others say.
            now = any(
                tells(reading) or (family and _FAMILY_NOW.search(reading))
                for clause in live
                for reading in clause
            )
            # A supposition ("in case dad has a fever") beside a clause that tells of now ("…, it's 39.0") is now.
            supposed = any(_SUPPOSING.search(reading) for clause in live for reading in clause)
            general = (has(self.not_present, live) and not (told_plainly and supposed)) or (
                has(self.asked_about, live) and not told
            )
            if (general or (framed and not telling)) and not (again or now):
                continue
            return True
        return False

    def _telling(self, clause: tuple[str, str], seen: dict[str, frozenset[str]]) -> int:
        """How a clause (as written, corrected) tells of someone now: _NOT_TOLD, _TOLD or _TOLD_PLAINLY.

        Plainly: a reading, "right now", or a symptom told of someone ("he's wheezing"). Told: a symptom word
        alone (it may be one of a list after "if"), someone's state or a present marker such as "now" or "today",
        or someone told of in other words and not as past. Never a clause that asks, supposes, asks about a
        symptom in general, or says it is over.
        """
        if any(_ASKING.search(r) or _SUPPOSING.search(r) for r in clause):
            return _NOT_TOLD
        if any(_any(self.resolved, r, seen) or _any(self.asked_about, r, seen) for r in clause):
            return _NOT_TOLD
        if any(_READING.search(r) or _RIGHT_NOW.search(r) for r in clause):
            return _TOLD_PLAINLY
        state = any(_TELLS_NOW.search(r) for r in clause)
        if any(_any(self.symptoms, r, seen) for r in clause):
            return _TOLD_PLAINLY if state else _TOLD
        if state or any(_any(self.overrides_past, r, seen) for r in clause):
            return _TOLD
        # Someone's state in words no pattern knows ("he's rigoring under the blankets", "she's boiling"), unless
        # it is told as past.
        if any(_SOMEONE.match(r) for r in clause) and not any(_any(self.not_present, r, seen) for r in clause):
            return _TOLD
        return _NOT_TOLD

    def is_advice(self, cleaned: str) -> bool:
        """Whether the message asks what the person should do (never answered yes or no)."""
        return _any(self.advice, cleaned, {})


def load_safety(path: Path, raw: object, cache: PatternCache | None = None) -> SafetyRules:
    """Validate the parsed safety.yaml into SafetyRules (`cache`: patterns known from an earlier start)."""
    data = expect_mapping(
        raw,
        path,
        "the safety rules",
        required=("urgent", "crisis", "crisis_phrases", "crisis_signs", "crisis_idioms", "advice"),
    )
    signs = data["crisis_signs"]
    if not isinstance(signs, dict) or not signs:
        raise CorpusError(f"{where(path, data, 'crisis_signs')}: crisis_signs must map kinds of sign to patterns")
    urgent = expect_mapping(
        data["urgent"],
        path,
        "urgent",
        required=(
            "symptoms", "present", "not_present", "asked_about", "general", "overrides_past", "returns", "resolved"
        ),
    )

    def joined(owner: dict[str, Any], key: str) -> Pattern:
        (pattern,) = compile_patterns(
            expect_str_list(owner[key], path, owner, key), path, owner, key, joined=True, cache=cache
        )
        return pattern

    def patterns(owner: object, key: str) -> Patterns:
        value = owner[key] if isinstance(owner, dict) else None
        return Patterns(compile_patterns(expect_str_list(value, path, owner, key), path, owner, key, cache=cache))

    return SafetyRules(
        symptoms=patterns(urgent, "symptoms"),
        present=patterns(urgent, "present"),
        not_present=patterns(urgent, "not_present"),
        asked_about=patterns(urgent, "asked_about"),
        overrides_past=patterns(urgent, "overrides_past"),
        returns=patterns(urgent, "returns"),
        general=patterns(urgent, "general"),
        resolved=patterns(urgent, "resolved"),
        crisis=patterns(data, "crisis"),
        crisis_idioms=patterns(data, "crisis_idioms"),
        crisis_phrases=phrase_pattern(expect_str_list(data["crisis_phrases"], path, data, "crisis_phrases")),
        # Each kind of sign is one alternation: a scan finds its separate (non-overlapping) signs.
        crisis_signs=tuple(joined(signs, str(kind)) for kind in signs),
        crisis_sign_kinds=tuple(str(kind) for kind in signs),
        advice=patterns(data, "advice"),
    )
