"""This course in Korean, as a learner reads it: `autograde check --lang ko` on known
mistakes, both catalogues complete, and messages that are the same data in either language
(a class graded in one language exports in the other, and English stays as it was)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from autograde.cli import main
from autograde.config import Course
from autograde.grading import GradingSession
from autograde.i18n import Words, catalogues
from autograde.i18n.text import COURSE, OURS, from_data, render
from autograde.reporters.visibility import localized
from autograde.results import Result, Status
from autograde.sandbox.forkserver import ServerPool

ROOT = Path(__file__).resolve().parents[1]


def check_ko(tmp_path: Path, exercise: str, files: dict[str, str], *extra: str) -> tuple[str, Result]:
    """``autograde check EXERCISE --lang ko`` on a submission of ``files``: what it
    printed, and the result document it wrote."""
    folder = tmp_path / "work"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "result.json"
    run = CliRunner().invoke(main, ["check", exercise, "--submission", str(folder), "--json", str(out), "--lang", "ko",
                                    "--course", str(ROOT), *extra])
    assert run.exit_code == 1, run.output
    return run.output, Result.from_json(out.read_text(encoding="utf-8"))


def by_name(result: Result) -> dict[str, Any]:
    return {t.name: t for e in result.exercises for t in e.tests}


def solution(name: str) -> str:
    return (ROOT / "solutions" / f"{name}.py").read_text(encoding="utf-8")


def test_a_stub_reads_as_not_attempted_in_korean(tmp_path):
    output, result = check_ko(tmp_path, "perceptron", {"perceptron.py": (ROOT / "exercises" / "perceptron.py").read_text()})
    step = by_name(result)["test_step_values"]
    assert (step.status, step.message) == (
        Status.NOT_ATTEMPTED, "`step`은(는) 아직 작성되지 않았습니다: 여전히 NotImplementedError를 냅니다.")
    assert result.language == "ko"
    assert "합계: 0 / 20 (0%)  (아직 풀지 않음 13개)" in output
    assert ("지금까지는 공개 테스트입니다. 강사는 이 문제들에 숨겨진 테스트 2개를 더 실행하니, 여기서 통과하는 것은 "
            "필요하지만 충분하지는 않습니다.") in output


def test_a_syntax_error_is_said_once_in_korean_with_its_line(tmp_path):
    broken = solution("perceptron").replace("def step(x", "def step(x:", 1)
    output, result = check_ko(tmp_path, "perceptron", {"perceptron.py": broken})
    tests = list(by_name(result).values())
    first = tests[0]
    line = next(i for i, text in enumerate(broken.splitlines(), start=1) if text.startswith("def step(x:"))
    module = first.message.split("을(를) import할 수 없어서")[0]
    assert module.endswith("perceptron.py")
    assert first.message.splitlines()[:2] == [
        f"{module}을(를) import할 수 없어서 그 안의 함수를 하나도 테스트하지 못했습니다.",
        f"{module}을(를) import할 때 여러분의 코드가 SyntaxError을(를) 냈습니다: invalid syntax (perceptron.py, "
        f"line {line})",
    ]
    assert first.hint == (f"Python이 {module}의 {line}번째 줄을 읽지 못해서 파일 전체가 실행되지 않았습니다. 표시된 줄을 "
                          "고치세요 (빠진 괄호, 따옴표, 콜론은 흔히 다음 줄에서 보고되니 바로 윗줄도 살펴보세요).")
    assert {t.message for t in tests} == {first.message}
    assert output.count("같은 문제가 있는 테스트 13개") == 1 and output.count("import할 수 없어서") == 1
    assert "이 문제로 잃은 테스트:" in output and "test_step_values: 오류, 0 / 2점" in output


def test_a_loop_that_never_ends_times_out_in_korean(tmp_path):
    looping = solution("perceptron") + "\n\ndef step(x):\n    while True:\n        pass\n"
    output, result = check_ko(tmp_path, "perceptron", {"perceptron.py": looping}, "--timeout", "0.5")
    step = by_name(result)["test_step_values"]
    assert step.status is Status.TIMEOUT
    assert step.message.startswith("step(array(shape=(20,), dtype=float64, values ")
    assert step.message.endswith(")을(를) 호출했을 때: 0.5초가 지나도 끝나지 않아 프로세스를 멈췄습니다.")
    assert step.hint == ("끝나지 않는 반복문(조건이 바뀌지 않는 `while`)이나 입력보다 훨씬 빠르게 늘어나는 계산이 있는지 "
                         "찾아보세요.")
    assert "시간 초과" in output


def test_a_softmax_that_overflows_in_korean(tmp_path):
    naive = solution("activations") + "\n\n" + (ROOT / "graders/mutants/activations/softmax_no_max_shift.py").read_text()
    output, result = check_ko(tmp_path, "activations", {"activations.py": naive})
    large = by_name(result)["test_softmax_large_logits"]
    lines = large.message.splitlines()
    assert lines[0].startswith("softmax(array([[ 1000., 1001., 1002.]")
    assert lines[0].endswith("을(를) 호출했을 때:") or lines[1].endswith("을(를) 호출했을 때:")
    assert "  원소 9개 중 4개가 다릅니다 (44%)." in lines
    assert "  가장 큰 절대 차이: 인덱스 (0, 0)에서 nan" in lines
    english = Words("en").render(from_data(large.hint_data))
    assert english.startswith("Your result contains nan")
    assert large.hint == Words("ko", ROOT).render(from_data(large.hint_data)) != english  # the course's Korean
    assert large.hint == ("결과에 nan 값이 있습니다: np.exp가 오버플로되어 inf가 되었고, inf / inf는 nan입니다. 먼저 축을 "
                          "따라 최댓값을 빼세요: np.exp(x - x.max(axis=axis, keepdims=True)).")
    assert "힌트: " in output


def test_every_text_of_autograde_and_of_this_course_is_in_korean():
    assert [str(p) for p in catalogues.check(OURS, "ko", None)] == []
    assert [str(p) for p in catalogues.check(COURSE, "ko", Course(root=ROOT, exercises=()))] == []


@pytest.fixture(scope="module")
def both(course, servers: ServerPool) -> dict[str, Result]:
    """One wrong submission (a softmax that overflows, a stub perceptron), graded in each language."""
    files = {"activations.py": (solution("activations") + "\n\n"
                                + (ROOT / "graders/mutants/activations/softmax_no_max_shift.py").read_text()).encode(),
             "perceptron.py": (ROOT / "exercises" / "perceptron.py").read_bytes()}
    graded = {}
    for language in ("en", "ko"):
        with GradingSession(course, exercises=["perceptron", "activations"], servers=servers,
                            language=language) as session:
            graded[language] = session.grade(session.load(files=files, name="kim"), hidden_seed=7)
    return graded


def _said(result: Result) -> list[tuple[str, str, str | None]]:
    return [(t.name, t.message, t.hint) for e in result.exercises for t in e.tests]


def test_a_result_written_in_one_language_is_written_again_in_the_other(both):
    english, korean = both["en"], both["ko"]
    assert _said(korean) != _said(english)
    assert _said(localized(korean, Words("en"))) == _said(english)
    assert _said(localized(english, Words("ko", ROOT))) == _said(korean)


def test_english_messages_are_their_data_written_in_english(both):
    tests = [t for e in both["en"].exercises for t in e.tests if t.status is not Status.PASSED]
    assert tests and all(t.message_data is not None for t in tests)
    for test in tests:
        assert render(from_data(json.loads(json.dumps(test.message_data)))) == test.message
        assert (render(from_data(test.hint_data)) or None) == test.hint


def test_a_usage_error_is_said_in_korean_too(tmp_path, monkeypatch):
    run = CliRunner().invoke(main, ["check", "nope", "--lang", "ko", "--course", str(ROOT)])
    assert run.exit_code == 2
    assert run.output == ("오류: 'nope'(이)라는 문제가 없습니다. 있는 문제: perceptron, activations, losses, "
                          "gradient_descent, backprop, preprocessing, sampling, keras_models, convolution, recurrent, keras_deep\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("AUTOGRADE_COURSE", raising=False)
    monkeypatch.setenv("AUTOGRADE_LANG", "ko")
    run = CliRunner().invoke(main, ["check"])
    assert run.exit_code == 2
    assert run.output.startswith(f"오류: {tmp_path.resolve()} 또는 그 위의 폴더에서 강의 폴더를 찾지 못했습니다.")
