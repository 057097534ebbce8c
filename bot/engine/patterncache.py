"""What one start learns about the corpus patterns, kept for the next start.

Most of a start goes into compiling some 300 regular expressions from the YAML files and reading which
words each one needs (`prefilter`). Both depend only on the pattern's text, the Python version and the
code that reads them, so a start writes what it found to a small JSON file, and the next start reads
it: a pattern found there is known to compile and is compiled only when it is first searched. A pattern
that is new or changed is compiled and read at start-up, as without the file, so a broken pattern is
still refused before the bot starts.

The file holds pattern texts and what was derived from them, nothing else. A missing, unreadable or
malformed file is ignored (and written again); one written by other code or another Python is never
read, because its name carries a fingerprint of both. Files of other fingerprints are left alone
(another checkout may share the folder).

The folder must be trusted like the code itself: a file there that names needles a pattern does not
have would make the bot skip that pattern, an urgent-care one included. So the file is read only when
it and its folder belong to the user running the bot and no one else can write them; the folder is
created that way, and the file is written that way.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
from pathlib import Path

from bot.engine import prefilter
from bot.engine.prefilter import Pattern, Required

# Bumped when the file's layout changes.
FORMAT = 1

# Of one pattern: the words it needs (None: it has no needles), its fragments, its named groups.
_Record = tuple[list[str] | None, list[str], list[str]]


def _fingerprint() -> str:
    """Of the Python version and the code that checks, reads and records patterns."""
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0".encode())
    for module in (prefilter.__file__, __file__, Path(__file__).with_name("yamlfile.py")):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()[:16]


class PatternCache:
    """Patterns compiled and read on an earlier start, and the ones this start has used.

    `directory` None keeps nothing: every pattern is compiled and read at start-up.
    """

    def __init__(self, directory: Path | None) -> None:
        self._file = directory / f"patterns-{_fingerprint()}.json" if directory is not None else None
        self._known = self._read()
        self._used: dict[str, _Record] = {}

    def _read(self) -> dict[str, _Record]:
        if self._file is None or not _private(self._file):
            return {}
        try:
            data = json.loads(self._file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {key: (record[0], record[1], record[2]) for key, record in data.items() if _valid(record)}

    def knows(self, source: str, flags: re.RegexFlag) -> bool:
        """Whether an earlier start compiled and checked this pattern."""
        return f"{int(flags)}:{source}" in self._known

    def compile(self, source: str, flags: re.RegexFlag) -> Pattern:
        """The pattern for `source`: from the record when known, else compiled now (re.error if invalid)."""
        key = f"{int(flags)}:{source}"
        record = self._known.get(key)
        if record is None:
            pattern = Pattern(re.compile(source, flags))
            needs = pattern.required
            record = (
                sorted(needs.words) if needs is not None else None,
                list(needs.fragments) if needs is not None else [],
                sorted(pattern.group_names),
            )
        else:
            words, fragments, groups = record
            needs = Required(frozenset(words), tuple(fragments)) if words is not None else None
            pattern = Pattern.known(source, flags, needs, frozenset(groups))
        self._used[key] = record
        return pattern

    def save(self) -> None:
        """Write what this start used, when it differs from what was read; a failure to write is ignored."""
        if self._file is None or self._used == self._known:
            return
        import tempfile  # only a start that learnt something writes (and tempfile is slow to import)

        with contextlib.suppress(OSError, ValueError):
            self._file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self._file.parent, prefix=".patterns-", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(self._used, out, separators=(",", ":"))
                os.replace(temporary, self._file)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temporary)


def _private(file: Path) -> bool:
    """Whether the file and its folder belong to this user and no one else can write them.

    Anyone who could write the file could make the bot skip a pattern; where ownership cannot be
    checked (no `os.getuid`), the file is read.
    """
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return True
    try:
        for path in (file.parent, file):
            status = path.stat()
            if status.st_uid != getuid() or status.st_mode & 0o022:
                return False
    except OSError:
        return False
    return True


def _valid(record: object) -> bool:
    """Whether a record read from the file has the expected shape."""
    if not isinstance(record, list) or len(record) != 3:
        return False
    words, fragments, groups = record
    strings = (fragments, groups) if words is None else (words, fragments, groups)
    if not all(isinstance(part, list) and all(isinstance(s, str) and s for s in part) for part in strings):
        return False
    # A pattern with needles has at least one; an empty set would skip every search.
    return words is None or bool(words or fragments)
