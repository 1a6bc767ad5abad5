"""adviseur's benchmark: what users feel, each figure against a baseline measured in the same run.

    python bench/run.py                 # the full run (a few minutes)
    python bench/run.py --snel          # under a minute
    python bench/run.py --json out.json # also write the figures as JSON
    python bench/run.py --regels PAD --scenarios PAD   # another knowledge base

Figures (JSON keys) and their baselines, targets in TARGETS below; docs/prestaties.md explains
each one and keeps the table of a run:

- startup_ratio: `adviseur consult` until the first question and its prompt are on screen (in
  a pseudo-terminal, cache warm), divided by the import floor
  `python -c "import rich, prompt_toolkit, yaml, durable.engine"`.
- derive_median_ms, derive_p95_ms: from an answer to the next question (derivation, scoring
  and choosing the question) over full routes of the scenarios; derive_ratio_vs_reference:
  that median over the reference engine's full re-derivation (fresh session, all answers so
  far, scored) on the same answers, timed right after each step.
- replay_per_s: all scenarios replayed, scenarios per second (reference engine alongside).
- rules_N_*: generated knowledge bases of N = 500, 2,000 and 10,000 rules (30 questions, two
  levels of chaining), written as rule files: load (YAML to a compiled engine), derive (as
  above, and a full derivation of all answers), memory; each in its own process.
- memory_growth_mb: resident memory growth over 10,000 consultations in one process.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import gc
import json
import os
import platform
import pty
import random
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.kbgen generates the large knowledge bases

from adviseur.engine.base import Engine, derive  # noqa: E402
from adviseur.engine.durable import DurableEngine  # noqa: E402
from adviseur.engine.reference import ReferenceEngine  # noqa: E402
from adviseur.engine.scoring import score  # noqa: E402
from adviseur.loading import load_knowledge_base  # noqa: E402
from adviseur.loading.scenarios import load_scenario, scenario_files  # noqa: E402
from adviseur.model.answers import UNKNOWN, AnswerValue, Unknown  # noqa: E402
from adviseur.model.knowledge import KnowledgeBase, Question, QuestionKind  # noqa: E402
from adviseur.session.consultation import Consultation  # noqa: E402
from adviseur.session.replay import replay  # noqa: E402

SIZES = (500, 2000, 10000)
CONSULTATIONS = 10_000
# key → (target, "le" or "ge"): the figure must be at most / at least the target
TARGETS: dict[str, tuple[float, str]] = {
    "startup_ratio": (1.5, "le"),
    "derive_median_ms": (10.0, "le"),
    "derive_ratio_vs_reference": (1.0, "le"),
    "rules_10000_load_s": (3.0, "le"),
    "rules_10000_derive_median_ms": (50.0, "le"),
    "memory_growth_mb": (10.0, "le"),
}
FLOOR = "import rich, prompt_toolkit, yaml, durable.engine"


# --- helpers ---------------------------------------------------------------------------------


def rss_mb() -> float:
    """Resident memory of this process now (Linux /proc), else its peak so far."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return peak_rss_mb()


def peak_rss_mb() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def median_ms(samples: Sequence[float]) -> float:
    return round(statistics.median(samples) * 1000, 3)


def p95_ms(samples: Sequence[float]) -> float:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000, 3)


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def raw(value: AnswerValue) -> object:
    """An answer as a user or a file gives it (what Consultation.answer expects)."""
    if isinstance(value, Unknown):
        return "weet ik niet"
    if isinstance(value, frozenset):
        return sorted(value)
    return value


def fallback(question: Question) -> object:
    """The answer for a question the scenario does not answer."""
    if question.allow_unknown:
        return "weet ik niet"
    return question.option_values()[0] if question.options else question.minimum


def random_answers(kb: KnowledgeBase, rng: random.Random) -> dict[str, AnswerValue]:
    """A valid answer to every question; one in eight is "weet ik niet" where allowed."""
    answers: dict[str, AnswerValue] = {}
    for q in kb.questions:
        if q.allow_unknown and rng.random() < 0.125:
            answers[q.id] = UNKNOWN
        elif q.kind is QuestionKind.MULTIPLE:
            answers[q.id] = frozenset(v for v in q.option_values() if rng.random() < 0.4)
        elif q.options:
            answers[q.id] = rng.choice(q.option_values())
        else:
            low = q.minimum if q.minimum is not None else 0
            high = q.maximum if q.maximum is not None else low + 20
            answers[q.id] = rng.randint(low, high)
    return answers


@contextlib.contextmanager
def quiet_gc() -> Iterator[None]:
    """A full collection before a timed block, so garbage of the previous one does not count."""
    gc.collect()
    yield


# --- 1. startup ------------------------------------------------------------------------------

_CSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]")


def until_prompt(argv: Sequence[str], env: dict[str, str], marker: str | None) -> float:
    """Seconds from starting `argv` in a pseudo-terminal until `marker` (normalised text) is on
    screen and prompt_toolkit has drawn its prompt after it; with marker None, until it exits."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, close_fds=True
    )
    os.close(slave)
    out = b""
    elapsed: float | None = None
    try:
        while elapsed is None:
            ready, _, _ = select.select([master], [], [], 30)
            if not ready:
                raise RuntimeError(f"geen prompt binnen 30 s; laatste uitvoer: {out[-400:]!r}")
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                chunk = b""
            if not chunk:
                proc.wait()
                elapsed = time.perf_counter() - start
                if marker is not None:
                    raise RuntimeError(f"gestopt zonder vraag; uitvoer: {out[-400:]!r}")
                break
            out += chunk
            if b"\x1b[6n" in chunk:  # a cursor position request: answer as a terminal would
                os.write(master, b"\x1b[1;1R")
            if marker is not None and _prompt_after(out, marker):
                elapsed = time.perf_counter() - start
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    assert elapsed is not None
    return elapsed


def _prompt_after(out: bytes, marker: str) -> bool:
    text = " ".join(_CSI.sub(b"", out).decode("utf-8", "replace").split())
    if marker not in text:
        return False
    # prompt_toolkit switches bracketed paste on, draws the prompt and shows the cursor
    drawn = out.rfind(b"\x1b[?2004h")
    return drawn >= 0 and out.find(b"\x1b[?25h", drawn) >= 0


def measure_startup(rules: Path, given: bool, first_question: str, pairs: int) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="adviseur-bench-"))
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "ADVISEUR_HOME")
    }
    env.update(TERM="xterm-256color", COLUMNS="200", LINES="50")
    if sys.platform.startswith("linux"):
        env["XDG_CACHE_HOME"] = str(work / "cache")  # platformdirs' user cache dir, kept apart
    else:
        env["ADVISEUR_HOME"] = str(work / "home")
    script = Path(sys.executable).with_name("adviseur")
    consult = [str(script)] if script.exists() else [sys.executable, "-m", "adviseur"]
    consult += ["consult", *(["--regels", str(rules)] if given else [])]
    floor = [sys.executable, "-c", FLOOR]
    marker = " ".join(first_question.split())[:40]
    try:
        until_prompt(floor, env, None)
        until_prompt(consult, env, marker)  # writes the .pyc files and the cache
        shutil.rmtree(work / "cache", ignore_errors=True)
        shutil.rmtree(work / "home", ignore_errors=True)
        cold = until_prompt(consult, env, marker)  # .pyc files warm, knowledge-base cache cold
        floors, consults = [], []
        for _ in range(pairs):
            floors.append(until_prompt(floor, env, None))
            consults.append(until_prompt(consult, env, marker))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "startup_ratio": round(statistics.median(consults) / statistics.median(floors), 3),
        "startup_ms": median_ms(consults),
        "startup_floor_ms": median_ms(floors),
        "startup_cold_ms": round(cold * 1000, 1),
        "startup_runs": pairs,
    }


# --- 2. derive: from an answer to the next question --------------------------------------------


def route_steps(
    kb: KnowledgeBase,
    engine: Engine,
    reference: Engine,
    answers: dict[str, AnswerValue],
    steps: list[float],
    baseline: list[float],
) -> None:
    """Answer every question the consultation asks (full route), timing each step, and right
    after it the reference engine's full re-derivation of the same answers."""
    consultation = Consultation(kb, engine, full=True)
    try:
        question = consultation.next_question()
        while question is not None:
            value = raw(answers[question.id]) if question.id in answers else fallback(question)
            start = time.perf_counter()
            consultation.answer(question.id, value)
            question = consultation.next_question()
            steps.append(time.perf_counter() - start)
            active = consultation.active_answers()
            start = time.perf_counter()
            score(kb, derive(reference, active))
            baseline.append(time.perf_counter() - start)
    finally:
        consultation.close()


def measure_derive(
    kb: KnowledgeBase, engine: Engine, answer_sets: Sequence[dict[str, AnswerValue]]
) -> dict[str, Any]:
    reference = ReferenceEngine(kb)
    compile_s = timed(lambda: engine.compile() if isinstance(engine, DurableEngine) else None)
    route_steps(kb, engine, reference, answer_sets[0], [], [])  # warm up
    steps: list[float] = []
    baseline: list[float] = []
    with quiet_gc():
        for answers in answer_sets:
            route_steps(kb, engine, reference, answers, steps, baseline)
    return {
        "derive_median_ms": median_ms(steps),
        "derive_p95_ms": p95_ms(steps),
        "derive_reference_median_ms": median_ms(baseline),
        "derive_ratio_vs_reference": round(
            statistics.median(steps) / statistics.median(baseline), 3
        ),
        "derive_steps": len(steps),
        "compile_ms": round(compile_s * 1000, 1),
    }


# --- 3. replay ---------------------------------------------------------------------------------


def measure_replay(
    kb: KnowledgeBase, engine: Engine, scenarios: Sequence[Any], seconds: float
) -> dict[str, Any]:
    def rate(eng: Engine) -> float:
        for s in scenarios:
            replay(kb, eng, s)  # warm up
        done, start = 0, time.perf_counter()
        with quiet_gc():
            while time.perf_counter() - start < seconds or done < 3 * len(scenarios):
                for s in scenarios:
                    replay(kb, eng, s)
                done += len(scenarios)
        return done / (time.perf_counter() - start)

    durable_rate = rate(engine)
    reference_rate = rate(ReferenceEngine(kb))
    return {
        "replay_per_s": round(durable_rate, 1),
        "replay_reference_per_s": round(reference_rate, 1),
        "replay_scenarios": len(scenarios),
    }


# --- 4. scale: generated knowledge bases, each size in its own process -------------------------


def write_generated(size: int, directory: Path) -> Path:
    """The generated knowledge base of `size` rules, as rule files (not timed)."""
    from tests.kbgen import large_knowledge_base, write_yaml

    return write_yaml(large_knowledge_base(size, seed=size), directory)


def scale_child(size: int, rules: Path, routes: int, full: int) -> dict[str, Any]:
    """Runs in a child process: load, derive and memory for one generated knowledge base."""
    work = Path(tempfile.mkdtemp(prefix=f"adviseur-bench-{size}-"))
    os.environ["ADVISEUR_HOME"] = str(work / "home")
    try:
        gc.collect()
        rss_before = rss_mb()
        engine_box: list[DurableEngine] = []

        def load_durable() -> None:
            kb = load_knowledge_base([rules], use_cache=False)
            engine = DurableEngine(kb)
            engine.compile()
            engine_box.append(engine)

        load_s = timed(load_durable)
        engine = engine_box[0]
        kb = engine.kb
        reference_load_s = timed(
            lambda: ReferenceEngine(load_knowledge_base([rules], use_cache=False))
        )
        load_knowledge_base([rules])  # fills the cache

        def load_cached() -> None:
            again = DurableEngine(load_knowledge_base([rules]))
            again.compile()
            engine_box.append(again)

        load_cached_s = timed(load_cached)
        engine_box.pop().close()

        rng = random.Random(size)
        reference = ReferenceEngine(kb)
        steps: list[float] = []
        baseline: list[float] = []
        route_steps(kb, engine, reference, random_answers(kb, rng), [], [])  # warm up
        with quiet_gc():
            for _ in range(routes):
                route_steps(kb, engine, reference, random_answers(kb, rng), steps, baseline)
        fulls: list[float] = []
        full_baseline: list[float] = []
        with quiet_gc():
            for _ in range(full):
                answers = random_answers(kb, rng)
                fulls.append(timed(lambda a=answers: score(kb, derive(engine, a))))
                full_baseline.append(timed(lambda a=answers: score(kb, derive(reference, a))))
        gc.collect()
        rss_used = rss_mb()
        p = f"rules_{size}_"
        return {
            p + "rules": len(kb.rules),
            p + "load_s": round(load_s, 3),
            p + "load_cached_s": round(load_cached_s, 3),
            p + "reference_load_s": round(reference_load_s, 3),
            p + "derive_median_ms": median_ms(steps),
            p + "derive_p95_ms": p95_ms(steps),
            p + "reference_ms": median_ms(baseline),
            p + "full_derive_median_ms": median_ms(fulls),
            p + "reference_full_ms": median_ms(full_baseline),
            p + "memory_mb": round(rss_used - rss_before, 1),
            p + "peak_rss_mb": round(peak_rss_mb(), 1),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def scale_reference_child(size: int, rules: Path) -> dict[str, Any]:
    """The reference engine's memory for the same knowledge base, in a process of its own."""
    gc.collect()
    before = rss_mb()
    kb = load_knowledge_base([rules], use_cache=False)
    reference = ReferenceEngine(kb)
    rng = random.Random(size)
    for _ in range(3):
        score(kb, derive(reference, random_answers(kb, rng)))
    gc.collect()
    return {f"rules_{size}_reference_memory_mb": round(rss_mb() - before, 1)}


# --- 5. memory over many consultations --------------------------------------------------------


def memory_child(rules: Path, scenarios: Path | None, count: int) -> dict[str, Any]:
    """Runs in a child process: `count` consultations on one engine; resident memory growth."""
    kb = load_knowledge_base([rules])
    engine = DurableEngine(kb)
    rng = random.Random(7)
    answer_sets = [s.answer_map() for s in load_scenarios(kb, scenarios)]
    answer_sets += [random_answers(kb, rng) for _ in range(max(0, 50 - len(answer_sets)))]
    reference = ReferenceEngine(kb)

    def consultation(i: int) -> None:
        answers = answer_sets[i % len(answer_sets)]
        if i % 100 == 0:  # now and then a consultation answered step by step
            route_steps(kb, engine, reference, answers, [], [])
            return
        c = Consultation(kb, engine, full=True, answers=answers)
        c.result()
        c.close()

    for i in range(200):  # the allocator's high-water mark and the session pool fill up first
        consultation(i)
    gc.collect()
    start_rss = rss_mb()
    start = time.perf_counter()
    for i in range(count):
        consultation(i)
    seconds = time.perf_counter() - start
    gc.collect()
    end_rss = rss_mb()
    engine.close()
    return {
        "memory_growth_mb": round(end_rss - start_rss, 2),
        "memory_consultations": count,
        "memory_rss_start_mb": round(start_rss, 1),
        "memory_rss_end_mb": round(end_rss, 1),
        "memory_consultations_per_s": round(count / seconds, 1),
    }


def child(args: list[str]) -> subprocess.Popen[str]:
    """Start one measurement in a fresh process (its memory figures are its own)."""
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--intern", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def result(proc: subprocess.Popen[str]) -> dict[str, Any]:
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"meting {proc.args} mislukte:\n{err[-3000:]}")
    data: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return data


# --- the run -----------------------------------------------------------------------------------


def load_scenarios(kb: KnowledgeBase, path: Path | None) -> list[Any]:
    if path is None or not path.exists():
        return []
    return [load_scenario(p, kb) for p in scenario_files([path])]


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_gb = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory_gb = round(int(line.split()[1]) / 2**20, 1)
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "os": platform.platform(),
        "python": platform.python_version(),
        "durable_rules": metadata.version("durable-rules"),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def verdicts(figures: dict[str, Any]) -> dict[str, bool]:
    result = {}
    for key, (target, sense) in TARGETS.items():
        value = figures.get(key)
        if isinstance(value, int | float):
            result[key] = value <= target if sense == "le" else value >= target
    return result


def report(figures: dict[str, Any]) -> None:
    ok = figures["meets_targets"]
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        if isinstance(value, dict):
            continue
        mark = ""
        if key in TARGETS:
            target, sense = TARGETS[key]
            verdict = "ok" if ok.get(key) else "GEMIST"
            mark = f"   doel {'≤' if sense == 'le' else '≥'} {target:g}  {verdict}"
        print(f"{key:<{width}}  {value}{mark}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench/run.py", description="Prestatiemeting van adviseur (zie docs/prestaties.md)."
    )
    parser.add_argument("--snel", action="store_true", help="een meting van minder dan een minuut")
    parser.add_argument("--json", type=Path, metavar="PAD", help="schrijf de cijfers als JSON")
    parser.add_argument(
        "--regels", type=Path, metavar="PAD", help="regelbestanden (standaard: rules/)"
    )
    parser.add_argument(
        "--scenarios", type=Path, metavar="PAD", help="scenario's (standaard: scenarios/)"
    )
    parser.add_argument("--intern", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.intern:
        return intern(args.intern)

    rules = args.regels or ROOT / "rules"
    scenarios_dir = args.scenarios or ROOT / "scenarios"
    if not rules.exists() or not any(rules.rglob("*.yaml")):
        parser.error(f"geen regelbestanden in {rules}; geef --regels PAD")
    snel = args.snel
    started = time.perf_counter()
    figures: dict[str, Any] = {"snel": snel, "machine": machine()}

    def step(name: str) -> None:
        print(f"… {name} ({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)

    kb = load_knowledge_base([rules])
    scenarios = load_scenarios(kb, scenarios_dir)
    if not scenarios:
        parser.error(f"geen scenario's in {scenarios_dir}; geef --scenarios PAD")
    figures["knowledge_base"] = {
        "rules_path": str(rules),
        "digest": kb.digest[:12],
        "questions": len(kb.questions),
        "rules": len(kb.rules),
        "factors": len(kb.factors),
        "interventions": len(kb.interventions),
        "scenarios": len(scenarios),
    }
    first = Consultation(kb, ReferenceEngine(kb)).next_question()
    assert first is not None, "the knowledge base asks no question"

    # The 10,000 consultations only count memory, not time: on a machine with more than one
    # core they run alongside the rest (each measurement is a single process on one core).
    alongside = (os.cpu_count() or 1) > 1
    memory = child(["geheugen", str(rules), str(scenarios_dir), str(CONSULTATIONS)])
    if not alongside:
        step(f"{CONSULTATIONS} consultaties")
        figures.update(result(memory))
    step("opstarten")
    figures.update(measure_startup(rules, args.regels is not None, first.text, 5 if snel else 15))
    step("afleiden per antwoord")
    engine = DurableEngine(kb)
    answer_sets = [s.answer_map() for s in scenarios][: 8 if snel else None]
    figures.update(measure_derive(kb, engine, answer_sets))
    step("scenario's afspelen")
    figures.update(measure_replay(kb, engine, scenarios, 1.0 if snel else 5.0))
    engine.close()
    work = Path(tempfile.mkdtemp(prefix="adviseur-bench-schaal-"))
    try:
        generated = {size: write_generated(size, work / str(size)) for size in SIZES}
        for size in SIZES:
            step(f"{size} regels")
            routes, full = {500: (6, 20), 2000: (4, 12), 10000: (2, 8)}[size]
            if not snel:
                routes, full = routes * 4, full * 4
            where = str(generated[size])
            figures.update(result(child(["schaal", str(size), where, str(routes), str(full)])))
            figures.update(result(child(["schaal-referentie", str(size), where])))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if alongside:
        step(f"{CONSULTATIONS} consultaties")
        figures.update(result(memory))
    figures["seconds"] = round(time.perf_counter() - started, 1)
    figures["meets_targets"] = verdicts(figures)
    report(figures)
    if args.json:
        args.json.write_text(
            json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 0 if all(figures["meets_targets"].values()) else 1


def intern(args: list[str]) -> int:
    kind, *rest = args
    if kind == "schaal":
        figures = scale_child(int(rest[0]), Path(rest[1]), int(rest[2]), int(rest[3]))
    elif kind == "schaal-referentie":
        figures = scale_reference_child(int(rest[0]), Path(rest[1]))
    elif kind == "geheugen":
        figures = memory_child(Path(rest[0]), Path(rest[1]), int(rest[2]))
    else:
        raise SystemExit(f"onbekende interne meting {kind}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
