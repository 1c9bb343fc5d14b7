"""The .docx writer: a zip written by hand, the same report always giving the same bytes.

Members keep the template's order and a fixed time stamp (1980-01-01 00:00); a member that never
changes is compressed once, when the template is compiled, and its record kept in memory, so a
render compresses only the parts it produced.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Mapping, Sequence

__all__ = ["Member", "write_zip"]

# Zip records (APPNOTE 4.3.7, 4.3.12, 4.3.16) with a fixed time stamp: 1980-01-01 00:00.
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_DOS_TIME, _DOS_DATE = 0, (1 << 5) | 1
_DEFLATED = 8
_UTF8_NAME = 0x800


def _compress(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


class Member:
    """One zip member: its name, and its local record when it never changes.

    Examples:
        >>> member = Member("word/styles.xml", b"<w:styles/>")
        >>> member.record[0][:4], member.record[3]
        (b'PK\\x03\\x04', 11)
        >>> Member("word/document.xml", None).record is None
        True
    """

    __slots__ = ("flags", "name", "record")

    def __init__(self, name: str, data: bytes | None) -> None:
        self.name = name.encode("utf-8")
        self.flags = 0 if name.isascii() else _UTF8_NAME
        self.record: tuple[bytes, int, int, int] | None = None
        if data is not None:
            self.record = self.pack(data)

    def pack(self, data: bytes) -> tuple[bytes, int, int, int]:
        """The local header and compressed data of ``data``, its CRC and both sizes."""
        packed = _compress(data)
        crc, size, csize = zlib.crc32(data), len(data), len(packed)
        header = _LOCAL.pack(
            0x04034B50, 20, self.flags, _DEFLATED, _DOS_TIME, _DOS_DATE,
            crc, csize, size, len(self.name), 0,
        )  # fmt: skip
        return header + self.name + packed, crc, csize, size

    def central(self, crc: int, csize: int, size: int, offset: int) -> bytes:
        """The central directory entry of the member."""
        header = _CENTRAL.pack(
            0x02014B50, 20, 20, self.flags, _DEFLATED, _DOS_TIME, _DOS_DATE,
            crc, csize, size, len(self.name), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        return header + self.name


def write_zip(members: Sequence[Member], rendered: Mapping[int, bytes]) -> bytes:
    """The zip of ``members`` in order; ``rendered[i]`` is the data of member ``i`` when it
    has no record of its own (a part produced by this render).

    Examples:
        >>> import io, zipfile
        >>> members = [Member("a.xml", b"<a/>"), Member("b.xml", None)]
        >>> data = write_zip(members, {1: b"<b/>"})
        >>> archive = zipfile.ZipFile(io.BytesIO(data))
        >>> [(i.filename, i.date_time) for i in archive.infolist()]
        [('a.xml', (1980, 1, 1, 0, 0, 0)), ('b.xml', (1980, 1, 1, 0, 0, 0))]
        >>> archive.read("b.xml")
        b'<b/>'
    """
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for index, member in enumerate(members):
        record, crc, csize, size = member.record or member.pack(rendered[index])
        central.append(member.central(crc, csize, size, offset))
        out.append(record)
        offset += len(record)
    directory = b"".join(central)
    end = _END.pack(0x06054B50, 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join([*out, directory, end])
