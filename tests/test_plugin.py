"""The pytest plugin, driven through pytester on a small course of its own."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from autograde import loaders
from autograde.config import find_course
from autograde.errors import ConfigError
from autograde.grading import GradingSession, inventory
from autograde.results import Status

SOLUTION = "def double(x):\n    return 2 * x\n"
GRADER = '''
import time
import pytest
from autograde.compare import check

@pytest.mark.points(2)
@pytest.mark.hint("Multiply by two.")
def test_double(student, reference, rng):
    check(student.double, reference.double, rng.normal(size=3))

@pytest.mark.points(1)
@pytest.mark.timeout(0.5, hint="Vectorise: a Python loop over every element is too slow here.")
def test_fast_enough(student):
    student.double(1.0)

@pytest.mark.points(1)
def test_skipped(student):
    pytest.skip("not this term")

@pytest.mark.hidden
@pytest.mark.points(3)
def test_secret(student):
    assert student.double(2) == 4
'''


@pytest.fixture
def mini(pytester: pytest.Pytester) -> Path:
    """A course with one exercise, ``twice``."""
    pytester.makefile(".toml", pyproject='[tool.autograde]\nexercises = ["twice"]\n')
    for folder, name, text in (("solutions", "twice.py", SOLUTION), ("graders", "test_twice.py", GRADER)):
        (pytester.path / folder).mkdir(exist_ok=True)
        (pytester.path / folder / name).write_text(text, encoding="utf-8")
    return pytester.path


def submission(root: Path, text: str) -> loaders.Submission:
    (root / "work").mkdir(exist_ok=True)
    (root / "work" / "twice.py").write_text(text, encoding="utf-8")
    return loaders.load(root / "work")


def test_markers_become_points_hints_timeouts_and_visibility(mini, servers):
    course = find_course(mini)
    slow = "import time\ndef double(x):\n    time.sleep(2.5)\n    return 2 * x\n"
    result = GradingSession(course, servers=servers).grade(submission(mini, slow))
    tests = {t.name: t for t in result.exercises[0].tests}
    assert list(tests) == ["test_double", "test_fast_enough", "test_skipped"]
    assert tests["test_double"].status is Status.TIMEOUT  # the course default is 2 s
    assert tests["test_fast_enough"].status is Status.TIMEOUT
    assert tests["test_fast_enough"].message == "When calling double(1.0): timed out after 0.5 s; the process was stopped."
    # The timeout marker's hint replaces the generic advice; a test without one keeps it.
    assert tests["test_fast_enough"].hint == "Vectorise: a Python loop over every element is too slow here."
    assert tests["test_double"].hint.startswith("Look for a loop that never ends")
    assert tests["test_skipped"].status is Status.SKIPPED and tests["test_skipped"].message == "not this term"
    assert result.hidden_tests_not_run == 1
    assert result.max_score == 4


def test_passing_submission_with_hidden_tests(mini, servers):
    result = GradingSession(find_course(mini), servers=servers).grade(submission(mini, SOLUTION), hidden=True)
    scores = {t.name: (t.score, t.max_score, t.status) for t in result.exercises[0].tests}
    assert scores == {
        "test_double": (2.0, 2.0, Status.PASSED),
        "test_fast_enough": (1.0, 1.0, Status.PASSED),
        "test_skipped": (0.0, 1.0, Status.SKIPPED),
        "test_secret": (3.0, 3.0, Status.PASSED),
    }


def test_a_failed_check_carries_the_marker_hint(mini, servers):
    result = GradingSession(find_course(mini), servers=servers).grade(submission(mini, "def double(x):\n    return x + x + 1\n"))
    test = result.exercises[0].tests[0]
    assert test.status is Status.FAILED and test.hint == "Multiply by two."
    assert test.message.startswith("When calling double(array([")


def test_a_test_without_points_is_a_configuration_error(mini, servers):
    grader = mini / "graders" / "test_twice.py"
    grader.write_text(grader.read_text() + "\ndef test_forgot_points(student):\n    pass\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"test_forgot_points has no @pytest.mark.points\(n\) marker"):
        GradingSession(find_course(mini), servers=servers).grade(submission(mini, SOLUTION))


@pytest.mark.parametrize("marker, complaint", [
    ("@pytest.mark.timeout(1, tip='x')", r"@pytest.mark.timeout takes exactly one argument \(and optionally hint=\)"),
    ("@pytest.mark.timeout(1, hint=3)", "timeout's hint must be a string, not 3"),
    ("@pytest.mark.hint('a', hint='b')", "@pytest.mark.hint takes exactly one argument$"),
])
def test_a_malformed_marker_is_a_configuration_error(mini, servers, marker, complaint):
    grader = mini / "graders" / "test_twice.py"
    grader.write_text(grader.read_text() + f"\n@pytest.mark.points(1)\n{marker}\ndef test_odd(student):\n    pass\n",
                      encoding="utf-8")
    with pytest.raises(ConfigError, match=complaint):
        GradingSession(find_course(mini), servers=servers).grade(submission(mini, SOLUTION))


def test_a_grader_that_does_not_import_is_a_configuration_error(mini, servers):
    (mini / "graders" / "test_twice.py").write_text("import no_such_module\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="the graders could not be collected"):
        GradingSession(find_course(mini), servers=servers).grade(submission(mini, SOLUTION))


def test_inventory_lists_every_test_with_its_spec(mini):
    tests = inventory(course=find_course(mini))
    specs = {name: (spec.points, spec.hidden, spec.timeout_s) for name, spec in tests["twice"]}
    assert specs == {
        "test_double": (2.0, False, 2.0),
        "test_fast_enough": (1.0, False, 0.5),
        "test_skipped": (1.0, False, 2.0),
        "test_secret": (3.0, True, 2.0),
    }


def test_plain_pytest_with_the_plugin(mini, pytester: pytest.Pytester):
    submission(mini, "def double(x):\n    return 3 * x\n")
    outcome = pytester.runpytest_subprocess("-p", "autograde.plain_pytest", "--submission", "work", "graders")
    outcome.assert_outcomes(passed=1, failed=1, skipped=1, deselected=1)
    outcome.stdout.fnmatch_lines(["*When calling double(array(*", "*Hint: Multiply by two.*"])
