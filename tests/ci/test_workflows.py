"""``autograde init-ci``: the GitHub workflow and the GitLab CI file, parsed back; their grade
script run, as the CI would run it, in git repositories made from the small course."""

from __future__ import annotations

import base64
import json
import os
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml  # type: ignore[import-untyped]
from click.testing import CliRunner

from autograde import wheel
from autograde.cli import main
from autograde.ci.published import REF
from autograde.ci.workflows import GITHUB_WORKFLOW, GITLAB_CI, VENDORED, init_ci
from autograde.config import Course, find_course
from autograde.errors import ConfigError
from autograde.results import Result, Status

from .conftest import commit_all, git, solve

# The grade script's commands (its comments left out), after the line that names the base variable.
CHOOSE_BASE = ['if [ -z "$base" ]; then',
               f'  base="$(git rev-parse --quiet --verify \'{REF}^{{commit}}\' || git rev-list --max-parents=0 HEAD | tail -n 1)"',
               "fi"]
VENDORED_WHEEL = f"./vendor/{wheel.filename()}"
COMMAND = "autograde ci --base \"$base\" --min-score {} --junit autograde-junit.xml --json autograde-result.json"
# GitHub's own `run:` shell on Linux runners.
GITHUB_SHELL = ("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c")


@pytest.fixture
def keras_course(make_small_course: Callable[..., Course]) -> Course:
    """The small course with one exercise that preloads TensorFlow and Keras."""
    course = make_small_course()
    with open(course.root / "pyproject.toml", "a", encoding="utf-8") as f:
        f.write('\n[tool.autograde.exercise.activations]\npreload = ["tensorflow", "keras"]\n')
    return find_course(course.root)


def github(course: Course, **options: Any) -> dict[str, Any]:
    """The workflow ``init_ci`` writes for ``course``, parsed."""
    init_ci(course=course, **options)
    return yaml.safe_load((course.root / GITHUB_WORKFLOW).read_text(encoding="utf-8"))


def gitlab(course: Course, **options: Any) -> dict[str, Any]:
    """The GitLab CI file ``init_ci`` writes for ``course``, parsed."""
    init_ci(course=course, gitlab=True, **options)
    return yaml.safe_load((course.root / GITLAB_CI).read_text(encoding="utf-8"))


def step(workflow: dict[str, Any], name: str) -> dict[str, Any]:
    """The step of the autograde job whose name (or, for an unnamed step, action) is ``name``."""
    steps = workflow["jobs"]["autograde"]["steps"]
    return next(s for s in steps if s.get("name", s.get("uses")) == name)


def last_line(script: str) -> str:
    return script.rstrip("\n").split("\n")[-1]


# ---------------------------------------------------------------------- the GitHub workflow


def test_the_workflow_checks_out_everything_caches_pip_and_keeps_the_results(small_course: Course) -> None:
    assert init_ci(course=small_course).written == (small_course.root / GITHUB_WORKFLOW,
                                                    small_course.root / VENDORED_WHEEL)
    assert not (small_course.root / GITLAB_CI).exists()
    workflow = yaml.safe_load((small_course.root / GITHUB_WORKFLOW).read_text(encoding="utf-8"))
    assert workflow["name"] == "Autograding Tests"
    assert workflow["on"] == ["push", "pull_request", "workflow_dispatch"]
    assert workflow["permissions"] == {"contents": "read"}
    assert list(workflow["jobs"]) == ["autograde"]
    job = workflow["jobs"]["autograde"]
    assert {k: v for k, v in job.items() if k != "steps"} == {
        "name": "Autograding Tests", "runs-on": "ubuntu-latest", "timeout-minutes": 30}
    assert [s.get("name", s.get("uses")) for s in job["steps"]] == [
        "actions/checkout@v4", "actions/setup-python@v5", "Install autograde", "Grade", "Upload results"]
    assert step(workflow, "actions/checkout@v4")["with"] == {"fetch-depth": 0}
    assert step(workflow, "actions/setup-python@v5")["with"] == {
        "python-version": "3.11", "cache": "pip", "cache-dependency-path": "pyproject.toml"}
    assert step(workflow, "Upload results") == {
        "name": "Upload results", "if": "always()", "uses": "actions/upload-artifact@v4",
        "with": {"name": "autograde-results", "path": "autograde-junit.xml\nautograde-result.json\n"}}


def test_the_grade_step_takes_the_base_from_the_environment_and_passes_the_minimum_score(
        small_course: Course) -> None:
    grade = step(github(small_course, min_score="80%"), "Grade")
    assert grade["id"] == "autograde"
    assert grade["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}"}
    assert "${{" not in grade["run"]  # nothing from the event is pasted into the script
    commands = [line for line in grade["run"].split("\n") if line and not line.startswith("#")]
    assert commands == ['base="${BASE_SHA:-}"', *CHOOSE_BASE, COMMAND.format("80%")]


@pytest.mark.parametrize(("fixture", "extra"), [("small_course", ""), ("keras_course", "[keras]")])
def test_the_default_install_is_the_vendored_wheel_with_keras_only_where_an_exercise_preloads_it(
        fixture: str, extra: str, request: pytest.FixtureRequest) -> None:
    course = request.getfixturevalue(fixture)
    script = step(github(course), "Install autograde")["run"]
    assert shlex.split(last_line(script)) == ["python", "-m", "pip", "install", VENDORED_WHEEL + extra]
    assert script.startswith(VENDORED)
    with zipfile.ZipFile(course.root / VENDORED_WHEEL) as written:
        assert "autograde/cli/__init__.py" in written.namelist()


def test_a_wheel_in_vendor_is_kept_and_installed(small_course: Course) -> None:
    (small_course.root / "vendor").mkdir()
    kept = small_course.root / "vendor" / wheel.filename(version="0.0.9")
    kept.write_bytes(b"the instructor's own wheel")
    setup = init_ci(course=small_course)
    assert setup.written == (small_course.root / GITHUB_WORKFLOW,)
    assert setup.install == f"./vendor/{kept.name}"
    assert kept.read_bytes() == b"the instructor's own wheel"
    (small_course.root / VENDORED_WHEEL).write_bytes(b"another")
    with pytest.raises(ConfigError, match="holds several autograde wheels"):
        init_ci(course=small_course, force=True)


def test_autogrades_own_source_installs_itself(tmp_path: Path) -> None:
    shutil.copy(wheel._PACKAGE.parent / "pyproject.toml", tmp_path / "pyproject.toml")
    assert wheel.course_install(tmp_path, ("keras",)) == (".[keras]", None)
    assert not (tmp_path / "vendor").exists()


def test_the_wheel_is_the_same_bytes_each_time(tmp_path: Path) -> None:
    first, second = wheel.build(tmp_path / "a"), wheel.build(tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as written:
        info = f"{wheel.DISTRIBUTION.replace('-', '_')}-{wheel.autograde.__version__}.dist-info"
        assert "autograde = autograde.cli:main" in written.read(f"{info}/entry_points.txt").decode()
        assert written.read(f"{info}/METADATA").decode().startswith(
            f"Metadata-Version: 2.1\nName: {wheel.DISTRIBUTION}\n")


def test_a_given_install_is_one_shell_word(small_course: Course) -> None:
    requirement = "autograde[keras] @ git+https://example.org/course/autograde.git@v1 #frozen; echo pwned"
    script = step(github(small_course, install=requirement), "Install autograde")["run"]
    assert shlex.split(last_line(script)) == ["python", "-m", "pip", "install", requirement]


def test_the_python_version_is_the_one_given(small_course: Course) -> None:
    assert step(github(small_course, python="3.12"), "actions/setup-python@v5")["with"]["python-version"] == "3.12"
    assert gitlab(small_course, python="3.12", force=True)["autograde"]["image"] == "python:3.12"


def test_classroom_adds_the_reporter_with_one_runner_per_exercise_in_course_order(small_course: Course) -> None:
    workflow = github(small_course, classroom=True)
    assert workflow["permissions"] == {"contents": "read", "checks": "write", "actions": "read"}
    assert workflow["jobs"]["autograde"]["if"] == "github.actor != 'github-classroom[bot]'"
    reporter = workflow["jobs"]["autograde"]["steps"][-1]
    assert reporter["uses"] == "classroom-resources/autograding-grading-reporter@v1"
    assert reporter["if"] == "always()"
    assert reporter["env"] == {"PERCEPTRON_RESULTS": "${{ steps.autograde.outputs.perceptron }}",
                               "ACTIVATIONS_RESULTS": "${{ steps.autograde.outputs.activations }}"}
    runners = reporter["with"]["runners"].split(",")
    assert tuple(runners) == small_course.exercises == ("perceptron", "activations")
    # The reporter reads each runner's results from `${RUNNER.trim().toUpperCase()}_RESULTS`.
    assert [f"{r.strip().upper()}_RESULTS" for r in runners] == list(reporter["env"])


def test_classroom_refuses_an_exercise_name_that_cannot_be_a_runner(small_course: Course) -> None:
    course = small_course.with_overrides(exercises=("perceptron", "week 2"))
    with pytest.raises(ConfigError) as raised:
        init_ci(course=course, classroom=True)
    assert str(raised.value) == ("exercise 'week 2' cannot name a GitHub Classroom runner: runners become "
                                 "environment variable names; name exercises as Python modules are named.")
    assert not (course.root / GITHUB_WORKFLOW).exists()


# ---------------------------------------------------------------------- the GitLab file


def test_the_gitlab_job_clones_everything_caches_pip_and_reports_junit(small_course: Course) -> None:
    written = init_ci(course=small_course, gitlab=True, min_score="40").written
    assert written[:2] == (small_course.root / GITHUB_WORKFLOW, small_course.root / GITLAB_CI)
    config = yaml.safe_load((small_course.root / GITLAB_CI).read_text(encoding="utf-8"))
    assert list(config) == ["autograde"]
    job = config["autograde"]
    assert job["image"] == "python:3.11"
    assert job["variables"] == {"GIT_DEPTH": "0", "PIP_CACHE_DIR": "$CI_PROJECT_DIR/.cache/pip"}
    assert job["cache"]["paths"] == [".cache/pip"]
    assert [rule["if"] for rule in job["rules"] if rule.get("when") != "never"] == [
        '$CI_PIPELINE_SOURCE == "merge_request_event"', "$CI_COMMIT_BRANCH"]
    install, grade = job["script"]
    assert shlex.split(last_line(install)) == ["python", "-m", "pip", "install", VENDORED_WHEEL]
    assert [line for line in grade.split("\n") if line and not line.startswith("#")] == [
        'base="${CI_MERGE_REQUEST_DIFF_BASE_SHA:-}"', *CHOOSE_BASE, COMMAND.format("40")]
    assert job["artifacts"] == {"when": "always", "reports": {"junit": "autograde-junit.xml"},
                                "paths": ["autograde-junit.xml", "autograde-result.json"]}


# ---------------------------------------------------------------------- refusals


def test_an_existing_file_is_refused_and_nothing_is_written(small_course: Course) -> None:
    (small_course.root / GITLAB_CI).write_text("mine\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        init_ci(course=small_course, gitlab=True)
    assert str(raised.value) == (f"{small_course.root / GITLAB_CI} exists already: init-ci does not replace "
                                 "CI files; pass --force to replace them.")
    assert not (small_course.root / GITHUB_WORKFLOW).exists()
    assert (small_course.root / GITLAB_CI).read_text(encoding="utf-8") == "mine\n"


def test_every_existing_file_is_named(small_course: Course) -> None:
    init_ci(course=small_course, gitlab=True)
    with pytest.raises(ConfigError) as raised:
        init_ci(course=small_course, gitlab=True)
    assert str(raised.value).startswith(
        f"{small_course.root / GITHUB_WORKFLOW} and {small_course.root / GITLAB_CI} exist already: ")


def test_force_replaces_the_files(small_course: Course) -> None:
    for path in (GITHUB_WORKFLOW, GITLAB_CI):
        (small_course.root / path).parent.mkdir(parents=True, exist_ok=True)
        (small_course.root / path).write_text("old\n", encoding="utf-8")
    assert init_ci(course=small_course, gitlab=True, force=True).written[:2] == (
        small_course.root / GITHUB_WORKFLOW, small_course.root / GITLAB_CI)
    assert yaml.safe_load((small_course.root / GITHUB_WORKFLOW).read_text(encoding="utf-8"))["name"] \
        == "Autograding Tests"
    assert "autograde" in yaml.safe_load((small_course.root / GITLAB_CI).read_text(encoding="utf-8"))


def test_the_command_writes_the_files_and_refuses_to_replace_them(small_course: Course) -> None:
    def invoke(*args: str) -> tuple[int, str]:
        done = CliRunner().invoke(main, ["init-ci", "--course", str(small_course.root), *args],
                                  catch_exceptions=False)
        return done.exit_code, done.output

    github_file, gitlab_file = small_course.root / GITHUB_WORKFLOW, small_course.root / GITLAB_CI
    assert invoke("--gitlab", "--classroom", "--min-score", "80%", "--install", "./autograde.whl") == (
        0, f"wrote {github_file}\nwrote {gitlab_file}\nthe workflow installs ./autograde.whl\n"
           "Commit these files, then run autograde publish: pushes are compared with the published commit "
           "(docs/ci.md).\n")
    workflow = yaml.safe_load(github_file.read_text(encoding="utf-8"))
    assert last_line(step(workflow, "Grade")["run"]) == COMMAND.format("80%")
    assert last_line(step(workflow, "Install autograde")["run"]) == "python -m pip install ./autograde.whl"
    assert step(workflow, "Report to GitHub Classroom")["with"] == {"runners": "perceptron,activations"}
    assert invoke() == (2, f"error: {github_file} exists already: init-ci does not replace CI files; pass "
                           "--force to replace them.\n")
    assert invoke("--force", "--min-score", "40")[0] == 0
    assert last_line(step(yaml.safe_load(github_file.read_text(encoding="utf-8")), "Grade")["run"]) \
        == COMMAND.format("40")


def test_a_requirement_of_several_lines_is_refused(small_course: Course) -> None:
    with pytest.raises(ConfigError) as raised:
        init_ci(course=small_course, install="autograde\nrm -rf ~")
    assert str(raised.value) == ("--install 'autograde\\nrm -rf ~' is not one requirement: give one pip requirement "
                                 "on one line, such as a wheel's path or 'autograde-dl @ git+https://...'.")
    assert not (small_course.root / GITHUB_WORKFLOW).exists()


# ---------------------------------------------------------------------- the grade script, run


def commit(root: Path, message: str) -> str:
    """Commit everything in ``root`` (a repository made on first use); return the commit."""
    if not (root / ".git").exists():
        git(root, "init", "-q")
    commit_all(root, message)
    return git(root, "rev-parse", "HEAD").strip()


def grade_script(course: Course, ci: str) -> tuple[str, str]:
    """The grade step's script of the ``ci`` system's file, and the variable it reads the base from."""
    if ci == "github":
        return step(github(course), "Grade")["run"], "BASE_SHA"
    return gitlab(course)["autograde"]["script"][-1], "CI_MERGE_REQUEST_DIFF_BASE_SHA"


def run_script(script: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("AUTOGRADE_", "GITHUB_", "CI_"))}
    return subprocess.run([*GITHUB_SHELL, script], cwd=cwd, env={**environment, **env}, capture_output=True,
                          text=True)


@pytest.mark.parametrize("ci", ["github", "gitlab"])
def test_the_base_is_the_pull_requests_or_else_the_first_commit(small_course: Course, tmp_path: Path,
                                                                ci: str) -> None:
    script, base_variable = grade_script(small_course, ci)
    root = small_course.root
    starter = commit(root, "starter code")
    solve(root, "perceptron")
    second = commit(root, "perceptron")
    solve(root, "activations")
    commit(root, "activations")
    # A stand-in autograde that records its arguments, one a line.
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    (bin_folder / "autograde").write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$ARGUMENTS"\n', encoding="utf-8")
    (bin_folder / "autograde").chmod(0o755)
    arguments = tmp_path / "arguments"
    path = f"{bin_folder}{os.pathsep}{os.environ['PATH']}"
    for given, used in (("", starter), (second, second)):
        done = run_script(script, root, PATH=path, ARGUMENTS=str(arguments), **{base_variable: given})
        assert done.returncode == 0, done.stderr
        assert arguments.read_text(encoding="utf-8").split("\n")[:3] == ["ci", "--base", used]
    # Once the instructor published a commit, a push is compared with it; a pull request still with its base.
    git(root, "update-ref", REF, second)
    for given, used in (("", second), (starter, starter)):
        done = run_script(script, root, PATH=path, ARGUMENTS=str(arguments), **{base_variable: given})
        assert done.returncode == 0, done.stderr
        assert arguments.read_text(encoding="utf-8").split("\n")[:3] == ["ci", "--base", used]


def test_the_install_step_installs_the_vendored_wheel_even_where_the_index_has_the_name(
        small_course: Course, tmp_path: Path) -> None:
    """A local index that holds a foreign project under our distribution name, at our
    version: the install step never asks it for autograde."""
    index = tmp_path / "index"
    foreign = wheel.Metadata(name=wheel.DISTRIBUTION, version=wheel.autograde.__version__)
    served = wheel.write_wheel(index / wheel.DISTRIBUTION, foreign, {"foreign_marker.py": b"FOREIGN = True\n"})
    # A PEP 503 project page: pip reads index.html from a file: index's folders.
    (served.parent / "index.html").write_text(f'<a href="{served.name}">{served.name}</a>\n', encoding="utf-8")
    pip_env = {"PIP_CONFIG_FILE": os.devnull, "PIP_INDEX_URL": index.as_uri() + "/", "PIP_FIND_LINKS": "",
               "PIP_NO_INPUT": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}  # this machine's pip set-up left out
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    bin_path = f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}"
    # The index is the one pip asks: by name, it serves the foreign project.
    asked = run_script(f"python -m pip download --no-deps {wheel.DISTRIBUTION} -d {tmp_path / 'got'}",
                       tmp_path, PATH=bin_path, **pip_env)
    assert asked.returncode == 0, asked.stderr
    assert [p.name for p in (tmp_path / "got").iterdir()] == [served.name]
    with zipfile.ZipFile(tmp_path / "got" / wheel.filename()) as got:
        assert "foreign_marker.py" in got.namelist()
    install = step(github(small_course), "Install autograde")["run"]
    done = run_script(install, small_course.root, PATH=bin_path, **pip_env)
    assert done.returncode == 0, done.stdout + done.stderr
    where = run_script("python -c 'import autograde; print(autograde.__file__)'; "
                       "python -c 'import foreign_marker' 2>/dev/null && echo foreign; autograde --help",
                       tmp_path, PATH=bin_path)
    assert where.returncode == 0, where.stderr
    first, *rest = where.stdout.splitlines()
    assert Path(first).is_relative_to(venv)
    assert "foreign" not in rest
    assert "Check your deep-learning exercises" in where.stdout


def github_outputs(text: str) -> dict[str, str]:
    """What a step wrote to ``$GITHUB_OUTPUT``: ``name=value`` lines and ``name<<DELIMITER`` blocks."""
    outputs: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        name, equals, value = line.partition("=")
        if "<<" in name or not equals:
            name, delimiter = line.split("<<", 1)
            value = "\n".join(iter(lines.__next__, delimiter))
        outputs[name] = value
    return outputs


def test_the_grade_step_grades_a_pull_request_with_autograde_ci(small_course: Course, tmp_path: Path) -> None:
    """The generated step, run as GitHub runs it, with the real ``autograde ci``."""
    init_ci(course=small_course, classroom=True)
    script = step(yaml.safe_load((small_course.root / GITHUB_WORKFLOW).read_text(encoding="utf-8")), "Grade")["run"]
    root = small_course.root
    base = commit(root, "starter code, with the workflow")
    solve(root, "perceptron")
    commit(root, "perceptron")
    output, summary = tmp_path / "github_output", tmp_path / "step_summary"
    output.touch()
    summary.touch()
    assert shutil.which("autograde"), "autograde is not on PATH: install it (pip install -e .)"
    done = run_script(script, root, BASE_SHA=base, GITHUB_ACTIONS="true", GITHUB_OUTPUT=str(output),
                      GITHUB_STEP_SUMMARY=str(summary))
    # Below the default minimum of 100%: activations is still the stub. The job fails, and
    # the results are written all the same for the upload and reporter steps.
    assert done.returncode == 1, done.stdout + done.stderr
    result = Result.from_json((root / "autograde-result.json").read_text(encoding="utf-8"))
    statuses = {e.name: {t.status for t in e.tests} for e in result.exercises}
    assert statuses == {"perceptron": {Status.PASSED}, "activations": {Status.NOT_ATTEMPTED}}
    cases = list(ET.parse(root / "autograde-junit.xml").getroot().iter("testcase"))
    assert len(cases) == sum(len(e.tests) for e in result.exercises)
    assert summary.read_text(encoding="utf-8").strip()
    outputs = github_outputs(output.read_text(encoding="utf-8"))
    assert set(outputs) == {"perceptron", "activations", "points"}
    assert outputs["points"] == f"{result.score:g}/{result.max_score:g}"
    for exercise in small_course.exercises:
        assert isinstance(json.loads(base64.b64decode(outputs[exercise])), dict)
