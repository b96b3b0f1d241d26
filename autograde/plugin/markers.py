"""Grading markers, read once per test into a frozen :class:`GradeSpec`.

A grader test declares::

    @pytest.mark.points(2)                      # required: what the test is worth
    @pytest.mark.hint("Subtract the row max.")  # shown when the test does not pass
    @pytest.mark.hidden                         # run by instructors, not by `autograde check`
    @pytest.mark.timeout(5)                     # seconds for the whole test (default: course's)
    @pytest.mark.timeout(5, hint="Vectorise.")  # ... and the hint shown when it runs out
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from autograde.errors import ConfigError

MARKERS = {
    "points": "points(n): what the test is worth; required on every grader test",
    "hint": "hint(text): advice shown to the learner when the test does not pass",
    "hidden": "hidden: run only when instructors grade with hidden tests",
    "timeout": "timeout(seconds, hint=None): wall-clock limit for the whole test, and the hint shown when it runs out",
}
KEY = pytest.StashKey["GradeSpec"]()


@dataclass(frozen=True)
class GradeSpec:
    """What a test is worth and how it runs."""

    points: float
    hint: str | None
    hidden: bool
    timeout_s: float
    # What to say when the time runs out, where the test knows more than the generic
    # advice (a large input that only vectorised code handles in time); None: the generic.
    timeout_hint: str | None = None


def register(config: pytest.Config) -> None:
    """Document the markers so that ``--strict-markers`` accepts them."""
    for name, text in MARKERS.items():
        config.addinivalue_line("markers", text)


def read(item: pytest.Item, default_timeout_s: float) -> GradeSpec:
    """The spec of ``item``, computed once and kept in its stash."""
    if KEY in item.stash:
        return item.stash[KEY]
    points = _arg(item, "points")
    if points is None:
        raise ConfigError(f"grader test {item.nodeid} has no @pytest.mark.points(n) marker")
    if not isinstance(points, (int, float)) or points <= 0:
        raise ConfigError(f"grader test {item.nodeid}: points must be a positive number, not {points!r}")
    timeout = _arg(item, "timeout", keywords=("hint",))
    if timeout is not None and (not isinstance(timeout, (int, float)) or timeout <= 0):
        raise ConfigError(f"grader test {item.nodeid}: timeout must be a positive number of seconds, not {timeout!r}")
    marker = item.get_closest_marker("timeout")
    timeout_hint = marker.kwargs.get("hint") if marker is not None else None
    hint = _arg(item, "hint")
    for name, text in (("hint", hint), ("timeout's hint", timeout_hint)):
        if text is not None and not isinstance(text, str):
            raise ConfigError(f"grader test {item.nodeid}: {name} must be a string, not {text!r}")
    spec = GradeSpec(
        points=float(points),
        hint=hint,
        hidden=item.get_closest_marker("hidden") is not None,
        timeout_s=float(timeout) if timeout is not None else default_timeout_s,
        timeout_hint=timeout_hint,
    )
    item.stash[KEY] = spec
    return spec


def _arg(item: pytest.Item, name: str, keywords: tuple[str, ...] = ()) -> object:
    """The one positional argument of marker ``name`` (None when absent); ``keywords`` are
    the keyword arguments it may also take."""
    marker = item.get_closest_marker(name)
    if marker is None:
        return None
    if len(marker.args) != 1 or set(marker.kwargs) - set(keywords):
        takes = "exactly one argument" + (f" (and optionally {', '.join(k + '=' for k in keywords)})" if keywords else "")
        raise ConfigError(f"grader test {item.nodeid}: @pytest.mark.{name} takes {takes}")
    return marker.args[0]
