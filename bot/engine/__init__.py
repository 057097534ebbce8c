"""The pure quote engine: corpus loading, matching and answer composition. Never imports discord."""

from bot.engine.answer import Answer, Excerpt
from bot.engine.corpus import Corpus, load_corpus
from bot.engine.engine import Engine
from bot.engine.messages import Messages
from bot.engine.safety import Urgency
from bot.engine.yamlfile import CorpusError

__all__ = ["Answer", "Corpus", "CorpusError", "Engine", "Excerpt", "Messages", "Urgency", "load_corpus"]
