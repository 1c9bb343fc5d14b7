"""PDF through LibreOffice headless: the rendered .docx converted with free fonts aliased in.

Official documents name fonts free systems lack (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体).
Each run writes a fontconfig file into a temporary folder that maps them to free CJK fonts
(Fandol when installed, else Noto CJK and AR PL, from Debian's ``fonts-noto-cjk``,
``fonts-arphic-ukai`` and ``fonts-arphic-uming``) and passes it to LibreOffice through
``FONTCONFIG_FILE``, with a private LibreOffice profile so that parallel runs never collide. A
batch converts many files per LibreOffice start; a run past its time limit
(:attr:`~govinfo_report.limits.Limits.pdf_seconds_per_file` per file) is killed with its whole
process group, and no PDF is written unless it is complete (each is written atomically).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import LimitExceeded, RenderError
from ..io import atomic_write, run_child
from ..limits import Limits, default_limits
from ._output import require_folder

__all__ = ["FONT_ALIASES", "OfficeMissingError", "docx_to_pdf", "find_office", "fontconfig_text"]

_SERIF = ("FandolFang", "Noto Serif CJK SC", "AR PL UMing CN")
_SONG = ("FandolSong", "Noto Serif CJK SC", "AR PL UMing CN")
_HEI = ("FandolHei", "Noto Sans CJK SC")
_KAI = ("FandolKai", "AR PL UKai CN")

FONT_ALIASES: dict[str, tuple[str, ...]] = {
    "仿宋_GB2312": _SERIF,
    "仿宋": _SERIF,
    "FangSong": _SERIF,
    "宋体": _SONG,
    "SimSun": _SONG,
    "黑体": _HEI,
    "SimHei": _HEI,
    "楷体_GB2312": _KAI,
    "楷体": _KAI,
    "KaiTi": _KAI,
}
"""Font family named in the document → the free families used instead, in order of preference.

>>> FONT_ALIASES["黑体"]
('FandolHei', 'Noto Sans CJK SC')
"""

# 方正小标宋简体 is a heavy Song: a bold serif.
_TITLE_FONT = ("方正小标宋简体", ("FandolSong", "Noto Serif CJK SC"))
_SYSTEM_CONF = "/etc/fonts/fonts.conf"
_EXPORT_NOTES = ':{"ExportNotes":{"type":"boolean","value":"true"}}'


class OfficeMissingError(RenderError):
    """LibreOffice (``soffice``) is not installed, or the executable given does not exist.

    Examples:
        >>> from govinfo_report.render import OfficeMissingError, docx_to_pdf
        >>> try:
        ...     docx_to_pdf([], [], office="/no/such/soffice")
        ... except OfficeMissingError as exc:
        ...     print("/no/such/soffice" in str(exc))
        True
    """


def fontconfig_text(cache: str | os.PathLike[str]) -> str:
    """A fontconfig file with the aliases of :data:`FONT_ALIASES` and the system fonts.

    >>> "<family>仿宋_GB2312</family>" in fontconfig_text("/tmp/cache")
    True
    """
    lines = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
        "<fontconfig>",
        f'  <include ignore_missing="yes">{_SYSTEM_CONF}</include>',
    ]
    for family, free in FONT_ALIASES.items():
        prefer = "".join(f"<family>{f}</family>" for f in free)
        lines.append(
            f'  <alias binding="strong"><family>{family}</family><prefer>{prefer}</prefer></alias>'
        )
    title, free = _TITLE_FONT
    edits = "".join(f"<string>{f}</string>" for f in free)
    lines += [
        '  <match target="pattern">',
        f'    <test name="family"><string>{title}</string></test>',
        f'    <edit name="family" mode="prepend" binding="strong">{edits}</edit>',
        '    <edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>',
        "  </match>",
        f"  <cachedir>{os.fspath(cache)}</cachedir>",
        "</fontconfig>",
        "",
    ]
    return "\n".join(lines)


def find_office(office: str | os.PathLike[str] | None = None) -> str:
    """The LibreOffice executable: ``office`` if given, else ``soffice`` or ``libreoffice``.

    Raises:
        OfficeMissingError: naming the tool and how to install it.

    Examples:
        >>> find_office()  # doctest: +SKIP
        '/usr/bin/soffice'
        >>> find_office("/no/such/soffice")  # doctest: +IGNORE_EXCEPTION_DETAIL
        Traceback (most recent call last):
        govinfo_report.render._pdf.OfficeMissingError: ...
    """
    if office is not None:
        found = shutil.which(os.fspath(office))
    else:
        found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        what = os.fspath(office) if office is not None else "soffice"
        raise OfficeMissingError(
            f"找不到 LibreOffice（{what}），无法生成 PDF；请安装 LibreOffice "
            f"（Debian: apt-get install libreoffice-writer-nogui fonts-noto-cjk）/ "
            f"LibreOffice ({what}) is not installed, so no PDF can be made: install it "
            "(Debian: apt-get install libreoffice-writer-nogui fonts-noto-cjk)"
        )
    return found


def _run(command: list[str], env: dict[str, str], timeout: float, where: str) -> str:
    """Run LibreOffice; past the time limit it is killed with its children, and this raises."""
    run = run_child(command, timeout=timeout, env=env, merge_errors=True)
    if run.code is None:
        raise LimitExceeded("pdf_seconds_per_file", timeout, round(run.seconds, 1), where=where)
    return run.output.decode("utf-8", "replace")


def docx_to_pdf(
    sources: Sequence[str | os.PathLike[str]],
    outputs: Sequence[str | os.PathLike[str]],
    *,
    office: str | os.PathLike[str] | None = None,
    limits: Limits | None = None,
    comments: bool = False,
) -> list[str | None]:
    """Convert Word files to PDF with one LibreOffice start; write each PDF atomically.

    Args:
        sources: the .docx files.
        outputs: the PDF to write for each source (parallel to ``sources``).
        office: the LibreOffice executable (found on ``PATH`` when ``None``).
        limits: the limits (``pdf_seconds_per_file``); the process defaults when ``None``.
        comments: export Word comments (批注) as PDF notes (a review copy, not for publishing).

    Returns:
        For each source, ``None`` if its PDF was written, else what went wrong.

    Raises:
        OfficeMissingError: if LibreOffice is not installed.
        LimitExceeded: if LibreOffice takes longer than the limit (it is killed; nothing of the
            batch is written).
        RenderError: if an output folder does not exist.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> from govinfo_report.render import docx_to_pdf
        >>> pdf = Path(tempfile.mkdtemp()) / "blank.pdf"
        >>> docx_to_pdf(["tests/samples/blank-template-2021.docx"], [pdf])  # doctest: +SKIP
        [None]
    """
    if len(sources) != len(outputs):
        raise ValueError("sources and outputs differ in length")
    executable = find_office(office)
    targets = [Path(p) for p in outputs]
    for target in targets:
        require_folder(target.parent)
    if not sources:
        return []
    bound = (limits or default_limits()).pdf_seconds_per_file * len(sources)
    errors: list[str | None] = []
    with tempfile.TemporaryDirectory(prefix="govinfo-pdf-") as temp:
        folder = Path(temp)
        (folder / "in").mkdir()
        (folder / "out").mkdir()
        conf = folder / "fonts.conf"
        conf.write_text(fontconfig_text(folder / "cache"), encoding="utf-8")
        # Numbered copies: no two sources share a name, and no name reads as an option.
        copies = []
        for n, source in enumerate(sources):
            copy = folder / "in" / f"{n}.docx"
            shutil.copyfile(source, copy)
            copies.append(copy)
        env = dict(os.environ, FONTCONFIG_FILE=str(conf), HOME=str(folder))
        command = [
            executable,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--convert-to",
            "pdf:writer_pdf_Export" + (_EXPORT_NOTES if comments else ""),
            "--outdir",
            str(folder / "out"),
            *map(str, copies),
        ]
        where = os.fspath(sources[0]) if len(sources) == 1 else f"{len(sources)} files"
        log = _run(command, env, bound, where)
        for n, (source, target) in enumerate(zip(sources, targets, strict=True)):
            produced = folder / "out" / f"{n}.pdf"
            data = produced.read_bytes() if produced.is_file() else b""
            if not data.startswith(b"%PDF") or b"%%EOF" not in data[-1024:]:
                tail = log.strip().splitlines()[-3:]
                errors.append(
                    f"LibreOffice 未能转换 / LibreOffice could not convert {os.fspath(source)}"
                    + (f": {' '.join(tail)}" if tail else "")
                )
                continue
            atomic_write(target, data)
            errors.append(None)
    return errors
