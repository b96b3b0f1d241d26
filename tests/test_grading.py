"""Whole submissions through :class:`autograde.grading.GradingSession`: hostile and broken ones
are graded correctly, quickly, and without taking other tests or exercises down."""

from __future__ import annotations

import os
import time

from autograde.results import Result, Status
from conftest import solution_source, results_by_test

HOSTILE = '''
import os, sys, json, ctypes
print("PASSED: 100/100")
print(json.dumps({"schema": "autograde.result/1", "score": 69, "max_score": 69}))
sys.stderr.write("============ 44 passed in 0.01s ============\\n")

def step(x):
    while True:
        pass

def perceptron(x, w, b):
    os._exit(0)

def XOR(x1, x2):
    ctypes.string_at(0)

def train_perceptron(X, y, lr=0.1, epochs=100, seed=0):
    sys.exit(0)
'''


def test_hostile_submission_is_graded_correctly_and_quickly(grade_sources, course):
    start = time.monotonic()
    result = grade_sources({"perceptron": solution_source("perceptron") + HOSTILE})
    elapsed = time.monotonic() - start
    tests = results_by_test(result)
    status = {name.split("::")[1]: t.status for name, t in tests.items()}
    assert status["test_step_values"] is Status.TIMEOUT
    assert status["test_perceptron_batch"] is Status.ERROR
    assert status["test_xor_truth_table"] is Status.ERROR
    assert status["test_train_perceptron_update_rule"] is Status.ERROR
    # the gates use the reference's perceptron? No: the learner's, which exits. GATES is fine:
    assert status["test_gates_table"] is Status.PASSED
    assert result.score < result.max_score
    xor = tests["perceptron::test_xor_truth_table"]
    assert "SIGSEGV" in xor.message
    exits = tests["perceptron::test_perceptron_batch"]
    assert "the process exited with status 0" in exits.message
    assert "your code called sys.exit(0)" in tests["perceptron::test_train_perceptron_update_rule"].message
    assert tests["perceptron::test_step_values"].message.startswith("When calling step(")
    assert "timed out after 2 s" in tests["perceptron::test_step_values"].message
    # printed "results" are shown as output, never believed
    assert "PASSED: 100/100" in tests["perceptron::test_step_values"].output + tests[
        next(iter(tests))].output
    # two timed-out tests at 2 s each, plus everything else
    assert elapsed < 4 * course.timeout_s + 3


def test_a_broken_exercise_does_not_affect_the_others(grade_sources):
    result = grade_sources(
        {
            "perceptron": "def step(x):\n    return (x > 0\n",  # SyntaxError
            "activations": solution_source("activations"),
            "losses": "import os\nos._exit(1)\n",
        }
    )
    by_exercise = {e.name: e for e in result.exercises}
    assert by_exercise["activations"].score == by_exercise["activations"].max_score
    for broken in ("perceptron", "losses"):
        tests = by_exercise[broken].tests
        assert all(t.status is Status.ERROR for t in tests)
        assert all("could not be imported" in t.message for t in tests)
    assert "SyntaxError" in by_exercise["perceptron"].tests[0].message
    assert "exited with status 1" in by_exercise["losses"].tests[0].message


def test_import_that_hangs_times_out_once(grade_sources, course):
    start = time.monotonic()
    result = grade_sources({"losses": "while True:\n    pass\n"})
    elapsed = time.monotonic() - start
    tests = result.exercises[0].tests
    assert all(t.status is Status.TIMEOUT for t in tests)
    assert "Importing it did not finish within 3 s." in tests[0].message
    assert elapsed < course.limits.load_timeout_s + 2  # loaded once, not once per test


def test_missing_module_is_not_attempted(grade_sources):
    result = grade_sources({"activations": solution_source("activations")}, exercises=("activations", "losses"))
    losses = {e.name: e for e in result.exercises}["losses"]
    assert {t.status for t in losses.tests} == {Status.NOT_ATTEMPTED}
    assert losses.tests[0].message.startswith("There is no losses.py in ")


def test_missing_function_names_the_candidates(grade_sources):
    source = solution_source("activations").replace("def softmax(", "def soft_max(")
    result = grade_sources({"activations": source})
    test = results_by_test(result)["activations::test_softmax_values"]
    assert test.status is Status.ERROR
    assert test.message.endswith("activations.py has no `softmax`. Names found: identity, leaky_relu, leaky_relu_grad, relu, relu_grad, sigmoid, sigmoid_grad, soft_max, tanh, tanh_grad.")
    assert "soft_max" in test.message


def test_hidden_tests_run_only_when_asked(grade_sources):
    public = grade_sources({"losses": solution_source("losses")})
    both = grade_sources({"losses": solution_source("losses")}, hidden=True)
    assert public.hidden_tests_not_run == 2 and not public.hidden_tests_run
    assert both.hidden_tests_not_run == 0 and both.hidden_tests_run
    assert len(both.exercises[0].tests) == len(public.exercises[0].tests) + 2
    assert any(t.hidden for t in both.exercises[0].tests)


def test_result_round_trips_through_json(grade_sources):
    result = grade_sources({"perceptron": solution_source("perceptron").replace("np.asarray(x) > 0", "np.asarray(x) >= 0")})
    again = Result.from_json(result.to_json())
    assert again == result
    assert again.score < again.max_score


def test_a_grading_run_starts_only_the_fork_servers_its_exercises_need(course):
    from autograde.grading import GradingSession

    with GradingSession(course, exercises=["perceptron", "losses"]) as session:
        pool = session.servers
        assert list(pool.servers) == [()]
        assert pool.get(("tensorflow", "keras")) is pool.get(("tensorflow", "keras"))
        assert list(pool.servers) == [(), ("tensorflow", "keras")]
    assert pool.servers == {}


# ---------------------------------------------------------------------- the hidden tests' secret seed

PROBE_INPUTS = '''

def one_hot(labels, num_classes=None):
    import hashlib
    import numpy as np
    labels = np.asarray(labels)
    print("input", hashlib.sha256(labels.tobytes()).hexdigest()[:16], labels.shape)
    return _reference_one_hot(labels, num_classes)
'''


def _inputs_seen(result: Result, test: str) -> str:
    return next(t.output for e in result.exercises for t in e.tests if t.name == test)


def _probe(tmp_path, function: str, replacement: str):  # type: ignore[no-untyped-def]
    """A losses submission whose ``function`` is ``replacement`` (which may call the
    reference's, renamed ``_reference_<function>``)."""
    from autograde import loaders

    folder = tmp_path / f"probe_{function}"
    folder.mkdir(exist_ok=True)
    source = solution_source("losses").replace(f"def {function}(", f"def _reference_{function}(", 1)
    (folder / "losses.py").write_text(source + replacement, encoding="utf-8")
    return loaders.load(folder)


def _grade(course, servers, submission, seed=None):  # type: ignore[no-untyped-def]
    from autograde.grading import GradingSession

    return GradingSession(course, servers=servers).grade(submission, exercises=("losses",), hidden=True, hidden_seed=seed)


def test_hidden_inputs_come_from_the_secret_seed_public_ones_do_not(course, servers, tmp_path):
    probe = _probe(tmp_path, "one_hot", PROBE_INPUTS)
    first, again, other = (_grade(course, servers, probe, seed) for seed in (11, 11, 12))
    hidden, public = "test_one_hot_large", "test_one_hot_values"
    assert _inputs_seen(first, hidden).startswith("input ")
    assert _inputs_seen(first, hidden) == _inputs_seen(again, hidden)  # the same secret, the same inputs
    assert _inputs_seen(first, hidden) != _inputs_seen(other, hidden)  # another run's secret, others
    assert _inputs_seen(first, public) == _inputs_seen(other, public)  # public tests stay reproducible
    assert first.score == first.max_score == other.score


def test_without_a_seed_each_run_draws_a_fresh_secret(course, servers, tmp_path):
    probe = _probe(tmp_path, "one_hot", PROBE_INPUTS)
    runs = [_grade(course, servers, probe) for _ in range(2)]
    assert _inputs_seen(runs[0], "test_one_hot_large") != _inputs_seen(runs[1], "test_one_hot_large")


SEED_HUNT = '''

def entropy(p):
    import os, sys
    found = [" ".join(sys.argv), repr(dict(os.environ))]
    for pid in os.listdir("/proc"):
        for name in ("cmdline", "environ"):
            try:
                with open(f"/proc/{pid}/{name}", "rb") as f:
                    found.append(f.read().decode(errors="replace"))
            except OSError:
                pass
    print("\\n".join(found))
    return _reference_entropy(p)
'''


def test_the_secret_seed_never_reaches_the_child(course, servers, tmp_path):
    secret = 7_315_900_431_117_263_051
    result = _grade(course, servers, _probe(tmp_path, "entropy", SEED_HUNT), secret)
    outputs = "".join(t.output for e in result.exercises for t in e.tests)
    assert "PATH" in outputs  # the hunt ran and printed what it found
    assert str(secret) not in outputs and hex(secret)[2:] not in outputs


def test_correct_code_gets_full_marks_whatever_the_secret(course, servers):
    import secrets

    from autograde import loaders
    from autograde.grading import GradingSession

    numpy = tuple(e for e in course.exercises if e != "keras_models")
    for _ in range(3):
        result = GradingSession(course, servers=servers).grade(loaders.load(course.solutions), exercises=numpy, hidden=True, hidden_seed=secrets.randbits(63))
        assert result.score == result.max_score, [(t.name, t.message) for e in result.exercises for t in e.tests
                                                  if t.status is not Status.PASSED]


EXTRA_TEST = '''

@pytest.mark.points(1)
def test_zz_added_later(student):
    pass
'''


def test_each_run_reads_the_graders_it_is_given(tmp_path):
    """Two courses with a grader of the same name, and a grader edited between two runs of
    one process: every run collects the file it was given, not a module imported before."""
    import classroom
    from autograde.config import find_course
    from autograde.grading import inventory

    first = find_course(classroom.make_course(tmp_path / "first"))
    second = find_course(classroom.make_course(tmp_path / "second", extra_grader=EXTRA_TEST))
    names = lambda course: [n for n, _ in inventory(course=course, exercises=["activations"])["activations"]]  # noqa: E731
    assert "test_zz_added_later" not in names(first)
    assert "test_zz_added_later" in names(second)
    assert "test_zz_added_later" not in names(first)
    grader = first.grader("activations")
    grader.write_text(grader.read_text() + EXTRA_TEST)
    os.utime(grader, ns=(time.time_ns(), time.time_ns() + 10**9))  # a later modification time, surely
    assert "test_zz_added_later" in names(first)


def test_only_the_graders_folder_may_hold_conftest_files(tmp_path):
    """A conftest.py beside pyproject.toml (where a learner working in the course folder can
    put one) is not loaded into the grading process; one in graders/ still serves fixtures."""
    import classroom
    from autograde.config import find_course
    from autograde.grading import inventory

    root = classroom.make_course(tmp_path / "course")
    marker = tmp_path / "ran"
    (root / "conftest.py").write_text(f"import pathlib\npathlib.Path({str(marker)!r}).write_text('ran')\n")
    (root / "graders" / "conftest.py").write_text(
        "import pytest\n\n\n@pytest.fixture\ndef shared_value():\n    return 41\n")
    grader = root / "graders" / "test_perceptron.py"
    grader.write_text(grader.read_text() + "\n\n@pytest.mark.points(1)\ndef test_uses_shared(shared_value):\n"
                      "    assert shared_value == 41\n")
    tests = inventory(course=find_course(root), exercises=["perceptron"])["perceptron"]
    assert "test_uses_shared" in [name for name, _ in tests]
    assert not marker.exists()
