"""The class as JUnit XML, in the Jenkins/Ant schema that Jenkins, GitLab and GitHub
test-report actions read: a ``<testsuite>`` per student and exercise, a ``<testcase>`` per
test. This export is for instructors and course CI, so it keeps hidden tests' details.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Sequence

from autograde.gradebook import Row
from autograde.results import ExerciseResult, Result, Status, TestResult

# XML 1.0 allows tab, newline, carriage return and the characters from U+0020 up, except
# surrogates and U+FFFE/U+FFFF; a learner's output may contain anything (ANSI colours, NUL).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# Which child element each outcome becomes; a passed test has none.
_ELEMENT = {
    Status.FAILED: "failure",
    Status.ERROR: "error",
    Status.TIMEOUT: "error",
    Status.NOT_ATTEMPTED: "skipped",
    Status.SKIPPED: "skipped",
}


def write(rows: Sequence[Row], out: Path, *, name: str = "autograde") -> None:
    """Write ``rows`` to ``out`` as one ``<testsuites>`` document named ``name``."""
    write_results([(row.student, row.result) for row in rows], out, name=name)


def write_results(results: Sequence[tuple[str, Result]], out: Path, *, name: str = "autograde") -> None:
    """Write each (student, result) of ``results`` to ``out`` as one ``<testsuites>``
    document named ``name`` (``autograde ci`` writes its one result this way)."""
    root = ET.Element("testsuites", name=_clean(name))
    for student, result in results:
        for exercise in result.exercises:
            root.append(_suite(student, result.graded_at, exercise))
    suites = list(root)
    for counter in ("tests", "failures", "errors", "skipped"):
        root.set(counter, str(sum(int(s.get(counter, "0")) for s in suites)))
    root.set("time", _seconds(sum(float(s.get("time", "0")) for s in suites)))
    ET.indent(root)
    out.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)


def _suite(student: str, graded_at: str, exercise: ExerciseResult) -> ET.Element:
    classname = _clean(f"{student}.{exercise.name}")
    elements = [_ELEMENT.get(t.status) for t in exercise.tests]
    suite = ET.Element(
        "testsuite",
        name=classname,
        tests=str(len(exercise.tests)),
        failures=str(elements.count("failure")),
        errors=str(elements.count("error")),
        skipped=str(elements.count("skipped")),
        time=_seconds(sum(t.duration_s for t in exercise.tests)),
        timestamp=_clean(graded_at),
    )
    for test in exercise.tests:
        suite.append(_case(classname, test))
    return suite


def _case(classname: str, test: TestResult) -> ET.Element:
    case = ET.Element("testcase", classname=classname, name=_clean(test.name), time=_seconds(test.duration_s))
    element = _ELEMENT.get(test.status)
    if element is not None:
        first_line = test.message.splitlines()[0] if test.message else test.status.value
        outcome = ET.SubElement(case, element, message=_clean(first_line))
        if element != "skipped":  # the schema gives <skipped> a message only
            outcome.set("type", test.status.value)
            outcome.text = _clean(test.message + (f"\n\nHint: {test.hint}" if test.hint else ""))
    if test.output:
        ET.SubElement(case, "system-out").text = _clean(test.output)
    return case


def _clean(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry (ElementTree escapes the rest)."""
    return _NOT_XML.sub("", text)


def _seconds(value: float) -> str:
    return f"{value:.3f}"
