"""Settings from the environment and an optional .env file. Read in __main__, never at import."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot import DEFAULT_CORPUS

# The folder under the user's cache directory.
CACHE_NAME = "myeloma-quote-bot"


class SettingsError(Exception):
    """A setting has a value that cannot be used; the message names the variable, never its value."""


def read_dotenv(path: Path) -> dict[str, str]:
    """Parse KEY=VALUE lines of a .env file (comments, blank lines, `export` and quotes allowed)."""
    values: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, UnicodeDecodeError):
        return values
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        elif " #" in value:
            value = value.split(" #", 1)[0].rstrip()
        values[key.strip()] = value
    return values


def _int_list(name: str, value: str) -> tuple[int, ...]:
    try:
        parts = value.replace(",", " ").split()
        if not all(re.fullmatch(r"[0-9]+", part) for part in parts):
            raise ValueError
        return tuple(int(part) for part in parts)
    except ValueError:
        raise SettingsError(f"{name} must be a list of numeric ids separated by commas") from None


def _number(name: str, value: str, default: float) -> float:
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise SettingsError(f"{name} must be a number") from None
    if not math.isfinite(number) or number < 0:
        raise SettingsError(f"{name} must not be negative")
    return number


def _default_cache_dir(environ: Mapping[str, str]) -> Path | None:
    """The user's cache directory (XDG_CACHE_HOME, else ~/.cache), or None without a home directory."""
    base = environ.get("XDG_CACHE_HOME", "").strip()
    if base and Path(base).is_absolute():  # a relative one is to be ignored (XDG base directory spec)
        return Path(base) / CACHE_NAME
    try:
        return Path.home() / ".cache" / CACHE_NAME
    except RuntimeError:
        return None


@dataclass(frozen=True)
class Settings:
    """Everything configurable. Only the token is needed to run on Discord."""

    token: str
    token_configured: bool
    corpus_dir: Path
    dev_guild_id: int | None
    allowed_channels: tuple[int, ...]
    user_cooldown: float
    channel_cooldown: float
    channel_cooldown_rate: int
    log_level: str
    shard_count: int | None
    shard_ids: tuple[int, ...]
    # Where start-up keeps what it learnt about the corpus patterns (see bot.engine.patterncache).
    cache_dir: Path | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")) -> Settings:
        """Settings from the process environment, with .env values filling what it does not set."""
        merged = dict(read_dotenv(dotenv)) if dotenv is not None else {}
        merged.update(environ if environ is not None else os.environ)

        def get(name: str) -> str:
            return merged.get(name, "").strip()

        guild = _int_list("DISCORD_GUILD_ID", get("DISCORD_GUILD_ID"))
        shard_count = get("SHARD_COUNT")
        if shard_count and not (re.fullmatch(r"[0-9]+", shard_count) and int(shard_count) >= 1):
            raise SettingsError("SHARD_COUNT must be a whole number of at least 1")
        shard_ids = _int_list("SHARD_IDS", get("SHARD_IDS"))
        if shard_ids and not shard_count:
            raise SettingsError("SHARD_IDS needs SHARD_COUNT")
        if shard_ids and any(i >= int(shard_count) for i in shard_ids):
            raise SettingsError("SHARD_IDS must be smaller than SHARD_COUNT")
        level = get("LOG_LEVEL").upper() or "INFO"
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise SettingsError("LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        rate = _number("CHANNEL_COOLDOWN_RATE", get("CHANNEL_COOLDOWN_RATE"), 5)
        cache = get("CACHE_DIR")
        if cache.lower() == "off":
            cache_dir = None
        elif cache:
            try:
                cache_dir = Path(cache).expanduser()
            except RuntimeError:
                raise SettingsError("CACHE_DIR starts with ~ but there is no home folder") from None
        else:
            cache_dir = _default_cache_dir(merged)
        return cls(
            token=get("DISCORD_TOKEN"),
            token_configured="DISCORD_TOKEN" in merged,
            corpus_dir=Path(get("CORPUS_DIR")) if get("CORPUS_DIR") else DEFAULT_CORPUS,
            dev_guild_id=guild[0] if guild else None,
            allowed_channels=_int_list("ALLOWED_CHANNEL_IDS", get("ALLOWED_CHANNEL_IDS")),
            user_cooldown=_number("USER_COOLDOWN_SECONDS", get("USER_COOLDOWN_SECONDS"), 10.0),
            channel_cooldown=_number("CHANNEL_COOLDOWN_SECONDS", get("CHANNEL_COOLDOWN_SECONDS"), 30.0),
            channel_cooldown_rate=max(1, int(rate)),
            log_level=level,
            shard_count=int(shard_count) if shard_count else None,
            shard_ids=shard_ids,
            cache_dir=cache_dir,
        )
