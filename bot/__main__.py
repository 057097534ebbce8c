"""Entry point: `python -m bot` runs the Discord bot, or a console when DISCORD_TOKEN is not set at all.

Sub-commands: `ask` (one question, as text or JSON; `--jsonl` for a batch on stdin), `eval FILE`
(score a question file), `console`, and `discord` (the bot, refusing to start without a token).
A DISCORD_TOKEN that is set but empty, malformed or rejected stops the bot with one line and status 2.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from bot.engine import CorpusError, Engine
from bot.settings import Settings, SettingsError

EXIT_CONFIG = 2


def setup_logging(level: str) -> None:
    """One logging set-up for the whole process; discord.py's own loggers turned down."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    for noisy in ("discord", "discord.gateway", "discord.client"):
        logging.getLogger(noisy).setLevel(max(logging.getLevelName(level), logging.WARNING))
    # discord.http's rate-limit warnings carry channel ids in their URLs: ids are not logged.
    logging.getLogger("discord.http").setLevel(logging.ERROR)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="corpus directory (default: CORPUS_DIR or ./corpus)")
    sub = parser.add_subparsers(dest="command")
    ask = sub.add_parser("ask", help="answer one question as the bot would")
    ask.add_argument("question", nargs="?", help="the question (omit with --jsonl)")
    mode = ask.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print one JSON object")
    mode.add_argument("--jsonl", action="store_true", help='read {"question": …} lines on stdin, write JSON lines')
    evaluate = sub.add_parser("eval", help="score a question file in the dev.yaml format")
    evaluate.add_argument("file", type=Path)
    sub.add_parser("console", help="the interactive console, even when a token is set")
    sub.add_parser("discord", help="run the Discord bot (DISCORD_TOKEN required)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    setup_logging(settings.log_level if args.command in (None, "discord") else "WARNING")
    corpus_dir = args.corpus or settings.corpus_dir
    try:
        engine = Engine.from_directory(corpus_dir, settings.cache_dir)
    except CorpusError as exc:
        print(f"error: the corpus is invalid, refusing to start: {exc}", file=sys.stderr)
        return EXIT_CONFIG

    from bot import cli

    out = sys.stdout
    if args.command == "ask":
        if args.jsonl:
            return cli.ask_jsonl(engine, cli.stdin_bytes(), out)
        if args.question is None:
            print("error: ask needs a question, or --jsonl", file=sys.stderr)
            return EXIT_CONFIG
        return cli.ask(engine, args.question, args.json, out)
    if args.command == "eval":
        return cli.run_eval(engine, args.file, out)
    if args.command == "console" or (args.command is None and not settings.token_configured):
        return cli.console(engine, cli.stdin_bytes(), out, interactive=sys.stdin.isatty())

    from bot.discord_app.runner import run

    return run(engine, settings)


if __name__ == "__main__":
    sys.exit(main())
