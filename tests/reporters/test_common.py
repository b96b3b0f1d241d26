"""Safe, distinct file names for students, and numbers without float noise."""

from __future__ import annotations

import pytest

from autograde.reporters._common import file_names, number


@pytest.mark.parametrize(("student", "stem"), [
    ("김민수", "김민수"),
    ("Ada Lovelace", "Ada Lovelace"),
    ("../../etc/passwd", "_._.._etc_passwd"),
    ("..", "_"),
    (".hidden", "_hidden"),
    ("a\\b:c*d?e\"f<g>h|i", "a_b_c_d_e_f_g_h_i"),
    ("tab\there\x00\x1b[31m", "tab_here__[31m"),
    ("trailing dot. ", "trailing dot"),
    ("CON", "_CON"),
    ("nul.txt", "_nul.txt"),
    ("", "_"),
])
def test_a_name_becomes_a_safe_stem(student: str, stem: str) -> None:
    assert file_names([student]) == {student: stem}


def test_long_names_are_cut_to_80_characters() -> None:
    assert file_names(["가" * 200])["가" * 200] == "가" * 80


def test_names_that_sanitise_alike_get_distinct_stems_whatever_the_order() -> None:
    students = ["a/b", "a_b", "Kim", "kim", "a~b", "solo"]
    names = file_names(students)
    assert len(set(n.casefold() for n in names.values())) == len(students)
    assert names["solo"] == "solo"
    assert names["a/b"].startswith("a_b~") and names["a_b"].startswith("a_b~")
    assert names["Kim"].startswith("Kim~") and names["kim"].startswith("kim~")
    assert file_names(reversed(students)) == names


def test_a_reserved_stem_is_never_a_student_s() -> None:
    assert file_names(["index", "Index.", "other"], reserved=("index",))["other"] == "other"
    names = file_names(["index"], reserved=("index",))
    assert names["index"].startswith("index~")


def test_no_stem_contains_a_separator_or_control_character() -> None:
    students = [chr(c) * 3 for c in range(0, 0x100)] + ["/", "\\", "..", "."]
    for stem in file_names(students).values():
        assert "/" not in stem and "\\" not in stem and stem not in (".", "..")
        assert all(ord(ch) >= 0x20 and not 0x7F <= ord(ch) <= 0x9F for ch in stem)


@pytest.mark.parametrize(("value", "text"), [
    (18.0, "18"), (17.5, "17.5"), (0.1 + 0.2, "0.3"), (-1e-9, "0"), (79, "79"), (2 / 3, "0.6667"),
])
def test_numbers_are_written_without_float_noise(value: float, text: str) -> None:
    assert number(value) == text
