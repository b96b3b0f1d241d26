"""The reference's stand-in (:mod:`autograde.plugin.reference`): a course without
``solutions/`` but with ``recorded/`` grades the public tests as the course with its
solutions does. Recording itself (:func:`autograde.release.record`) is tested with the
release."""

from __future__ import annotations

import json
import shutil
import types
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from autograde import loaders, validate
from autograde.config import Course, find_course
from autograde.errors import ConfigError
from autograde.grading import GradingSession
from autograde.plugin.reference import Recorder, Replay, Stand, paths
from autograde.release import record
from autograde.results import Result, Status
from autograde.sandbox.forkserver import ServerPool
from conftest import ROOT, GradeSources, solution_source

CHEAP = ("perceptron", "activations", "losses", "gradient_descent")
# Exercises whose graders train with the learner's pieces: every right and wrong answer of
# theirs must grade from the recording as from the reference, or a grader asked the
# reference about values that came from the learner (docs/replay.md).
TRAINED = ("convolution", "recurrent")
# A Keras exercise: its grader needs no reference answers, so its recording is empty.
KERAS = ("keras_deep",)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Course:
    """This course's public graders and the recordings of the cheap exercises, without
    solutions, mutants or variants: what a student bundle holds."""
    root = tmp_path_factory.mktemp("bundle")
    record(course=find_course(ROOT), out=root, exercises=CHEAP + TRAINED + KERAS)
    shutil.copy(ROOT / "pyproject.toml", root)
    shutil.copytree(ROOT / "graders", root / "graders", ignore=shutil.ignore_patterns("mutants", "variants"))
    return find_course(root).with_overrides(load_timeout_s=3.0)


@pytest.fixture(scope="module")
def sessions(course: Course, bundle: Course, servers: ServerPool) -> tuple[GradingSession, GradingSession]:
    """Grading with this course's solutions, and with the bundle's recordings instead."""
    return GradingSession(course, servers=servers), GradingSession(bundle, servers=servers)


def _verdicts(result: Result) -> dict[str, tuple[Status, float, str, str | None]]:
    return {t.name: (t.status, t.score, t.message, t.hint) for e in result.exercises for t in e.tests}


def test_recording_is_json_and_raw_arrays_of_public_tests_only(bundle: Course) -> None:
    json_path, bin_path = paths(bundle.root, "perceptron")
    doc = json.loads(json_path.read_text(encoding="utf-8"))
    assert set(doc) == {"v", "buffers"}  # one message of autograde.sandbox.protocol: nothing pickled
    assert bin_path.stat().st_size == sum(
        np.dtype(dtype).itemsize * int(np.prod(shape)) for dtype, shape in doc["buffers"])
    tests = dict(Replay.load(bundle, "perceptron", lambda: "").tests)
    assert "test_step_values" in tests and "test_gate_truth_tables[NAND]" in tests
    assert "test_train_perceptron_higher_dimension" not in tests  # hidden
    assert "test_step_large_random" not in tests  # hidden


@pytest.mark.parametrize("exercise", CHEAP + TRAINED + KERAS)
def test_reference_gets_full_marks_from_the_recording(grade_sources: GradeSources, bundle: Course,
                                                      exercise: str) -> None:
    result = grade_sources({exercise: solution_source(exercise)}, course_=bundle)
    assert [(t.name, t.message) for t in result.exercises[0].tests if t.status is not Status.PASSED] == []
    assert result.score == result.max_score > 0
    assert not (bundle.root / "solutions").exists()


@pytest.mark.parametrize("exercise", CHEAP + TRAINED)
def test_stub_gets_zero_from_the_recording(grade_sources: GradeSources, bundle: Course, exercise: str) -> None:
    stub = (ROOT / "exercises" / f"{exercise}.py").read_text(encoding="utf-8")
    result = grade_sources({exercise: stub}, course_=bundle)
    assert result.score == 0 and result.max_score > 0


@pytest.mark.parametrize("mutant", [
    "perceptron/nand_same_as_and",
    "perceptron/step_scalar_if",
    "activations/softmax_no_max_shift",
    "losses/bce_no_clip",
    "gradient_descent/adam_no_bias_correction",  # a stateful object updating arrays in place
    "gradient_descent/numgrad_forward_difference",  # a registry function as an argument
])
def test_mutant_loses_the_same_points_with_the_same_messages(sessions: tuple[GradingSession, GradingSession],
                                                             tmp_path: Path, mutant: str) -> None:
    exercise = mutant.split("/")[0]
    source = solution_source(exercise) + "\n\n" + (ROOT / "graders" / "mutants" / f"{mutant}.py").read_text(
        encoding="utf-8")
    (tmp_path / f"{exercise}.py").write_text(source, encoding="utf-8")  # one folder: messages show its path
    real, replayed = (session.grade(loaders.load(tmp_path), exercises=[exercise]) for session in sessions)
    assert replayed.score == real.score < real.max_score
    assert _verdicts(replayed) == _verdicts(real)


_COURSE = find_course(ROOT)
# Every correct and wrong answer kept beside their graders: (exercise, label, source).
_ANSWERS = [(v.parent.name, f"variant:{v.stem}", v.read_text(encoding="utf-8"))
            for e in TRAINED for v in validate.variants(_COURSE, e)] + \
           [(m.exercise, f"mutant:{m.name}", m.applied_to(solution_source(m.exercise)))
            for e in TRAINED for m in validate.mutants(_COURSE, e)]


@pytest.mark.parametrize("exercise, label, source", _ANSWERS, ids=[label for _, label, _ in _ANSWERS])
def test_every_answer_of_a_training_exercise_grades_the_same_from_the_recording(
        sessions: tuple[GradingSession, GradingSession], tmp_path: Path, exercise: str, label: str,
        source: str) -> None:
    (tmp_path / f"{exercise}.py").write_text(source, encoding="utf-8")
    real, replayed = (session.grade(loaders.load(tmp_path), exercises=[exercise]) for session in sessions)
    assert _verdicts(replayed) == _verdicts(real)
    if label.startswith("variant:"):  # a mutant may lose only hidden tests, which a bundle has none of
        assert replayed.score == replayed.max_score > 0


def test_a_call_the_recording_lacks_fails_with_a_clear_message(bundle: Course) -> None:
    # A grader that asks the reference about arguments no public test used with the
    # reference solution (say, computed from a learner's own results) has no answer.
    reference = Replay.load(bundle, "perceptron", lambda: "test_perceptron_single_sample").root
    with pytest.raises(ConfigError) as caught:
        reference.perceptron(np.array([1.0, 1.0]), np.array([1.0, 1.0]), -0.5)
    assert str(caught.value).startswith(
        "this call was not recorded: reference.perceptron(array([1., 1.]), array([1., 1.]), -0.5) "
        "in test_perceptron_single_sample: the recording holds the reference's answers to the calls the public "
        "tests made with the reference solution's own results; a call with other arguments (often computed from "
        "results that differ from the reference's) has no recorded answer. Recorded calls of reference.perceptron "
        "in this test: perceptron(array([ 0.1269, -0.0113, 1.0085]), ")
    assert "record again (autograde release) after changing the grader" in str(caught.value)


# ---------------------------------------------------------------------- record and replay, in one process


class Momentum:
    """A stateful optimizer that changes the caller's arrays in place, as graders expect."""

    def __init__(self, lr: float = 0.1) -> None:
        self.lr, self.v = lr, np.zeros(2)

    def update(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        self.v = 0.5 * self.v - self.lr * grads["w"]
        params["w"] += self.v


REFERENCE = types.SimpleNamespace(
    double=lambda x: 2 * x,
    Momentum=Momentum,
    TABLE={"a": np.arange(3)},
    fails=lambda: int("x"),
)


def _round_trip(tmp_path: Path, test: str, use: Any) -> tuple[Any, Stand]:
    """Record ``use(reference)`` in ``test``; return its result and the replaying reference."""
    recorder = Recorder(REFERENCE, "ex", lambda: test)
    result = use(recorder.root)
    recorder.save(tmp_path)
    return result, Replay.load(Course(root=tmp_path, exercises=("ex",)), "ex", lambda: test).root


def _optimize(reference: Any) -> list[np.ndarray]:
    opt = reference.Momentum(lr=0.2)
    params = {"w": np.array([1.0, -1.0])}
    seen = []
    for _ in range(3):
        assert opt.update(params, {"w": np.array([0.5, 0.25])}) is None
        seen.append(params["w"].copy())
    return seen


def test_replay_repeats_in_place_updates_of_a_stateful_object(tmp_path: Path) -> None:
    recorded, reference = _round_trip(tmp_path, "test_opt", _optimize)
    replayed = _optimize(reference)
    assert [a.tolist() for a in replayed] == [a.tolist() for a in recorded]
    assert replayed[0].tolist() == [0.9, -1.05] and replayed[2].tolist() != replayed[1].tolist()


def test_replay_answers_values_attributes_and_raised_errors(tmp_path: Path) -> None:
    def use(reference: Any) -> Any:
        with pytest.raises(ValueError):
            reference.fails()
        assert not hasattr(reference, "missing")
        return reference.double(np.array([0.1, 0.2])), reference.TABLE

    (doubled, table), reference = _round_trip(tmp_path, "t", use)
    use(reference)
    assert reference.double(np.array([0.1, 0.2])).tolist() == doubled.tolist()
    # The last bits may differ where another machine's BLAS computed an argument.
    assert reference.double(np.array([0.1, np.nextafter(0.2, 1.0)])).tolist() == doubled.tolist()
    got = reference.TABLE
    got["a"][0] = 99  # the grader's copy: the next access is as recorded
    assert reference.TABLE["a"].tolist() == table["a"].tolist() == [0, 1, 2]


def test_replay_refuses_calls_it_does_not_have(tmp_path: Path) -> None:
    _, reference = _round_trip(tmp_path, "test_one", lambda r: r.double(np.array([1.0])))
    with pytest.raises(ConfigError) as caught:
        reference.double(np.array([2.0]))
    assert str(caught.value) == (
        "this call was not recorded: reference.double(array([2.])) in test_one: the recording holds the "
        "reference's answers to the calls the public tests made with the reference solution's own results; a "
        "call with other arguments (often computed from results that differ from the reference's) has no "
        "recorded answer. Recorded calls of reference.double in this test: double(array([1.])). Grade with the "
        "reference solution (solutions/ex.py) for this test, or record again (autograde release) after changing "
        f"the grader (source: {tmp_path / 'recorded' / 'ex.json'}).")
    with pytest.raises(ConfigError, match="^this call was not recorded: reference.TABLE in test_one: "):
        reference.TABLE


def _same_step(reference: Any, times: int) -> list[list[float]]:
    """The same update ``times`` times, from the same params: only the object's state differs."""
    opt = reference.Momentum()
    out = []
    for _ in range(times):
        params = {"w": np.array([1.0, -1.0])}
        opt.update(params, {"w": np.array([0.5, 0.25])})
        out.append(params["w"].tolist())
    return out


def test_a_stateful_call_made_more_often_than_recorded_is_refused(tmp_path: Path) -> None:
    recorded, reference = _round_trip(tmp_path, "t", lambda r: _same_step(r, 3))
    assert _same_step(reference, 3) == recorded and recorded[0] != recorded[1]
    with pytest.raises(ConfigError, match="only 3 times when the reference was recorded, and this is one more"):
        _same_step(reference, 1)


def test_a_recorded_reference_is_read_only(tmp_path: Path) -> None:
    _, reference = _round_trip(tmp_path, "t", lambda r: None)
    with pytest.raises(ConfigError, match="a recorded reference is read-only"):
        reference.lr = 0.5
