"""A Discord bot that answers questions about a document with verbatim quoted excerpts only."""

from pathlib import Path

# The corpus shipped with the repository: the documents and every fixed text the bot can say.
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "corpus"
