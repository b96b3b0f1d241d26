"""``autograde ci`` on a simulated pull request (``conftest.learner_repo``): each branch
graded once through the CLI with GitHub Actions' environment, then its exit status,
annotations, job summary, Classroom outputs, JUnit and JSON checked."""

from __future__ import annotations

import base64
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from autograde.cli import main
from autograde.results import Result

from .conftest import WORKFLOW, disable_softmax_test, git


@dataclass(frozen=True)
class Run:
    """One ``autograde ci`` run: what it printed and wrote."""

    code: int
    stdout: str
    summary: str
    outputs: dict[str, str]
    junit: ET.Element | None
    result: Result | None

    def commands(self) -> list[str]:
        """The workflow commands the runner would execute: lines starting with ``::``
        outside a ``::stop-commands::TOKEN`` ... ``::TOKEN::`` block."""
        found, stopped = [], None
        for line in self.stdout.splitlines():
            if stopped is not None:
                stopped = None if line == f"::{stopped}::" else stopped
            elif line.startswith("::stop-commands::"):
                stopped = line.removeprefix("::stop-commands::")
            elif line.startswith("::"):
                found.append(line)
        return found

    def classroom(self) -> dict[str, dict]:
        """The runner results, decoded as the Classroom reporter decodes them."""
        return {name: json.loads(base64.b64decode(value)) for name, value in self.outputs.items() if name != "points"}


def run_ci(repo: Path, tmp: Path, *args: str, branch: str | None = None) -> Run:
    """``autograde ci ARGS`` in ``repo`` (on ``branch``) as a GitHub Actions step."""
    if branch is not None:
        git(repo, "checkout", "-q", branch)
    tmp.mkdir(parents=True, exist_ok=True)
    summary, outputs, junit, result = tmp / "summary.md", tmp / "outputs", tmp / "junit.xml", tmp / "result.json"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(outputs),
           "AUTOGRADE_COURSE": None}
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(repo)
        invoked = CliRunner().invoke(main, ["ci", *args, "--junit", str(junit), "--json", str(result)], env=env)
    lines = outputs.read_text().splitlines() if outputs.exists() else []
    return Run(
        code=invoked.exit_code,
        stdout=invoked.output,
        summary=summary.read_text() if summary.exists() else "",
        outputs=dict(line.split("=", 1) for line in lines),
        junit=ET.parse(junit).getroot() if junit.exists() else None,
        result=Result.from_json(result.read_text()) if result.exists() else None,
    )


@pytest.fixture(scope="module")
def runs(learner_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """Every branch graded against ``--base main``, once."""
    tmp = tmp_path_factory.mktemp("runs")
    found = {branch: run_ci(learner_repo, tmp / branch, "--base", "main", branch=branch)
             for branch in ("honest", "partial", "tamper-grader", "tamper-workflow")}
    git(learner_repo, "checkout", "-q", "partial")
    disable_softmax_test(learner_repo)  # the same edit, not committed
    try:
        found["uncommitted-grader"] = run_ci(learner_repo, tmp / "uncommitted", "--base", "main")
        found["partial, no base"] = run_ci(learner_repo, tmp / "no-base")  # the head's (edited) graders grade
    finally:
        git(learner_repo, "checkout", "-q", "--", ".")
    found["partial, 40 points"] = run_ci(learner_repo, tmp / "forty", "--base", "main", "--min-score", "40")
    return found


def scores(run: Run) -> dict[str, tuple[float, float]]:
    assert run.result is not None
    return {e.name: (e.score, e.max_score) for e in run.result.exercises}


def statuses(run: Run) -> dict[str, str]:
    assert run.result is not None
    return {t.name: t.status.value for e in run.result.exercises for t in e.tests}


def test_honest_branch_passes_with_full_marks(runs: dict[str, Run]) -> None:
    run = runs["honest"]
    assert run.code == 0, run.stdout
    assert run.result is not None and run.result.score == run.result.max_score > 0
    assert run.summary.startswith(f"## autograde: {run.result.max_score:g} / {run.result.max_score:g} points (100%)")
    assert "✅ Passed: the required" in run.summary and "What to fix" not in run.summary
    assert run.commands() == []  # nothing to annotate
    assert run.junit is not None and run.junit.get("failures") == "0" and run.junit.get("errors") == "0"


def test_the_base_commits_graders_grade_and_a_later_fix_on_the_base_is_no_tampering(runs: dict[str, Run]) -> None:
    # the instructor's test was committed on main after the learner branched
    for run in runs.values():
        if run is not runs["partial, no base"]:
            assert "test_added_by_instructor" in statuses(run)
    assert "Protected files" not in runs["honest"].summary
    assert "graders of the base commit" in runs["honest"].summary


def test_partial_branch_fails_below_the_threshold_and_says_what_to_fix(runs: dict[str, Run]) -> None:
    run = runs["partial"]
    assert run.code == 1
    assert statuses(run)["test_softmax_large_logits"] == "failed"
    perceptron, activations = scores(run)["perceptron"], scores(run)["activations"]
    assert perceptron[0] == perceptron[1] and activations[0] < activations[1]
    assert "❌ Not passed yet" in run.summary
    assert "| ✅ perceptron |" in run.summary and "| ❌ activations |" in run.summary
    section = run.summary.split("#### activations › test_softmax_large_logits: failed, 0 / 2 points", 1)[1]
    assert section.lstrip().startswith("`softmax` in `exercises/activations.py` line ")
    assert "When calling softmax(" in section and "expected:" in section and "got:" in section
    assert "**Hint:** Your result contains nan" in section


def test_annotation_points_at_the_learners_own_softmax(runs: dict[str, Run], learner_repo: Path) -> None:
    source = git(learner_repo, "show", "partial:exercises/activations.py").splitlines()
    line = max(i for i, text in enumerate(source, 1) if text.startswith("def softmax("))  # the one Python keeps
    errors = [c for c in runs["partial"].commands() if c.startswith("::error ")]
    assert len(errors) == 1
    assert errors[0].startswith(f"::error file=exercises/activations.py,line={line},"
                                "title=activations.softmax%3A 1 test did not pass (2 points lost)::")
    message = errors[0].split("::", 2)[2]
    assert "When calling softmax(" in message and "%0AHint: Your result contains nan" in message


def test_learner_output_cannot_issue_workflow_commands(runs: dict[str, Run]) -> None:
    run = runs["partial"]
    assert "::notice title=fake::Points 45/45" in run.stdout  # it was printed, inside the stopped block
    assert not any("fake" in c for c in run.commands())


def test_partial_branch_passes_a_lower_threshold(runs: dict[str, Run]) -> None:
    run = runs["partial, 40 points"]
    assert run.result is not None and run.result.score >= 40
    assert run.code == 0
    assert "✅ Passed: the required 40 points is reached." in run.summary
    assert "The score reaches the required 40 points." in run.stdout
    partial = runs["partial"]
    assert partial.result is not None
    assert f"The score is below the required {partial.result.max_score:g} points (100%)." in partial.stdout


@pytest.mark.parametrize("branch, edited", [
    ("tamper-grader", "graders/test_activations.py"),
    ("uncommitted-grader", "graders/test_activations.py"),
    ("tamper-workflow", WORKFLOW),
])
def test_tampering_is_flagged_with_its_own_exit_status(runs: dict[str, Run], branch: str, edited: str) -> None:
    run = runs[branch]
    assert run.code == 4, run.stdout
    assert "❌ **Refused: this change edits files the grade depends on**" in run.summary
    assert f"> - `{edited}`" in run.summary
    assert run.commands()[0].startswith(f"::error file={edited},title=autograde%3A protected files changed::")
    assert run.result is not None and any(edited in note for note in run.result.notes)
    assert "Refused: this change edits files the grade depends on." in run.stdout
    assert run.stdout.count("This change edits files the grade depends on (") == 1  # the note, said once


@pytest.mark.parametrize("branch", ["tamper-grader", "uncommitted-grader"])
def test_a_tampered_grader_is_never_used(runs: dict[str, Run], branch: str) -> None:
    # the edit hid the failing test; the base's graders still run it, so the score is the partial one's
    assert statuses(runs[branch]) == statuses(runs["partial"])
    assert scores(runs[branch]) == scores(runs["partial"])
    # without --base the working tree's graders grade: the edit would have worked
    assert "test_softmax_large_logits" not in statuses(runs["partial, no base"])


def test_classroom_outputs_add_up_to_the_score(runs: dict[str, Run]) -> None:
    for run in runs.values():
        assert run.result is not None
        runners = run.classroom()
        assert list(runners) == [e.name for e in run.result.exercises]
        # what the reporter sends to GitHub Classroom: sum of max_score, sum of tests' score
        total = sum(t["score"] for r in runners.values() for t in r["tests"])
        assert (total, sum(r["max_score"] for r in runners.values())) == (run.result.score, run.result.max_score)
        assert run.outputs["points"] == f"{run.result.score:g}/{run.result.max_score:g}"
    partial = runs["partial"].classroom()
    assert partial["perceptron"]["status"] == "pass" and partial["activations"]["status"] == "fail"
    failed = next(t for t in partial["activations"]["tests"] if t["name"] == "test_softmax_large_logits")
    assert failed["status"] == "fail" and failed["score"] == 0 and "When calling softmax(" in failed["message"]


def test_junit_and_json_describe_the_same_result(runs: dict[str, Run]) -> None:
    run = runs["partial"]
    assert run.junit is not None and run.result is not None
    cases = {c.get("name"): c for c in run.junit.iter("testcase")}
    assert set(cases) == set(statuses(run))
    failure = cases["test_softmax_large_logits"].find("failure")
    assert failure is not None and failure.get("message", "").startswith("When calling softmax(")


def test_unknown_base_is_a_usage_error_naming_the_remedy(learner_repo: Path, tmp_path: Path) -> None:
    run = run_ci(learner_repo, tmp_path, "--base", "no-such-branch", branch="honest")
    assert run.code == 2
    assert "--base 'no-such-branch' is not a commit" in run.stdout and "fetch-depth: 0" in run.stdout
    assert run.result is None and run.summary == ""


def test_base_outside_git_is_a_usage_error(tmp_path: Path) -> None:
    import classroom

    course = classroom.make_course(tmp_path / "course")
    run = run_ci(course, tmp_path / "out", "--base", "main")
    assert run.code == 2 and "must be a git repository" in run.stdout


def test_notebooks_are_graded_with_submission_and_annotated_by_file(learner_repo: Path, tmp_path: Path) -> None:
    run = run_ci(learner_repo, tmp_path, "--base", "main", "--submission", "notebooks", branch="main")
    assert run.code == 1 and run.result is not None and run.result.score == 0  # the starter notebooks
    assert "not_attempted" in statuses(run).values()
    commands = run.commands()
    assert commands and all(re.match(r"::(notice|error) file=notebooks/\w+\.ipynb,line=1,", c) for c in commands)


def test_unreadable_work_is_a_result_with_every_test_at_zero(learner_repo: Path, tmp_path: Path) -> None:
    git(learner_repo, "checkout", "-q", "main")
    broken = learner_repo / "notebooks" / "perceptron.ipynb"
    original = broken.read_bytes()
    broken.write_text('{"cells": [', encoding="utf-8")
    try:
        run = run_ci(learner_repo, tmp_path, "--base", "main", "--submission", "notebooks")
    finally:
        broken.write_bytes(original)
    assert run.code == 1 and run.result is not None
    assert run.result.score == 0 < run.result.max_score
    assert set(statuses(run).values()) == {"error"}
    assert "Your work could not be read, so no test could run:" in run.summary and "perceptron.ipynb" in run.summary
    assert run.outputs["points"] == f"0/{run.result.max_score:g}"


def test_a_syntax_error_is_annotated_at_its_line_once(learner_repo: Path, tmp_path: Path) -> None:
    git(learner_repo, "checkout", "-q", "honest")
    broken = learner_repo / "exercises" / "activations.py"
    original = broken.read_text(encoding="utf-8")
    broken.write_text(original + "\n\ndef broken(:\n", encoding="utf-8")
    try:
        run = run_ci(learner_repo, tmp_path, "--base", "main")
    finally:
        broken.write_text(original, encoding="utf-8")
    line = original.count("\n") + 3
    errors = [c for c in run.commands() if c.startswith("::error")]
    assert len(errors) == 1 and errors[0].startswith(
        f"::error file=exercises/activations.py,line={line},title=activations%3A ")
    assert run.summary.count("SyntaxError") == 1


def test_deleting_the_configuration_is_tampering_not_a_lost_course(learner_repo: Path, tmp_path: Path,
                                                                   runs: dict[str, Run]) -> None:
    git(learner_repo, "checkout", "-q", "partial")
    (learner_repo / "pyproject.toml").unlink()
    try:
        run = run_ci(learner_repo, tmp_path, "--base", "main")
    finally:
        git(learner_repo, "checkout", "-q", "--", "pyproject.toml")
    assert run.code == 4 and "> - `pyproject.toml`" in run.summary
    assert scores(run) == scores(runs["partial"])
