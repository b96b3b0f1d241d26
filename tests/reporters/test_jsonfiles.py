"""The JSON export: one result document per student, exactly as stored, and an index."""

from __future__ import annotations

import json
from pathlib import Path

from autograde.gradebook import Row
from autograde.reporters import jsonfiles
from autograde.results import Result, Status, TestResult

from .conftest import hand_result, make_row


def test_each_student_s_document_is_the_result_itself(rows: list[Row], tmp_path: Path) -> None:
    written = jsonfiles.write(rows, tmp_path / "json")
    assert [p.name for p in written][-1] == "index.json"
    index = json.loads((tmp_path / "json" / "index.json").read_text(encoding="utf-8"))
    assert index["schema"] == "autograde.index/1"
    assert [entry["student"] for entry in index["students"]] == [row.student for row in rows]
    for row, entry in zip(rows, index["students"]):
        text = (tmp_path / "json" / entry["file"]).read_text(encoding="utf-8")
        assert text == row.result.to_json()
        assert Result.from_json(text) == row.result
        assert entry == {"student": row.student, "file": entry["file"], "status": row.status.value,
                         "score": row.result.score, "max_score": row.result.max_score,
                         "content_hash": row.content_hash, "grader_version": row.grader_version,
                         "graded_at": row.graded_at}
    assert {entry["file"] for entry in index["students"]} >= {"김민수.json", "broken.json"}
    assert len({p for p in written}) == len(rows) + 1


def test_no_student_overwrites_another_or_the_index(tmp_path: Path) -> None:
    students = ["index", "a/b", "a_b"]
    rows = [make_row(s, hand_result(TestResult(f"test_{i}", 1.0, 1.0, Status.PASSED)))
            for i, s in enumerate(students)]
    written = jsonfiles.write(rows, tmp_path)
    assert len(set(written)) == 4 and sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
    index = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    for entry, row in zip(index["students"], rows):
        assert Result.from_json((tmp_path / entry["file"]).read_text(encoding="utf-8")) == row.result
