"""What the instructor last published: the commit a learner's push is compared with.

A pull request is compared with its base. A push has no base, and the repository's first
commit is not always the instructor's last word: instructors fix workflows and graders in
later commits. ``autograde publish`` marks the course's current commit with the tag
``autograde/published`` (moved on each update, only from a clean working tree); the
workflow ``init-ci`` writes compares a push with that tag, or with the first commit when
the repository has no such tag (a GitHub Classroom copy of a template, whose single
commit is the instructor's latest state). Everything before the tag is the instructor's.
The tag is a convention, not a lock: ``docs/ci.md`` says what a learner can do with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from autograde.ci import git
from autograde.config import Course
from autograde.errors import ConfigError

TAG = "autograde/published"
REF = f"refs/tags/{TAG}"
# At most this many uncommitted paths are named when publishing is refused.
_LISTED = 5


@dataclass(frozen=True)
class Published:
    """The tag's new commit, its previous one (None when it is new), and how to push it."""

    commit: str
    previous: str | None

    @property
    def push(self) -> str:
        """The command that pushes the tag (forced: a moved tag is refused otherwise)."""
        return f"git push --force origin {REF}"


def publish(*, course: Course) -> Published:
    """Tag the commit checked out in ``course``'s repository as the published course. A
    working tree with changes not committed (untracked files included) raises
    ``ConfigError``: they would not be in the tagged commit."""
    repo = git.toplevel(course.root)
    head = git.find_commit(repo, "HEAD")
    if head is None:
        raise ConfigError(f"{repo} has no commit yet: commit the course first, then publish it.")
    dirty = git.changed_files(repo, head)
    if dirty:
        shown = ", ".join(dirty[:_LISTED]) + (f" and {len(dirty) - _LISTED} more" if len(dirty) > _LISTED else "")
        raise ConfigError(f"{repo} has changes that are not committed ({shown}): publishing tags the last commit, "
                          "so commit them (or stash them) first.")
    previous = git.find_commit(repo, REF)
    if previous != head:
        git.set_ref(repo, REF, head)
    return Published(commit=head, previous=previous)
