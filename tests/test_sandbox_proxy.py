"""The ``student`` proxy (autograde.sandbox.proxy) over a real sandboxed child: values,
classes, argument mutation, learner exceptions, output, warnings, refused values and
import-time failures, each with the message the learner will read."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from autograde.errors import (
    MissingName,
    StudentCrash,
    StudentException,
    StudentLoadError,
    StudentTimeout,
    UnsupportedValue,
)
from autograde.sandbox.forkserver import ForkServer
from autograde.sandbox.limits import Limits
from autograde.sandbox.proxy import Clock, RemoteFunction, RemoteObject, StudentModule
from autograde.sandbox.proxy import TestLog as Log  # aliased: pytest would try to collect it
from conftest import MakeStudent, deadline_in

NOT_GRADABLE = ("which cannot be graded: return numbers, strings, NumPy arrays, or lists, tuples "
                "and dicts of these")


def shown(student: StudentModule, module: str) -> str:
    """The file name of ``module`` as the learner is shown it (in frames and messages)."""
    return student._submission.display(module)


def line_of(source: str, code: str) -> int:
    """The 1-based line of the first line of ``source`` (as written to disk) holding ``code``."""
    lines = textwrap.dedent(source).splitlines()
    return next(i for i, line in enumerate(lines, 1) if code in line)


# ---------------------------------------------------------------- values and calls

BASICS = """
    import numpy as np

    GATES = {
        "AND": (np.array([[0, 0], [0, 1], [1, 0], [1, 1]]), np.array([0, 0, 0, 1])),
        "OR": (np.array([[0, 0], [0, 1], [1, 0], [1, 1]]), np.array([0, 1, 1, 1])),
    }
    LEARNING_RATE = 0.25
    _PRIVATE = 1

    def add(a, b):
        return a + b

    def scale(x, k=1.0):
        return x * k

    def pair(x):
        return x.astype(np.float32), {"sum": x.sum(), "shape": x.shape}

    def _helper():
        return 1
"""


def test_calling_a_function_returns_its_value(make_student: MakeStudent) -> None:
    student = make_student({"basics": BASICS})
    assert student.add(2, 3) == 5
    assert student.add("ab", "cd") == "abcd"
    assert student.add([1], [2]) == [1, 2]


def test_arrays_and_keywords_cross_both_ways(make_student: MakeStudent) -> None:
    student = make_student({"basics": BASICS})
    result = student.scale(np.arange(4, dtype=np.int16), k=3)
    assert type(result) is np.ndarray and result.dtype == np.int16
    assert result.tolist() == [0, 3, 6, 9]


def test_nested_results_keep_their_structure_and_types(make_student: MakeStudent) -> None:
    student = make_student({"basics": BASICS})
    converted, info = student.pair(np.array([[1, 2], [3, 4]]))
    assert converted.dtype == np.float32 and converted.tolist() == [[1.0, 2.0], [3.0, 4.0]]
    assert info == {"sum": 10, "shape": (2, 2)}
    assert type(info["sum"]) is np.int64  # a NumPy scalar stays one


def test_call_record_describes_the_call(make_student: MakeStudent) -> None:
    student = make_student({"basics": BASICS})
    record = student.scale.call(np.arange(3), k=2)
    assert record.call == "scale(array([0, 1, 2]), k=2)"
    assert record.value.tolist() == [0, 2, 4]
    assert record.warnings == () and record.mutated == ()
    assert record.duration_s >= 0
    assert student.log.last_call is record


def test_constants_are_fetched_as_plain_data(make_student: MakeStudent) -> None:
    student = make_student({"basics": BASICS})
    gates = student.GATES
    assert type(gates) is dict and list(gates) == ["AND", "OR"]
    inputs, targets = gates["AND"]
    assert type(gates["AND"]) is tuple
    np.testing.assert_array_equal(inputs, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(targets, [0, 0, 0, 1])
    np.testing.assert_array_equal(gates["OR"][1], [0, 1, 1, 1])
    assert student.LEARNING_RATE == 0.25


def test_fetched_constants_are_copies(make_student: MakeStudent) -> None:
    student = make_student({"basics": BASICS})
    student.GATES["AND"][1][:] = 7
    assert student.GATES["AND"][1].tolist() == [0, 0, 0, 1]


def test_functions_are_remote_and_dir_lists_public_names(make_student: MakeStudent) -> None:
    student = make_student({"basics": BASICS})
    assert isinstance(student.add, RemoteFunction)
    assert repr(student.add) == "<student function add>"
    assert dir(student) == ["GATES", "LEARNING_RATE", "add", "pair", "scale"]


def test_private_names_are_not_reached(make_student: MakeStudent) -> None:
    student = make_student({"basics": BASICS})
    with pytest.raises(AttributeError):
        student._helper  # noqa: B018


def test_missing_name_lists_what_the_module_has(make_student: MakeStudent) -> None:
    student = make_student({"basics": BASICS})
    with pytest.raises(MissingName) as info:
        student.softmax  # noqa: B018
    assert info.value.available == ("GATES", "LEARNING_RATE", "add", "pair", "scale")
    assert str(info.value) == (
        f"{shown(student, 'basics')} has no name 'softmax' (found: GATES, LEARNING_RATE, add, pair, scale)"
    )


def test_missing_name_in_an_empty_module_says_nothing_public(make_student: MakeStudent) -> None:
    student = make_student({"empty": "import numpy as np\n_x = 1\n"})
    with pytest.raises(MissingName) as info:
        student.relu  # noqa: B018
    assert str(info.value) == f"{shown(student, 'empty')} has no name 'relu' (found: nothing public)"


def test_a_sibling_module_can_be_imported(make_student: MakeStudent) -> None:
    student = make_student({
        "layers": """
            from helpers import twice
            import helpers

            def forward(x):
                return twice(x) + helpers.OFFSET
        """,
        "helpers": """
            OFFSET = 1

            def twice(x):
                return 2 * x
        """,
    })
    assert student.forward(np.arange(3)).tolist() == [1, 3, 5]
    assert dir(student) == ["forward", "twice"]  # the imported module itself is not listed


# ---------------------------------------------------------------- classes and state

OPTIMIZER = """
    class SGD:
        def __init__(self, lr=0.1):
            self.lr = lr
            self.steps = 0

        def update(self, params, grads):
            self.steps += 1
            for key in params:
                params[key] -= self.lr * grads[key]

    class Broken:
        def __init__(self):
            raise RuntimeError("no")
"""


def test_a_class_gives_a_remote_object_that_keeps_state(make_student: MakeStudent) -> None:
    student = make_student({"optim": OPTIMIZER})
    opt = student.SGD(lr=0.5)
    assert isinstance(opt, RemoteObject)
    assert repr(opt) == "<student SGD object>"
    assert opt.lr == 0.5 and opt.steps == 0
    params = {"W": np.ones(2)}
    for _ in range(3):
        opt.update(params, {"W": np.ones(2)})
    assert opt.steps == 3
    other = student.SGD()
    assert other.steps == 0 and other.lr == 0.1  # two instances, two states


def test_method_call_record_names_the_class(make_student: MakeStudent) -> None:
    student = make_student({"optim": OPTIMIZER})
    record = student.SGD(lr=1.0).update.call({"b": np.zeros(1)}, {"b": np.ones(1)})
    assert record.call == "SGD.update({'b': array([0.])}, {'b': array([1.])})"
    assert record.value is None


def test_inplace_copies_the_learners_changes_into_the_graders_arrays(make_student: MakeStudent) -> None:
    student = make_student({"optim": OPTIMIZER})
    opt = student.SGD(lr=0.5)
    W, b = np.ones((2, 2)), np.zeros(2)
    params = {"W": W, "b": b}
    grads = {"W": np.full((2, 2), 2.0), "b": np.ones(2)}
    record = opt.update.call(params, grads, inplace=True)
    assert params["W"] is W and params["b"] is b  # the same arrays, changed in place
    np.testing.assert_array_equal(W, np.zeros((2, 2)))
    np.testing.assert_array_equal(b, [-0.5, -0.5])
    assert record.mutated == ("argument 1['W']", "argument 1['b']")
    np.testing.assert_array_equal(grads["W"], np.full((2, 2), 2.0))  # grads were not written


def test_without_inplace_the_graders_arrays_stay_but_mutation_is_named(make_student: MakeStudent) -> None:
    student = make_student({"optim": OPTIMIZER})
    params = {"W": np.ones(3), "b": np.zeros(1)}
    record = student.SGD(lr=0.5).update.call(params, {"W": np.ones(3), "b": np.ones(1)})
    np.testing.assert_array_equal(params["W"], np.ones(3))
    np.testing.assert_array_equal(params["b"], np.zeros(1))
    assert record.mutated == ("argument 1['W']", "argument 1['b']")


def test_keyword_argument_mutation_is_named_by_keyword(make_student: MakeStudent) -> None:
    student = make_student({"optim": OPTIMIZER})
    params = {"W": np.ones(3)}
    record = student.SGD().update.call(params=params, grads={"W": np.ones(3)})
    assert record.mutated == ("params['W']",)
    np.testing.assert_array_equal(params["W"], np.ones(3))


def test_a_class_whose_constructor_raises_is_a_student_exception(make_student: MakeStudent) -> None:
    student = make_student({"optim": OPTIMIZER})
    with pytest.raises(StudentException) as info:
        student.Broken()
    assert str(info.value) == "RuntimeError: no"
    assert info.value.call == "Broken()"


MUTATORS = """
    import numpy as np

    def scribble(x):
        x[0] = 99
        return x

    def nested(items):
        items[1][1][:] = 0
        return None

    def reads(x, y):
        return float(np.nansum(x) + np.nansum(y))

    def replace(d):
        d["W"] = d["W"].astype(np.float32)
        d["new"] = 1
"""


def test_the_graders_array_is_never_written_by_the_learner(make_student: MakeStudent) -> None:
    student = make_student({"mut": MUTATORS})
    x = np.arange(3.0)
    record = student.scribble.call(x)
    np.testing.assert_array_equal(x, [0.0, 1.0, 2.0])
    np.testing.assert_array_equal(record.value, [99.0, 1.0, 2.0])
    assert record.mutated == ("argument 1",)


def test_inplace_on_a_positional_array_copies_back(make_student: MakeStudent) -> None:
    student = make_student({"mut": MUTATORS})
    x = np.arange(3.0)
    student.scribble.call(x, inplace=True)
    np.testing.assert_array_equal(x, [99.0, 1.0, 2.0])


def test_mutation_deep_in_containers_is_named_by_path(make_student: MakeStudent) -> None:
    student = make_student({"mut": MUTATORS})
    untouched = np.ones(2)
    items = [untouched, (np.ones(2), np.ones(3))]
    record = student.nested.call(items)
    assert record.mutated == ("argument 1[1][1]",)
    np.testing.assert_array_equal(items[1][1], np.ones(3))


def test_reading_arguments_with_nan_is_not_a_mutation(make_student: MakeStudent) -> None:
    student = make_student({"mut": MUTATORS})
    record = student.reads.call(np.array([1.0, np.nan]), y=np.array([np.nan, 2.0]))
    assert record.value == 3.0
    assert record.mutated == ()


def test_replacing_entries_of_a_dict_argument_is_a_mutation(make_student: MakeStudent) -> None:
    student = make_student({"mut": MUTATORS})
    d = {"W": np.ones(2)}
    record = student.replace.call(d)
    assert record.mutated == ("argument 1",)  # a key was added: the dict as a whole changed
    assert list(d) == ["W"] and d["W"].dtype == np.float64


# ---------------------------------------------------------------- learner exceptions

FAILING = """
    import numpy as np
    from deep import check

    def outer(x):
        return middle(x)

    def middle(x):
        return check(x)

    def bad_reshape(x):
        return np.reshape(x, (5,))

    def stub(x):
        raise NotImplementedError("write softmax")

    def leave():
        import sys
        sys.exit(0)

    class Weird(Exception):
        def __str__(self):
            raise RuntimeError("no str")

    def weird():
        raise Weird()

    def recurse(n):
        return recurse(n + 1)
"""

DEEP = """
    def check(x):
        if x < 0:
            raise ValueError(f"x must be >= 0, got {x}")
        return x
"""


def test_learner_exception_has_type_message_and_only_learner_frames(make_student: MakeStudent) -> None:
    student = make_student({"failing": FAILING, "deep": DEEP})
    with pytest.raises(StudentException) as info:
        student.outer(-2)
    exc = info.value
    main, deep = shown(student, "failing"), shown(student, "deep")
    assert (exc.type_name, exc.message, exc.call) == ("ValueError", "x must be >= 0, got -2", "outer(-2)")
    assert str(exc) == "ValueError: x must be >= 0, got -2"
    assert [(f.file, f.line, f.function, f.code) for f in exc.frames] == [
        (main, line_of(FAILING, "return middle(x)"), "outer", "return middle(x)"),
        (main, line_of(FAILING, "return check(x)"), "middle", "return check(x)"),
        (deep, line_of(DEEP, "raise ValueError"), "check", 'raise ValueError(f"x must be >= 0, got {x}")'),
    ]
    assert not exc.not_implemented


def test_frames_inside_numpy_are_left_out(make_student: MakeStudent) -> None:
    student = make_student({"failing": FAILING, "deep": DEEP})
    with pytest.raises(StudentException) as info:
        student.bad_reshape(np.arange(4))
    assert info.value.type_name == "ValueError"
    assert info.value.message == "cannot reshape array of size 4 into shape (5,)"
    assert [(f.file, f.line, f.function) for f in info.value.frames] == [
        (shown(student, "failing"), line_of(FAILING, "np.reshape(x, (5,))"), "bad_reshape")
    ]


def test_not_implemented_error_marks_a_stub(make_student: MakeStudent) -> None:
    student = make_student({"failing": FAILING, "deep": DEEP})
    with pytest.raises(StudentException) as info:
        student.stub(1)
    assert info.value.not_implemented
    assert str(info.value) == "NotImplementedError: write softmax"


def test_sys_exit_in_a_call_is_an_exception_that_says_so(make_student: MakeStudent) -> None:
    student = make_student({"failing": FAILING, "deep": DEEP})
    with pytest.raises(StudentException) as info:
        student.leave()
    assert info.value.type_name == "SystemExit"
    assert str(info.value) == "SystemExit: your code called sys.exit(0)"
    assert student.outer(4) == 4  # the same child keeps serving


def test_an_exception_whose_str_fails_still_reports(make_student: MakeStudent) -> None:
    student = make_student({"failing": FAILING, "deep": DEEP})
    with pytest.raises(StudentException) as info:
        student.weird()
    assert str(info.value) == "Weird: <message could not be shown>"


def test_infinite_recursion_is_a_recursion_error_with_few_frames(make_student: MakeStudent) -> None:
    student = make_student({"failing": FAILING, "deep": DEEP})
    with pytest.raises(StudentException) as info:
        student.recurse(0)
    assert info.value.type_name == "RecursionError"
    assert 0 < len(info.value.frames) <= 20
    assert {f.function for f in info.value.frames} == {"recurse"}


# ---------------------------------------------------------------- output and warnings

CHATTY = """
    import os
    import sys
    import warnings
    import numpy as np

    print("loading")

    def talk(n):
        print("hello", n)
        print("to stderr", file=sys.stderr)
        return n

    def shout(n):
        sys.stdout.write("x" * n)
        return n

    def flood():
        os.write(1, b"y" * 50_000_000)
        return "done"

    def hot():
        return np.exp(1000.0)

    def careful():
        warnings.warn("check your shapes", UserWarning)
        return 1

    def crash():
        print("about to crash", flush=True)
        os._exit(1)

    def hang():
        print("about to hang", flush=True)
        while True:
            pass
"""


def test_output_at_import_and_in_calls_is_captured(make_student: MakeStudent) -> None:
    student = make_student({"chatty": CHATTY})
    assert student.talk(1) == 1
    assert student.talk(2) == 2
    assert student.log.text() == "loading\nhello 1\nto stderr\nhello 2\nto stderr\n"


def test_new_test_starts_a_fresh_log(make_student: MakeStudent) -> None:
    student = make_student({"chatty": CHATTY})
    student.talk(1)
    done = student.new_test()
    assert done.text() == "loading\nhello 1\nto stderr\n"
    assert student.log.text() == "" and student.log.last_call is None
    student.talk(2)
    assert student.log.text() == "hello 2\nto stderr\n"


def test_output_is_truncated_at_the_cap(make_student: MakeStudent) -> None:
    student = make_student({"chatty": CHATTY})
    dir(student)  # loads the module: its import-time output goes to this log
    student.new_test()
    student.shout(3 * Log.OUTPUT_CAP)
    assert student.log.text() == "x" * Log.OUTPUT_CAP + "\n... (output truncated)\n"


def test_a_flood_of_output_neither_hangs_nor_is_kept(make_student: MakeStudent) -> None:
    student = make_student({"chatty": CHATTY})
    dir(student)  # loads the module: its import-time output goes to this log
    student.new_test()
    start = time.monotonic()
    assert student.flood() == "done"
    assert time.monotonic() - start < 5
    assert student.log.text() == "y" * Log.OUTPUT_CAP + "\n... (output truncated)\n"
    student.new_test()
    student.talk(3)  # the flood is behind us: the next output is read from where it ends
    assert student.log.text() == "hello 3\nto stderr\n"



def test_output_before_a_crash_is_kept(make_student: MakeStudent) -> None:
    student = make_student({"chatty": CHATTY})
    with pytest.raises(StudentCrash):
        student.crash()
    assert student.log.text() == "loading\nabout to crash\n"


def test_output_before_a_timeout_is_kept(make_student: MakeStudent) -> None:
    clock = Clock()
    student = make_student({"chatty": CHATTY}, clock=clock)
    dir(student)
    deadline_in(clock, 0.3)
    with pytest.raises(StudentTimeout):
        student.hang()
    assert student.log.text() == "loading\nabout to hang\n"


def test_output_before_a_crash_at_import_is_kept(make_student: MakeStudent) -> None:
    student = make_student({"broken": "import os\nprint('half loaded', flush=True)\nos._exit(4)\n"})
    with pytest.raises(StudentLoadError):
        student.f  # noqa: B018
    assert student.log.text() == "half loaded\n"

def test_numpy_warnings_are_recorded_with_their_category(make_student: MakeStudent) -> None:
    student = make_student({"chatty": CHATTY})
    record = student.hot.call()
    assert record.value == np.inf
    assert [(w.category, w.message, w.file) for w in record.warnings] == [
        ("RuntimeWarning", "overflow encountered in exp", shown(student, "chatty"))
    ]
    assert list(student.log.warnings) == list(record.warnings)


def test_learner_warnings_are_recorded_with_their_line(make_student: MakeStudent) -> None:
    student = make_student({"chatty": CHATTY})
    record = student.careful.call()
    (warning,) = record.warnings
    line = line_of(CHATTY, "warnings.warn(")
    assert (warning.category, warning.message, warning.line) == ("UserWarning", "check your shapes", line)
    assert str(warning) == f"UserWarning: check your shapes ({shown(student, 'chatty')}:{line})"


def test_a_call_without_warnings_records_none(make_student: MakeStudent) -> None:
    student = make_student({"chatty": CHATTY})
    student.hot()
    assert student.talk.call(1).warnings == ()
    assert len(student.log.warnings) == 1  # the log keeps the test's earlier warning


# ---------------------------------------------------------------- values that cannot cross

ODD = """
    import numpy as np

    class Thing:
        pass

    def make():
        return Thing()

    def gen():
        return (i for i in range(3))

    def mixed():
        return [1, {"a": {2, 3}}]

    def objects():
        return np.array([1, None], dtype=object)

    def big():
        return np.zeros(1 << 20)

    def huge_int():
        return 10 ** 5000

    def add(a, b):
        return a + b
"""


def test_returning_an_object_names_its_type(make_student: MakeStudent) -> None:
    student = make_student({"odd": ODD})
    with pytest.raises(UnsupportedValue) as info:
        student.make()
    assert str(info.value) == f"make() returned an object of type `odd.Thing`, {NOT_GRADABLE}"
    assert student.add(1, 2) == 3  # the child is still fine


@pytest.mark.parametrize(
    "name, message",
    [
        ("gen", f"gen() returned an object of type `generator`, {NOT_GRADABLE}"),
        ("mixed", f"mixed() returned an object of type `set`, {NOT_GRADABLE}"),
        ("objects", "objects() returned an array of dtype object, which is not a number type"),
        ("huge_int", "huge_int() returned an integer of more than 4300 digits, which is too large to send"),
    ],
)
def test_unsupported_results_are_refused_with_a_message(make_student: MakeStudent, name: str,
                                                        message: str) -> None:
    student = make_student({"odd": ODD})
    with pytest.raises(UnsupportedValue) as info:
        getattr(student, name)()
    assert str(info.value) == message


def test_a_result_over_the_size_limit_is_refused_and_the_next_call_works(make_student: MakeStudent) -> None:
    student = make_student({"odd": ODD}, limits=Limits(result_mb=1, load_timeout_s=3.0))
    with pytest.raises(UnsupportedValue) as info:
        student.big()
    assert str(info.value) == "the result of big() is 8.0 MiB, over the limit of 1 MiB"
    assert student.add(2, 2) == 4


# ---------------------------------------------------------------- import-time failures

LOAD_FAILURES = {
    "syntax": ("def f(:\n    return 1\n", StudentException, "SyntaxError"),
    "import": ("import not_a_module_anyone_has\n", StudentException, "ModuleNotFoundError"),
    "name": ("x = undefined_name + 1\n", StudentException, "NameError"),
    "exit": ("import sys\nsys.exit(2)\n", StudentException, "SystemExit"),
    "os_exit": ("import os\nos._exit(3)\n", StudentCrash, None),
    "loop": ("while True:\n    pass\n", StudentTimeout, None),
}


@pytest.mark.parametrize("case", list(LOAD_FAILURES))
def test_import_failures_fail_every_access_without_reloading(make_student: MakeStudent, tmp_path: Path,
                                                              basic_server: ForkServer, case: str) -> None:
    source, cause, type_name = LOAD_FAILURES[case]
    counter = tmp_path / "imports.txt"
    prologue = f"open({str(counter)!r}, 'a').write('x')\n"  # counts the import attempts
    # The fallback isolation, where the child can write the counter file of the host.
    student = make_student({"broken": prologue + source}, limits=Limits(load_timeout_s=1.0), server_=basic_server)
    with pytest.raises(StudentLoadError) as first:
        student.anything  # noqa: B018
    assert isinstance(first.value.cause, cause)
    if type_name is not None:
        assert first.value.cause.type_name == type_name  # type: ignore[union-attr]
    start = time.monotonic()
    with pytest.raises(StudentLoadError) as second:
        student.other  # noqa: B018
    with pytest.raises(StudentLoadError):
        dir(student)
    assert time.monotonic() - start < 0.1
    assert second.value is first.value
    imports = counter.read_text() if counter.exists() else ""
    assert imports == ("" if case == "syntax" else "x")  # a syntax error runs nothing


def test_import_error_message(make_student: MakeStudent) -> None:
    student = make_student({"broken": "import not_a_module_anyone_has\n"})
    with pytest.raises(StudentLoadError) as info:
        student.f  # noqa: B018
    assert str(info.value) == (f"{shown(student, 'broken')} could not be imported: "
                               "ModuleNotFoundError: No module named 'not_a_module_anyone_has'")


def test_syntax_error_points_at_the_learners_line(make_student: MakeStudent) -> None:
    student = make_student({"broken": "x = 1\ndef f(:\n    return 1\n"})
    with pytest.raises(StudentLoadError) as info:
        student.f  # noqa: B018
    cause = info.value.cause
    assert isinstance(cause, StudentException) and cause.type_name == "SyntaxError"
    assert [(f.file, f.line, f.function, f.code) for f in cause.frames] == [
        (shown(student, "broken"), 2, "<module>", "def f(:")
    ]


def test_sys_exit_at_import_says_so(make_student: MakeStudent) -> None:
    student = make_student({"broken": "import sys\nsys.exit(2)\n"})
    with pytest.raises(StudentLoadError) as info:
        student.f  # noqa: B018
    assert str(info.value) == (f"{shown(student, 'broken')} could not be imported: "
                               "SystemExit: your code called sys.exit(2)")


def test_os_exit_at_import_is_a_crash(make_student: MakeStudent) -> None:
    student = make_student({"broken": "import os\nos._exit(3)\n"})
    with pytest.raises(StudentLoadError) as info:
        student.f  # noqa: B018
    assert str(info.value) == (f"{shown(student, 'broken')} could not be imported: "
                               "the process exited with status 3 (os._exit or a crash in native code)")


def test_a_hang_at_import_times_out_at_the_load_limit(make_student: MakeStudent) -> None:
    student = make_student({"broken": "while True:\n    pass\n"}, limits=Limits(load_timeout_s=1.0))
    start = time.monotonic()
    with pytest.raises(StudentLoadError) as info:
        student.f  # noqa: B018
    assert 0.9 <= time.monotonic() - start < 3.0
    assert str(info.value) == f"{shown(student, 'broken')} could not be imported: timed out after 1 s"


def test_a_missing_module_is_a_load_error(make_student: MakeStudent) -> None:
    student = make_student({"present": "x = 1\n"}, name="absent")
    with pytest.raises(StudentLoadError) as info:
        student.x  # noqa: B018
    assert str(info.value) == "absent.py could not be imported: ModuleNotFoundError: No module named 'absent'"


def test_an_object_of_a_replaced_child_is_refused_clearly(make_student):
    student = make_student({"opt": "import os\nclass Opt:\n    def step(self):\n        return 1\n"
                                    "def crash():\n    os._exit(1)\n"}, name="opt")
    opt = student.Opt()
    method = opt.step
    assert method() == 1
    with pytest.raises(StudentCrash):
        student.crash()
    for use in (lambda: opt.step, method):
        with pytest.raises(StudentCrash, match="created in a process that has since ended"):
            use()
    assert student.Opt().step() == 1  # a new object in the new child works


def test_a_huge_list_is_refused_by_the_child_with_a_reason(make_student):
    student = make_student({"big": "def many():\n    return list(range(1_100_000))\n"}, name="big")
    start = time.monotonic()
    with pytest.raises(UnsupportedValue, match="more than 1,000,000 values in containers"):
        student.many()
    assert time.monotonic() - start < 2.0


def test_import_time_does_not_count_against_the_test(make_student):
    clock = Clock()
    student = make_student({"slow": "import time\ntime.sleep(0.8)\ndef f():\n    return 1\n"}, name="slow", clock=clock)
    deadline_in(clock, 0.5)  # shorter than the import
    assert student.f() == 1
