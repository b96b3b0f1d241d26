"""The wire format (autograde.sandbox.protocol): what crosses it intact, what is refused,
and how the strict decoder and the framing treat malformed or hostile input."""

from __future__ import annotations

import json
import math
import socket
import struct
import sys
import threading
import time
from typing import Any, Iterator

import numpy as np
import pytest

from autograde.errors import MessageTooLarge, ProtocolError, UnsupportedValue
from autograde.sandbox import protocol
from autograde.sandbox.protocol import HEADER, MAX_DEPTH, Handle


def roundtrip(value: Any) -> Any:
    """Encode ``value`` and decode the result, as the peer would."""
    doc, raw = protocol.encode(value)
    return protocol.decode(doc, b"".join(raw))


def message(tree: Any, buffers: list[Any] | None = None) -> bytes:
    """A hand-made JSON document of the wire format (for decoder tests)."""
    return json.dumps({"v": tree, "buffers": buffers or []}).encode()


@pytest.fixture
def pair() -> Iterator[tuple[socket.socket, socket.socket]]:
    """Two connected stream sockets, closed afterwards."""
    a, b = socket.socketpair()
    yield a, b
    a.close()
    b.close()


# ---------------------------------------------------------------- plain values


@pytest.mark.parametrize(
    "value",
    [None, True, False, 0, -7, 2**100, -(2**200), 1.5, -2.25e-300, "", "hello", "안녕하세요, 세계",
     "tab\tnew\nline \u0000 nul", 1e308],
    ids=repr,
)
def test_plain_values_round_trip_with_their_type(value: Any) -> None:
    back = roundtrip(value)
    assert back == value
    assert type(back) is type(value)


def test_bool_is_not_turned_into_int() -> None:
    assert roundtrip([True, 1, False, 0]) == [True, 1, False, 0]
    assert [type(v) for v in roundtrip([True, 1])] == [bool, int]


@pytest.mark.parametrize("value", [math.inf, -math.inf])
def test_infinities_round_trip(value: float) -> None:
    assert roundtrip(value) == value


def test_nan_round_trips() -> None:
    back = roundtrip(math.nan)
    assert type(back) is float and math.isnan(back)


def test_negative_zero_keeps_its_sign() -> None:
    back = roundtrip(-0.0)
    assert back == 0.0 and math.copysign(1.0, back) == -1.0


def test_containers_keep_their_kind() -> None:
    value = {"list": [1, 2.5, "x"], "tuple": (1, None), "empty": ([], (), {})}
    back = roundtrip(value)
    assert back == value
    assert type(back["list"]) is list and type(back["tuple"]) is tuple
    assert [type(v) for v in back["empty"]] == [list, tuple, dict]


def test_dict_keys_of_several_types_round_trip() -> None:
    value = {"a": 1, 2: "two", (3, "t"): [3], None: 0, 1.5: "f"}
    back = roundtrip(value)
    assert back == value
    assert list(back) == list(value)  # insertion order kept


def test_nested_containers_with_arrays_round_trip() -> None:
    value = {"layers": [{"W": np.eye(2), "b": np.zeros(2)}, {"W": np.ones((2, 1)), "b": np.ones(1)}],
             "meta": ("sgd", {"lr": 0.1, "steps": [1, 2, 3]})}
    back = roundtrip(value)
    assert back["meta"] == value["meta"]
    for got, sent in zip(back["layers"], value["layers"]):
        assert set(got) == {"W", "b"}
        np.testing.assert_array_equal(got["W"], sent["W"])
        np.testing.assert_array_equal(got["b"], sent["b"])


def test_handle_round_trips() -> None:
    back = roundtrip({"obj": Handle(140234, "SGD")})
    assert back == {"obj": Handle(140234, "SGD")}
    assert type(back["obj"]) is Handle


# ---------------------------------------------------------------- arrays


ALLOWED_DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                  "float16", "float32", "float64", "complex64", "complex128"]


@pytest.mark.parametrize("dtype", ALLOWED_DTYPES)
def test_arrays_of_every_number_dtype_round_trip(dtype: str) -> None:
    array = (np.arange(12).reshape(3, 4) % 5).astype(dtype)
    if np.dtype(dtype).kind == "c":
        array = array + 1j * array[::-1]
    back = roundtrip(array)
    assert type(back) is np.ndarray
    assert back.dtype == np.dtype(dtype) and back.shape == (3, 4)
    np.testing.assert_array_equal(back, array)


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64", "complex64", "complex128"])
def test_special_floats_in_arrays_round_trip(dtype: str) -> None:
    array = np.array([np.nan, np.inf, -np.inf, -0.0, 1.0], dtype=dtype)
    back = roundtrip(array)
    np.testing.assert_array_equal(back, array)  # NaN == NaN for array_equal's testing variant
    assert np.signbit(back.real[3])


def test_extreme_integers_round_trip() -> None:
    for dtype in ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]:
        info = np.iinfo(dtype)
        array = np.array([info.min, info.max, 0], dtype=dtype)
        np.testing.assert_array_equal(roundtrip(array), array)


def test_unicode_arrays_round_trip() -> None:
    array = np.array(["cat", "고양이", ""])
    back = roundtrip(array)
    assert back.dtype == array.dtype
    assert back.tolist() == ["cat", "고양이", ""]


def test_zero_dimensional_array_stays_an_array() -> None:
    back = roundtrip(np.array(3.5))
    assert type(back) is np.ndarray and back.shape == () and back.dtype == np.float64
    assert back[()] == 3.5


@pytest.mark.parametrize("shape", [(0,), (0, 3), (4, 0, 2)])
def test_empty_arrays_keep_their_shape(shape: tuple[int, ...]) -> None:
    back = roundtrip(np.zeros(shape, dtype=np.float32))
    assert back.shape == shape and back.dtype == np.float32


def test_non_contiguous_arrays_come_back_contiguous_with_equal_values() -> None:
    base = np.arange(24.0).reshape(4, 6)
    for view in (base[::2, 1::3], base.T, np.asfortranarray(base)):
        back = roundtrip(view)
        assert back.flags.c_contiguous
        np.testing.assert_array_equal(back, view)


@pytest.mark.parametrize("dtype", [">i4", ">f8", ">c16", ">u2"])
def test_big_endian_arrays_come_back_native_with_equal_values(dtype: str) -> None:
    array = np.arange(6).reshape(2, 3).astype(dtype)
    back = roundtrip(array)
    assert back.dtype.isnative
    assert back.dtype == array.dtype.newbyteorder("=")
    np.testing.assert_array_equal(back, array)


def test_decoded_arrays_are_writable_and_not_aliased() -> None:
    back = roundtrip([np.arange(3), np.arange(3)])
    back[0][0] = 99
    assert back[0].tolist() == [99, 1, 2]
    assert back[1].tolist() == [0, 1, 2]


def test_encoding_copies_the_array() -> None:
    array = np.arange(4.0)
    doc, raw = protocol.encode(array)
    array[:] = -1
    np.testing.assert_array_equal(protocol.decode(doc, b"".join(raw)), [0.0, 1.0, 2.0, 3.0])


# ---------------------------------------------------------------- NumPy scalars


@pytest.mark.parametrize(
    "scalar",
    [np.bool_(True), np.int8(-3), np.int16(300), np.int32(-70000), np.int64(2**40), np.uint8(255),
     np.uint16(65535), np.uint32(2**31), np.uint64(2**64 - 1), np.float16(1.5), np.float32(0.1),
     np.float64(-2.5), np.complex64(1 + 2j), np.complex128(-3j), np.str_("한")],
    ids=lambda s: f"{type(s).__name__}({s})",
)
def test_numpy_scalars_come_back_as_scalars_of_the_same_dtype(scalar: np.generic) -> None:
    back = roundtrip(scalar)
    assert type(back) is type(scalar)
    assert back.dtype == scalar.dtype
    assert back == scalar


def test_numpy_float64_is_not_flattened_to_float() -> None:
    # np.float64 subclasses float: it must still come back as a NumPy scalar.
    back = roundtrip([np.float64(0.5), 0.5])
    assert [type(v) for v in back] == [np.float64, float]


def test_nan_scalar_round_trips() -> None:
    back = roundtrip(np.float32(np.nan))
    assert type(back) is np.float32 and np.isnan(back)


# ---------------------------------------------------------------- refusals when encoding

NOT_GRADABLE = ("which cannot be graded: return numbers, strings, NumPy arrays, or lists, tuples "
                "and dicts of these")


class Thing:
    """An arbitrary learner object."""


@pytest.mark.parametrize(
    "value, shown",
    [(Thing(), "Thing"), (object(), "object"), ({1, 2}, "set"), (b"raw", "bytes"),
     (lambda: 0, "function"), (range(3), "range")],
    ids=["class", "object", "set", "bytes", "function", "range"],
)
def test_arbitrary_objects_are_refused_with_their_type_named(value: Any, shown: str) -> None:
    with pytest.raises(UnsupportedValue) as info:
        protocol.encode(value)
    qualname = f"{__name__}.Thing" if shown == "Thing" else shown
    assert str(info.value) == f"an object of type `{qualname}`, {NOT_GRADABLE}"


def test_an_object_deep_inside_a_container_is_refused() -> None:
    with pytest.raises(UnsupportedValue, match="`set`"):
        protocol.encode({"a": [1, (2, {"b": {3}})]})


@pytest.mark.parametrize(
    "array, shown",
    [
        (np.array([1, "a", None], dtype=object), "object"),
        (np.zeros(2, dtype=[("a", "<i4"), ("b", "<f8")]), "[('a', '<i4'), ('b', '<f8')]"),
        (np.array(["2020-01-01"], dtype="datetime64[D]"), "datetime64[D]"),
        (np.array([1], dtype="timedelta64[s]"), "timedelta64[s]"),
        (np.array([b"ab"]), "|S2"),
        (np.zeros(1, dtype="V4"), "|V4"),
        (np.zeros(2, dtype=np.longdouble), str(np.dtype(np.longdouble))),
    ],
    ids=["object", "structured", "datetime", "timedelta", "bytes", "void", "longdouble"],
)
def test_non_number_arrays_are_refused(array: np.ndarray, shown: str) -> None:
    with pytest.raises(UnsupportedValue) as info:
        protocol.encode(array)
    assert str(info.value) == f"an array of dtype {shown}, which is not a number type"


def test_non_number_scalars_are_refused() -> None:
    for scalar in (np.datetime64("2020-01-01"), np.void(b"ab"), np.bytes_(b"x")):
        with pytest.raises(UnsupportedValue, match="which is not a number type"):
            protocol.encode(scalar)


def test_too_deep_nesting_is_refused() -> None:
    value: Any = 1
    for _ in range(MAX_DEPTH + 2):
        value = [value]
    with pytest.raises(UnsupportedValue) as info:
        protocol.encode(value)
    assert str(info.value) == f"data nested more than {MAX_DEPTH} levels deep"


def test_nesting_up_to_the_limit_is_accepted() -> None:
    value: Any = 1
    for _ in range(MAX_DEPTH):
        value = [value]
    assert roundtrip(value) == value


def test_an_int_too_long_for_text_is_refused_not_crashed() -> None:
    digits = sys.get_int_max_str_digits()
    with pytest.raises(UnsupportedValue) as info:
        protocol.encode({"n": 10 ** (digits + 10)})
    assert str(info.value) == f"an integer of more than {digits} digits, which is too large to send"


# ---------------------------------------------------------------- lying subclasses


class LyingArray(np.ndarray):
    """An array that claims to equal everything and hides its data from the usual exits."""

    def __eq__(self, other: Any) -> Any:  # type: ignore[override]
        return np.ones(self.shape, dtype=bool)

    def __array__(self, *args: Any, **kwargs: Any) -> np.ndarray:
        return np.zeros(self.shape)

    def tobytes(self, *args: Any, **kwargs: Any) -> bytes:
        return b"\0" * self.nbytes

    def astype(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        return np.zeros(self.shape)


class LyingInt(int):
    """An int that equals everything and converts to another number."""

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = int.__hash__

    def __index__(self) -> int:
        return 5

    def __int__(self) -> int:
        return 5

    def __repr__(self) -> str:
        return "5"


class LyingFloat(float):
    """A float that equals everything and converts to another number."""

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = float.__hash__

    def __float__(self) -> float:
        return 9.0

    def __repr__(self) -> str:
        return "9.0"


class LyingStr(str):
    """A str that shows as something else."""

    def __str__(self) -> str:
        return "lie"

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = str.__hash__


def test_lying_ndarray_subclass_comes_back_as_plain_array_with_its_real_data() -> None:
    lying = np.arange(1.0, 4.0).view(LyingArray)
    back = roundtrip(lying)
    assert type(back) is np.ndarray
    assert back.tolist() == [1.0, 2.0, 3.0]
    assert not (back == np.zeros(3)).any()


def test_lying_int_subclass_comes_back_as_plain_int_of_its_real_value() -> None:
    back = roundtrip(LyingInt(3))
    assert type(back) is int and int.__eq__(back, 3)


def test_lying_float_subclass_comes_back_as_plain_float_of_its_real_value() -> None:
    back = roundtrip(LyingFloat(3.5))
    assert type(back) is float and float.__eq__(back, 3.5)


def test_lying_str_subclass_comes_back_as_plain_str_of_its_real_value() -> None:
    back = roundtrip(LyingStr("abc"))
    assert type(back) is str and str.__eq__(back, "abc")


def test_container_subclasses_come_back_as_plain_containers() -> None:
    class Lst(list):  # type: ignore[type-arg]
        def __iter__(self) -> Iterator[Any]:
            return iter(["lie"])

    class Dct(dict):  # type: ignore[type-arg]
        def items(self) -> Any:
            return [("lie", 0)]

    back = roundtrip([Lst([1, 2]), Dct(a=1)])
    assert back == [[1, 2], {"a": 1}]
    assert [type(v) for v in back] == [list, dict]


# ---------------------------------------------------------------- strict decoding


@pytest.mark.parametrize(
    "doc",
    [b"", b"not json", b"{", b'{"v": 1}', b'{"buffers": []}', b"[1, 2]", b'"text"', b"\xff\xfe",
     b'{"v": 1, "buffers": {}}'],
    ids=["empty", "text", "truncated", "no buffers", "no value", "list", "string", "not utf-8",
         "table not a list"],
)
def test_malformed_documents_are_rejected(doc: bytes) -> None:
    with pytest.raises(ProtocolError):
        protocol.decode(doc, b"")


@pytest.mark.parametrize(
    "tree",
    [{"X": 1}, {}, {"A": 0, "L": [], "T": []}, {"H": "1", "cls": "C"}, {"H": True, "cls": "C"},
     {"H": 1}, {"H": 1, "cls": 2}, {"L": {"a": 1}}, {"T": "abc"}, {"D": [[1]]}, {"D": [1, 2]},
     {"D": [[{"L": []}, 1]]}],
    ids=["unknown tag", "empty object", "three keys", "handle id str", "handle id bool",
         "handle no cls", "handle cls int", "list of dict", "tuple of str", "dict entry short",
         "dict entry not pair", "unhashable key"],
)
def test_unknown_or_malformed_nodes_are_rejected(tree: Any) -> None:
    with pytest.raises(ProtocolError):
        protocol.decode(message(tree), b"")


@pytest.mark.parametrize("dtype", ["|O", "<V8", "|V8", "<M8[D]", "<m8[s]", "|S4", ">f8", ">i4", "<f16",
                                   "<U0", "<U", "f8", "float64", "<f8 ", "<U12345678", 8, None])
def test_dtypes_off_the_allowlist_are_rejected(dtype: Any) -> None:
    with pytest.raises(ProtocolError):
        protocol.decode(message({"A": 0}, [[dtype, [1]]]), b"\0" * 16)


def test_every_allowlisted_dtype_string_is_accepted() -> None:
    for dtype in ["|b1", "|i1", "|u1", "<i2", "<i4", "<i8", "<u2", "<u4", "<u8", "<f2", "<f4",
                  "<f8", "<c8", "<c16", "<U1", "<U7"]:
        size = np.dtype(dtype).itemsize
        assert protocol.decode(message({"A": 0}, [[dtype, [2]]]), b"\0" * (2 * size)).shape == (2,)


@pytest.mark.parametrize(
    "shape",
    [[-1], [1.0], [True], ["2"], 2, None, [2**40], [1] * 33],
    ids=["negative", "float", "bool", "str", "not list", "none", "huge", "too many dims"],
)
def test_malformed_shapes_are_rejected(shape: Any) -> None:
    with pytest.raises(ProtocolError):
        protocol.decode(message({"A": 0}, [["<f8", shape]]), b"\0" * 8)


@pytest.mark.parametrize("entry", [["<f8"], ["<f8", [1], 0], "<f8", None], ids=repr)
def test_malformed_buffer_entries_are_rejected(entry: Any) -> None:
    with pytest.raises(ProtocolError):
        protocol.decode(message({"A": 0}, [entry]), b"\0" * 8)


def test_payload_shorter_than_the_shapes_is_rejected() -> None:
    with pytest.raises(ProtocolError, match="shorter"):
        protocol.decode(message({"A": 0}, [["<f8", [2, 3]]]), b"\0" * 47)


def test_payload_longer_than_the_shapes_is_rejected() -> None:
    with pytest.raises(ProtocolError, match="longer"):
        protocol.decode(message({"A": 0}, [["<f8", [2, 3]]]), b"\0" * 49)


def test_exact_payload_is_accepted() -> None:
    payload = np.arange(6.0).tobytes()
    back = protocol.decode(message({"A": 0}, [["<f8", [2, 3]]]), payload)
    np.testing.assert_array_equal(back, np.arange(6.0).reshape(2, 3))


@pytest.mark.parametrize("ref", [1, -1, "0", 0.0, True, None], ids=repr)
def test_out_of_range_buffer_refs_are_rejected(ref: Any) -> None:
    for tag in ("A", "S"):
        with pytest.raises(ProtocolError):
            protocol.decode(message({tag: ref}, [["<f8", []]]), b"\0" * 8)


def test_a_scalar_must_point_at_a_zero_dimensional_buffer() -> None:
    with pytest.raises(ProtocolError):
        protocol.decode(message({"S": 0}, [["<f8", [2]]]), b"\0" * 16)


def test_too_deep_tagged_nesting_is_rejected() -> None:
    tree: Any = 1
    for _ in range(MAX_DEPTH + 2):
        tree = {"L": [tree]}
    with pytest.raises(ProtocolError, match="too deep"):
        protocol.decode(message(tree), b"")


def test_json_nested_past_the_parsers_recursion_limit_is_rejected() -> None:
    depth = 200_000
    doc = b'{"v":' + b"[" * depth + b"]" * depth + b',"buffers":[]}'
    with pytest.raises(ProtocolError):
        protocol.decode(doc, b"")


def test_an_int_too_long_to_parse_is_rejected() -> None:
    doc = b'{"v":' + b"9" * (sys.get_int_max_str_digits() + 1) + b',"buffers":[]}'
    with pytest.raises(ProtocolError):
        protocol.decode(doc, b"")


def test_untagged_json_containers_are_rejected() -> None:
    for tree in ([1, 2], {"a": 1}):
        with pytest.raises(ProtocolError):
            protocol.decode(message(tree), b"")


# ---------------------------------------------------------------- framing


def test_send_then_receive_round_trips(pair: tuple[socket.socket, socket.socket]) -> None:
    a, b = pair
    value = {"x": np.arange(5, dtype=np.int16), "s": "ok", "t": (1, 2.5)}
    protocol.send(a, value)
    back = protocol.receive(b, limit=1 << 20, deadline=time.monotonic() + 5)
    np.testing.assert_array_equal(back["x"], value["x"])
    assert back["x"].dtype == np.int16
    assert (back["s"], back["t"]) == ("ok", (1, 2.5))


def test_messages_are_read_one_at_a_time(pair: tuple[socket.socket, socket.socket]) -> None:
    a, b = pair
    protocol.send(a, [1])
    protocol.send(a, np.ones(3))
    assert protocol.receive(b, limit=1 << 20) == [1]
    assert protocol.receive(b, limit=1 << 20).tolist() == [1.0, 1.0, 1.0]


def test_a_large_message_arrives_whole(pair: tuple[socket.socket, socket.socket]) -> None:
    a, b = pair
    array = np.random.default_rng(0).standard_normal(300_000)  # 2.4 MB: more than one recv
    sender = threading.Thread(target=protocol.send, args=(a, array))
    sender.start()
    back = protocol.receive(b, limit=8 << 20, deadline=time.monotonic() + 10)
    sender.join()
    np.testing.assert_array_equal(back, array)


def test_header_over_the_limit_raises_message_too_large(pair: tuple[socket.socket, socket.socket]) -> None:
    a, b = pair
    a.sendall(HEADER.pack(100, 1_000_000))  # nothing follows: it must not wait for the body
    with pytest.raises(MessageTooLarge) as info:
        protocol.receive(b, limit=1000, deadline=time.monotonic() + 5)
    assert (info.value.size, info.value.limit) == (1_000_100, 1000)
    assert str(info.value) == "message of 1000100 bytes exceeds the limit of 1000 bytes"
    assert isinstance(info.value, ProtocolError)


def test_message_exactly_at_the_limit_is_accepted(pair: tuple[socket.socket, socket.socket]) -> None:
    a, b = pair
    doc, raw = protocol.encode(np.zeros(10))
    size = len(doc) + sum(map(len, raw))
    protocol.send(a, np.zeros(10))
    assert protocol.receive(b, limit=size).shape == (10,)


def test_closed_socket_raises_eof(pair: tuple[socket.socket, socket.socket]) -> None:
    a, b = pair
    a.close()
    with pytest.raises(EOFError):
        protocol.receive(b, limit=1000, deadline=time.monotonic() + 5)


def test_closed_mid_message_raises_eof(pair: tuple[socket.socket, socket.socket]) -> None:
    a, b = pair
    doc, _ = protocol.encode([1, 2, 3])
    a.sendall(HEADER.pack(len(doc), 0) + doc[:-3])
    a.close()
    with pytest.raises(EOFError):
        protocol.receive(b, limit=1000, deadline=time.monotonic() + 5)


def test_silence_raises_timeout_at_the_deadline(pair: tuple[socket.socket, socket.socket]) -> None:
    _, b = pair
    start = time.monotonic()
    with pytest.raises(TimeoutError):
        protocol.receive(b, limit=1000, deadline=start + 0.2)
    assert 0.15 <= time.monotonic() - start < 2.0


def test_partial_message_raises_timeout_at_the_deadline(pair: tuple[socket.socket, socket.socket]) -> None:
    a, b = pair
    a.sendall(HEADER.pack(50, 0) + b'{"v"')
    start = time.monotonic()
    with pytest.raises(TimeoutError):
        protocol.receive(b, limit=1000, deadline=start + 0.2)
    assert time.monotonic() - start < 2.0


def test_past_deadline_raises_timeout_at_once(pair: tuple[socket.socket, socket.socket]) -> None:
    _, b = pair
    start = time.monotonic()
    with pytest.raises(TimeoutError):
        protocol.receive(b, limit=1000, deadline=start - 1)
    assert time.monotonic() - start < 0.5


def test_garbage_body_raises_protocol_error(pair: tuple[socket.socket, socket.socket]) -> None:
    a, b = pair
    a.sendall(HEADER.pack(4, 0) + b"oops")
    with pytest.raises(ProtocolError):
        protocol.receive(b, limit=1000, deadline=time.monotonic() + 5)


def test_header_layout_is_big_endian_doc_and_buffer_lengths() -> None:
    assert HEADER.size == 12
    assert HEADER.pack(1, 2) == struct.pack(">IQ", 1, 2)


def test_registry_functions_travel_by_name_and_stay_callable():
    from autograde.sandbox.functions import Function

    f = Function("cubic")
    back = roundtrip({"f": f, "xs": [f]})
    assert back == {"f": f, "xs": [f]}
    assert back["f"](np.array([1.0, 2.0])) == 1 + 2 + 8 + 8
    with pytest.raises(ProtocolError):
        protocol.decode(b'{"v": {"F": "os.system"}, "buffers": []}', b"")
    with pytest.raises(KeyError, match="no test function 'nope'"):
        Function("nope")
