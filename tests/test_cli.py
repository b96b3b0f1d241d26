"""The ``autograde`` command, driven through Click's CliRunner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from autograde.cli import main
from autograde.config import find_course
from autograde.grading import inventory
from conftest import ROOT

SPECS = [spec for tests in inventory(course=find_course(ROOT)).values() for _, spec in tests]
PUBLIC = [s for s in SPECS if not s.hidden]
POINTS = sum(s.points for s in PUBLIC)
HIDDEN = len(SPECS) - len(PUBLIC)


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "200")  # one table row per test, whatever the terminal

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_check_reference_solutions_gets_full_marks(run):
    result = run("check", "--submission", "solutions")
    assert result.exit_code == 0, result.output
    assert f"Total: {POINTS:g} / {POINTS:g} (100%)  ({len(PUBLIC)} passed)" in result.output
    assert f"Your instructor will also run {HIDDEN} hidden tests" in result.output


def test_check_stubs_scores_zero_and_says_why(run):
    result = run("check")
    assert result.exit_code == 1
    assert f"Total: 0 / {POINTS:g} (0%)" in result.output
    assert "not attempted: `softmax` is not written yet: it still raises NotImplementedError." in result.output


def test_check_one_exercise_writes_the_result_document(run, tmp_path: Path):
    out = tmp_path / "result.json"
    result = run("check", "activations", "--submission", "solutions", "--json", str(out))
    assert result.exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["schema"] == "autograde.result/1"
    assert [e["name"] for e in doc["exercises"]] == ["activations"]
    assert doc["score"] == doc["max_score"] == 25
    assert doc["hidden_tests_run"] is False and doc["hidden_tests_not_run"] == 2
    assert set(doc["environment"]) >= {"python", "numpy", "autograde"}


def test_check_shows_details_of_a_failure(run, tmp_path: Path):
    source = (ROOT / "solutions" / "activations.py").read_text(encoding="utf-8")
    source += "\n\ndef softmax(x, axis=-1):\n    print('debugging softmax')\n    e = np.exp(x)\n    return e / e.sum(axis=axis, keepdims=True)\n"
    (tmp_path / "activations.py").write_text(source, encoding="utf-8")
    result = run("check", "activations", "--submission", str(tmp_path))
    assert result.exit_code == 1
    assert "activations::test_softmax_large_logits (failed)" in result.output
    assert "When calling softmax(array([[ 1000., 1001., 1002.], [-1000., 0., 1000.], [ -5., -5., -5.]])):" in result.output
    assert "Hint: Your result contains nan" in result.output
    assert "debugging softmax" in result.output
    assert "RuntimeWarning: overflow encountered in exp" in result.output


def test_unknown_exercise_is_a_usage_error(run):
    result = run("check", "keras")
    assert result.exit_code == 2
    assert ("no exercise named 'keras'; available exercises: perceptron, activations, losses, "
            "gradient_descent, backprop, preprocessing, sampling, keras_models, convolution, recurrent, keras_deep") in result.output


def test_no_course_is_a_usage_error(run, tmp_path: Path):
    result = run("check", "--course", str(tmp_path))
    assert result.exit_code == 2
    assert "no course found in" in result.output and "[tool.autograde]" in result.output


def test_missing_submission_path_is_a_usage_error(run):
    result = run("check", "--submission", "does-not-exist")
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_list_shows_exercises_in_teaching_order_with_points(run):
    result = run("list")  # not a terminal: a plain line per exercise
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split(":")[0] for line in lines] == list(find_course(ROOT).exercises)
    assert lines[0] == "perceptron: 13 public tests (20 points), 2 hidden tests (3 points)"


def test_list_piped_at_60_columns_shows_every_name_whole():
    done = subprocess.run(f"{sys.executable} -m autograde list | cat", shell=True, cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, "COLUMNS": "60"}, check=True)
    names = [line.split(":")[0] for line in done.stdout.splitlines()]
    assert names == list(find_course(ROOT).exercises)
    assert "gradient_descent" in names and "…" not in done.stdout


def test_list_in_a_narrow_terminal_folds_names_and_never_cuts_them():
    from rich.console import Console

    from autograde.grading import inventory
    from autograde.reporters import terminal

    console = Console(width=40, force_terminal=True, record=True, color_system=None)
    terminal.exercises(inventory(course=find_course(ROOT)), console)
    text = console.export_text()
    assert "…" not in text
    cells = "".join(line.split("│")[1] for line in text.splitlines() if line.startswith("│"))
    for name in find_course(ROOT).exercises:
        assert name in cells.replace(" ", ""), name


def test_hint_for_one_test(run):
    result = run("hint", "activations", "test_softmax_large_logits")
    assert result.exit_code == 0
    assert "test_softmax_large_logits (2 points)" in result.output
    assert "Subtract each slice's maximum before exp" in result.output


def test_hint_for_an_exercise_lists_public_tests_only(run):
    result = run("hint", "perceptron")
    assert result.exit_code == 0
    assert "test_step_values" in result.output
    assert "test_train_perceptron_higher_dimension" not in result.output


def test_hint_for_unknown_test_lists_candidates(run):
    result = run("hint", "losses", "test_nothing")
    assert result.exit_code == 2
    assert "losses has no public test 'test_nothing'; its tests: test_one_hot_values," in result.output


def test_help_teaches_the_commands(run):
    result = run("--help")
    assert result.exit_code == 0
    for command in ("check", "list", "hint"):
        assert f"autograde {command}" in result.output
    assert "Exit status: 0 when every test passed, 1 when some did not" in run("check", "--help").output


def test_check_a_notebook_shows_what_loading_noticed(run, tmp_path: Path):
    import nbformat

    source = (ROOT / "solutions" / "perceptron.py").read_text(encoding="utf-8")
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 퍼셉트론"),
        nbformat.v4.new_code_cell("%matplotlib inline"),
        nbformat.v4.new_code_cell(source),
        nbformat.v4.new_code_cell("print(undefined_name)"),
    ])
    nbformat.write(notebook, tmp_path / "perceptron.ipynb")
    result = run("check", "perceptron", "--submission", str(tmp_path))
    assert result.exit_code == 0, result.output
    shown = tmp_path / "perceptron.ipynb"  # outside the working directory: shown in full
    assert f"Note: {shown}: skipped 1 IPython line (cell 2: %matplotlib inline)" in result.output
    assert f"Note: {shown}: cell 4 raised NameError: name 'undefined_name' is not defined" in result.output


def test_check_warns_when_the_sandbox_falls_back(run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("AUTOGRADE_SANDBOX", "basic")
    result = run("check", "perceptron", "--submission", "solutions", "--json", str(tmp_path / "r.json"))
    assert result.exit_code == 0, result.output
    assert ("warning: the sandbox runs without kernel namespaces here (namespaces were turned off "
            "(AUTOGRADE_SANDBOX=basic)); learner code is limited but can read files and use the network: "
            "see docs/security.md") in " ".join(result.output.split())
    sandbox = json.loads((tmp_path / "r.json").read_text())["environment"]["sandbox"]
    assert sandbox.startswith("fallback without namespaces (namespaces were turned off")


def test_check_records_the_namespaces_sandbox(run, tmp_path: Path):
    result = run("check", "perceptron", "--submission", "solutions", "--json", str(tmp_path / "r.json"))
    assert "warning" not in result.output
    sandbox = json.loads((tmp_path / "r.json").read_text())["environment"]["sandbox"]
    assert sandbox.startswith("kernel namespaces (mount, PID, network, IPC, UTS)")
