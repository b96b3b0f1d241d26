"""JUnit XML, parsed back: counts, one case per test, outcomes, and only XML 1.0 text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from autograde.gradebook import Row
from autograde.reporters import junit
from autograde.results import Status, TestResult

from .conftest import STUB, WRONG, hand_result, make_row

COUNTERS = ("tests", "failures", "errors", "skipped")


def parse(rows: list[Row], tmp_path: Path) -> ET.Element:
    out = tmp_path / "junit.xml"
    junit.write(rows, out)
    assert out.read_bytes().startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    return ET.parse(out).getroot()


def test_a_suite_per_student_and_exercise_a_case_per_test(rows: list[Row], tmp_path: Path) -> None:
    root = parse(rows, tmp_path)
    assert root.tag == "testsuites" and root.get("name") == "autograde"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [f"{r.student}.{e.name}" for r in rows for e in r.result.exercises]
    for suite, (row, exercise) in zip(suites, [(r, e) for r in rows for e in r.result.exercises]):
        cases = suite.findall("testcase")
        assert [c.get("name") for c in cases] == [t.name for t in exercise.tests]
        assert {c.get("classname") for c in cases} == {suite.get("name")}
        assert int(suite.get("tests", "")) == len(cases)
        assert int(suite.get("failures", "")) == sum(c.find("failure") is not None for c in cases)
        assert int(suite.get("errors", "")) == sum(c.find("error") is not None for c in cases)
        assert int(suite.get("skipped", "")) == sum(c.find("skipped") is not None for c in cases)
        assert suite.get("timestamp") == row.graded_at
        for case, test in zip(cases, exercise.tests):
            assert float(case.get("time", "")) == round(test.duration_s, 3)
    for counter in COUNTERS:
        assert int(root.get(counter, "")) == sum(int(s.get(counter, "")) for s in suites)
    assert int(root.get("tests", "")) == sum(len(e.tests) for r in rows for e in r.result.exercises)
    assert abs(float(root.get("time", "")) - sum(float(s.get("time", "")) for s in suites)) < 1e-6


def test_outcomes_become_failure_error_and_skipped(rows: list[Row], tmp_path: Path) -> None:
    root = parse(rows, tmp_path)
    step = root.find(f"testsuite[@name='{WRONG}.perceptron']/testcase[@name='test_step_values']")
    assert step is not None
    failure = step.find("failure")
    assert failure is not None and failure.get("type") == "failed"
    assert failure.get("message", "").startswith("When calling step(array(")
    assert "First difference at index (0,): expected 0, got 1" in (failure.text or "")
    assert (failure.text or "").endswith("\n\nHint: step(x) is 1 only where x > 0: at exactly x == 0 it is 0. "
                                         "Try (x > 0).astype(int).")
    gate = root.find(f"testsuite[@name='{WRONG}.perceptron']/testcase[@name='test_gate_truth_tables[AND]']")
    assert gate is not None
    error = gate.find("error")
    assert error is not None and error.get("type") == "error"
    assert error.get("message") == "When calling AND(0, 0), your code raised ValueError: boom"
    assert gate.findtext("system-out") == "<script>alert('pwned')</script>\n"
    stub = root.find(f"testsuite[@name='{STUB}.perceptron']")
    stub_tests = next(r for r in rows if r.student == STUB).result.exercises[0].tests
    assert stub is not None and stub.get("skipped") == str(sum(t.status is Status.NOT_ATTEMPTED for t in stub_tests))
    # an untouched stub fails nothing: every test of it is not attempted (a skip in JUnit)
    assert stub.get("failures") == "0" and not any(t.status is Status.FAILED for t in stub_tests)
    skipped = stub.find("testcase/skipped")
    assert skipped is not None and skipped.get("message") == (
        "`step` is not written yet: it still raises NotImplementedError.")
    passed = root.find("testsuite[@name='김민수.losses']/testcase")
    assert passed is not None and list(passed) == []


def test_a_timeout_is_an_error_of_type_timeout(tmp_path: Path) -> None:
    rows = [make_row("a", hand_result(TestResult("test_slow", 0.0, 2.0, Status.TIMEOUT, "timed out after 2 s"),
                                      TestResult("test_skip", 0.0, 1.0, Status.SKIPPED, "needs keras")))]
    root = parse(rows, tmp_path)
    error = root.find("testsuite/testcase[@name='test_slow']/error")
    assert error is not None and (error.get("type"), error.get("message"), error.text) == (
        "timeout", "timed out after 2 s", "timed out after 2 s")
    assert root.get("errors") == "1" and root.get("skipped") == "1" and root.get("failures") == "0"


def test_control_characters_are_removed_and_markup_escaped(tmp_path: Path) -> None:
    nasty = TestResult("test_x", 0.0, 1.0, Status.FAILED, "got\x00 \x1b[31mred\x1b[0m & <b>\x0b\ufffe",
                       hint="use \x07 < >", output="\x01printed\ttab\r\n]]>")
    root = parse([make_row("s\x02t<u>", hand_result(nasty))], tmp_path)
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == "st<u>.perceptron"
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "got [31mred[0m & <b>"
    assert failure.text == "got [31mred[0m & <b>\n\nHint: use  < >"
    # XML parsers normalise a CR-LF in text to LF; nothing else is lost
    assert root.findtext("testsuite/testcase/system-out") == "printed\ttab\n]]>"
