"""The adversarial suite: every attack in ``attacks/`` is graded as a submission, and the
grader must neither be fooled nor harmed by it.

An attack file is appended to the reference solution of its exercise (later definitions
win, as with ``graders/mutants``) and declares, as module constants read without running it:

- ``EXERCISE``: the exercise it is handed in for;
- ``ATTACKED``: the tests (names or name prefixes) that must score 0, or ``"*"`` for an
  attack at import time (every test of the exercise scores 0);
- ``HARMLESS = True`` where the attack cannot change a verdict: every test must then get
  its honest verdict, full marks, whatever the attack printed or patched;
- ``BATCH = True`` where it is graded in a class with honest students (``grade_class``);
- ``WHY``: what a real cheater hopes to get.

Attacks learn where things are through placeholders the harness substitutes, as if they
had guessed them: ``__COURSE_ROOT__``, ``__PORT__`` (a TCP listener of the harness on
127.0.0.1), ``__MARKER__`` (put into the argv of every process an attack starts and the
name of every file it leaves), ``__OTHER_SUBMISSION__`` and ``__GRADEBOOK__``.

For every attack the harness asserts: the verdicts above; nothing secret in any test's
output or message (a canary in the grading process's environment, a token in the
course's reference solutions and graders, the hidden tests' source lines); nothing
changed outside the child's scratch directory (the course, a canary folder with another
submission and a gradebook, files named with the marker in /tmp, /var/tmp, /dev/shm); no
process left that carries the marker; no connection reached the listener; and grading
ended within a generous liveness bound.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import secrets
import select
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from autograde.results import Result, Status, TestResult

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
ATTACKS = sorted((HERE / "attacks").glob("*.py"))
EXERCISES = ("perceptron", "activations", "losses")  # the cheap ones: a course of these grades in a second
LIVENESS_S = 120  # "finishes in bounded time", generous for a loaded 2-core machine: not a speed check
LEFTOVER_GRACE_S = 5.0  # processes killed at the end of grading may take a moment to vanish
SCRATCH_DIRS = ("/tmp", "/var/tmp", "/dev/shm")  # where an attack leaves files named with its marker
HONEST = ("bea", "cal")  # the honest students of a batch attack; the attacker is graded first
ATTACKER = "aardvark"


# ---------------------------------------------------------------------- attack files


@dataclass(frozen=True)
class Attack:
    """One attack file's declarations."""

    path: Path
    exercise: str
    attacked: tuple[str, ...] | str
    harmless: bool
    batch: bool
    why: str

    @classmethod
    def read(cls, path: Path) -> Attack:
        """The module constants of ``path``, read without running it."""
        constants = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                try:
                    constants[node.targets[0].id] = ast.literal_eval(node.value)
                except ValueError:
                    continue  # an expression, not a declaration
        attacked = constants.get("ATTACKED", ())
        return cls(path=path, exercise=constants["EXERCISE"],
                   attacked=attacked if attacked == "*" else tuple(attacked),
                   harmless=bool(constants.get("HARMLESS", False)), batch=bool(constants.get("BATCH", False)),
                   why=constants["WHY"])

    def is_attacked(self, test: str) -> bool:
        """Whether ``test`` (a test's name, maybe parametrized) is one this attack aims at."""
        return self.attacked == "*" or any(test.startswith(prefix) for prefix in self.attacked)


def test_the_suite_has_at_least_thirty_realistic_attacks() -> None:
    attacks = [Attack.read(p) for p in ATTACKS]
    assert len(attacks) >= 30
    assert all(a.exercise in EXERCISES and a.why for a in attacks)
    assert all(a.attacked or a.harmless for a in attacks), "an attack aims at some tests or is harmless"


# ---------------------------------------------------------------------- the scene


@dataclass
class Scene:
    """Everything one attack runs against, made fresh for each attack."""

    tmp: Path
    course: Path
    canaries: Path
    other_submission: Path
    gradebook: Path
    listener: socket.socket
    marker: str
    secrets: tuple[str, ...]  # strings that must never reach a test's output or message

    def placeholders(self) -> dict[str, str]:
        return {"__COURSE_ROOT__": str(self.course), "__PORT__": str(self.listener.getsockname()[1]),
                "__MARKER__": self.marker, "__OTHER_SUBMISSION__": str(self.other_submission),
                "__GRADEBOOK__": str(self.gradebook)}

    def submission_source(self, attack: Attack) -> str:
        """The reference solution with the attack appended and its placeholders filled in."""
        text = (ROOT / "solutions" / f"{attack.exercise}.py").read_text(encoding="utf-8")
        text += "\n\n" + attack.path.read_text(encoding="utf-8")
        for placeholder, value in self.placeholders().items():
            text = text.replace(placeholder, value)
        return text

    def protected(self) -> dict[str, str]:
        """A hash of every file outside the child's scratch directory that an attack could
        change: the course, the canary folder."""
        return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
                for folder in (self.course, self.canaries) for p in sorted(folder.rglob("*")) if p.is_file()}

    def left_files(self) -> list[str]:
        """Files named with the marker in the shared scratch places of the host."""
        return [str(p) for d in SCRATCH_DIRS if Path(d).is_dir() for p in Path(d).glob(f"*{self.marker}*")]

    def left_processes(self) -> list[str]:
        """``pid cmdline`` of every process whose command line carries the marker."""
        found = subprocess.run(["pgrep", "-a", "-f", self.marker], capture_output=True, text=True).stdout
        return found.splitlines()

    def connections(self) -> int:
        """How many connections reached the listener."""
        count = 0
        while select.select([self.listener], [], [], 0)[0]:
            conn, _ = self.listener.accept()
            conn.close()
            count += 1
        return count


def _copy_course(folder: Path, token: str) -> None:
    """This repository's cheap exercises as a course in ``folder``; each reference solution
    and grader ends with a line holding ``token``, which no submission can know."""
    for sub, name in (("graders", "test_{}.py"), ("solutions", "{}.py"), ("exercises", "{}.py")):
        (folder / sub).mkdir(parents=True)
        for exercise in EXERCISES:
            text = (ROOT / sub / name.format(exercise)).read_text(encoding="utf-8")
            if sub != "exercises":
                text += f"\n# {sub} secret: {token}\n"
            (folder / sub / name.format(exercise)).write_text(text, encoding="utf-8")
    (folder / "pyproject.toml").write_text(f"[tool.autograde]\nexercises = {list(EXERCISES)!r}\n")


def _hidden_lines(exercise: str) -> list[str]:
    """The source lines of ``exercise``'s hidden tests long enough to be recognisable."""
    text = (ROOT / "graders" / f"test_{exercise}.py").read_text(encoding="utf-8")
    block = text.split("### BEGIN HIDDEN TESTS", 1)[1].split("### END HIDDEN TESTS", 1)[0]
    return [line.strip() for line in block.splitlines() if len(line.strip()) >= 24]


@pytest.fixture(scope="session")
def namespaces() -> None:
    """The suite proves the namespace sandbox. Under the fallback (no namespaces, learner
    code as this user, maybe root) some attacks would really harm the machine (``kill(-1)``,
    bombs): they are not run, and each attack fails saying why."""
    from autograde.sandbox.forkserver import ForkServer

    server = ForkServer()
    try:
        why = server.isolation()
    finally:
        server.close()
    if why:
        pytest.fail(f"kernel namespaces are not available here ({why}): the adversarial suite is not run, "
                    "since its attacks would run unconfined (docs/security.md)", pytrace=False)


@pytest.fixture
def scene(namespaces: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Scene]:
    canary, token, marker = (secrets.token_hex(16) for _ in range(3))
    monkeypatch.setenv("AUTOGRADE_CANARY_SECRET", canary)  # the grading process inherits it
    _copy_course(tmp_path / "course", token)
    canaries = tmp_path / "others"
    other = canaries / "other-student"
    other.mkdir(parents=True)
    for exercise in EXERCISES:
        shutil.copy(ROOT / "solutions" / f"{exercise}.py", other)
    (canaries / "gradebook.db").write_bytes(b"SQLite format 3\x00 a gradebook an attacker must not touch")
    listener = socket.create_server(("127.0.0.1", 0), backlog=64)
    listener.setblocking(False)
    scene = Scene(tmp=tmp_path, course=tmp_path / "course", canaries=canaries, other_submission=other,
                  gradebook=canaries / "gradebook.db", listener=listener, marker=f"advmark{marker}",
                  secrets=(canary, token))
    try:
        yield scene
    finally:
        listener.close()
        # Whatever an attack left behind goes, even when the test failed on it.
        for line in scene.left_processes():
            try:
                os.kill(int(line.split()[0]), signal.SIGKILL)
            except ProcessLookupError:
                pass
        for path in scene.left_files():
            Path(path).unlink(missing_ok=True)


# ---------------------------------------------------------------------- grading


def _run(job: dict[str, str], tmp: Path) -> str:
    """Grade ``job`` in a process of its own (``runner.py``); the text it wrote."""
    job_file = tmp / "job.json"
    job_file.write_text(json.dumps(job), encoding="utf-8")
    process = subprocess.Popen([sys.executable, str(HERE / "runner.py"), str(job_file)], cwd=tmp,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        log, _ = process.communicate(timeout=LIVENESS_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"grading did not finish within {LIVENESS_S} s")
    tail = log.decode(errors="replace")[-3000:]
    assert process.returncode == 0, f"the grading process ended with status {process.returncode}:\n{tail}"
    return Path(job["out"]).read_text(encoding="utf-8")


def _grade_single(scene: Scene, attack: Attack) -> Result:
    folder = scene.tmp / "submission"
    folder.mkdir()
    (folder / f"{attack.exercise}.py").write_text(scene.submission_source(attack), encoding="utf-8")
    text = _run({"mode": "single", "course": str(scene.course), "submission": str(folder),
                 "exercise": attack.exercise, "out": str(scene.tmp / "result.json")}, scene.tmp)
    return Result.from_json(text)


def _make_class(scene: Scene, attack: Attack) -> Path:
    """The attacker and the honest students as a class folder inside the canary folder, so
    that a change to any submission shows; the attacker's guessed paths become an honest
    student's folder and the gradebook the class is graded into."""
    classroom = scene.canaries / "class"
    for student in HONEST:
        shutil.copytree(scene.other_submission, classroom / student)
    scene.other_submission, scene.gradebook = classroom / HONEST[0], scene.tmp / "gradebook.db"
    attacker = classroom / ATTACKER
    attacker.mkdir()
    for exercise in EXERCISES:
        source = scene.submission_source(attack) if exercise == attack.exercise else (
            ROOT / "solutions" / f"{exercise}.py").read_text(encoding="utf-8")
        (attacker / f"{exercise}.py").write_text(source, encoding="utf-8")
    return classroom


def _grade_class(scene: Scene, classroom: Path) -> dict[str, tuple[str, Result]]:
    """``classroom`` graded by one worker (the attacker first) with hidden tests into the
    scene's gradebook: ``{student: (row status, result)}``."""
    text = _run({"mode": "batch", "course": str(scene.course), "class": str(classroom),
                 "gradebook": str(scene.gradebook), "out": str(scene.tmp / "rows.json")}, scene.tmp)
    return {student: (row["status"], Result.from_json(json.dumps(row["result"])))
            for student, row in json.loads(text).items()}


def _verdict_problems(attack: Attack, tests: tuple[TestResult, ...]) -> list[str]:
    """What went wrong with the verdicts: attacked tests that scored, others that did not pass."""
    problems = []
    for test in tests:
        if not attack.harmless and attack.is_attacked(test.name):
            if test.score != 0:
                problems.append(f"{test.name} scored {test.score} for the attack ({test.status.value})")
        elif test.status is not Status.PASSED:
            problems.append(f"{test.name} should pass honestly but is {test.status.value}: {test.message[:300]}")
    if attack.attacked != "*":
        names = [t.name for t in tests]
        problems += [f"ATTACKED names {prefix!r}, which no test of {attack.exercise} matches"
                     for prefix in attack.attacked if not any(n.startswith(prefix) for n in names)]
    return problems


def _leaks(scene: Scene, attack: Attack, result: Result) -> list[str]:
    """Secrets found in what the result document shows: output, messages, notes."""
    own = attack.path.read_text(encoding="utf-8")
    wanted = [*scene.secrets, *(line for line in _hidden_lines(attack.exercise) if line not in own)]
    shown = [(f"{e.name} notes", note) for e in result.exercises for note in e.notes]
    shown += [(f"{t.name} {field}", getattr(t, field)) for e in result.exercises for t in e.tests
              for field in ("output", "message")]
    return [f"{where} shows {secret[:40]!r}" for where, text in shown for secret in wanted if secret in text]


def _aftermath(scene: Scene, before: dict[str, str]) -> list[str]:
    """What the attack left or changed outside its scratch directory."""
    problems = []
    after = scene.protected()
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    problems += [f"changed outside the scratch directory: {p}" for p in changed]
    problems += [f"left a file: {p}" for p in scene.left_files()]
    deadline = time.monotonic() + LEFTOVER_GRACE_S
    while scene.left_processes() and time.monotonic() < deadline:
        time.sleep(0.1)
    problems += [f"left a process: {line}" for line in scene.left_processes()]
    connections = scene.connections()
    if connections:
        problems.append(f"{connections} connection(s) reached the grading host's listener on 127.0.0.1")
    return problems


SINGLE = [p for p in ATTACKS if not Attack.read(p).batch]
BATCH = [p for p in ATTACKS if Attack.read(p).batch]


@pytest.mark.parametrize("path", SINGLE, ids=lambda p: p.stem)
def test_attack_is_contained(scene: Scene, path: Path) -> None:
    attack = Attack.read(path)
    before = scene.protected()
    result = _grade_single(scene, attack)
    tests = result.exercises[0].tests
    assert tests, "the exercise's tests must all be reported"
    problems = _verdict_problems(attack, tests) + _leaks(scene, attack, result) + _aftermath(scene, before)
    assert problems == [], f"{path.stem} ({attack.why}):\n" + "\n".join(problems)


@pytest.mark.parametrize("path", BATCH, ids=lambda p: p.stem)
def test_attack_in_a_class_is_contained(scene: Scene, path: Path) -> None:
    attack = Attack.read(path)
    classroom = _make_class(scene, attack)
    before = scene.protected()
    rows = _grade_class(scene, classroom)
    with sqlite3.connect(scene.gradebook) as db:
        integrity = db.execute("PRAGMA integrity_check").fetchall()
        students = sorted(s for (s,) in db.execute("SELECT student FROM results"))
    assert integrity == [("ok",)]
    assert students == sorted([ATTACKER, *HONEST])
    problems = []
    for student in HONEST:
        status, result = rows[student]
        if status != "graded" or result.score != result.max_score:
            problems.append(f"honest {student} got {result.score}/{result.max_score} ({status})")
    status, result = rows[ATTACKER]
    for exercise in result.exercises:
        if exercise.name == attack.exercise:
            problems += _verdict_problems(attack, exercise.tests)
        else:
            problems += [f"{exercise.name}::{t.name} should pass honestly but is {t.status.value}"
                         for t in exercise.tests if t.status is not Status.PASSED]
    for _, graded in rows.values():
        problems += _leaks(scene, attack, graded)
    problems += _aftermath(scene, before)
    assert problems == [], f"{path.stem} ({attack.why}):\n" + "\n".join(problems)
