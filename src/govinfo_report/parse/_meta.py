"""Metadata from the title and preamble: agency, year, scope and publication date, with confidence.

Each field gets a confidence between 0 and 1 in ``DraftMetadata.confidence``:

* ``agency``: 0.9 from the title; 0.7 from a document property (HTML ``<title>``); 0.4 from the
  preamble's "本报告由…编制" (that names the compiling office, often not the reporting body).
* ``year``: 0.95 from the title, 0.99 when the statistical period agrees; 0.85 from the period
  alone; 0.4 from the first year mentioned in section 一.
* ``scope``: 0.85 for a 人民政府 whose report speaks of 全市/全县/全区…; 0.6 for a 人民政府
  otherwise; 0.8 for any other body (本机关).
* ``format_version``: the share of version-specific labels that agree, 0.95 when all do.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from ..accept import FULLWIDTH
from ..draft import DraftMetadata, DraftSection
from ..findings import SourceRef
from ..narrative import ORDINALS
from ..taxonomy import FormatVersion, Scope
from ._grid import Document, Paragraph

__all__ = ["DATE_LINE", "date_of_line", "read_metadata"]

_CN_DIGITS = str.maketrans("〇○零" + ORDINALS[:9], "000123456789")
_TITLE = re.compile(
    r"^(?P<agency>[^，。；;：:！!？?]{0,60}?)"
    r"(?P<year>(?:19|20)\d{2}|[〇○零一二][〇○零一二三四五六七八九]{3})?\s*年度?"
    r"(?:的)?(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:工作)?报告"
)
_TITLE_YEAR_FIRST = re.compile(
    r"^(?P<year>(?:19|20)\d{2})\s*年度?(?P<agency>[^，。；;：:！!？?\d]{2,60}?)"
    r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:工作)?报告"
)
_TITLE_NO_YEAR = re.compile(
    r"^(?P<agency>[^，。；;：:！!？?\d]{0,60}?)(?:政府信息公开|政务公开|信息公开)(?:工作)?年度报告"
)
_PERIOD = re.compile(
    r"((?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:起\s*)?(?:至|到|—|-|－|～|~)\s*"
    r"(?:((?:19|20)\d{2})\s*年\s*)?12\s*月\s*31\s*日"
)
_ANY_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_COMPILER = re.compile(r"本(?:年度)?报告(?:是)?由\s*(.{2,40}?)\s*(?:根据|依据|按照|依照|编制)")
_WHOLE_AREA = re.compile(r"全(?:省|市|州|盟|县|区|旗|镇|乡|域|街道)")
_CN_NUMBER = f"[〇○零{ORDINALS}]"
DATE_LINE = re.compile(
    rf"^\s*((?:19|20)\d{{2}}|[一二]{_CN_NUMBER}{{3}})\s*年\s*(\d{{1,2}}|{_CN_NUMBER}{{1,3}})\s*月"
    rf"\s*(\d{{1,2}}|{_CN_NUMBER}{{1,3}})\s*日\s*$"
)
"""A line that is a date and nothing else: the 成文日期 that signs a report, in Arabic
(2024年1月17日) or Chinese numerals (二〇二四年一月十七日)."""


def _cn_number(text: str) -> int:
    """A number written in Arabic digits, digit by digit (二〇二四), or with 十 (十七, 二十一)."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return int(text.translate(_CN_DIGITS))
    tens, _, units = text.partition("十")
    return int((tens or "一").translate(_CN_DIGITS)) * 10 + int(
        (units or "〇").translate(_CN_DIGITS)
    )


def date_of_line(text: str) -> dt.date | None:
    """The date a :data:`DATE_LINE` states, or ``None`` (not a date line, or no such day)."""
    match = DATE_LINE.match(text)
    if not match:
        return None
    try:
        return dt.date(*(_cn_number(group) for group in match.groups()))
    except ValueError:
        return None


_MARKUP = re.compile(r"^\s*(?:#{1,6}\s*|>\s*|\*\*|__)|(?:\*\*|__)\s*$")


# A report in the name of a government or of an area (not of one of its bodies).
_AREA_SUFFIXES = (
    *("政府", "省", "自治区", "市", "州", "盟", "县", "区", "旗", "镇", "乡", "街道"),
    *("实验区", "新区", "开发区", "示范区", "管委会"),
)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _clean_agency(agency: str) -> str | None:
    agency = agency.strip().strip("《》“”\"'「」【】[]()（）").strip()
    for junk in ("关于", "的"):
        agency = agency.removesuffix(junk)
    agency = agency.removeprefix("关于")
    if len(agency) < 2 or len(agency) > 50 or any(ch in agency for ch in "|#*<>{}=_\\/"):
        return None
    return agency


def _year(text: str | None) -> int | None:
    if not text:
        return None
    digits = text.translate(_CN_DIGITS)
    if not digits.isdigit():
        return None
    year = int(digits)
    return year if 1990 <= year <= 2100 else None


def _title(front: Sequence[Paragraph]) -> tuple[str | None, int | None, int, int]:
    """Find the title among the first lines: agency, year, first line, lines consumed."""
    lines = [p.text for p in front[:20]]
    for start in range(len(lines)):
        if not lines[start].strip():
            continue
        joined = ""
        ends: list[int] = []
        for line in lines[start : start + 4]:
            joined += _squash(_MARKUP.sub("", line)).translate(FULLWIDTH)
            ends.append(len(joined))
        match = (
            _TITLE.match(joined) or _TITLE_YEAR_FIRST.match(joined) or _TITLE_NO_YEAR.match(joined)
        )
        if match is None:
            continue
        used = next(i for i, end in enumerate(ends) if end >= match.end()) + 1
        agency = _clean_agency(match.group("agency"))
        year = _year(match.groupdict().get("year"))
        return agency, year, start, start + used
    return None, None, 0, 0


def read_metadata(
    document: Document,
    front: Sequence[Paragraph],
    sections: Mapping[str, DraftSection],
    version: FormatVersion | None,
    version_confidence: float,
) -> tuple[DraftMetadata, int]:
    """Read the metadata; return it and the number of front lines the title took."""
    confidence: dict[str, float] = {}
    agency, year, _first, consumed = _title(front)
    if agency:
        confidence["agency"] = 0.9
    if year:
        confidence["year"] = 0.95
    if (agency is None or year is None) and document.title:
        alt_agency, alt_year, _, _ = _title([Paragraph(document.title, SourceRef())])
        if agency is None and alt_agency:
            agency, confidence["agency"] = alt_agency, 0.7
        if year is None and alt_year:
            year, confidence["year"] = alt_year, 0.7
    preamble = "\n".join(p.text for p in front[consumed:])
    overview = sections["overview"].text if "overview" in sections else ""
    period = _PERIOD.search(preamble) or _PERIOD.search(overview)
    if period:
        period_year = int(period.group(1))
        if year is None:
            year, confidence["year"] = period_year, 0.85
        elif year == period_year:
            confidence["year"] = 0.99
        else:
            confidence["year"] = 0.6
    if year is None:
        match = _ANY_YEAR.search(overview)
        if match:
            year, confidence["year"] = int(match.group(1)), 0.4
    if agency is None:
        match = _COMPILER.search(_squash(preamble))
        if match:
            agency, confidence["agency"] = _clean_agency(match.group(1)), 0.4
            if agency is None:
                del confidence["agency"]
    scope: Scope | None = None
    if agency:
        if agency.endswith(_AREA_SUFFIXES) and "办公" not in agency[-8:]:
            if _WHOLE_AREA.search(preamble + overview):
                scope, confidence["scope"] = Scope.JURISDICTION, 0.85
            else:
                scope, confidence["scope"] = Scope.JURISDICTION, 0.6
        else:
            scope, confidence["scope"] = Scope.AGENCY_ONLY, 0.8
    if version is not None:
        confidence["format_version"] = version_confidence
    published = _published(document)
    if published:
        confidence["published"] = 0.7
    return (
        DraftMetadata(
            agency=agency,
            year=year,
            format_version=version,
            scope=scope,
            published=published,
            confidence=confidence,
        ),
        consumed,
    )


def _published(document: Document) -> dt.date | None:
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph) and b.text.strip()]
    for para in reversed(paragraphs[-6:]):
        if DATE_LINE.match(para.text):
            return date_of_line(para.text)
    return None
