"""Class discovery: paths become one Candidate per student (docs/submissions.md's rules)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from autograde import loaders
from autograde.errors import SubmissionError
from autograde.loaders import Candidate, discover

EXERCISES = ("perceptron", "activations", "gradient_descent")


def write(root: Path, files: dict[str, bytes | str]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    return root


def zip_bytes(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name, data in members.items():
            out.writestr(name, data)
    return buffer.getvalue()


def found(paths: list[Path]) -> dict[str, tuple[list[str], str]]:
    """student -> (file names, problem)"""
    return {c.student: (sorted(c.files), c.problem) for c in discover(paths, exercises=EXERCISES)}


def one(paths: list[Path]) -> Candidate:
    (candidate,) = discover(paths, exercises=EXERCISES)
    return candidate


# ---------------------------------------------------------------- rules 1 to 3


def test_rule_1_a_code_file_is_one_submission_named_by_its_file(tmp_path: Path):
    write(tmp_path, {"alice_perceptron.py": "x = 1\n", "bob.ipynb": "{}"})
    assert found([tmp_path / "alice_perceptron.py", tmp_path / "bob.ipynb"]) == {
        "alice": (["perceptron.py"], ""),
        "bob": (["bob.ipynb"], ""),
    }
    alice = one([tmp_path / "alice_perceptron.py"])
    assert alice.origin == str(tmp_path / "alice_perceptron.py") and alice.files == {"perceptron.py": b"x = 1\n"}


def test_rule_2_a_zip_of_exercise_files_is_one_submission_named_by_its_stem(tmp_path: Path):
    (tmp_path / "kim.zip").write_bytes(zip_bytes({"kim-hw/perceptron.py": "", "kim-hw/util.py": ""}))
    candidate = one([tmp_path / "kim.zip"])
    assert (candidate.student, sorted(candidate.files), candidate.problem) == ("kim", ["perceptron.py", "util.py"], "")
    assert candidate.origin == f"{tmp_path / 'kim.zip'}!kim-hw"


def test_rule_2_otherwise_a_zip_is_a_class_archive(tmp_path: Path):
    (tmp_path / "class.zip").write_bytes(zip_bytes({
        "export/alice/perceptron.py": "",
        "export/Bo Kim_42_assignsubmission_file_/activations.ipynb": "{}",
        "export/carol.zip": zip_bytes({"perceptron.py": "", "notes.txt": ""}),
        "export/dan_activations.py": "",
        "export/__MACOSX/alice/._perceptron.py": "",
    }))
    assert found([tmp_path / "class.zip"]) == {
        "Bo Kim": (["activations.ipynb"], ""),
        "alice": (["perceptron.py"], ""),
        "carol": (["perceptron.py"], ""),
        "dan": (["activations.py"], ""),
    }
    origins = {c.student: c.origin for c in discover([tmp_path / "class.zip"], exercises=EXERCISES)}
    zip_path = tmp_path / "class.zip"
    assert origins == {
        "Bo Kim": f"{zip_path}!export/Bo Kim_42_assignsubmission_file_",
        "alice": f"{zip_path}!export/alice",
        "carol": f"{zip_path}!export/carol.zip",
        "dan": f"{zip_path}!export/dan_activations.py",
    }


def test_rule_2_a_zip_with_exercise_files_at_the_top_and_in_folders_is_a_class_archive(tmp_path: Path):
    (tmp_path / "mixed.zip").write_bytes(zip_bytes({"perceptron.py": "", "alice/perceptron.py": ""}))
    assert found([tmp_path / "mixed.zip"]) == {
        "alice": (["perceptron.py"], ""),
        "perceptron": (["perceptron.py"], ""),
    }


def test_rule_3_a_folder_with_exercise_files_is_one_submission(tmp_path: Path):
    write(tmp_path / "kim", {"perceptron.py": "", "helpers.py": "", "data.csv": "", "old/activations.py": ""})
    candidate = one([tmp_path / "kim"])
    assert (candidate.student, sorted(candidate.files)) == ("kim", ["helpers.py", "perceptron.py"])
    assert candidate.origin == str(tmp_path / "kim")


def test_rule_3_otherwise_a_folder_is_a_class_folder(tmp_path: Path):
    write(tmp_path / "class", {
        "alice/perceptron.py": "",
        "bob/submission/perceptron.ipynb": "{}",  # one common sub-folder level is stripped
        "carol.zip": zip_bytes({"carol/activations.py": ""}),
        "dan-gradient_descent.py": "",
        "erin.py": "",
        ".ipynb_checkpoints/frank/perceptron.py": "",
        "__pycache__/x.py": "",
        "grades.csv": "",
    })
    assert found([tmp_path / "class"]) == {
        "alice": (["perceptron.py"], ""),
        "bob": (["perceptron.ipynb"], ""),
        "carol": (["activations.py"], ""),
        "dan": (["gradient_descent.py"], ""),
        "erin": (["erin.py"], ""),
    }


def test_candidates_are_sorted_by_student_across_inputs(tmp_path: Path):
    write(tmp_path, {"b/zed/perceptron.py": "", "a/amy/perceptron.py": "", "c_perceptron.py": ""})
    students = [c.student for c in discover([tmp_path / "b", tmp_path / "c_perceptron.py", tmp_path / "a"],
                                            exercises=EXERCISES)]
    assert students == ["amy", "c", "zed"]


# ---------------------------------------------------------------- rule 4: LMS names


@pytest.mark.parametrize(
    ("name", "student", "file"),
    [
        ("kimminjun_1234_5678_perceptron.py", "kimminjun", "perceptron.py"),
        ("kimminjun_late_1234_5678_perceptron.ipynb", "kimminjun", "perceptron.ipynb"),
        ("kimminjun_LATE_1234_5678_perceptron-1.py", "kimminjun", "perceptron.py"),
        ("kimminjun_1234_5678_homework.py", "kimminjun", "homework.py"),
        ("HW1_kmj42_attempt_2026-11-20-23-59-59_perceptron.py", "kmj42", "perceptron.py"),
        ("Week 3_HW_kmj42_attempt_2026-11-20-23-59-59_activations.ipynb", "kmj42", "activations.ipynb"),
        ("alice_perceptron.py", "alice", "perceptron.py"),
        ("alice-gradient_descent.ipynb", "alice", "gradient_descent.ipynb"),
        ("ann_lee_activations.py", "ann_lee", "activations.py"),
        ("alice_homework.py", "alice_homework", "alice_homework.py"),
    ],
)
def test_rule_4_file_names_of_lms_exports(tmp_path: Path, name: str, student: str, file: str):
    write(tmp_path / "class", {name: "", "other/perceptron.py": ""})
    candidates = {c.student: c for c in discover([tmp_path / "class"], exercises=EXERCISES)}
    assert sorted(candidates[student].files) == [file]
    assert candidates[student].origin == str(tmp_path / "class" / name)


@pytest.mark.parametrize(
    ("folder", "student"),
    [("Kim Minjun_100001_assignsubmission_file_", "Kim Minjun"),
     ("Kim Minjun_100001_assignsubmission_onlinetext_", "Kim Minjun"),
     ("kim_minjun", "kim_minjun")],
)
def test_rule_4_folder_names_of_moodle(tmp_path: Path, folder: str, student: str):
    write(tmp_path / "class", {f"{folder}/perceptron.py": ""})
    assert found([tmp_path / "class"]) == {student: (["perceptron.py"], "")}


def test_rule_4_a_students_files_from_several_entries_are_merged(tmp_path: Path):
    write(tmp_path / "class", {
        "song_24680_1001_perceptron.py": "p",
        "song_late_24680_1003_activations.py": "a",
        "song/gradient_descent.py": "g",
    })
    candidate = one([tmp_path / "class"])
    assert candidate.student == "song" and candidate.problem == ""
    assert candidate.files == {"activations.py": b"a", "gradient_descent.py": b"g", "perceptron.py": b"p"}
    assert candidate.origin == ", ".join(str(tmp_path / "class" / n) for n in (
        "song", "song_24680_1001_perceptron.py", "song_late_24680_1003_activations.py"))


def test_rule_4_canvas_resubmissions_keep_the_latest_version(tmp_path: Path):
    write(tmp_path / "class", {
        "song_24680_1001_perceptron.py": "first",
        "song_24680_1001_perceptron-2.py": "third",
        "song_24680_1001_perceptron-1.py": "second",
    })
    candidate = one([tmp_path / "class"])
    assert candidate.files == {"perceptron.py": b"third"} and candidate.problem == ""
    assert candidate.notes == ("perceptron.py: kept song_24680_1001_perceptron-2.py, the latest of 3 versions",)
    sub = loaders.from_files(candidate.files, name=candidate.student, path=candidate.origin, exercises=EXERCISES,
                             notes=candidate.notes)
    assert sub.notes == candidate.notes


def test_rule_4_a_folder_holding_only_a_zip_is_read_through_it_one_level_deep(tmp_path: Path):
    inner = zip_bytes({"perceptron.py": "x = 1\n"})
    write(tmp_path / "class", {
        "Kim_1_assignsubmission_file_/hw.zip": zip_bytes({"hw/perceptron.py": "x = 1\n"}),
        "Lee_2_assignsubmission_file_/outer.zip": zip_bytes({"inner.zip": inner}),
    })
    candidates = {c.student: c for c in discover([tmp_path / "class"], exercises=EXERCISES)}
    assert candidates["Kim"].files == {"perceptron.py": b"x = 1\n"} and candidates["Kim"].problem == ""
    assert candidates["Lee"].files == {}
    assert candidates["Lee"].problem == ("your submission holds no .py or .ipynb file; hand in "
                                         "the exercise files (perceptron.py, activations.py, "
                                         "gradient_descent.py) or notebooks")


# ---------------------------------------------------------------- rule 5: problems


def test_a_broken_zip_is_that_students_problem_and_discovery_goes_on(tmp_path: Path):
    write(tmp_path / "class", {"alice/perceptron.py": "", "bob.zip": b"garbage"})
    assert found([tmp_path / "class"]) == {
        "alice": (["perceptron.py"], ""),
        "bob": ([], "bob.zip is not a zip archive or is damaged (File is not a zip file); zip the files again"),
    }
    (tmp_path / "top.zip").write_bytes(zip_bytes({"../evil.py": ""}))
    assert one([tmp_path / "top.zip"]).problem == (
        "top.zip holds an unsafe path '../evil.py' (absolute or with '..'); zip the files with relative paths"
    )


def test_a_broken_layout_is_a_problem(tmp_path: Path):
    write(tmp_path / "class", {"alice/hw/src/perceptron.py": "", "alice/hw/README.md": "", "bob/perceptron.py": ""})
    assert found([tmp_path / "class"])["alice"] == ([], (
        "your submission holds its code only in sub-folders (hw/src/perceptron.py); "
        "put the exercise files at the top of your folder or zip"
    ))


def test_two_files_for_one_module_is_a_problem(tmp_path: Path):
    write(tmp_path / "class", {"alice/perceptron.py": "", "alice/perceptron.ipynb": "{}"})
    assert found([tmp_path / "class"])["alice"][1] == (
        "two files for module perceptron: perceptron.ipynb and perceptron.py; keep only one of them"
    )


def test_two_files_of_one_name_for_one_student_is_a_problem(tmp_path: Path):
    write(tmp_path / "class", {"alice/perceptron.py": "a", "alice_perceptron.py": "b"})
    candidate = one([tmp_path / "class"])
    assert candidate.problem == "two files named perceptron.py: perceptron.py and alice_perceptron.py; keep only one"


def test_one_student_in_two_inputs_is_a_problem_listing_both(tmp_path: Path):
    write(tmp_path, {"mon/alice/perceptron.py": "", "tue/alice/perceptron.py": "", "tue/bob/perceptron.py": ""})
    candidates = {c.student: c for c in discover([tmp_path / "mon", tmp_path / "tue"], exercises=EXERCISES)}
    mon, tue = tmp_path / "mon" / "alice", tmp_path / "tue" / "alice"
    assert candidates["alice"].files == {}
    assert candidates["alice"].origin == f"{mon}; {tue}"
    assert candidates["alice"].problem == (
        "alice was found in 2 inputs (mon; tue); give each student's work once, "
        "or grade the inputs into separate gradebooks"
    )
    assert candidates["bob"].problem == ""


def test_nothing_gradable_is_a_problem(tmp_path: Path):
    write(tmp_path / "class", {"alice/report.pdf": "", "bob/perceptron.py": ""})
    assert found([tmp_path / "class"])["alice"] == ([], (
        "your submission holds no .py or .ipynb file; hand in the exercise files "
        "(perceptron.py, activations.py, gradient_descent.py) or notebooks"
    ))


def test_an_oversized_module_is_that_students_problem(tmp_path: Path):
    write(tmp_path / "class", {"alice/perceptron.py": "#" * (loaders.MAX_SOURCE_BYTES + 1), "bob/perceptron.py": ""})
    assert found([tmp_path / "class"])["alice"][1] == (
        f"perceptron.py is {loaders.MAX_SOURCE_BYTES + 1} bytes; a module may have at most {loaders.MAX_SOURCE_BYTES}"
    )


def test_ambiguous_assignment_files_are_a_problem(tmp_path: Path):
    write(tmp_path / "class", {"alice/hw1.py": "", "alice/hw2.ipynb": "{}", "bob/perceptron.py": ""})
    assert found([tmp_path / "class"])["alice"][1] == (
        "ambiguous submission: 2 code files (hw1.py, hw2.ipynb) and none named after an exercise; name each file "
        "after its exercise (perceptron.py, activations.py, gradient_descent.py, or .ipynb)"
    )


def test_a_missing_input_raises_and_an_unknown_kind_is_a_problem(tmp_path: Path):
    with pytest.raises(SubmissionError, match="does not exist"):
        discover([tmp_path / "nope"], exercises=EXERCISES)
    write(tmp_path, {"alice.txt": ""})
    assert one([tmp_path / "alice.txt"]).problem == (
        "cannot read 'alice.txt' as a submission: expected a folder, a .py file, a .ipynb notebook or a .zip archive"
    )


# ---------------------------------------------------------------- content hash


def test_content_hash_follows_names_bytes_and_problem():
    base = Candidate("kim", "x", {"a.py": b"1", "b.py": b"2"})
    assert base.content_hash == Candidate("kim", "elsewhere", {"b.py": b"2", "a.py": b"1"}).content_hash
    others = [
        Candidate("kim", "x", {"a.py": b"1", "b.py": b"3"}),
        Candidate("kim", "x", {"a.py": b"1", "c.py": b"2"}),
        Candidate("kim", "x", {"a.py": b"12", "b.py": b""}),
        Candidate("kim", "x", {"a.py": b"1", "b.py": b"2"}, problem="broken"),
    ]
    assert len({base.content_hash, *(c.content_hash for c in others)}) == 5
    assert len(base.content_hash) == 64


# ---------------------------------------------------------------- from_files: the assignment-file rule


def test_a_single_unnamed_file_stands_in_for_every_exercise():
    sub = loaders.from_files({"HW 1.py": b"def step(x): ...\n"}, name="kim", path="kim.py", exercises=EXERCISES)
    assert sorted(sub.modules) == sorted(EXERCISES)
    assert {m.filename for m in sub.modules.values()} == {"HW 1.py"}
    assert sub.notes == (
        "HW 1.py is not named after an exercise; as the only code file it stands in for every exercise's module "
        "(perceptron, activations, gradient_descent)",
    )


def test_other_files_beside_exercise_files_are_helpers():
    sub = loaders.from_files({"perceptron.py": b"", "utils.py": b"", "my notes.py": b"", "data.csv": b""},
                             name="kim", path="kim", exercises=EXERCISES)
    assert sorted(sub.modules) == ["perceptron", "utils"] and sub.notes == ()


def test_a_folder_of_several_unnamed_files_is_ambiguous(tmp_path: Path):
    write(tmp_path / "kim", {"hw1.py": "", "hw2.py": ""})
    with pytest.raises(SubmissionError, match=r"^ambiguous submission: 2 code files \(hw1.py, hw2.py\)"):
        loaders.load(tmp_path / "kim", exercises=EXERCISES)
    assert sorted(loaders.load(tmp_path / "kim").modules) == ["hw1", "hw2"]  # without exercises: as before


# ---------------------------------------------------------------- end to end


def test_a_class_zip_is_discovered_read_and_graded(course, servers, tmp_path: Path):
    """Moodle folders in a class zip; one student uploaded a zip holding a notebook."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    from autograde.grading import GradingSession
    from autograde.results import Status
    from conftest import solution_source

    nb = new_notebook(cells=[new_markdown_cell("# Perceptron"), new_code_cell("broken = 1 / 0"),
                             new_code_cell(solution_source("perceptron"))])
    (tmp_path / "class.zip").write_bytes(zip_bytes({
        "Kim Minjun_7_assignsubmission_file_/hw.zip": zip_bytes({"hw/perceptron.ipynb": nbformat.writes(nb)}),
        "Lee_8_assignsubmission_file_/perceptron.py": "def step(x):\n    raise NotImplementedError\n",
    }))
    kim, lee = discover([tmp_path / "class.zip"], exercises=("perceptron",))
    assert (kim.student, lee.student, kim.problem, lee.problem) == ("Kim Minjun", "Lee", "", "")
    results = {}
    for candidate in (kim, lee):
        sub = loaders.from_files(candidate.files, name=candidate.student, path=candidate.origin,
                                 exercises=("perceptron",), notes=candidate.notes)
        results[candidate.student] = GradingSession(course, servers=servers).grade(sub, exercises=("perceptron",))
    (kim_perceptron,) = results["Kim Minjun"].exercises
    assert kim_perceptron.notes == (
        "perceptron.ipynb: cell 2 raised ZeroDivisionError: division by zero; the cells after it ran anyway",
    )
    assert kim_perceptron.score == kim_perceptron.max_score > 0
    (lee_perceptron,) = results["Lee"].exercises
    assert lee_perceptron.score == 0 and lee_perceptron.notes == ()
    assert next(t for t in lee_perceptron.tests if t.name == "test_step_values").status is Status.NOT_ATTEMPTED


def test_problems_name_no_path_of_the_grading_machine(tmp_path: Path):
    # The learner reads the problem in their feedback: paths inside their submission only;
    # the candidate's origin keeps the full path for the instructor.
    write(tmp_path / "class3", {
        "empty/report.pdf": "",
        "nested/hw/src/perceptron.py": "",
        "big/perceptron.py": "#" * (loaders.MAX_SOURCE_BYTES + 1),
        "broken.zip": b"garbage",
        "moodle_1_assignsubmission_file_/hw.zip": zip_bytes({"hw/src/perceptron.py": ""}),
        "ok/perceptron.py": "",
    })
    candidates = {c.student: c for c in discover([tmp_path / "class3"], exercises=EXERCISES)}
    problems = {student: c.problem for student, c in candidates.items() if c.problem}
    assert problems == {
        "empty": "your submission holds no .py or .ipynb file; hand in the exercise files (perceptron.py, "
                 "activations.py, gradient_descent.py) or notebooks",
        "nested": "your submission holds its code only in sub-folders (hw/src/perceptron.py); put the exercise "
                  "files at the top of your folder or zip",
        "big": f"perceptron.py is {loaders.MAX_SOURCE_BYTES + 1} bytes; a module may have at most "
               f"{loaders.MAX_SOURCE_BYTES}",
        "broken": "broken.zip is not a zip archive or is damaged (File is not a zip file); zip the files again",
        "moodle": "your submission holds its code only in sub-folders (hw.zip!hw/src/perceptron.py); put the "
                  "exercise files at the top of your folder or zip",
    }
    assert candidates["empty"].origin == str(tmp_path / "class3" / "empty")
