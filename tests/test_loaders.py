"""Reading a submission path into module sources (no learner code runs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograde import loaders
from autograde.errors import SubmissionError


def test_folder_of_modules(tmp_path: Path):
    (tmp_path / "losses.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "activations.py").write_text("# 시그모이드\n", encoding="utf-8")
    (tmp_path / "not-a-module.py").write_text("", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    sub = loaders.load(tmp_path, name="kim")
    assert sub.name == "kim"
    assert sorted(sub.modules) == ["activations", "losses"]
    assert sub.modules["activations"].source == "# 시그모이드\n"


def test_single_file(tmp_path: Path):
    (tmp_path / "perceptron.py").write_text("def step(x): ...\n", encoding="utf-8")
    sub = loaders.load(tmp_path / "perceptron.py")
    assert list(sub.modules) == ["perceptron"] and sub.name == "perceptron"


def test_display_is_relative_to_the_working_directory(tmp_path: Path, monkeypatch):
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "losses.py").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    sub = loaders.load("work")
    assert sub.display("losses") == "work/losses.py"
    assert sub.display("perceptron") == "perceptron.py"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing", None, "does not exist"),
        ("a.txt", b"", "expected a folder, a .py file, a .ipynb notebook or a .zip archive"),
        ("bad-name.py", b"", "is not a valid Python module name"),
        ("latin.py", b"x = '\xe9'\n", r"is not UTF-8 text \(byte 5\); save it as UTF-8"),
    ],
)
def test_unreadable_submissions_say_why(tmp_path: Path, name, content, message):
    if content is not None:
        (tmp_path / name).write_bytes(content)
    with pytest.raises(SubmissionError, match=message):
        loaders.load(tmp_path / name)


def test_oversized_module_is_refused(tmp_path: Path):
    (tmp_path / "big.py").write_text("#" * (loaders.MAX_SOURCE_BYTES + 1), encoding="utf-8")
    with pytest.raises(SubmissionError, match="a module may have at most"):
        loaders.load(tmp_path / "big.py")
