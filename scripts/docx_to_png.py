"""Convert a .docx to PDF (LibreOffice headless) and to one PNG per page (pdftoppm).

Usage: ``python scripts/docx_to_png.py REPORT.docx [--outdir DIR] [--dpi 80]``. Writes
``REPORT.pdf`` and ``REPORT-1.png``, ``REPORT-2.png``... next to the input (or in ``--outdir``).

Official documents name fonts free systems lack (仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体). A
fontconfig file written to a temporary folder maps them to free CJK fonts (Fandol from
texlive-lang-chinese when installed, else Noto CJK and AR PL, from Debian's fonts-noto-cjk,
fonts-arphic-ukai and fonts-arphic-uming) and is passed to LibreOffice through FONTCONFIG_FILE,
with a throw-away LibreOffice profile so that parallel runs do not collide.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Family named in the document → free families to use instead, in order of preference.
FONT_ALIASES: dict[str, tuple[str, ...]] = {
    "仿宋_GB2312": ("FandolFang", "Noto Serif CJK SC", "AR PL UMing CN"),
    "仿宋": ("FandolFang", "Noto Serif CJK SC", "AR PL UMing CN"),
    "FangSong": ("FandolFang", "Noto Serif CJK SC", "AR PL UMing CN"),
    "宋体": ("FandolSong", "Noto Serif CJK SC", "AR PL UMing CN"),
    "SimSun": ("FandolSong", "Noto Serif CJK SC", "AR PL UMing CN"),
    "黑体": ("FandolHei", "Noto Sans CJK SC"),
    "SimHei": ("FandolHei", "Noto Sans CJK SC"),
    "楷体_GB2312": ("FandolKai", "AR PL UKai CN"),
    "楷体": ("FandolKai", "AR PL UKai CN"),
    "KaiTi": ("FandolKai", "AR PL UKai CN"),
}
# 方正小标宋简体 is a heavy Song: a bold serif.
TITLE_FONT = ("方正小标宋简体", ("FandolSong", "Noto Serif CJK SC"))

SYSTEM_CONF = "/etc/fonts/fonts.conf"


def fontconfig(folder: Path) -> Path:
    """Write the fontconfig file with the aliases into ``folder``; return its path."""
    aliases = []
    for family, free in FONT_ALIASES.items():
        prefer = "".join(f"<family>{f}</family>" for f in free)
        aliases.append(
            f'  <alias binding="strong"><family>{family}</family><prefer>{prefer}</prefer></alias>'
        )
    title, free = TITLE_FONT
    edits = "".join(f"<string>{f}</string>" for f in free)
    text = "\n".join(
        [
            '<?xml version="1.0"?>',
            '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
            "<fontconfig>",
            f'  <include ignore_missing="yes">{SYSTEM_CONF}</include>',
            *aliases,
            '  <match target="pattern">',
            f'    <test name="family"><string>{title}</string></test>',
            f'    <edit name="family" mode="prepend" binding="strong">{edits}</edit>',
            '    <edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>',
            "  </match>",
            f"  <cachedir>{folder / 'cache'}</cachedir>",
            "</fontconfig>",
            "",
        ]
    )
    path = folder / "fonts.conf"
    path.write_text(text, encoding="utf-8")
    return path


def soffice() -> str | None:
    """The LibreOffice executable, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: Path, outdir: Path, timeout: float = 180) -> Path:
    """Convert ``docx`` to ``outdir/<stem>.pdf`` with LibreOffice headless; return the PDF.

    Raises:
        RuntimeError: if LibreOffice is missing or the conversion fails.
    """
    office = soffice()
    if office is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="govinfo-lo-") as temp:
        folder = Path(temp)
        env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig(folder)))
        profile = (folder / "profile").as_uri()
        done = subprocess.run(
            [
                office,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(docx),
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    pdf = outdir / f"{docx.stem}.pdf"
    if done.returncode != 0 or not pdf.exists():
        raise RuntimeError(f"LibreOffice failed ({done.returncode}): {done.stderr or done.stdout}")
    return pdf


def to_png(pdf: Path, outdir: Path, dpi: int = 80) -> list[Path]:
    """Render every page of ``pdf`` to ``outdir/<stem>-N.png`` with pdftoppm; return them."""
    if shutil.which("pdftoppm") is None:
        raise RuntimeError("pdftoppm (poppler-utils) is not installed")
    prefix = outdir / pdf.stem
    for old in outdir.glob(f"{pdf.stem}-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)],
        check=True,
        capture_output=True,
    )
    return sorted(outdir.glob(f"{pdf.stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def main(argv: list[str] | None = None) -> int:
    """Convert the .docx given on the command line; print where the PDF and PNGs went."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("docx", type=Path, help="the .docx to convert")
    parser.add_argument("--outdir", type=Path, help="where to write (default: beside the input)")
    parser.add_argument("--dpi", type=int, default=80, help="PNG resolution (default 80)")
    args = parser.parse_args(argv)
    if not args.docx.is_file():
        print(f"error: no such file: {args.docx}", file=sys.stderr)
        return 2
    outdir = args.outdir or args.docx.parent
    try:
        pdf = to_pdf(args.docx, outdir)
        pages = to_png(pdf, outdir, args.dpi)
    except (RuntimeError, subprocess.SubprocessError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"PDF: {pdf}")
    print(f"PNG: {len(pages)} page(s): {', '.join(p.name for p in pages)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
