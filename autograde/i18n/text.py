"""Messages as language-neutral data: what to say, not yet in which language.

A message is a :class:`Text` (an English template, its gettext message id, with named
``{placeholders}`` and their arguments), a :class:`Join` of several, or a plain string
that is never translated (a value, a call, a learner's own exception message). A result
document keeps each test's message in this form beside the text it rendered, so a class
graded in English can be exported in Korean (docs/i18n.md)::

    say("When calling {call}:", call="softmax(x)")
        -> {"id": "When calling {call}:", "args": {"call": "softmax(x)"}}

Two message domains: ``autograde`` (our own words, catalogue shipped in the package) and
``course`` (a course's hints and grader messages, catalogue in the course's ``locale/``).
This module is imported in the sandboxed child's parent only; it imports nothing heavy.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any, Callable, Union

OURS = "autograde"
COURSE = "course"

Arg = Union[str, int, float, "Text", "Join"]
Message = Union[str, "Text", "Join"]


@dataclass(frozen=True)
class Text:
    """One sentence (or line) to translate: ``id`` is the English template."""

    id: str
    args: tuple[tuple[str, Arg], ...] = ()
    domain: str = OURS

    def __str__(self) -> str:
        return render(self)


@dataclass(frozen=True)
class Join:
    """Several messages written one after the other, ``sep`` between them; ``indent``
    starts each line of the whole (as a call's details sit under "When calling f(x):")."""

    parts: tuple[Message, ...]
    sep: str = "\n"
    indent: str = ""

    def __str__(self) -> str:
        return render(self)


def say(msgid: str, /, **args: Arg) -> Text:
    """One of autograde's own messages (domain ``autograde``; extracted by keyword ``say``)."""
    return Text(msgid, tuple(args.items()), OURS)


def t(msgid: str, /, **args: Arg) -> Text:
    """A course author's message, for graders and hint functions (domain ``course``):
    ``fail(t("{name} returned {n} rows", name=..., n=...))``. Static strings given to
    ``fail``, ``hint=`` and ``@pytest.mark.hint`` need no ``t``: they are translated as
    they are."""
    return Text(msgid, tuple(args.items()), COURSE)


def lines(*parts: Message | None) -> Join:
    """``parts`` one per line (None parts left out)."""
    return Join(tuple(p for p in parts if p is not None and p != ""), "\n")


def course(message: Message | None) -> Message | None:
    """A grader's message: a plain string becomes the course's text to translate."""
    return Text(message, (), COURSE) if isinstance(message, str) and message else message


Lookup = Callable[[str, str], str]  # (domain, English msgid) -> the text to show


def english(domain: str, msgid: str) -> str:
    return msgid


def render(message: Message | Any, lookup: Lookup = english) -> str:
    """The message written out, each Text through ``lookup`` (default: English)."""
    if isinstance(message, Text):
        template = lookup(message.domain, message.id)
        if not message.args:
            return template
        values = {k: v if isinstance(v, (int, float)) and not isinstance(v, bool) else render(v, lookup)
                  for k, v in message.args}
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):  # a broken translation never loses the message
            return message.id.format(**values)
    if isinstance(message, Join):
        text = message.sep.join(render(p, lookup) for p in message.parts)
        return "\n".join(message.indent + line for line in text.splitlines()) if message.indent else text
    return "" if message is None else str(message)


def to_data(message: Message | Any) -> Any:
    """The JSON form of ``message``."""
    if isinstance(message, Text):
        d: dict[str, Any] = {"id": message.id}
        if message.args:
            d["args"] = {k: to_data(v) for k, v in message.args}
        if message.domain != OURS:
            d["domain"] = message.domain
        return d
    if isinstance(message, Join):
        d = {"join": [to_data(p) for p in message.parts], "sep": message.sep}
        return {**d, "indent": message.indent} if message.indent else d
    return message


def from_data(data: Any) -> Any:
    """A message back from its JSON form (:func:`to_data`)."""
    if isinstance(data, dict) and "id" in data:
        args = tuple((k, from_data(v)) for k, v in data.get("args", {}).items())
        return Text(data["id"], args, data.get("domain", OURS))
    if isinstance(data, dict) and "join" in data:
        return Join(tuple(from_data(p) for p in data["join"]), data.get("sep", "\n"), data.get("indent", ""))
    return data


def ids(data: Any, domain: str) -> set[str]:
    """The message ids of ``domain`` in a message's JSON form (:func:`to_data`), nested ones
    included: what a result document asks that domain's catalogue to translate."""
    found: set[str] = set()
    if isinstance(data, dict) and "id" in data:
        if data.get("domain", OURS) == domain:
            found.add(data["id"])
        for value in data.get("args", {}).values():
            found |= ids(value, domain)
    elif isinstance(data, dict) and "join" in data:
        for part in data["join"]:
            found |= ids(part, domain)
    return found


def placeholders(template: str) -> set[str]:
    """The named fields of a template (``{call}``, ``{limit:g}`` -> call, limit)."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}
