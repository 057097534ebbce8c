"""Synthetic corpora for the scaling section: the real corpus plus N-1 perturbed copies of its passages.

Each synthetic document takes the real documents' quotable passages (promotion and headings already
removed by the loader), shuffles their order and perturbs them:

* every name is replaced by an invented one, consistently within the document: the treatments (IVIG,
  immunoglobulin, teclistamab/Tecvayli), the target (BCMA, bsAb), people, institutions, the meeting,
  CRS, IL-6 and COVID-19;
* every number is replaced by a different one of similar size;
* in every sentence, a share (`word_swap`, rounded up, so at least one word) of the words of four
  letters or more, common function words aside, is replaced by words from other fields of medicine;
  topic words (myeloma, infection, survival…) are as likely to go as any other.

No synthetic passage is therefore a verbatim copy of a real one, but most keep much of the real
sentence: the copies stand for other articles on the same server about neighbouring subjects, which is
where stolen answers would come from. The shared files (messages, vocabulary, safety) and the real
documents are copied as they are, so the synthetic corpus loads through the same strict loader.
"""

from __future__ import annotations

import math
import random
import re
import shutil
from pathlib import Path

import yaml

from bench.common import CORPUS_DIR

SHARED_FILES = ("messages.yaml", "vocabulary.yaml", "safety.yaml")

# Names in the real article; each group gets one invented name per synthetic document.
NAME_GROUPS: dict[str, tuple[str, ...]] = {
    "drug": ("intravenous immunoglobulin", "immunoglobulin", "IVIG", "Tecvayli"),
    "antibody": ("teclistamab", "Teclistamab"),
    "target": ("B-cell maturation antigen", "BCMA", "bsAb", "bsAB"),
    "person1": ("Heloise Cheruvalath", "Cheruvalath"),
    "person2": ("Rahul Banerjee", "Banerjee"),
    "college": ("Medical College of Wisconsin",),
    "city1": ("Milwaukee",),
    "center": ("Fred Hutch Cancer Center",),
    "school": ("University of Washington School of Medicine",),
    "city2": ("Seattle",),
    "outlet": ("Medscape Medical News", "Medscape"),
    "meeting": ("American Society of Hematology", "ASH"),
    "syndrome": ("Cytokine Release Syndrome", "CRS"),
    "cytokine": ("IL-6", "interleukin-6"),
    "virus": ("COVID-19",),
}

# Words from other fields of medicine, used to replace a share of the ordinary words.
OTHER_WORDS = (
    "kidney", "dialysis", "cholesterol", "statin", "fracture", "cartilage", "insulin", "glucose",
    "asthma", "inhaler", "migraine", "retina", "hearing", "allergy", "thyroid", "hormone", "arthritis",
    "tendon", "vitamin", "eczema", "cataract", "sinus", "ankle", "pacemaker", "stroke", "anemia",
    "gallbladder", "appendix", "tonsil", "spine", "posture", "sleep", "appetite", "hydration", "enamel",
    "cornea", "liver", "pancreas", "colon", "bladder", "prostate", "ovary", "dermatitis", "psoriasis",
    "gout", "vertigo", "tinnitus", "scoliosis", "bunion", "hernia", "varicose", "plaque", "stent",
)

_SYLLABLES = ("ka", "lo", "mi", "ru", "ze", "to", "va", "ni", "qu", "sa", "re", "do", "xi", "pe", "fo", "bi")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_WORD = re.compile(r"[A-Za-z][a-z]{3,}")
# Common words of four letters or more that are never replaced, so the copies still read as sentences.
_KEEP_WORDS = frozenset({
    "with", "that", "this", "from", "were", "have", "which", "their", "than", "more", "about", "into", "when",
    "they", "been", "also", "those", "over", "what", "there", "some", "such", "these", "then", "them", "will",
    "would", "could", "should", "does", "only", "other", "after", "before",
})


def _invented(rng: random.Random, group: str) -> str:
    """An invented name that no vocabulary knows: "Kaloru", "Zetovamab", "XKQ"…"""
    if group in ("drug", "target", "meeting", "syndrome", "cytokine", "virus"):
        return "".join(rng.choice("BCDFGHJKLMNPQRSTVWXZ") for _ in range(rng.randint(3, 4)))
    word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))
    if group == "antibody":
        word += "mab"
    return word.capitalize()


def _like_case(replacement: str, original: str) -> str:
    if original[:1].isupper() and not replacement.isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _other_number(rng: random.Random, number: str) -> str:
    if "." in number:
        frac = number.split(".")[1]
        value = float(number)
        new = value
        while f"{new:.{len(frac)}f}" == number:
            new = round(value * rng.uniform(0.4, 2.5), len(frac))
        return f"{new:.{len(frac)}f}"
    value = int(number)
    low, high = max(0, value // 2), max(value * 2, value + 9)
    new = value
    while new == value:
        new = rng.randint(low, high)
    return str(new)


def _reword(text: str, rng: random.Random, word_swap: float) -> str:
    """Replace `word_swap` of the sentence's ordinary words (rounded up: at least one) with other-field words."""
    spans = [m.span() for m in _WORD.finditer(text) if m.group(0).lower() not in _KEEP_WORDS]
    if not spans or word_swap <= 0:
        return text
    chosen = sorted(rng.sample(spans, min(len(spans), math.ceil(word_swap * len(spans)))), reverse=True)
    for start, end in chosen:
        text = text[:start] + _like_case(rng.choice(OTHER_WORDS), text[start:end]) + text[end:]
    return text


def perturb(sentences: list[str], rng: random.Random, word_swap: float) -> str:
    """One synthetic document text: shuffled, renamed, renumbered and partly re-worded sentences."""
    names = {group: _invented(rng, group) for group in NAME_GROUPS}
    alternatives = sorted(
        ((form, names[group]) for group, forms in NAME_GROUPS.items() for form in forms),
        key=lambda pair: -len(pair[0]),
    )
    name_pattern = re.compile("|".join(rf"\b{re.escape(form)}\b" for form, _ in alternatives))
    by_form = dict(alternatives)

    def rename(match: re.Match[str]) -> str:
        return by_form[match.group(0)]

    out = []
    for sentence in rng.sample(sentences, len(sentences)):
        text = " ".join(sentence.split())
        text = name_pattern.sub(rename, text)
        text = _NUMBER.sub(lambda m: _other_number(rng, m.group(0)), text)
        text = _reword(text, rng, word_swap)
        if not re.search(r"[.!?][”\"’)\]]*$", text):
            text += "."
        out.append(text)
    paragraphs = []
    i = 0
    while i < len(out):
        size = rng.randint(1, 4)
        paragraphs.append(" ".join(out[i : i + size]))
        i += size
    return "\n\n".join(paragraphs) + "\n"


def _description(text_name: str, number: int, content: str) -> dict[str, object]:
    """A minimal valid description: one voice, one part starting at the first words."""
    first = content.split("\n", 1)[0]
    starts_at = " ".join(first.split()[:6])
    part: dict[str, object] = {"starts_at": starts_at, "voice": "synthetic"}
    if content.count(starts_at) > 1:
        part["occurrence"] = 1
    return {
        "title": f"Synthetic benchmark document {number}",
        "document": text_name,
        "provenance": "Generated by bench/synthetic.py from the real corpus by shuffling and perturbing passages.",
        "voices": {"synthetic": {"label": f"Synthetic benchmark document {number} (not a real source)"}},
        "parts": [part],
    }


def build_corpus(target: Path, documents: int, word_swap: float = 0.2, seed: int = 0,
                 source: Path = CORPUS_DIR) -> Path:
    """Write a corpus of `documents` documents into `target`: the real ones plus synthetic copies.

    Synthetic names sort before the real document's ("doc-…" < "ivig-…"), so they get the lower
    passage ids and win exact score ties: ties go against the real document.
    """
    from bot.engine import load_corpus

    target.mkdir(parents=True, exist_ok=True)
    for name in SHARED_FILES:
        shutil.copy2(source / name, target / name)
    real = load_corpus(source)
    for document in real.documents:
        text_name = Path(document.path).name
        shutil.copy2(source / text_name, target / text_name)
    for description in [*source.glob("*.yaml"), *source.glob("*.yml")]:
        if description.name not in SHARED_FILES:
            shutil.copy2(description, target / description.name)
    sentences = [p.text for p in real.passages]
    for number in range(1, documents - len(real.documents) + 1):
        rng = random.Random(f"{seed}-{number}")
        content = perturb(sentences, rng, word_swap)
        stem = f"doc-{number:04d}-synthetic"
        (target / f"{stem}.txt").write_text(content, encoding="utf-8")
        fields = _description(f"{stem}.txt", number, content)
        (target / f"{stem}.yaml").write_text(
            yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8"
        )
    return target
