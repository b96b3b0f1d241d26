"""Zips are read in memory, and refused whole when unreadable, unsafe or too big."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from autograde import loaders
from autograde.errors import SubmissionError
from autograde.loaders import archive


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as out:
        for name, data in members.items():
            out.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_is_read_in_memory_with_its_common_folder_stripped(tmp_path: Path):
    path = tmp_path / "kim.zip"
    path.write_bytes(zip_bytes({
        "hw/perceptron.py": b"x = 1\n",
        "hw/helpers.py": b"",
        "hw/notes.txt": b"ignored",
        "hw/.hidden.py": b"",
        "hw/__pycache__/perceptron.cpython-311.pyc": b"",
        "hw/.ipynb_checkpoints/perceptron-checkpoint.ipynb": b"",
        "__MACOSX/hw/._perceptron.py": b"\x00\x05",
    }))
    sub = loaders.load(path, exercises=("perceptron",))
    assert sub.name == "kim" and sub.path == str(path)
    assert sorted(sub.modules) == ["helpers", "perceptron"]
    assert sub.modules["perceptron"].source == "x = 1\n"
    assert sub.display("perceptron") == "perceptron.py"


def test_a_zip_whose_code_is_only_deeper_down_is_a_broken_layout(tmp_path: Path):
    path = tmp_path / "kim.zip"
    path.write_bytes(zip_bytes({"hw/src/perceptron.py": b"", "hw/README.md": b""}))
    with pytest.raises(SubmissionError) as caught:
        loaders.load(path)
    assert str(caught.value) == (
        "your submission holds its code only in sub-folders (hw/src/perceptron.py); "
        "put the exercise files at the top of your folder or zip"
    )


def _lying(members: dict[str, bytes], size: int) -> bytes:
    """A stored zip of one member whose headers claim ``size`` bytes for it."""
    data = bytearray(zip_bytes(members, zipfile.ZIP_STORED))
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.index(signature)
        data[at + offset: at + offset + 4] = size.to_bytes(4, "little")
    return bytes(data)


def _encrypted() -> bytes:
    """A zip whose member is flagged as encrypted (zipfile cannot write one)."""
    data = bytearray(zip_bytes({"perceptron.py": b"x = 1\n"}))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        data[data.index(signature) + offset] |= 0x1
    return bytes(data)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a zip", "kim.zip is not a zip archive or is damaged (File is not a zip file); zip the files again"),
        (zip_bytes({"../perceptron.py": b""}),
         "kim.zip holds an unsafe path '../perceptron.py' (absolute or with '..'); zip the files with relative paths"),
        (zip_bytes({"/etc/perceptron.py": b""}),
         "kim.zip holds an unsafe path '/etc/perceptron.py' (absolute or with '..'); zip the files with relative "
         "paths"),
        (zip_bytes({"C:/perceptron.py": b""}),
         "kim.zip holds an unsafe path 'C:/perceptron.py' (absolute or with '..'); zip the files with relative paths"),
        (_encrypted(), "kim.zip holds an encrypted member 'perceptron.py'; zip the files without a password"),
        (zip_bytes({"perceptron.py": b"#" * (loaders.MAX_SOURCE_BYTES + 1)}),
         f"kim.zip!perceptron.py is {loaders.MAX_SOURCE_BYTES + 1} bytes; a module may have at most "
         f"{loaders.MAX_SOURCE_BYTES}"),
        (_lying({"perceptron.py": b"x = 1\n" * 20}, 6),
         "kim.zip!perceptron.py cannot be read (Bad CRC-32 for file 'perceptron.py'); zip the files again"),
    ],
)
def test_unreadable_or_unsafe_zips_are_refused(content: bytes, message: str):
    with pytest.raises(SubmissionError) as caught:
        archive.read_zip(content, "kim.zip")
    assert str(caught.value) == message


def test_a_member_holding_more_than_its_header_declares_is_refused(monkeypatch):
    # zipfile stops at the declared size and checks the CRC; this guards the read itself
    # against a reader that would not, by reading one byte past the declared size.
    original = zipfile.ZipFile.open

    def open_ignoring_sizes(self, member, *args, **kwargs):
        stream = original(self, member, *args, **kwargs)
        stream._left = 1 << 20  # as if the stream did not stop at the header's size
        stream._expected_crc = None
        return stream

    monkeypatch.setattr(zipfile.ZipFile, "open", open_ignoring_sizes)
    data = _lying({"perceptron.py": b"x = 1\n" * 20}, 6)
    with pytest.raises(SubmissionError) as caught:
        archive.read_zip(data, "kim.zip")
    assert str(caught.value) == (
        "kim.zip!perceptron.py holds more than the 6 bytes its header declares; zip the files again"
    )


def test_an_archive_over_the_uncompressed_limit_is_refused_from_its_headers(monkeypatch):
    monkeypatch.setattr(archive, "MAX_ARCHIVE_BYTES", 1000)
    content = zip_bytes({"data/big.csv": b"0" * 600, "data/more.csv": b"0" * 600, "perceptron.py": b""})
    with pytest.raises(SubmissionError) as caught:
        archive.read_zip(content, "kim.zip")
    assert str(caught.value) == (
        "kim.zip holds 1200 bytes uncompressed; an archive may hold at most 1000: leave data sets and outputs out of it"
    )


def test_a_zip_file_over_the_limit_is_refused_before_reading(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(archive, "MAX_ARCHIVE_BYTES", 10)
    path = tmp_path / "kim.zip"
    path.write_bytes(zip_bytes({"perceptron.py": b""}))
    with pytest.raises(SubmissionError, match=r"kim.zip is \d+ bytes; an archive may have at most 10$"):
        loaders.load(path)
