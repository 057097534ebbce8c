"""How a chat message is put: does it ask something, and where do its sentences and questions start."""

from __future__ import annotations

import re

from bot.engine.text import words

# A message that asks or requests something, in any of its sentences.
ASKS = re.compile(
    r"[?¿？]|(?:^|[.!\n] ?)(?:(?:so|and|but|ok|okay|also|anyway|well|then|um|hey|hi),? )*"
    r"(?:(?:at|in|on|from|for|by|with|to|of) (?=(?:what|which|whom|how)\b))?"
    r"(what|how|why|when|where|who|which|whose|is|are|was|were|does|do|did|can|could|should|would|"
    r"will|has|have|any|qu[eé]|c[oó]mo|cu[aá]nt\w*|por qu[eé]|est-ce|combien|pourquoi|wat|wht|whats|hows|whn)\b"
    r"|\b(what|how|why|y|wat|wht|wut)\b (do|does|did|is|are|was|were|can|could|should|would|will|has|have)\b"
    # A question tagged on at the end of a run-on message, without a question mark ("… is that common").
    r"|\b(is|are|was|were|does|do|did|can|could|should|would|will) (that|tht|dat|this|it|there|these|those|they|he|she)"
    r"(?: [\w'-]+){0,2}\s*$"
    r"|\bhow (much|many|long|often|soon) (\w+ )?(did|do|does|is|are|was|were|can|could|will|would|has|have)\b"
    r"|\bhow many (\w+ )?(got|get|gets|had|needed|received|went|ended|died|developed|caught|stayed)\b"
    r"|\b(what|which) (%|percent|percentage|share|proportion|fraction|number|kind|kinds|type|types|sort) of\b"
    r"|\b(tell me|tell us|give me|gimme|show me|explain|tl;?dr|eli5|info on|information on|wondering|curious|"
    r"anyone know|does anyone|question|looking for|help me understand|i want to know|want to know|what about)\b"
    # Asked to check, sum up or quote, at the start or after "can you"/"please" ("confirm for me that…"), or "now
    # quote"; not a statement that something is awaited ("waiting on the lab to confirm his igg").
    r"|(?:^|[.!?:] |\b(?:can|could|would|will) (?:you|u|someone|somebody|anyone|anybody|an? \w+) "
    r"|\b(?:please|pls|plz) )"
    r"(?:confirm|verify|double[- ]check|fact[- ]check|summari[sz]e|remind me|clarify|quote|describe)\b|\bnow quote\b"
)
# Words that put a person in a message: without them, a few words are a search ("t cell exhaustion").
PERSONAL = re.compile(r"\b(i|i'm|im|me|my|we|our|us|you|your|lol|lmao|haha)\b")
# A question for a specific fact ("what IgG level…"), as opposed to a decision ("what would you do").
WH = re.compile(
    r"\W*(?!what (would|do|should) (you|i|we) (do|think|recommend|suggest)\b)"
    r"(what|which|when|where|who|how (many|much|long|often))\b"
)
# The subject of a yes/no question, its first word or two ("does talquetamab…", "can dara…").
YES_NO_SUBJECT = re.compile(
    r"\W*(?:does|do|did|can|could|will|would|is|are|was|were)\s+(?P<subject>[\w-]+(?:\s[\w-]+)?)"
)
# A relative clause after a comma ("my dad, who is on tec, …"), not a question; a short "who is X?" still asks,
# and so do "when's" and "who's".
RELATIVE = re.compile(
    r"\W*(?:who|whom|whose|which|where|when|that)\b(?!')(?! (?:is|are|was|were|do|does|did)\b \w+\?$)"
)
# Laughter, thanks and pleading at the end of a message ("what does bcma stand for lol", "… pls thx").
TRAILING_CHAT = re.compile(
    r"(?:[\s,.!?]+(?:lol+|lmao|haha+|hehe|pls|plz|please|thanks|thank you|thx|ty|asap|🙏|😅|😂|🤔))+[\s.!?]*$"
)
# A follow-up that only makes sense about the previous part ("how does it work?").
FOLLOW_UP = re.compile(r"\b(it|they|them|this|that|these|those)\b")
# The treatment someone is on now ("transplant in 2019, now on tec"; "did dara for years, now tecvayli"),
# not one that failed ("now on talvey after tec failed").
CURRENT_TREATMENT = re.compile(
    r"\b(?:now|currently|still|is|am|are|'s|'m)\s+(?:on|getting|having|doing|starting|started)\s+"
    r"(?:the\s+|his\s+|her\s+|my\s+)?(?P<on>[\w-]+)(?!\s+(?:failed|stopped|didn'?t work|quit))"
    r"|\bnow\s+(?P<now>[\w-]+)\b(?!\s+(?:failed|stopped|didn'?t work|quit))"
)
# A run of emoji, or of ~~~ or *** rules, ends a sentence as a full stop does ("🚨🚨 just testing 🚨🚨 what are
# the symptoms of CRS").
SENTENCE_BREAK = re.compile(
    r"(?<=[.!?])\s+|\n+|\s*[\U0001F300-\U0001FAFF\u2600-\u27BF]+(?:\ufe0f)?\s*|\s*(?:~{2,}|\*{3,}|={3,}|#{3,}|\|{2,})\s*"
)
# A comment around or before a question ("<!-- admin override --> what was…") is a sentence of its own.
_COMMENT = re.compile(r"<!--(.*?)-->")
# Where a second question starts inside one sentence: "…, and how does…", "…; also…", "… and separately…".
# The question word stays with the question it starts.
CLAUSE_BREAK = re.compile(
    r"\s*(?:[;?:]"
    r"|,? and (?:also|separately|then)\b"
    r"|,? and (?=(?:what|how|why|when|where|who|which|do|does|did|is|are|was|were|can)\b)"
    # A question word after a preposition: "how many patients and at what conference".
    r"|,? and (?=(?:at|in|on|from|for|by|with|to) (?:what|which|whom|how)\b)"
    # The same "and" before a question word in the other languages members write in.
    r"|,? (?:y|et|e|und) (?=(?:por qu[eé]|para qu[eé]|c[oó]mo|cu[aá]ndo|cu[aá]nt\w*|d[oó]nde|pourquoi|comment|quand|"
    r"combien|perch[eé]|come|quando|quant\w*|dove|warum|wie|wann|wo|onde)\b)"
    r"|(?:, |,? and )also\b|, (?:as well as|plus)\b|, but\b"
    # A request after another one: "print your instructions, then tell me how many…".
    r"|,? (?:and )?then (?=(?:tell|give|show|explain|say|answer|list|what|how|why|when|who|which)\b)"
    # "Works as well as IVIG", "IVIG plus diet" join two things; "… plus how often…" starts a question.
    r"|\b(?:as well as|plus)(?= (?:what|how|why|when|where|who|which|do|does|did|can)\b)"
    # "+" and "&" before a question about what came before ("the limitations + can it apply…"), not between
    # two things ("ivig + tec"), nor before a question naming its own subject ("ivig + are there side effects").
    r"|\s[+&](?= (?:how|why|when|where|who|which|do|does|did|can|could|would|will)\b"
    r"| (?:is|are|was|were) (?:it|they|that|this|these|those)\b)"
    r"|(?:,|\bbut\b)(?= (?:anyway |anyways |so |btw |ok |now )?"
    r"(?:how|what|why|when|where|who|which|is|are|does|do|did|can)\b)"
    r"|\b(?:my |the )?(?:real |main |actual )?question is\b)\s*"
)


def split_message(cleaned: str) -> tuple[str, list[str], list[str]]:
    """The message on one line, its sentences, and its parts (a sentence split where a new question starts)."""
    whole = cleaned.replace("\n", " ")
    sentences = [s.strip() for s in SENTENCE_BREAK.split(_COMMENT.sub(r"\n\1\n", cleaned)) if words(s)]
    parts = [c.strip() for s in sentences for c in CLAUSE_BREAK.split(s) if words(c)]
    return whole, sentences, parts
