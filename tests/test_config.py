"""Finding the course and layering its settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograde.config import find_course
from autograde.errors import ConfigError, UnknownExercise
from conftest import ROOT


def test_found_from_a_subfolder(monkeypatch):
    monkeypatch.delenv("AUTOGRADE_COURSE", raising=False)
    course = find_course(start=ROOT / "exercises")
    assert course.root == ROOT
    assert course.exercises[:3] == ("perceptron", "activations", "losses")
    assert course.grader("losses") == ROOT / "graders" / "test_losses.py"


def test_environment_overrides_pyproject_and_flags_override_both(monkeypatch, tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[tool.autograde]\nexercises = ["a"]\ntimeout_s = 5\nmemory_mb = 700\n')
    assert find_course(tmp_path).timeout_s == 5
    assert find_course(tmp_path).limits.memory_mb == 700
    monkeypatch.setenv("AUTOGRADE_TIMEOUT", "7.5")
    monkeypatch.setenv("AUTOGRADE_MEMORY_MB", "900")
    course = find_course(tmp_path)
    assert (course.timeout_s, course.limits.memory_mb) == (7.5, 900)
    assert course.with_overrides(timeout_s=1.0, memory_mb=None).timeout_s == 1.0
    assert course.with_overrides(timeout_s=None).timeout_s == 7.5


def test_exercises_default_to_the_grader_files(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("[tool.autograde]\n")
    (tmp_path / "graders").mkdir()
    for name in ("b", "a"):
        (tmp_path / "graders" / f"test_{name}.py").write_text("")
    assert find_course(tmp_path).exercises == ("a", "b")


def test_unknown_setting_is_named_with_the_known_ones(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("[tool.autograde]\ntimeout = 3\n")
    with pytest.raises(ConfigError, match=r"unknown setting\(s\) in \[tool.autograde\]: timeout; known: .*timeout_s"):
        find_course(tmp_path)


def test_bad_environment_value(monkeypatch, tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("[tool.autograde]\n")
    monkeypatch.setenv("AUTOGRADE_TIMEOUT", "soon")
    with pytest.raises(ConfigError, match=r"\$AUTOGRADE_TIMEOUT must be a number, not 'soon'"):
        find_course(tmp_path)


def test_select_keeps_teaching_order_and_rejects_unknown_names():
    course = find_course(ROOT)
    assert course.select(["losses", "perceptron"]) == ("perceptron", "losses")
    assert course.select([]) == course.exercises
    with pytest.raises(UnknownExercise, match="available exercises: perceptron, activations, losses, gradient_descent"):
        course.select(["softmax"])


def test_no_course(tmp_path: Path):
    with pytest.raises(ConfigError, match="no course found"):
        find_course(tmp_path)


def test_an_exercise_table_overrides_the_course_for_that_exercise_only(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.autograde]\nexercises = ["a", "k"]\ntimeout_s = 3\n\n'
        '[tool.autograde.exercise.k]\npreload = ["keras"]\nmemory_mb = 6000\ntimeout_s = 60\n'
    )
    course = find_course(tmp_path)
    plain, heavy = course.for_exercise("a"), course.for_exercise("k")
    assert (plain.timeout_s, plain.limits.memory_mb, plain.preload) == (3, 1024, ())
    assert (heavy.timeout_s, heavy.limits.memory_mb, heavy.preload) == (60, 6000, ("keras",))


def test_unknown_setting_in_an_exercise_table(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("[tool.autograde.exercise.k]\nmemory = 5\n")
    with pytest.raises(ConfigError, match=r"unknown setting\(s\) in \[tool.autograde.exercise.k\]: memory"):
        find_course(tmp_path)


def test_this_course_preloads_tensorflow_for_keras_only():
    course = find_course(ROOT)
    assert course.for_exercise("keras_models").preload == ("tensorflow", "keras")
    assert course.for_exercise("perceptron").preload == ()
