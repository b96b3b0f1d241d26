"""The language autograde speaks (:mod:`autograde.i18n`): how it is chosen, messages kept
as language-neutral data, catalogues read through gettext, and the catalogue commands."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from autograde.cli import main
from autograde.config import find_course
from autograde.errors import ConfigError
from autograde.i18n import Words, choose, lines, say, t
from autograde.i18n import catalogues
from autograde.i18n.text import COURSE, Text, from_data, placeholders, render, to_data
from autograde.results import Result

ROOT = Path(__file__).resolve().parents[1]


# ------------------------------------------------------------------ choosing the language

@pytest.mark.parametrize("flag, environ, configured, expected", [
    ("ko", {"AUTOGRADE_LANG": "en", "LANG": "en_US.UTF-8"}, "en", "ko"),      # --lang first
    (None, {"AUTOGRADE_LANG": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"}, "en", "ko"),  # then the variable
    (None, {"LANG": "ko_KR.UTF-8"}, "en", "en"),                              # then the course setting
    (None, {"LANG": "ko_KR.UTF-8"}, "", "ko"),                                # then the locale
    (None, {"LC_ALL": "C.UTF-8", "LANG": "ko_KR.UTF-8"}, "", "en"),           # the first locale variable set
    (None, {"LC_MESSAGES": "ko_KR"}, "", "ko"),
    (None, {"AUTOGRADE_LANG": "ko-KR"}, "", "ko"),
    (None, {}, "", "en"),                                                     # else English
])
def test_the_language_comes_from_the_flag_then_the_variable_the_course_the_locale(flag, environ, configured, expected):
    assert choose(flag, configured=configured, environ=environ) == expected


def test_a_language_autograde_does_not_speak_names_where_it_came_from():
    with pytest.raises(ConfigError, match=r"\$AUTOGRADE_LANG is 'fr'; autograde speaks en, ko"):
        choose(None, environ={"AUTOGRADE_LANG": "fr"})
    with pytest.raises(ConfigError, match=r"\[tool.autograde\] language is 'de'"):
        choose(None, configured="de", environ={})


def test_an_unknown_language_variable_stops_check_with_exit_2_and_one_sentence(monkeypatch):
    monkeypatch.setenv("AUTOGRADE_LANG", "fr")
    run = CliRunner().invoke(main, ["check", "perceptron", "--course", str(ROOT)])
    assert run.exit_code == 2
    assert "$AUTOGRADE_LANG is 'fr'; autograde speaks en, ko" in run.output
    assert "Traceback" not in run.output


def test_the_course_setting_is_read_from_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.autograde]\nexercises = []\nlanguage = "ko"\n', encoding="utf-8")
    assert find_course(tmp_path).language == "ko"


# ------------------------------------------------------------------ messages as data

def test_a_message_survives_its_json_form_and_renders_the_same():
    message = lines(say("When calling {call}:", call="softmax(x)"),
                    say("timed out after {limit:g} s; the process was stopped.", limit=2.0),
                    t("Subtract the maximum along {axis}.", axis=say("the last axis")),
                    "a learner's own text {not a placeholder}")
    data = json.loads(json.dumps(to_data(message)))
    assert from_data(data) == message
    assert render(from_data(data)) == ("When calling softmax(x):\ntimed out after 2 s; the process was stopped.\n"
                                       "Subtract the maximum along the last axis.\n"
                                       "a learner's own text {not a placeholder}")
    assert data["join"][2]["domain"] == COURSE and "domain" not in data["join"][0]


def test_a_translation_is_looked_up_per_domain_and_a_broken_one_falls_back_to_english():
    table = {("autograde", "When calling {call}:"): "{call}를 호출했을 때:",
             ("course", "Subtract the maximum."): "최댓값을 빼세요.",
             ("autograde", "took {n} s"): "{m}초"}  # a translation with a wrong placeholder

    def lookup(domain: str, msgid: str) -> str:
        return table.get((domain, msgid), msgid)

    assert render(say("When calling {call}:", call="f(x)"), lookup) == "f(x)를 호출했을 때:"
    assert render(t("Subtract the maximum."), lookup) == "최댓값을 빼세요."
    assert render(say("Subtract the maximum."), lookup) == "Subtract the maximum."  # our domain has no such entry
    assert render(say("took {n} s", n=3), lookup) == "took 3 s"


def test_placeholders_are_the_named_fields_with_their_formats_ignored():
    assert placeholders("When calling {call}: {limit:g} s, {values[0]} {{literal}}") == {"call", "limit", "values"}


def test_a_result_document_keeps_its_language_and_old_documents_read_as_english(course):
    from autograde.results import placeholder

    result = placeholder({}, submission="s", message="m", hidden=False, environment={}, language="ko")
    assert Result.from_json(result.to_json()).language == "ko"
    old = json.loads(result.to_json())
    del old["language"]
    assert Result.from_json(json.dumps(old)).language == "en"


# ------------------------------------------------------------------ catalogues

def _course(tmp_path: Path, grader: str) -> Path:
    (tmp_path / "pyproject.toml").write_text('[tool.autograde]\nexercises = ["demo"]\n', encoding="utf-8")
    (tmp_path / "graders").mkdir()
    (tmp_path / "graders" / "test_demo.py").write_text(textwrap.dedent(grader), encoding="utf-8")
    return tmp_path


GRADER = '''
    import pytest
    from autograde.compare import check, fail
    from autograde.i18n import N_, t

    KNOWN = {"sub": N_("Subtracted?")}

    @pytest.mark.hint("Add the two numbers.")
    def test_add(student, reference):
        check(student.add, reference.add, 1, 2, hint="Use +, not -.")
        assert student.add.call(1, 1).value == 2, "1 + 1 is 2."
        n = 3
        fail(t("{n} calls failed.", n=n))
        fail(f"{n} calls failed.")
'''


def test_the_course_texts_are_found_where_graders_write_them_and_f_strings_are_reported(tmp_path):
    course = find_course(_course(tmp_path, GRADER))
    found, bad = catalogues.course_messages(course)
    assert {f.id for f in found} == {"Add the two numbers.", "Use +, not -.", "1 + 1 is 2.", "{n} calls failed.",
                                     "Subtracted?"}
    assert [str(b) for b in bad] == ['graders/test_demo.py:14: an f-string message cannot be translated; '
                                     'write it as t("... {name}", name=...)']


def test_update_then_translate_then_compile_makes_check_pass_and_grading_read_it(tmp_path):
    root = _course(tmp_path, GRADER.replace('        fail(f"{n} calls failed.")\n', ""))
    course = find_course(root)
    written = catalogues.update(COURSE, course)
    po = root / "locale" / "ko" / "LC_MESSAGES" / "course.po"
    assert written == [po, po.with_suffix(".mo")]
    problems = [p.why for p in catalogues.check(COURSE, "ko", course)]
    assert problems == ["not translated: 'Subtracted?'", "not translated: 'Add the two numbers.'",
                        "not translated: 'Use +, not -.'", "not translated: '1 + 1 is 2.'",
                        "not translated: '{n} calls failed.'"]
    text = po.read_text(encoding="utf-8")
    for english, korean in (("Subtracted?", "뺐나요?"), ("Add the two numbers.", "두 수를 더하세요."),
                            ("Use +, not -.", "-가 아니라 +를 쓰세요."),
                            ("1 + 1 is 2.", "1 + 1은 2입니다."), ("{n} calls failed.", "{m}번의 호출이 실패했습니다.")):
        text = text.replace(f'msgid "{english}"\nmsgstr ""', f'msgid "{english}"\nmsgstr "{korean}"')
    po.write_text(text, encoding="utf-8")
    problems = [p.why for p in catalogues.check(COURSE, "ko", course)]
    assert problems == ["the translation's placeholders ['m'] differ from ['n']: '{n} calls failed.'",
                        "not compiled from the .po as it is now; run `autograde i18n compile`"]
    po.write_text(text.replace("{m}번", "{n}번"), encoding="utf-8")
    catalogues.compile_mo(po)
    assert catalogues.check(COURSE, "ko", course) == []
    words = Words("ko", root)
    assert words.render(t("{n} calls failed.", n=4)) == "4번의 호출이 실패했습니다."
    assert words.render(Text("Add the two numbers.", (), COURSE)) == "두 수를 더하세요."
    assert Words("en", root).render(t("{n} calls failed.", n=4)) == "4 calls failed."


def test_an_updated_english_text_marks_its_translation_fuzzy_and_check_says_so(tmp_path):
    root = _course(tmp_path, '''
        import pytest

        @pytest.mark.hint("Add the two numbers.")
        def test_add(student):
            pass
    ''')
    course = find_course(root)
    catalogues.update(COURSE, course)
    po = root / "locale" / "ko" / "LC_MESSAGES" / "course.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgid "Add the two numbers."\nmsgstr ""' in text
    po.write_text(text.replace('msgid "Add the two numbers."\nmsgstr ""',
                               'msgid "Add the two numbers."\nmsgstr "두 수를 더하세요."'), encoding="utf-8")
    (root / "graders" / "test_demo.py").write_text((root / "graders" / "test_demo.py").read_text()
                                                  .replace("Add the two numbers.", "Add the two numbers together."))
    catalogues.update(COURSE, course)
    assert [p.why for p in catalogues.check(COURSE, "ko", course)] == [
        "the translation is marked fuzzy (the English changed): 'Add the two numbers together.'"]


def test_the_i18n_commands_run_through_the_cli(tmp_path):
    root = _course(tmp_path, GRADER.replace('        fail(f"{n} calls failed.")\n', ""))
    runner = CliRunner()
    run = runner.invoke(main, ["i18n", "update", "--course", str(root)])
    assert run.exit_code == 0 and "course.po" in run.output
    run = runner.invoke(main, ["i18n", "check", "--course", str(root)])
    assert run.exit_code == 1
    assert run.output.splitlines()[-1] == "5 problem(s) in the ko catalogue of course"
