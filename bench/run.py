"""Run the benchmark: `python -m bench [options]` from the repository root (see bench/README.md).

Sections:
1. Side by side on one question file, in one process and one run: this engine, rapidfuzz WRatio,
   rapidfuzz token_set_ratio and BM25, on the engine's own passages. Accuracy, warm per-question
   latency, and start-up time and peak RSS from a fresh process per system.
2. Scaling: the engine on synthetic corpora of 1, 10 and 100 documents (start-up, memory, latency,
   and whether the real document keeps its answers).
3. Discord throughput: 1,000 /ask interactions through the fake Discord of tests/discord/
   (bench/discord_throughput.py), or "not run" and why.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import footprint, report
from bench.common import (
    CORPUS_DIR,
    DEFAULT_QUESTIONS,
    REPO_ROOT,
    RESULTS_DIR,
    Scored,
    accuracy,
    latency_summary,
    score_item,
    squash,
    time_calls,
)
from bench.discord_throughput import discord_throughput
from bench.synthetic import build_corpus
from bench.systems import BASELINES, ENGINE, EngineSystem, build_baseline, fit_threshold
from bot.engine import CorpusError


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def machine_info() -> dict[str, Any]:
    """CPU count and model, Python version, OS and load average."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = []
    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": model,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "loadavg_start": load,
    }


def git_info() -> dict[str, Any]:
    """Commit of the checkout, and whether bot/ or corpus/ have uncommitted changes (figures move with them)."""

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", *args], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
        except (OSError, subprocess.CalledProcessError):
            return None
        return done.stdout.strip()

    status = git("status", "--porcelain", "--", "bot", "corpus")
    return {"commit": git("rev-parse", "--short", "HEAD") or "unknown", "dirty": bool(status)}


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def compare(corpus: Path, items: list[dict[str, Any]], repetitions: int, startup_runs: int) -> dict[str, Any]:
    """Section 1: every system on the real corpus and the question file."""
    from bot.engine import Engine
    from bot.evaluate import evaluate

    questions = [str(item["q"] or "") for item in items]
    engine = Engine.from_directory(corpus)
    systems: dict[str, Any] = {ENGINE: EngineSystem(engine)}
    for name in BASELINES:
        systems[name] = build_baseline(engine.corpus, name)

    results: dict[str, Any] = {}
    for name, system in systems.items():
        entry: dict[str, Any] = {}
        if name != ENGINE:
            _log(f"fitting the abstention threshold of {name} on the question file")
            entry["fit"] = fit_threshold(system, items)
        scored = [score_item(item, system.answer(q)) for item, q in zip(items, questions, strict=True)]
        entry["accuracy"] = accuracy(scored).as_dict()
        entry["items"] = {s.id: s.correct for s in scored}
        results[name] = entry

    report_ = evaluate(engine, items)
    results[ENGINE]["evaluate_py"] = {
        "overall_with_urgent_notice": report_.overall,
        "answerable": report_.answerable,
        "abstention": report_.abstention,
        "urgent_recall": report_.urgent_recall,
        "false_urgent": report_.false_urgent,
        "content_agrees_with_bench": all(
            r.correct_content == results[ENGINE]["items"][r.id] for r in report_.items
        ),
    }

    _log(f"timing {len(questions)} questions x {repetitions} repetitions x {len(systems)} systems (warm, interleaved)")
    samples = time_calls([(n, s.answer) for n, s in systems.items()], questions, repetitions)
    for name in systems:
        results[name]["latency"] = latency_summary(samples[name], [str(item["id"]) for item in items])
        results[name]["latency"]["repetitions"] = repetitions

    for name in systems:
        _log(f"start-up and peak RSS of {name}: {startup_runs} fresh processes")
        results[name]["footprint"] = footprint.measure(name, corpus, questions, startup_runs)
    results[ENGINE]["passages"] = len(engine.corpus.passages)
    return results


def _real_answers(
    corpus: Path, directory: Path, items: list[dict[str, Any]]
) -> tuple[Any, list[Scored], list[dict[str, Any]]]:
    """Load a (synthetic) corpus and score the questions; only the real documents' excerpts count.

    `corpus` is the real corpus: its text files name the real documents.

    Returns the engine, the scored items and the stolen items: answerable questions whose top excerpt
    came from a synthetic document (`contains_expected` tells whether that excerpt even holds an
    expected phrase, i.e. says the same thing in the same words).
    """
    from bot.engine import Engine

    engine = Engine.from_directory(directory)
    real_names = {p.name for p in corpus.glob("*.txt")}
    real = frozenset(d.path for d in engine.corpus.documents if Path(d.path).name in real_names)
    system = EngineSystem(engine)
    scored = []
    stolen = []
    for item in items:
        question = str(item["q"] or "")
        quote = system.answer(question)
        result = score_item(item, quote, real)
        scored.append(result)
        if quote is not None and not result.abstain and quote.document not in real:
            stolen.append({
                "id": result.id,
                "question": question,
                "document": Path(quote.document).name,
                "top": quote.text[:200],
                "contains_expected": any(squash(e) in squash(quote.text) for e in item["expect"] or []),
            })
    return engine, scored, stolen


def _steal_summary(scored, stolen, alone):
    """Accuracy on the real document's questions, and which answers other documents took or lost."""
    return {
        "accuracy": accuracy(scored).as_dict(),
        "stolen": len(stolen),
        "stolen_containing_expected": sum(s["contains_expected"] for s in stolen),
        "lost": [s.id for s in scored if alone.get(s.id) and not s.correct],
    }


def scaling(corpus: Path, items: list[dict[str, Any]], sizes: list[int], repetitions: int, startup_runs: int,
            word_swap: float, sensitivity: list[float], alone: dict[str, bool]) -> dict[str, Any]:
    """Section 2: the engine on synthetic corpora of growing size, then stolen answers vs perturbation.

    `alone` maps item ids to whether the engine got them right on the real corpus alone (section 1);
    `lost` counts the items right there and wrong in the larger corpus.
    """
    questions = [str(item["q"] or "") for item in items]
    ids = [str(item["id"]) for item in items]
    entries = []
    robustness = []
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
        for size in sizes:
            _log(f"scaling: {size} documents (word_swap={word_swap})")
            directory = build_corpus(Path(tmp) / f"corpus-{size}", size, word_swap=word_swap, source=corpus)
            engine, scored, stolen = _real_answers(corpus, directory, items)
            passages = len(engine.corpus.passages)
            samples = time_calls([(ENGINE, EngineSystem(engine).answer)], questions, repetitions)[ENGINE]
            del engine
            gc.collect()
            entries.append({
                "documents": size,
                "passages": passages,
                **_steal_summary(scored, stolen, alone),
                "stolen_items": stolen,
                "latency": {**latency_summary(samples, ids), "repetitions": repetitions},
                "footprint": footprint.measure(ENGINE, directory, questions, startup_runs),
            })
            shutil.rmtree(directory)
        for swap in sensitivity:
            for size in sizes:
                if size <= 1:
                    continue
                _log(f"scaling: stolen answers with word_swap={swap}, {size} documents")
                directory = build_corpus(Path(tmp) / f"swap-{swap}-{size}", size, word_swap=swap, source=corpus)
                engine, scored, stolen = _real_answers(corpus, directory, items)
                del engine
                robustness.append({
                    "word_swap": swap,
                    "documents": size,
                    **_steal_summary(scored, stolen, alone),
                    "stolen_ids": [s["id"] for s in stolen],
                })
                shutil.rmtree(directory)
    return {"word_swap": word_swap, "sizes": entries, "perturbation": robustness}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS,
                        help="question file in the tests/data/dev.yaml format (default: the dev set)")
    parser.add_argument("--repetitions", type=int, default=20,
                        help="timed passes over the questions per system, real corpus (default 20)")
    parser.add_argument("--startup-runs", type=int, default=3,
                        help="fresh processes per start-up/RSS figure; the median is reported (default 3)")
    parser.add_argument("--sizes", default="1,10,100", help="scaling corpus sizes in documents (default 1,10,100)")
    parser.add_argument("--scaling-repetitions", type=int, default=5,
                        help="timed passes over the questions per scaling size (default 5)")
    parser.add_argument("--word-swap", type=float, default=0.3,
                        help="share of ordinary words replaced per sentence in synthetic documents (default 0.3)")
    parser.add_argument("--sensitivity", default="0.1,0.5,1",
                        help="further word_swap values for which stolen answers are counted (default 0.1,0.5,1; "
                             "empty to skip)")
    parser.add_argument("--no-scaling", action="store_true", help="skip the scaling section")
    parser.add_argument("--no-discord", action="store_true", help="skip the Discord throughput section")
    parser.add_argument("--json", type=Path, default=RESULTS_DIR / "latest.json", help="where to write the JSON")
    parser.add_argument("--update-readme", action="store_true",
                        help="rewrite the 'latest figures' block of bench/README.md from this run")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the tables, write the JSON; returns the exit status."""
    args = _parser().parse_args(argv)
    started = time.perf_counter()
    from bot.evaluate import load_items

    items = load_items(args.questions)
    machine = machine_info()
    _log(f"{len(items)} items from {_relative(args.questions)}; {machine['nproc']} CPUs, Python {machine['python']}")

    results: dict[str, Any] = {"machine": machine}
    with tempfile.TemporaryDirectory(prefix="bench-snapshot-") as tmp:
        # One snapshot of corpus/ for the whole run, so that edits made meanwhile cannot mix two versions.
        corpus = Path(tmp) / CORPUS_DIR.name
        shutil.copytree(CORPUS_DIR, corpus)
        try:
            from bot.engine import load_corpus

            load_corpus(corpus)
        except CorpusError as exc:
            print(f"error: the corpus is invalid, cannot benchmark it: {exc}", file=sys.stderr)
            return 2
        results["systems"] = compare(corpus, items, args.repetitions, args.startup_runs)
        if not args.no_scaling:
            sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
            sensitivity = [float(s) for s in args.sensitivity.split(",") if s.strip()]
            results["scaling"] = scaling(corpus, items, sizes, args.scaling_repetitions, args.startup_runs,
                                         args.word_swap, sensitivity, results["systems"][ENGINE]["items"])
        if args.no_discord:
            results["discord"] = {"status": "not run: --no-discord"}
        else:
            _log("Discord throughput: 1,000 /ask interactions through the fake Discord (fresh process)")
            results["discord"] = discord_throughput(corpus)
    results["targets"] = report.targets(results)
    command = "python -m bench" + (" " + " ".join(argv if argv is not None else sys.argv[1:])).rstrip()
    results["run"] = {
        "command": command.strip(),
        "finished": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "runtime_s": time.perf_counter() - started,
        "questions": _relative(args.questions),
        "items": len(items),
        "git": git_info(),
    }

    print()
    print(report.console_report(results))
    print()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"JSON written to {_relative(args.json)}")
    if args.update_readme:
        readme = REPO_ROOT / "bench" / "README.md"
        if report.update_readme(readme, report.readme_section(results)):
            print(f"latest figures written to {_relative(readme)}")
        else:
            print(f"{_relative(readme)} has no {report.README_START} block; not updated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
