"""Gradescope's results.json, checked against the autograder specification's schema."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from autograde.gradebook import Row
from autograde.reporters import gradescope
from autograde.reporters.visibility import HIDDEN_DETAILS
from autograde.results import Status, TestResult

from .conftest import FULL, WRONG, hand_result, make_row

VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}
OUTPUT_FORMATS = {"text", "html", "simple_format", "md", "ansi"}


def validate(doc: dict[str, Any]) -> None:
    """Gradescope's ``results.json`` rules for what this exporter writes."""
    assert set(doc) == {"score", "execution_time", "output", "output_format", "visibility", "stdout_visibility",
                        "tests"}
    assert isinstance(doc["score"], (int, float)) and not isinstance(doc["score"], bool)
    assert isinstance(doc["execution_time"], int) and doc["execution_time"] >= 0
    assert isinstance(doc["output"], str) and doc["output_format"] in OUTPUT_FORMATS
    assert doc["visibility"] in VISIBILITIES and doc["stdout_visibility"] in VISIBILITIES
    assert isinstance(doc["tests"], list)
    for test in doc["tests"]:
        assert set(test) == {"name", "name_format", "number", "score", "max_score", "status", "output",
                             "output_format", "visibility", "tags"}
        assert isinstance(test["name"], str) and test["name"] and test["name_format"] == "text"
        assert re.fullmatch(r"[1-9]\d*\.[1-9]\d*", test["number"])
        assert isinstance(test["score"], float) and isinstance(test["max_score"], float)
        assert 0 <= test["score"] <= test["max_score"]
        assert test["status"] in {"passed", "failed"}
        assert (test["status"] == "passed") == (test["score"] == test["max_score"] > 0) or test["max_score"] == 0
        assert isinstance(test["output"], str) and test["output_format"] in OUTPUT_FORMATS
        assert test["visibility"] in VISIBILITIES
        assert isinstance(test["tags"], list) and all(isinstance(t, str) for t in test["tags"])
    assert len({t["number"] for t in doc["tests"]}) == len(doc["tests"])
    assert math.isclose(doc["score"], sum(t["score"] for t in doc["tests"]))


def test_every_row_is_a_valid_results_json(rows: list[Row]) -> None:
    for row in rows:
        doc = gradescope.to_dict(row)
        validate(json.loads(json.dumps(doc)))
        assert len(doc["tests"]) == sum(len(e.tests) for e in row.result.exercises)
        assert (doc["output_format"], doc["visibility"], doc["stdout_visibility"]) == ("md", "visible", "hidden")


def test_tests_are_named_numbered_and_tagged_by_exercise(rows: list[Row]) -> None:
    row = next(r for r in rows if r.student == FULL)
    doc = gradescope.to_dict(row)
    first = doc["tests"][0]
    assert (first["name"], first["number"], first["tags"], first["status"], first["output"]) == (
        "perceptron › test_step_values", "1.1", ["perceptron"], "passed", "")
    n_perceptron = len(row.result.exercises[0].tests)
    assert doc["tests"][n_perceptron]["number"] == "2.1"
    assert doc["tests"][n_perceptron]["name"].startswith("activations › ")
    assert doc["score"] == row.result.max_score and doc["output"].startswith(f"**Total:** {row.result.score:g} /")


def test_hidden_tests_are_published_later_and_keep_their_details(rows: list[Row]) -> None:
    row = next(r for r in rows if r.student == WRONG)
    doc = gradescope.to_dict(row)
    tests = {t["name"]: t for t in doc["tests"]}
    hidden = tests["perceptron › test_step_large_random"]
    assert (hidden["status"], hidden["visibility"], hidden["output"]) == (
        "failed", "after_published", HIDDEN_DETAILS + "\n")
    visible = tests["perceptron › test_step_values"]
    assert visible["visibility"] == "visible" and visible["status"] == "failed"
    assert "First difference at index (0,): expected 0, got 1" in visible["output"]
    assert "**Hint:** step(x) is 1 only where x \\> 0" in visible["output"]
    for test in doc["tests"]:
        assert test["visibility"] == ("after_published" if test["name"] in {
            f"{e.name} › {t.name}" for e in row.result.exercises for t in e.tests if t.hidden} else "visible")


def test_a_timeout_is_a_failed_test_with_its_message() -> None:
    row = make_row("x", hand_result(TestResult("test_slow", 0.0, 2.0, Status.TIMEOUT, "timed out after 2 s"),
                                    duration_s=2.6))
    doc = gradescope.to_dict(row)
    validate(doc)
    assert doc["execution_time"] == 3
    assert doc["tests"][0]["status"] == "failed" and "timed out after 2 s" in doc["tests"][0]["output"]


def test_write_puts_each_student_in_a_folder_of_their_own(rows: list[Row], tmp_path: Path) -> None:
    written = gradescope.write(rows, tmp_path)
    assert [p.relative_to(tmp_path).parts for p in written] == [
        ('Lee, _Jay_', "results.json"), ("broken", "results.json"), ("stub_student", "results.json"),
        ("김민수", "results.json")]
    for row, path in zip(rows, written):
        assert json.loads(path.read_text(encoding="utf-8")) == json.loads(json.dumps(gradescope.to_dict(row)))
