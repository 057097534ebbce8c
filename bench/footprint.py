"""Start-up time and peak memory, each measured in a fresh Python process per system and corpus.

Each measurement runs `python -c` from the repository root: the clock starts before the system's
imports, stops once the corpus is loaded and indexed (start-up = import + corpus load), then every
question is answered once and `resource.getrusage(RUSAGE_SELF).ru_maxrss` gives the peak RSS. A fresh
process per system keeps one system's imports and caches out of another's figures.

The engine keeps what start-up learns about its patterns in a cache folder (`CACHE_DIR`), as the bot
does: a first process fills a fresh temporary folder (its start-up is reported as `startup_cold_s`, not
in the median), and the measured processes start from it. The first answer after a
start compiles the patterns it needs; it is reported as `first_answer_ms`.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.common import REPO_ROOT
from bench.systems import ENGINE

# Runs its arguments as a command: a lean parent for the measured process (see the module docstring).
_LAUNCHER = "import subprocess, sys; sys.exit(subprocess.run(sys.argv[1:]).returncode)"

_PRELUDE = """\
import json, resource, sys, time
t0 = time.perf_counter()
from pathlib import Path
"""

_ENGINE_CODE = """\
from bot.engine import Engine
system = Engine.from_directory(Path(sys.argv[1]), Path(sys.argv[4]) if sys.argv[4] else None)
ask = system.answer
"""

_BASELINE_CODE = """\
from bot.engine import load_corpus
from bench.systems import build_baseline
system = build_baseline(load_corpus(Path(sys.argv[1]), Path(sys.argv[4]) if sys.argv[4] else None), sys.argv[3])
ask = system.rank
"""

_EPILOGUE = """\
startup = time.perf_counter() - t0
rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
questions = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
t1 = time.perf_counter()
ask(questions[0])
first_answer = time.perf_counter() - t1
for question in questions[1:]:
    ask(question)
answers = time.perf_counter() - t1
rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    status = Path("/proc/self/status").read_text()
    hwm = int(status.split("VmHWM:", 1)[1].split()[0])
except (OSError, IndexError, ValueError):
    hwm = None
print(json.dumps({"startup_s": startup, "first_answer_s": first_answer, "answers_s": answers,
                  "rss_loaded_kib": rss_loaded, "rss_peak_kib": rss_peak, "vmhwm_kib": hwm}))
"""


def _code(system: str) -> str:
    return _PRELUDE + (_ENGINE_CODE if system == ENGINE else _BASELINE_CODE) + _EPILOGUE


def measure_once(
    system: str, corpus_dir: Path, questions_file: Path, cache_dir: Path | None = None
) -> dict[str, float | None]:
    """One fresh process: start-up seconds, RSS after loading and peak RSS after answering (MiB)."""
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-c", _LAUNCHER,
         sys.executable, "-c", _code(system), str(corpus_dir), str(questions_file), system,
         str(cache_dir) if cache_dir is not None else ""],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    wall = time.perf_counter() - started
    if completed.returncode != 0:
        raise RuntimeError(f"footprint of {system!r} failed:\n{completed.stderr[-2000:]}")
    data = json.loads(completed.stdout.strip().splitlines()[-1])
    return {
        "startup_s": float(data["startup_s"]),
        "first_answer_ms": float(data["first_answer_s"]) * 1000.0,
        "answers_s": float(data["answers_s"]),
        "rss_loaded_mib": data["rss_loaded_kib"] / 1024.0,
        "rss_peak_mib": data["rss_peak_kib"] / 1024.0,
        "vmhwm_mib": data["vmhwm_kib"] / 1024.0 if data["vmhwm_kib"] is not None else None,
        "process_wall_s": wall,
    }


def measure(system: str, corpus_dir: Path, questions: Sequence[str], runs: int) -> dict[str, Any]:
    """Median over `runs` fresh processes of each figure (start-up varies with the machine's load).

    Every system loads the corpus through the same pattern cache. `runs` first starts, each with an
    empty cache folder, give the `cold` figures; the other `runs` start from a filled one.
    """
    with tempfile.TemporaryDirectory(prefix="bench-q-") as tmp:
        questions_file = Path(tmp) / "questions.json"
        questions_file.write_text(json.dumps(list(questions)), encoding="utf-8")
        count = max(1, runs)
        cold = [measure_once(system, corpus_dir, questions_file, Path(tmp) / f"cache-{i}") for i in range(count)]
        samples = [measure_once(system, corpus_dir, questions_file, Path(tmp) / "cache-0") for _ in range(count)]
    result = _medians(samples)
    result["runs"] = len(samples)
    result["startup_s_all"] = [s["startup_s"] for s in samples]
    result["cold"] = _medians(cold)
    return result


def _medians(samples: list[dict[str, float | None]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key in samples[0]:
        values = [s[key] for s in samples]
        result[key] = statistics.median(v for v in values if v is not None) if None not in values else None
    return result
