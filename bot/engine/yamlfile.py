"""Strict YAML reading: safe loading with line numbers, and one error type naming file, key and line."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from bot.engine.patterncache import PatternCache
from bot.engine.prefilter import Pattern


class CorpusError(Exception):
    """The corpus is invalid; the message names the file (and line where known)."""


class _Mapping(dict[str, Any]):
    """A YAML mapping that remembers the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


# libyaml's parser when PyYAML was built with it: the vocabulary parses ten times faster.
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeBase):  # type: ignore[valid-type,misc]
    """Safe loader whose mappings carry line numbers, for error messages."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = key_node.value
            if key in seen:
                # YAML would silently keep the last one: a second `notice:` must not replace the first.
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} appears twice in one mapping", key_node.start_mark
                )
            seen.add(key)
        plain = super().construct_mapping(node, deep=True)
        mapping = _Mapping({str(k) if not isinstance(k, str) else k: v for k, v in plain.items()})
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {str(key_node.value): key_node.start_mark.line + 1 for key_node, _ in node.value}
        return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _LineLoader.construct_mapping,
)


def load_yaml(path: Path) -> Any:
    """Read one YAML file safely; raise CorpusError naming the file and line on any problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CorpusError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read: {exc}") from None
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f", line {mark.line + 1}" if mark is not None else ""
        raise CorpusError(f"{path}{where}: YAML syntax error: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path}: YAML error: {exc}") from None


def line_of(mapping: object, key: str | None = None) -> int:
    """Line of a mapping (or of one of its keys) as read from YAML; 0 when unknown."""
    if isinstance(mapping, _Mapping):
        if key is not None and key in mapping.key_lines:
            return mapping.key_lines[key]
        return mapping.line
    return 0


def where(path: Path, mapping: object = None, key: str | None = None) -> str:
    """'file, line N' for an error message."""
    line = line_of(mapping, key)
    return f"{path}, line {line}" if line else str(path)


def expect_mapping(
    value: object, path: Path, what: str, *, required: Iterable[str], optional: Iterable[str] = ()
) -> Mapping[str, Any]:
    """Check that value is a mapping with exactly the allowed keys."""
    if not isinstance(value, dict):
        raise CorpusError(f"{where(path, value)}: {what} must be a mapping")
    required = set(required)
    allowed = required | set(optional)
    for key in value:
        if key not in allowed:
            raise CorpusError(
                f"{where(path, value, str(key))}: unknown key {key!r} in {what} (allowed: {', '.join(sorted(allowed))})"
            )
    for key in sorted(required):
        if key not in value:
            raise CorpusError(f"{where(path, value)}: {what} is missing the required key {key!r}")
    return value


def expect_str(value: object, path: Path, owner: object, key: str) -> str:
    """Check that a value is a non-empty string."""
    if not isinstance(value, str) or not value.strip():
        raise CorpusError(f"{where(path, owner, key)}: {key!r} must be a non-empty string")
    return value


_ESCAPE = re.compile(r"\\.|\(\?P[<=]")


def _case_flag(pattern: str) -> re.RegexFlag:
    """Case-insensitive only for a pattern that spells a capital letter.

    The texts matched are lower case already, and a case-insensitive scan is much slower.
    """
    return re.IGNORECASE if any(map(str.isupper, _ESCAPE.sub("", pattern))) else re.NOFLAG


def compile_patterns(
    patterns: list[str],
    path: Path,
    owner: object,
    key: str,
    *,
    joined: bool = False,
    cache: PatternCache | None = None,
) -> tuple[Pattern, ...]:
    """Compile regular expressions matched against lower-cased text; a bad one is a CorpusError.

    The error names the file and line. Patterns the `cache` knows from an earlier start are compiled
    when first used.

    With `joined`, the patterns are compiled as one alternation (one scan instead of many), which is
    returned alone. Each must still be valid on its own: joined, `a)|(?:b` would be.
    """

    def compiled(source: str) -> Pattern:
        flags = _case_flag(source)
        return cache.compile(source, flags) if cache is not None else Pattern(re.compile(source, flags))

    if joined:
        source = "|".join(f"(?:{p})" for p in patterns)
        if cache is None or not cache.knows(source, _case_flag(source)):
            for pattern in patterns:
                try:
                    re.compile(pattern, _case_flag(pattern))
                except re.error as exc:
                    raise CorpusError(f"{where(path, owner, key)}: invalid pattern {pattern[:60]!r}: {exc}") from None
        try:
            return (compiled(source),)
        except re.error as exc:
            raise CorpusError(f"{where(path, owner, key)}: these patterns cannot be combined: {exc}") from None
    result = []
    for pattern in patterns:
        try:
            result.append(compiled(pattern))
        except re.error as exc:
            raise CorpusError(f"{where(path, owner, key)}: invalid pattern {pattern[:60]!r}: {exc}") from None
    return tuple(result)


def expect_str_list(value: object, path: Path, owner: object, key: str) -> list[str]:
    """Check that a value is a non-empty list of non-empty strings."""
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise CorpusError(f"{where(path, owner, key)}: {key!r} must be a non-empty list of strings")
    return list(value)
