"""Safety classification of a message: emergency, crisis, personal advice (patterns from safety.yaml)."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.engine.yamlfile import CorpusError, compile_patterns, expect_mapping, expect_str_list, where


class Urgency(enum.Enum):
    """What kind of urgent notice a reply opens with."""

    NONE = "none"
    MEDICAL = "medical"
    CRISIS = "crisis"


def _compile(patterns: list[str], path: Path, owner: object, key: str) -> tuple[re.Pattern[str], ...]:
    return compile_patterns(patterns, path, owner, key)


# A message that asks something, rather than telling what is happening.
_QUESTION = re.compile(
    r"[?¿]|(?:^|[,:;.!] ?)(what|which|how|why|when|where|who|can|could|does|do|did|is|are|will|would|should)\b(?!')"
)

# How many different indirect signs make a crisis.
CRISIS_SIGNS = 2

_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
# A clause that says something else is over ("my mom is fine now", "the rash went away", "everything is
# fine with the insurance") does not end the episode told before it.
_OTHER_SUBJECT = re.compile(
    r"\W*(?:(?:and|but|so|though|also)\s+)*(?:(?:my|our|your)\s+\w+|the|a|an|everything|everyone|everybody)\b"
)
# Clauses: "so" joins clauses only before a subject ("so now they premedicate"), not as "so bad".
_CLAUSE = re.compile(
    r"\s*,\s*|\s+(?:and|but|while|although|though)\s+|\s+so\s+(?=(?:i|we|he|she|they|now|then|it|my|his|her)\b)"
)


def _without(patterns: tuple[re.Pattern[str], ...], text: str) -> str:
    for pattern in patterns:
        text = pattern.sub(" ", text)
    return text


def _any(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    return any(p.search(text) for p in patterns)


@dataclass(frozen=True)
class SafetyRules:
    """Compiled safety patterns."""

    symptoms: tuple[re.Pattern[str], ...]
    present: tuple[re.Pattern[str], ...]
    not_present: tuple[re.Pattern[str], ...]
    overrides_past: tuple[re.Pattern[str], ...]
    returns: tuple[re.Pattern[str], ...]
    general: tuple[re.Pattern[str], ...]
    resolved: tuple[re.Pattern[str], ...]
    crisis: tuple[re.Pattern[str], ...]
    crisis_idioms: tuple[re.Pattern[str], ...]
    crisis_signs: tuple[tuple[re.Pattern[str], ...], ...]
    advice: tuple[re.Pattern[str], ...]

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
        if any(_any(self.crisis, text) for text in plain):
            return Urgency.CRISIS
        # Told indirectly: two different signs (a plan and the means, a burden and a goodbye).
        signs = {
            found.group() for text in plain for kind in self.crisis_signs for p in kind for found in p.finditer(text)
        }
        if len(signs) >= CRISIS_SIGNS:
            return Urgency.CRISIS
        if not any(_any(self.symptoms, text) for text in readings):
            return Urgency.NONE  # most messages name no symptom: no need to read them clause by clause
        if not any(_any(self.present, text) or not _QUESTION.search(text) for text in readings):
            return Urgency.NONE
        sentences = [[(c, correct(c)) for c in _CLAUSE.split(s)] for s in _SENTENCE.split(cleaned)]
        return Urgency.MEDICAL if self._emergency(sentences) else Urgency.NONE

    def _emergency(self, sentences: list[list[tuple[str, str]]]) -> bool:
        """Whether a message, as sentences of clauses (each as written and corrected), tells of an emergency now."""

        def has(patterns: tuple[re.Pattern[str], ...], clauses: list[tuple[str, str]]) -> bool:
            return any(_any(patterns, reading) for clause in clauses for reading in clause)

        # Judge each sentence on its own, and within it each clause that names a symptom: "last month
        # he had a fever" and "now he can't breathe" in one message is an emergency, "what are the
        # symptoms of CRS" is not, and "his fever came down but now his bp is 85/50" is.
        marked = [[(clause, has(self.symptoms, [clause])) for clause in sentence] for sentence in sentences]
        flat = [clause for sentence in marked for clause in sentence]
        back = has(self.returns, [clause for clause, _ in flat])
        # "Just curious", "asking before my first one": the whole message is asked in general.
        framed = has(self.general, [clause for clause, _ in flat])
        position = 0
        for sentence in marked:
            live = [clause for clause, symptom in sentence if symptom and not has(self.resolved, [clause])]
            position += len(sentence)
            if not live:
                continue
            again = back or has(self.overrides_past, live)
            # "It went away, she's fine now": an end said after the symptom, of it or of the person,
            # covers it ("my dad can't breathe. my mom is fine now" does not); a question about the
            # symptom after that end ("… she's fine now. is fever normal with CRS?") is about the past.
            last_symptom = position - len(sentence) + max(i for i, (_, symptom) in enumerate(sentence) if symptom)
            after = flat[last_symptom + 1 :]
            if any(_QUESTION.search(reading) for clause, _ in sentence for reading in clause):
                after = flat
            def ends(clauses: list[tuple[tuple[str, str], bool]]) -> bool:
                return any(
                    has(self.resolved, [clause]) and not symptom and not _OTHER_SUBJECT.match(clause[0])
                    for clause, symptom in clauses
                )

            over = ends(after)
            # An end said in the same sentence, after the symptom ("had a nosebleed this morning, it
            # stopped after 5 min"), holds even beside "this morning", unless it is back.
            ended_here = ends(flat[last_symptom + 1 : position])
            if (over and not again) or (ended_here and not back):
                continue
            # When it was is said of the symptom, not of the treatment beside it: "can't breathe, had my
            # shot 2 days ago" is now.
            if (has(self.not_present, live) or framed) and not again:
                continue
            return True
        return False

    def is_advice(self, cleaned: str) -> bool:
        """Whether the message asks what the person should do (never answered yes or no)."""
        return _any(self.advice, cleaned)


def load_safety(path: Path, raw: object) -> SafetyRules:
    """Validate the parsed safety.yaml into SafetyRules."""
    data = expect_mapping(
        raw, path, "the safety rules", required=("urgent", "crisis", "crisis_signs", "crisis_idioms", "advice")
    )
    signs = data["crisis_signs"]
    if not isinstance(signs, dict) or not signs:
        raise CorpusError(f"{where(path, data, 'crisis_signs')}: crisis_signs must map kinds of sign to patterns")
    urgent = expect_mapping(
        data["urgent"],
        path,
        "urgent",
        required=("symptoms", "present", "not_present", "general", "overrides_past", "returns", "resolved"),
    )

    def patterns(owner: object, key: str) -> tuple[re.Pattern[str], ...]:
        value = owner[key] if isinstance(owner, dict) else None
        return _compile(expect_str_list(value, path, owner, key), path, owner, key)

    return SafetyRules(
        symptoms=patterns(urgent, "symptoms"),
        present=patterns(urgent, "present"),
        not_present=patterns(urgent, "not_present"),
        overrides_past=patterns(urgent, "overrides_past"),
        returns=patterns(urgent, "returns"),
        general=patterns(urgent, "general"),
        resolved=patterns(urgent, "resolved"),
        crisis=patterns(data, "crisis"),
        crisis_idioms=patterns(data, "crisis_idioms"),
        crisis_signs=tuple(patterns(signs, str(kind)) for kind in signs),
        advice=patterns(data, "advice"),
    )
