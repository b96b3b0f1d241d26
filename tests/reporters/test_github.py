"""The job summary and the annotations of ``autograde ci``, from runs built by hand: hidden
details stay hidden, learner text cannot break out, GitHub's limits are respected."""

from __future__ import annotations

from autograde.ci import CiRun, Threshold
from autograde.ci.locate import Location
from autograde.reporters import github
from autograde.results import ExerciseResult, Result, Status, TestResult

SECRET = "hidden input 0.123456"


def ci_run(tests: tuple[TestResult, ...], **fields: object) -> CiRun:
    result = Result(submission="repo", exercises=(ExerciseResult("activations", tests),), hidden_tests_run=True,
                    hidden_tests_not_run=0, environment={}, graded_at="2026-11-23T09:00:00+00:00", duration_s=1.0)
    locations = {("activations", t.name): Location("exercises/activations.py", 10 + i, f"f{i}")
                 for i, t in enumerate(tests)}
    return CiRun(result=result, locations=locations, threshold=fields.pop("threshold", Threshold(100, True)),
                 **fields)  # type: ignore[arg-type]


def test_a_hidden_tests_message_is_in_neither_summary_nor_annotation() -> None:
    run = ci_run((TestResult("test_secret", 0, 2, Status.FAILED, f"When calling f({SECRET})", hint=SECRET,
                             hidden=True),))
    text = github.summary(run) + "\n".join(github.workflow_commands(run))
    assert SECRET not in text
    assert "test_secret (hidden): failed, 0 / 2 points" in github.summary(run)
    assert "hidden test: details are not shown" in github.workflow_commands(run)[0]


def test_learner_text_stays_on_one_line_and_properties_are_escaped() -> None:
    message = "got 100% wrong\r\n::error file=graders/x.py::fake\nend"
    run = ci_run((TestResult("test_a,b:c", 0, 1, Status.ERROR, message),))
    (command,) = github.workflow_commands(run)
    assert "\n" not in command and "\r" not in command
    assert command.startswith("::error file=exercises/activations.py,line=10,"
                              "title=activations.f0%3A 1 test did not pass (1 point lost)::")
    assert "got 100%25 wrong%0D%0A::error file=graders/x.py::fake%0Aend" in command
    # the summary is a file GitHub renders, not read for commands: the text stays verbatim in a code block
    assert f"```text\n{message}\n```" in github.summary(run)


def test_annotations_group_by_function_and_respect_githubs_cap() -> None:
    tests = tuple(TestResult(f"test_{i}", 0, 1, Status.FAILED, "wrong") for i in range(13))
    tests += (TestResult("test_unwritten", 0, 3, Status.NOT_ATTEMPTED, "not written yet"),
              TestResult("test_ok", 1, 1, Status.PASSED))
    commands = github.workflow_commands(ci_run(tests))
    kinds = [c.split(" ", 1)[0] for c in commands]
    assert kinds.count("::error") == 10 and kinds.count("::notice") == 1
    assert commands[-1] == ("::warning title=autograde%3A more in the job summary::3 more failing tests are not "
                            "annotated here (GitHub shows 10 annotations of a kind)%3A the job summary lists them all."
                            .replace("%3A the", ": the"))


def test_summary_verdicts() -> None:
    passed = TestResult("test_a", 2, 2, Status.PASSED)
    failed = TestResult("test_b", 0, 2, Status.FAILED, "wrong", hint="fix it")
    assert "✅ Passed: the required 2 points (50%) is reached." in github.summary(
        ci_run((passed, failed), threshold=Threshold(50, True)))
    assert "❌ Not passed yet: 3 points are required." in github.summary(
        ci_run((passed, failed), threshold=Threshold(3)))
    tampered = github.summary(ci_run((passed,), tampered=("graders/test_a.py",), base="f" * 40))
    assert "❌ **Refused: this change edits files the grade depends on**" in tampered
    assert "> - `graders/test_a.py`" in tampered and "`ffffffffffff`" in tampered


def test_an_oversized_summary_is_cut_with_a_pointer_to_the_artifacts() -> None:
    tests = tuple(TestResult(f"test_{i}", 0, 1, Status.FAILED, f"{i}" + "x" * 100_000) for i in range(8))
    summary = github.summary(ci_run(tests))
    assert len(summary) <= github.MAX_SUMMARY + 1000
    assert "more tests did not pass: the JUnit report and the result JSON" in summary


def test_tests_that_failed_alike_are_shown_once() -> None:
    missing = "exercises/activations.py has no `softmax`."
    tests = (TestResult("test_a", 0, 1, Status.ERROR, missing, hint="keep the names"),
             TestResult("test_b", 1, 1, Status.PASSED),
             TestResult("test_c", 0, 2, Status.ERROR, missing, hint="keep the names"),
             TestResult("test_d", 0, 1, Status.FAILED, "other"))
    summary = github.summary(ci_run(tests))
    assert summary.count(missing) == 1
    assert "#### activations › test_a, test_c: error, 0 / 3 points" in summary
    assert "#### activations › test_d: failed, 0 / 1 point" in summary
