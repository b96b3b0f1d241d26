"""Short, beginner-readable renderings of values and calls (one format everywhere)."""

from __future__ import annotations

from typing import Any

import numpy as np

SMALL = 12  # arrays with at most this many elements are shown whole


def short(value: Any, *, limit: int = 160) -> str:
    """A compact rendering of ``value``: small arrays in full, large ones summarised."""
    if isinstance(value, np.ndarray):
        text = _array(value)
    elif isinstance(value, (list, tuple)) and len(value) > SMALL:
        text = f"{type(value).__name__} of {len(value)} items"
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{k!r}: {short(v, limit=60)}" for k, v in value.items()) + "}"
    elif isinstance(value, float):
        text = repr(value) if len(repr(value)) <= 10 else f"{value:.6g}"  # 1.0 stays 1.0
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _array(a: np.ndarray) -> str:
    if a.size <= SMALL:
        body = np.array2string(a, precision=4, separator=", ", threshold=SMALL, suppress_small=False)
        body = " ".join(body.split())
        dtype = "" if a.dtype in (np.float64, np.int64) else f", dtype={a.dtype}"
        return f"array({body}{dtype})"
    finite = a[np.isfinite(a)] if a.dtype.kind in "fc" else a
    span = ""
    if a.dtype.kind in "biuf" and finite.size:
        span = f", values {short(finite.min().item())}..{short(finite.max().item())}"
    return f"array(shape={a.shape}, dtype={a.dtype}{span})"


def call(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """``name(arg, ..., key=value)`` with every argument abbreviated."""
    parts = [short(a, limit=80) for a in args] + [f"{k}={short(v, limit=80)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


class LazyCall:
    """A call's rendering, made only when a message shows it: most calls pass, and
    rendering their array arguments costs more than the calls themselves.

    Behaves as its text wherever a message uses it (``str``, f-strings, ``==``). The
    arguments must not change afterwards: give it the copies taken before the call.
    """

    __slots__ = ("_name", "_args", "_kwargs", "_text")

    def __init__(self, name: str, args: tuple[Any, ...] | list[Any], kwargs: dict[str, Any]) -> None:
        self._name, self._args, self._kwargs = name, tuple(args), kwargs
        self._text: str | None = None

    def __str__(self) -> str:
        if self._text is None:
            self._text = call(self._name, self._args, self._kwargs)
            self._args, self._kwargs = (), {}  # the text is all that is needed now
        return self._text

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return repr(str(self))

    def __eq__(self, other: object) -> bool:
        return str(self) == str(other) if isinstance(other, (str, LazyCall)) else NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))
