"""Where a failure belongs in the learner's file: the evidence, strongest first."""

from __future__ import annotations

from autograde.ci.locate import Location, definitions, locate
from autograde.loaders.submission import SourceFile, Submission
from autograde.results import ExerciseResult, Result, Status, TestResult

SOURCE = '''import numpy as np


def relu(x):
    return helper(x)


def helper(x):
    return np.maximum(x, 0)


def relu_grad(x):
    raise NotImplementedError


class Model:
    def relu(self):
        pass


def relu(x):
    return np.maximum(x, 0.0)
'''


def run(*tests: TestResult, source: str = SOURCE, cells: tuple = ()) -> dict[tuple[str, str], Location]:
    submission = Submission(name="s", path="s", modules={
        "activations": SourceFile("activations", "exercises/activations.py", source, cells)})
    result = Result(submission="s", exercises=(ExerciseResult("activations", tests), ExerciseResult("losses", (
        TestResult("test_mse", 0, 1, Status.ERROR, "has no module"),))), hidden_tests_run=False,
        hidden_tests_not_run=0, environment={}, graded_at="", duration_s=0)
    return locate(result, submission, "exercises")


def failed(name: str, message: str = "", hidden: bool = False) -> TestResult:
    return TestResult(name, 0, 1, Status.FAILED, message, hidden=hidden)


def test_definitions_keep_the_last_top_level_def_then_methods() -> None:
    assert definitions(SOURCE) == {"relu": 21, "helper": 8, "relu_grad": 12, "Model": 16}
    assert definitions("def broken(:\n") == {}


def test_evidence_strongest_first() -> None:
    found = run(
        failed("test_a", 'When calling relu(x):\n  File "exercises/activations.py", line 9, in helper\nboom'),
        failed("test_b", "When calling relu(array([1.0])): 1 / 1 elements differ"),
        failed("test_c", "the module has no `relu_grad`"),
        failed("test_relu_grad_values[3]", "something else"),
        failed("test_unrelated", "nothing known"),
        failed("test_relu_hidden", 'File "exercises/activations.py", line 9, in helper', hidden=True),
    )
    assert found["activations", "test_a"] == Location("exercises/activations.py", 9, "helper")
    assert found["activations", "test_b"] == Location("exercises/activations.py", 21, "relu")
    assert found["activations", "test_c"] == Location("exercises/activations.py", 12, "relu_grad")
    # the longest function named by whole words of the test's name: relu_grad, not relu
    assert found["activations", "test_relu_grad_values[3]"] == Location("exercises/activations.py", 12, "relu_grad")
    assert found["activations", "test_unrelated"] == Location("exercises/activations.py", 1, "")
    # a hidden test's message is not evidence: its name is
    assert found["activations", "test_relu_hidden"] == Location("exercises/activations.py", 21, "relu")
    # an exercise without a file: where the file should be
    assert found["losses", "test_mse"] == Location("exercises/losses.py", 1, "")


def test_a_notebook_is_annotated_at_its_top() -> None:
    found = run(failed("test_relu", "When calling relu(x)"), cells=(object(),))
    assert found["activations", "test_relu"] == Location("exercises/activations.py", 1, "")


def test_a_syntax_error_is_annotated_at_its_line() -> None:
    source = "import numpy as np\n\n\ndef relu(x):\n    return np.maximum(x, 0\n"
    message = ("activations.py could not be imported, so none of its functions could be tested.\n"
               "When importing activations.py, your code raised SyntaxError: '(' was never closed "
               "(activations.py, line 5)\n"
               "Traceback (your code only):\n"
               '  File "exercises/activations.py", line 5, in <module>\n'
               "    return np.maximum(x, 0")
    found = run(TestResult("test_relu", 0, 1, Status.ERROR, message), source=source)
    assert found["activations", "test_relu"] == Location("exercises/activations.py", 5, "")
