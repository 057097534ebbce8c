"""Command-line adapters: the console, `ask` (text, JSON, JSON lines) and `eval`."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from bot.engine import Answer, Engine
from bot.render import render_text

log = logging.getLogger(__name__)


def answer_object(question: str, answer: Answer, engine: Engine) -> dict[str, Any]:
    """The JSON form of one reply (see README: `ask --json`)."""

    def excerpt(e: Any) -> dict[str, Any]:
        return {
            "text": e.text,
            "document": e.document,
            "start": e.start,
            "end": e.end,
            "attribution": e.attribution,
            "score": e.score,
        }

    return {
        "question": question,
        "answered": answer.answered,
        "urgent": answer.urgent,
        "urgency": answer.urgency.value,
        "advice": answer.advice,
        "excerpts": [excerpt(e) for e in answer.excerpts],
        "caveats": [excerpt(e) for e in answer.caveats],
        "message": render_text(answer, engine.messages),
    }


def _error_object(line_number: int, error: str, engine: Engine) -> dict[str, Any]:
    """A batch line that could not be read: a machine-readable error code and the fixed reply."""
    messages = engine.messages
    return {
        "line": line_number,
        "error": error,
        "question": None,
        "answered": False,
        "urgent": False,
        "urgency": "none",
        "advice": False,
        "excerpts": [],
        "caveats": [],
        "message": f"{messages.input_error}\n\n{messages.notice}",
    }


def _lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    for number, raw in enumerate(stream, start=1):
        yield number, raw.rstrip(b"\r\n")


def ask_jsonl(engine: Engine, stream: IO[bytes], out: IO[str]) -> int:
    """Answer `{"question": ...}` lines in order, one JSON object per line, flushed as it goes."""
    for number, raw in _lines(stream):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            result = _error_object(number, "invalid_utf8", engine)
        except (json.JSONDecodeError, RecursionError):
            result = _error_object(number, "invalid_json", engine)
        else:
            question = data.get("question") if isinstance(data, dict) else None
            if isinstance(question, str):
                try:
                    result = answer_object(question, engine.answer(question), engine)
                except Exception:  # one bad line must not end the batch; the text is not logged
                    log.exception("answering line %d failed", number)
                    result = _error_object(number, "internal_error", engine)
            elif isinstance(data, dict) and "question" not in data:
                result = _error_object(number, "missing_question", engine)
            else:
                result = _error_object(number, "question_not_text", engine)
        # ASCII JSON: a lone surrogate in a question cannot break the output stream.
        out.write(json.dumps(result, ensure_ascii=True) + "\n")
        out.flush()
    return 0


def ask(engine: Engine, question: str, as_json: bool, out: IO[str]) -> int:
    """Print one reply exactly as it would be posted, or its JSON form."""
    answer = engine.answer(question)
    if as_json:
        out.write(json.dumps(answer_object(question, answer, engine), ensure_ascii=True, indent=2) + "\n")
    else:
        out.write(render_text(answer, engine.messages) + "\n")
    return 0


def console(engine: Engine, stdin: IO[bytes], out: IO[str], interactive: bool) -> int:
    """Answer questions typed at a terminal, or each line of piped input."""
    messages = engine.messages
    if interactive:
        out.write(messages.console_banner + "\n\n")
        while True:
            out.write(messages.console_prompt)
            out.flush()
            try:
                raw = stdin.readline()
            except KeyboardInterrupt:  # Ctrl-C quits like Ctrl-D
                raw = b""
            line = raw.decode("utf-8", errors="replace").strip()
            if not line:
                out.write("\n")
                return 0
            out.write(render_text(engine.answer(line), messages) + "\n\n")
    for _number, raw in _lines(stdin):
        line = raw.decode("utf-8", errors="replace")
        if not line.strip():
            continue
        out.write(render_text(engine.answer(line), messages) + "\n\n")
        out.flush()
    return 0


def run_eval(engine: Engine, path: Path, out: IO[str]) -> int:
    """Print accuracy by kind and the failures for a question file; exit status 0."""
    from bot.evaluate import evaluate, load_items

    try:
        items = load_items(path)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    report = evaluate(engine, items)
    out.write(report.summary() + "\n")
    return 0


def stdin_bytes() -> IO[bytes]:
    """Standard input as bytes, so invalid UTF-8 cannot raise while reading."""
    return sys.stdin.buffer
