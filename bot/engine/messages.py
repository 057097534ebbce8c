"""Every fixed text the bot can say, read from corpus/messages.yaml."""

from __future__ import annotations

import string
from dataclasses import dataclass, fields
from pathlib import Path

from bot.engine.yamlfile import CorpusError, expect_mapping, expect_str, where


@dataclass(frozen=True)
class Messages:
    """Fixed texts; placeholders in braces are filled by the renderer."""

    notice: str
    advice_notice: str
    not_found: str
    advice_opening: str
    advice_quotes: str
    urgent: str
    crisis: str
    caveat_heading: str
    attribution: str
    source: str
    cooldown: str
    error: str
    channel_not_allowed: str
    remove_button: str
    remove_denied: str
    input_error: str
    console_banner: str
    console_prompt: str
    command_ask: str
    command_ask_question: str
    command_ask_private: str
    command_about: str
    command_topics: str
    about: str
    topics: str
    help: str

    def all_texts(self) -> dict[str, str]:
        """Every text by name (used by tests that check each reply line comes from here)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


# The placeholders each text may use; any other placeholder is an error in the YAML.
_PLACEHOLDERS = {
    "attribution": {"label"},
    "source": {"title"},
    "cooldown": {"seconds"},
    "about": {"title", "provenance"},
}
# The placeholders a text must use: a quote is never shown without its speaker.
_REQUIRED = {"attribution": {"label"}, "source": {"title"}, "cooldown": {"seconds"}}
# Texts Discord limits to 100 characters (command and option descriptions, button labels).
_SHORT = {"command_ask", "command_ask_question", "command_ask_private", "command_about", "command_topics"}


def load_messages(path: Path, raw: object) -> Messages:
    """Validate the parsed messages.yaml into Messages."""
    names = [f.name for f in fields(Messages)]
    data = expect_mapping(raw, path, "the messages", required=names)
    values = {}
    for name in names:
        text = expect_str(data[name], path, data, name)
        # Folded YAML keeps a trailing newline; the bot's texts never end in one.
        text = text.strip()
        allowed = _PLACEHOLDERS.get(name, set())
        try:
            used = {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
        except ValueError as exc:
            raise CorpusError(f"{where(path, data, name)}: bad braces in {name!r}: {exc}") from None
        if used - allowed:
            raise CorpusError(
                f"{where(path, data, name)}: {name!r} uses unknown placeholder(s) {sorted(used - allowed)}; "
                f"allowed: {sorted(allowed) or 'none'}"
            )
        missing = _REQUIRED.get(name, set()) - used
        if missing:
            raise CorpusError(f"{where(path, data, name)}: {name!r} must contain {sorted(missing)}")
        if name in _SHORT and len(text) > 100:
            raise CorpusError(f"{where(path, data, name)}: {name!r} must be at most 100 characters for Discord")
        if name == "remove_button" and len(text) > 80:
            raise CorpusError(f"{where(path, data, name)}: {name!r} must be at most 80 characters for Discord")
        values[name] = text
    return Messages(**values)
