"""``autograde init-ci``: the CI files that grade a learner's push or pull request.

``init_ci`` writes ``.github/workflows/autograde.yml`` (and, on request, ``.gitlab-ci.yml``)
into a course repository or a student bundle. Each installs this course's own copy of
autograde (the wheel in ``vendor/``, which it writes when none is there, or the repository
itself when it is autograde's source: never a bare name from a package index), runs
``autograde ci`` against the pull request's base (or, on a plain push, what the instructor
last published: the tag ``autograde/published``, else the repository's first commit) and
keeps the JUnit and JSON results as artifacts; with ``classroom`` the GitHub workflow also
hands each exercise's score to GitHub Classroom's reporter.

The files are built from the templates below, so an instructor can read in them what each
step is for. Values are substituted with ``%{name}`` (``$`` and ``{{ }}`` belong to the shell
and to GitHub's expressions); every value is quoted for YAML or for the shell where it lands.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from pathlib import Path
from string import Template

from autograde import wheel
from autograde.ci.published import REF, TAG
from autograde.config import Course
from autograde.errors import ConfigError

GITHUB_WORKFLOW = Path(".github/workflows/autograde.yml")
GITLAB_CI = Path(".gitlab-ci.yml")
JUNIT = "autograde-junit.xml"
RESULT_JSON = "autograde-result.json"


class _Template(Template):
    delimiter = "%"


# One script for both CI systems; only the variable holding the pull request's base differs.
GRADE_SCRIPT = _Template("""\
# A pull request is graded against its base commit. A push is graded against what the
# instructor last published (the tag %{tag}, set by `autograde publish`), or without
# that tag against the repository's first commit (the starter code). Graders, solutions,
# recordings, vendor/ and CI files changed since then are reported as tampering, and the
# base's copies grade the work.
base="${%{base_variable}:-}"
if [ -z "$base" ]; then
  base="$(git rev-parse --quiet --verify '%{ref}^{commit}' || git rev-list --max-parents=0 HEAD | tail -n 1)"
fi
autograde ci --base "$base" --min-score %{min_score} --junit %{junit} --json %{result_json}
""")

INSTALL_SCRIPT = _Template("""\
%{comment}
python -m pip install %{install}
""")
# What the install script's comment says of each kind of install.
VENDORED = ("# This course's own copy of autograde, by its path: never a bare name from a package\n"
            "# index, where the name `autograde` is an unrelated project.")
OWN_SOURCE = "# autograde from this repository, which is its source."
GIVEN = "# What `autograde init-ci --install` was given."

GITHUB = _Template("""\
# Grades the learner's work with `autograde ci` (written by `autograde init-ci`).
name: Autograding Tests
# Quoted: YAML 1.1 readers take a bare `on` for the boolean true.
"on": [push, pull_request, workflow_dispatch]
permissions:
  contents: read%{classroom_permissions}
jobs:
  autograde:
    # GitHub Classroom's reporter looks for the check run of this name.
    name: Autograding Tests%{classroom_condition}
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      # The whole history: the tamper check needs the base commit in the clone.
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      # pip's downloads are cached between runs, keyed on the course's pyproject.toml.
      - uses: actions/setup-python@v5
        with:
          python-version: %{python}
          cache: pip
          cache-dependency-path: pyproject.toml
      - name: Install autograde
        run: |
%{install_script}
      # Grades every exercise; fails the job below the minimum score (exit 1) or on
      # tampering (exit 4). Writes the job summary, annotations and one output per exercise.
      - name: Grade
        id: autograde
        env:
          # Passed through the environment, never pasted into the script.
          BASE_SHA: ${{ github.event.pull_request.base.sha }}
        run: |
%{grade_script}
      # The results, kept even when grading failed.
      - name: Upload results
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: autograde-results
          path: |
            %{junit}
            %{result_json}
%{classroom_step}""")

CLASSROOM_PERMISSIONS = """
  # GitHub Classroom's reporter updates the check run with the points.
  checks: write
  actions: read"""

CLASSROOM_CONDITION = """
    # GitHub Classroom's own commits (the starter code) are not the learner's work.
    if: github.actor != 'github-classroom[bot]'"""

CLASSROOM_STEP = _Template("""\
      # Hands each exercise's points to GitHub Classroom: one runner per exercise, whose
      # results `autograde ci` wrote as the grade step's output of the same name.
      - name: Report to GitHub Classroom
        if: always()
        uses: classroom-resources/autograding-grading-reporter@v1
        env:
%{results}
        with:
          runners: %{runners}
""")

GITLAB = _Template("""\
# Grades the learner's work with `autograde ci` (written by `autograde init-ci`).
autograde:
  image: %{image}
  # Merge request pipelines and branch pushes; a push to a branch with an open merge
  # request is graded once, by the merge request's pipeline.
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS
      when: never
    - if: $CI_COMMIT_BRANCH
  variables:
    # The whole history: the tamper check needs the base commit in the clone.
    GIT_DEPTH: "0"
    # pip's downloads go where the cache below keeps them between pipelines.
    PIP_CACHE_DIR: "$CI_PROJECT_DIR/.cache/pip"
  cache:
    key: pip
    paths:
      - .cache/pip
  script:
    - |
%{install_script}
    # Grades every exercise; fails the job below the minimum score (exit 1) or on
    # tampering (exit 4).
    - |
%{grade_script}
  # The results, kept even when grading failed; GitLab shows the JUnit report in the
  # merge request.
  artifacts:
    when: always
    reports:
      junit: %{junit}
    paths:
      - %{junit}
      - %{result_json}
""")


@dataclass(frozen=True)
class CiSetup:
    """What ``init_ci`` did: the files it wrote (the wheel among them when it wrote one) and
    what the workflow installs."""

    written: tuple[Path, ...]
    install: str


def init_ci(*, course: Course, gitlab: bool = False, classroom: bool = False, install: str | None = None,
            min_score: str = "100%", python: str = "3.11", force: bool = False) -> CiSetup:
    """Write ``.github/workflows/autograde.yml`` (and ``.gitlab-ci.yml`` with ``gitlab``) into
    ``course.root``.

    ``install`` is what pip installs (default: :func:`autograde.wheel.course_install`, and
    the wheel it names is written into ``vendor/`` when it is not there yet); ``min_score`` is passed to
    ``autograde ci --min-score`` as it is (the CLI checks it: points, or a percentage such as
    ``80%``); ``classroom`` adds GitHub Classroom's reporter. An existing CI file raises
    ``ConfigError`` unless ``force``, and then nothing is written.
    """
    wheel_to_write: Path | None = None
    if install is None:
        install, wheel_to_write = wheel.course_install(course.root, wheel.extras(course))
        comment = OWN_SOURCE if wheel.is_own_source(course.root) else VENDORED
    else:
        comment = GIVEN
    if not install.strip() or "\n" in install:
        raise ConfigError(f"--install {install!r} is not one requirement: give one pip requirement on one line, "
                          "such as a wheel's path or 'autograde-dl @ git+https://...'.")
    scripts = {"install": install, "comment": comment, "min_score": min_score}
    files = {course.root / GITHUB_WORKFLOW: github_workflow(course, classroom=classroom, python=python, **scripts)}
    if gitlab:
        files[course.root / GITLAB_CI] = gitlab_ci(python=python, **scripts)
    existing = [str(path) for path in files if path.exists()]
    if existing and not force:
        raise ConfigError(f"{' and '.join(existing)} exist{'s' if len(existing) == 1 else ''} already: "
                          "init-ci does not replace CI files; pass --force to replace them.")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    written = tuple(files)
    if wheel_to_write is not None:
        written += (wheel.build(wheel_to_write.parent),)
    return CiSetup(written=written, install=install)


def github_workflow(course: Course, *, classroom: bool, install: str, comment: str, min_score: str,
                    python: str) -> str:
    """The text of ``.github/workflows/autograde.yml``."""
    classroom_step = ""
    if classroom:
        for exercise in course.exercises:
            if not exercise.isidentifier():
                raise ConfigError(f"exercise {exercise!r} cannot name a GitHub Classroom runner: runners become "
                                  "environment variable names; name exercises as Python modules are named.")
        results = "\n".join(f"          {e.upper()}_RESULTS: ${{{{ steps.autograde.outputs.{e} }}}}"
                            for e in course.exercises)
        classroom_step = CLASSROOM_STEP.substitute(results=results, runners=",".join(course.exercises))
    install_script, grade_script = _scripts(install=install, comment=comment, min_score=min_score,
                                            base_variable="BASE_SHA", indent=10)
    return GITHUB.substitute(
        classroom_permissions=CLASSROOM_PERMISSIONS if classroom else "",
        classroom_condition=CLASSROOM_CONDITION if classroom else "",
        classroom_step=classroom_step, python=json.dumps(python), install_script=install_script,
        grade_script=grade_script, junit=JUNIT, result_json=RESULT_JSON,
    )


def gitlab_ci(*, install: str, comment: str, min_score: str, python: str) -> str:
    """The text of ``.gitlab-ci.yml``."""
    install_script, grade_script = _scripts(install=install, comment=comment, min_score=min_score,
                                            base_variable="CI_MERGE_REQUEST_DIFF_BASE_SHA", indent=6)
    return GITLAB.substitute(image=json.dumps(f"python:{python}"), install_script=install_script,
                             grade_script=grade_script, junit=JUNIT, result_json=RESULT_JSON)


def _scripts(*, install: str, comment: str, min_score: str, base_variable: str, indent: int) -> tuple[str, str]:
    """The install and grade shell scripts, indented by ``indent`` spaces for a YAML block scalar
    (without the final line break, which the templates have)."""
    install_script = INSTALL_SCRIPT.substitute(comment=comment, install=shlex.quote(install))
    grade_script = GRADE_SCRIPT.substitute(base_variable=base_variable, tag=TAG, ref=REF,
                                           min_score=shlex.quote(min_score), junit=JUNIT, result_json=RESULT_JSON)
    return _indent(install_script, indent), _indent(grade_script, indent)


def _indent(script: str, spaces: int) -> str:
    return "\n".join(" " * spaces + line for line in script.rstrip("\n").split("\n"))
