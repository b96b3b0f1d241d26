"""The class as result documents: ``<student>.json`` per student (``autograde.result/1``,
exactly as ``Result.to_json`` writes it) and an ``index.json`` that lists them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from autograde.gradebook import Row
from autograde.reporters._common import file_names

INDEX_SCHEMA = "autograde.index/1"


def write(rows: Sequence[Row], out_dir: Path) -> list[Path]:
    """Write one result document per row into ``out_dir`` and ``index.json`` last (a
    reader that finds the index finds every file it names); return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    names = file_names((row.student for row in rows), reserved=("index",))
    written, entries = [], []
    for row in rows:
        path = out_dir / f"{names[row.student]}.json"
        path.write_text(row.result.to_json(), encoding="utf-8")
        written.append(path)
        entries.append({
            "student": row.student,
            "file": path.name,
            "status": row.status.value,
            "score": row.result.score,
            "max_score": row.result.max_score,
            "content_hash": row.content_hash,
            "grader_version": row.grader_version,
            "graded_at": row.graded_at,
        })
    index = out_dir / "index.json"
    index.write_text(json.dumps({"schema": INDEX_SCHEMA, "students": entries}, indent=2, ensure_ascii=False),
                     encoding="utf-8")
    return [*written, index]
