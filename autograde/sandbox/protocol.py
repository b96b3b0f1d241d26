"""The wire between the grader and a learner's child process: plain data only.

A message is ``HEADER | JSON | BUFFERS``. ``HEADER`` is two big-endian unsigned integers,
the JSON's length (4 bytes) and the buffers' total length (8 bytes), so a reader can refuse
an oversized message before reading it. The JSON is a tree of plain values in which
containers and arrays are tagged objects:

=============  =========================================================
``null`` ...   ``None``, ``bool``, ``int``, ``float`` (NaN/Infinity allowed), ``str``
``{"L": [..]}``  list            ``{"T": [..]}``  tuple
``{"D": [[k, v], ..]}``  dict (keys are plain values too)
``{"A": i}``   NumPy array: ``buffers[i]`` of the message's ``"buffers"`` table
``{"S": i}``   NumPy scalar: a 0-d buffer, decoded back to a scalar
``{"H": id, "cls": name}``  a handle to an object that lives in the child
``{"F": name}``  a function of the shared registry (:mod:`autograde.sandbox.functions`)
=============  =========================================================

``"buffers"`` lists ``[dtype, shape]`` pairs; their raw bytes follow the JSON in order.
Decoding never unpickles or evaluates anything: dtypes come from a fixed allowlist of
numeric, boolean and unicode types, shapes are checked against byte counts, and the
tree's depth and size are bounded.
"""

from __future__ import annotations

import json
import re
import socket
import struct
import sys
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from autograde.errors import MessageTooLarge, ProtocolError, UnsupportedValue
from autograde.sandbox.functions import REGISTRY, Function

HEADER = struct.Struct("!IQ")
MAX_DEPTH = 64
MAX_NODES = 1_000_000
_DTYPE = re.compile(r"^(\|b1|\|[iu]1|<[iu][248]|<f[248]|<c(8|16)|<U[1-9][0-9]{0,6})$")


@dataclass(frozen=True)
class Handle:
    """An object that stays in the child; the grader holds only its number."""

    id: int
    cls: str


# ---------------------------------------------------------------- encoding (either side)


def encode(value: Any) -> tuple[bytes, list[bytes]]:
    """Encode a message tree; raise :class:`UnsupportedValue` for anything not plain."""
    encoder = _Encoder()
    tree = encoder.node(value, 0)
    try:
        doc = json.dumps({"v": tree, "buffers": encoder.buffers}, separators=(",", ":"), allow_nan=True)
    except ValueError:  # the only cause: an int longer than Python converts to text
        raise UnsupportedValue(
            f"an integer of more than {sys.get_int_max_str_digits()} digits, which is too large to send"
        ) from None
    return doc.encode("utf-8"), encoder.raw


class _Encoder:
    """One message's encoding: its buffer table, raw bytes, and node count."""

    def __init__(self) -> None:
        self.buffers: list[list[Any]] = []
        self.raw: list[bytes] = []
        self.count = 0

    def node(self, value: Any, depth: int) -> Any:
        self.count += 1
        if depth > MAX_DEPTH:
            raise UnsupportedValue(f"data nested more than {MAX_DEPTH} levels deep")
        if self.count > MAX_NODES:
            raise UnsupportedValue(f"more than {MAX_NODES:,} values in containers (use a NumPy array)")
        # Exact types first: a subclass of a plain type is converted through the base type,
        # so an object that lies in __eq__ or __float__ cannot pass as something else.
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, np.generic):
            return {"S": _add_buffer(np.asarray(value), self.buffers, self.raw)}
        if isinstance(value, int):
            return int.__index__(value)
        if isinstance(value, float):
            return float.__float__(value)
        if isinstance(value, str):
            return str.__str__(value)
        if isinstance(value, np.ndarray):
            return {"A": _add_buffer(value, self.buffers, self.raw)}
        if isinstance(value, Handle):
            return {"H": value.id, "cls": value.cls}
        if isinstance(value, Function):
            return {"F": value.name}
        if isinstance(value, list):
            return {"L": [self.node(v, depth + 1) for v in list.__iter__(value)]}
        if isinstance(value, tuple):
            return {"T": [self.node(v, depth + 1) for v in tuple.__iter__(value)]}
        if isinstance(value, dict):
            return {"D": [[self.node(k, depth + 1), self.node(v, depth + 1)] for k, v in dict.items(value)]}
        raise UnsupportedValue(
            f"an object of type `{type_name(value)}`, which cannot be graded: return numbers, "
            "strings, NumPy arrays, or lists, tuples and dicts of these"
        )


def _add_buffer(array: np.ndarray, buffers: list, raw: list) -> int:
    # A plain, C-ordered, little-endian copy: subclasses lose their overrides here.
    base = np.array(array, copy=True, subok=False, order="C")
    if base.dtype.byteorder == ">":
        base = base.astype(base.dtype.newbyteorder("<"))
    dtype = base.dtype.str
    if not _DTYPE.match(dtype):
        raise UnsupportedValue(f"an array of dtype {base.dtype}, which is not a number type")
    buffers.append([dtype, list(base.shape)])
    raw.append(base.tobytes())
    return len(buffers) - 1


def type_name(value: Any) -> str:
    """The qualified type name of ``value``, computed without calling its methods."""
    cls = type(value)
    module = getattr(cls, "__module__", "") or ""
    qualname = getattr(cls, "__qualname__", cls.__name__)
    return qualname if module in ("builtins", "__main__", "") else f"{module}.{qualname}"


# ---------------------------------------------------------------- decoding (strict)


def decode(doc: bytes, payload: bytes) -> Any:
    """Decode a message; raise :class:`ProtocolError` for anything off the format."""
    try:
        message = json.loads(doc.decode("utf-8"))
        table = message["buffers"]
        tree = message["v"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError) as exc:
        raise ProtocolError(f"malformed message: {exc}") from None
    arrays = _arrays(table, payload)
    counter = [0]
    return _decode(tree, arrays, counter, 0)


def _arrays(table: Any, payload: bytes) -> list[np.ndarray]:
    if not isinstance(table, list):
        raise ProtocolError("malformed buffer table")
    data = bytearray(payload)  # writable: graders may change what they receive
    view = memoryview(data)
    arrays, offset = [], 0
    for entry in table:
        if not (isinstance(entry, list) and len(entry) == 2):
            raise ProtocolError("malformed buffer entry")
        dtype_str, shape = entry
        if not (isinstance(dtype_str, str) and _DTYPE.match(dtype_str)):
            raise ProtocolError(f"dtype {dtype_str!r} is not allowed")
        if not (
            isinstance(shape, list)
            and len(shape) <= 32
            and all(type(n) is int and 0 <= n < 2**40 for n in shape)
        ):
            raise ProtocolError("malformed array shape")
        dtype = np.dtype(dtype_str)
        count = 1
        for n in shape:
            count *= n
        nbytes = count * dtype.itemsize
        if offset + nbytes > len(data):
            raise ProtocolError("array data shorter than its shape says")
        arrays.append(np.frombuffer(view[offset : offset + nbytes], dtype=dtype).reshape(shape))
        offset += nbytes
    if offset != len(data):
        raise ProtocolError("array data longer than the buffer table says")
    return arrays


def _decode(node: Any, arrays: list[np.ndarray], counter: list[int], depth: int) -> Any:
    counter[0] += 1
    if counter[0] > MAX_NODES or depth > MAX_DEPTH:
        raise ProtocolError("message too deep or too large")
    if node is None or type(node) in (bool, int, float, str):
        return node
    if type(node) is dict and len(node) in (1, 2):
        if "L" in node:
            return [_decode(v, arrays, counter, depth + 1) for v in _items(node["L"])]
        if "T" in node:
            return tuple(_decode(v, arrays, counter, depth + 1) for v in _items(node["T"]))
        if "D" in node:
            out = {}
            for pair in _items(node["D"]):
                if not (type(pair) is list and len(pair) == 2):
                    raise ProtocolError("malformed dict entry")
                key = _decode(pair[0], arrays, counter, depth + 1)
                try:
                    out[key] = _decode(pair[1], arrays, counter, depth + 1)
                except TypeError:
                    raise ProtocolError("unhashable dict key") from None
            return out
        if "A" in node:
            return _buffer(node["A"], arrays)
        if "S" in node:
            scalar = _buffer(node["S"], arrays)
            if scalar.ndim:
                raise ProtocolError("a scalar whose buffer is not 0-dimensional")
            return scalar[()]
        if "F" in node and type(node["F"]) is str and node["F"] in REGISTRY:
            return Function(node["F"])
        if "H" in node and type(node["H"]) is int and type(node.get("cls")) is str:
            return Handle(node["H"], node["cls"])
    raise ProtocolError("unknown node in message")


def _items(value: Any) -> list:
    if type(value) is not list:
        raise ProtocolError("malformed container")
    return value


def _buffer(index: Any, arrays: list[np.ndarray]) -> np.ndarray:
    if type(index) is not int or not 0 <= index < len(arrays):
        raise ProtocolError("array reference out of range")
    return arrays[index]


# ---------------------------------------------------------------- framing


def send(sock: socket.socket, value: Any) -> None:
    """Encode ``value`` and write it as one message."""
    doc, raw = encode(value)
    sizes = sum(len(r) for r in raw)
    sock.sendall(HEADER.pack(len(doc), sizes) + doc)
    for chunk in raw:
        sock.sendall(chunk)


def receive(sock: socket.socket, *, limit: int, deadline: float | None = None) -> Any:
    """Read and decode one message of at most ``limit`` bytes before ``deadline``.

    Raises :class:`EOFError` when the peer closed, :class:`TimeoutError` at the
    deadline, :class:`MessageTooLarge` when the header announces more than ``limit``.
    """
    doc_len, buf_len = HEADER.unpack(_read(sock, HEADER.size, deadline))
    if doc_len + buf_len > limit:
        raise MessageTooLarge(doc_len + buf_len, limit)
    doc = _read(sock, doc_len, deadline)
    payload = _read(sock, buf_len, deadline)
    return decode(doc, payload)


def _read(sock: socket.socket, n: int, deadline: float | None) -> bytes:
    chunks, remaining = [], n
    while remaining:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            sock.settimeout(left)
        else:
            sock.settimeout(None)
        try:
            chunk = sock.recv(min(remaining, 1 << 20))
        except socket.timeout:
            raise TimeoutError from None
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
