"""Roll-up (汇总): add reports up into a jurisdiction total, and check a published total.

The sum walks the taxonomy's cells: every count and amount is added exactly, the totals the
model derives (row 总计, （七）总计, table 四 总计) are left to the model, and the result is built
as a strict :class:`~govinfo_report.model.AnnualReport`, so it is checked like any report.
"""

from __future__ import annotations

import csv
import enum
import io
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path

import attrs

from .. import taxonomy as tx
from ..errors import InvariantViolation, Problem
from ..model import AnnualReport, Metadata, OtherMatters, Overview, from_values
from ..taxonomy import FormatVersion, Scope
from ..validate import validate
from ._common import ERROR_CODES, CollectionError, Number, derived_cells
from .texts import PREAMBLE

__all__ = [
    "CellDifference",
    "Rollup",
    "RollupCheck",
    "Roster",
    "Source",
    "Verdict",
    "check_rollup",
    "rollup",
    "rollup_tree",
]


@attrs.frozen
class Source:
    """One report added into a roll-up: who, which scope and year, and its file when known.

    Examples:
        >>> Source("某县司法局", Scope.AGENCY_ONLY, 2024, FormatVersion.V2021).agency
        '某县司法局'
    """

    agency: str
    scope: Scope
    year: int
    format_version: FormatVersion
    file: str | None = None


@attrs.frozen
class Roster:
    """The bodies a supervisor expects, one a line, each optionally with its parent body.

    A text file lists one body a line; a CSV file may give a second column, the parent body
    (the government whose total holds it), so that :func:`rollup_tree` can follow the hierarchy.
    Blank lines and lines starting with ``#`` are ignored.

    Examples:
        >>> roster = Roster.from_text("某县人民政府\\n某县司法局,某县人民政府\\n")
        >>> roster.bodies
        ('某县人民政府', '某县司法局')
        >>> roster.children("某县人民政府")
        ('某县司法局',)
    """

    bodies: tuple[str, ...]
    parents: Mapping[str, str | None] = attrs.field(factory=dict)

    @classmethod
    def from_text(cls, text: str) -> Roster:
        """A roster from its text (one body a line, ``body,parent`` in CSV)."""
        bodies: list[str] = []
        parents: dict[str, str | None] = {}
        for row in csv.reader(io.StringIO(text.replace("，", ","))):
            cells = [c.strip() for c in row]
            if not cells or not cells[0] or cells[0].startswith("#"):
                continue
            name = cells[0].lstrip("\ufeff")
            if not bodies and name in _ROSTER_HEADERS:
                continue
            if name not in parents:
                bodies.append(name)
            parents[name] = cells[1] if len(cells) > 1 and cells[1] else None
        return cls(tuple(bodies), parents)

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> Roster:
        """Read a roster file (UTF-8, with or without a byte-order mark).

        Raises:
            CollectionError: for a file that is not UTF-8 text.
            OSError: when the file cannot be opened.

        Examples:
            >>> Roster.read("examples/county/roster.csv").parents["示例县司法局"]
            '示例县人民政府'
        """
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CollectionError(
                "无法读取名单 / cannot read the roster",
                [Problem(str(path), f"不是 UTF-8 文本 / not UTF-8 text ({exc.reason})")],
            ) from None
        return cls.from_text(text)

    def children(self, body: str) -> tuple[str, ...]:
        """The bodies whose parent is ``body``, in roster order."""
        return tuple(b for b in self.bodies if self.parents.get(b) == body)

    def nested(self, root: str) -> bool:
        """Whether the roster has bodies below ``root``'s children (a roll-up of roll-ups).

        Examples:
            >>> Roster.from_text("县\\n镇,县\\n村,镇\\n").nested("县")
            True
        """
        return any(parent not in (None, root) for parent in self.parents.values())

    def subtree(self, body: str) -> tuple[str, ...]:
        """``body`` and every body below it, in roster order."""
        below = {body}
        changed = True
        while changed:
            changed = False
            for b in self.bodies:
                if b not in below and self.parents.get(b) in below:
                    below.add(b)
                    changed = True
        return tuple(b for b in self.bodies if b in below)


_ROSTER_HEADERS = frozenset({"报告主体", "单位", "单位名称", "body", "agency", "name"})


@attrs.frozen
class Rollup:
    """The sum of several reports, with who was added and each body's share of every cell.

    Attributes:
        report: the total, a valid :class:`~govinfo_report.model.AnnualReport`.
        sources: the reports added, in input order (a roll-up given as input is flattened).
        contributions: for each cell id, each source's value, in the order of ``sources``.
        fees: each source's 信息处理费 (元), None where it states none; the total's is their sum.
        warnings: what may be wrong without making the total wrong (Chinese / English).
        missing: bodies on the roster with no report among the inputs.
        unexpected: bodies among the inputs that the roster does not list.

    Examples:
        >>> import govinfo_report as gr
        >>> parts = [gr.load("examples/county/2024/office.yaml"),
        ...          gr.load("examples/county/2024/justice.yaml")]
        >>> total = rollup(parts, agency="示例县人民政府")
        >>> total.provenance("requests.new_requests.total")
        (('示例县人民政府办公室', 60), ('示例县司法局', 21))
        >>> total.report.requests.new_requests.total
        81
    """

    report: AnnualReport
    sources: tuple[Source, ...]
    contributions: Mapping[str, tuple[Number, ...]]
    fees: tuple[Decimal | None, ...] = ()
    warnings: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    unexpected: tuple[str, ...] = ()

    def provenance(self, cell_id: str) -> tuple[tuple[str, Number], ...]:
        """Each body's value of one cell, ``((agency, value), ...)`` in input order.

        Raises:
            KeyError: if the report's format has no such cell.
        """
        values = self.contributions[cell_id]
        return tuple((s.agency, v) for s, v in zip(self.sources, values, strict=True))

    def provenance_csv(self) -> str:
        """The sheet a supervisor keeps: one row per cell (id, label path, total), one column
        per body.
        """
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "项目 / labels", "合计 / total", *(s.agency for s in self.sources)])
        totals = self.report.values()
        for spec in tx.cell_specs(self.report.format_version):
            row = [spec.id, " / ".join(spec.labels), str(totals[spec.id])]
            writer.writerow(row + [str(v) for v in self.contributions[spec.id]])
        return out.getvalue()


def _flatten(
    parts: Sequence[AnnualReport | Rollup], files: Sequence[str | None] | None
) -> tuple[
    list[Source], list[dict[str, Number]], list[Decimal | None], list[tuple[AnnualReport, Source]]
]:
    sources: list[Source] = []
    columns: list[dict[str, Number]] = []
    fees: list[Decimal | None] = []
    plain: list[tuple[AnnualReport, Source]] = []
    for n, part in enumerate(parts):
        if isinstance(part, Rollup):
            sources += part.sources
            fees += part.fees
            for i in range(len(part.sources)):
                columns.append({cell: values[i] for cell, values in part.contributions.items()})
            continue
        if not isinstance(part, AnnualReport):
            raise TypeError(f"rollup() takes reports or roll-ups, not {type(part).__name__}")
        meta = part.metadata
        file = files[n] if files is not None and n < len(files) else None
        source = Source(meta.agency, meta.scope, meta.year, meta.format_version, file)
        sources.append(source)
        columns.append(part.values())
        fees.append(part.other_matters.info_processing_fee_yuan)
        plain.append((part, source))
    return sources, columns, fees, plain


# The row whose shape differs between the formats, named in the refusal.
_OTHER_HANDLING = next(
    n.label for n in tx.request_rows(FormatVersion.V2021) if n.key == "other_handling"
)


_FIELDS = {node.key: node for node in tx.METADATA_FIELDS}

# What every part of a total must share: the field, how a source shows it, a note on why.
_MUST_AGREE: tuple[tuple[tx.Node, Callable[[Source], int | str], str], ...] = (
    (_FIELDS["year"], lambda s: s.year, ""),
    (
        _FIELDS["format_version"],
        lambda s: s.format_version.value,
        f"；两种格式的{_OTHER_HANDLING}不同",
    ),
)


def _name(source: Source) -> str:
    return f"{source.file}（{source.agency}）" if source.file else source.agency


def _refusals(
    sources: list[Source], plain: list[tuple[AnnualReport, Source]], checked: bool
) -> tuple[list[Problem], list[str]]:
    problems: list[Problem] = []
    warnings: list[str] = []
    if not sources:
        problems.append(Problem("$", "没有要汇总的报告 / no report to add up"))
        return problems, warnings
    for field, of, note in _MUST_AGREE:
        distinct = sorted({of(s) for s in sources})
        if len(distinct) > 1:
            listing = "；".join(f"{_name(s)}: {of(s)}" for s in sources)
            problems.append(
                Problem(
                    tx.cell_id("metadata", field),
                    f"{field.label}不同，不能相加（{listing}{note}） / different "
                    f"{field.english.lower()}s {distinct} cannot be added",
                )
            )
    seen: dict[str, Source] = {}
    for s in sources:
        if s.agency in seen:
            problems.append(
                Problem(
                    "metadata.agency",
                    f"同一报告主体出现两次：{_name(seen[s.agency])}、{_name(s)} / the same body "
                    f"twice: {s.agency}",
                )
            )
        seen.setdefault(s.agency, s)
    if checked:
        for report, source in plain:
            for finding in validate(report, select=ERROR_CODES).errors:
                problems.append(
                    Problem(
                        _name(source),
                        f"未通过校验，不能汇总 / does not validate: {finding.message_zh} / "
                        f"{finding.message_en}",
                    )
                )
    for _, source in plain:
        if source.scope is Scope.JURISDICTION:
            label = tx.SCOPE_LABELS[Scope.JURISDICTION]
            warnings.append(
                f"{_name(source)} 是{label}报告，可能重复计算（其总数已含其下属单位） / "
                f"{source.agency} is a jurisdiction-wide report: likely double counting"
            )
    return problems, warnings


def _roster_check(
    roster: Roster | None, sources: list[Source], agency: str
) -> tuple[list[str], list[str]]:
    """Who is missing and who is unexpected; the total's own name is the total, not a part."""
    if roster is None:
        return [], []
    present = {s.agency for s in sources}
    expected = set(roster.bodies)
    missing = [b for b in roster.bodies if b not in present and b != agency]
    unexpected = [s.agency for s in sources if s.agency not in expected]
    return missing, unexpected


def rollup(
    parts: Iterable[AnnualReport | Rollup],
    *,
    agency: str,
    scope: Scope | str = Scope.JURISDICTION,
    roster: Roster | None = None,
    files: Sequence[str | None] | None = None,
    check_inputs: bool = True,
) -> Rollup:
    """Add reports up, cell by cell, into one report for ``agency``.

    Args:
        parts: the reports to add (the government's own 本级 report, its departments, townships
            and sub-districts), or roll-ups of them (their bodies are taken one by one).
        agency: the body the total is for (e.g. 某县人民政府).
        scope: the total's scope, 全域 (``jurisdiction``) unless told otherwise.
        roster: the bodies expected: the result names the missing and the unexpected ones.
        files: the file each part was read from, parallel to ``parts``, for messages.
        check_inputs: validate every input report first (error rules only). Leave on: a wrong
            input makes a wrong total.

    Returns:
        The :class:`Rollup`: the total report (narrative empty but for the preamble and the
        generated 依申请公开 paragraph), the sources and each body's share of every cell.

    Raises:
        CollectionError: listing every reason the parts cannot be added: different years or
            format versions, the same body twice, an input with error findings, no input.

    Examples:
        >>> import govinfo_report as gr
        >>> office = gr.load("examples/county/2024/office.yaml")
        >>> rollup([office, office], agency="示例县人民政府")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        govinfo_report.collect._common.CollectionError: 汇总被拒绝 / roll-up refused：1 处问题 ...
    """
    parts = list(parts)
    sources, columns, fees, plain = _flatten(parts, files)
    problems, warnings = _refusals(sources, plain, check_inputs)
    if problems:
        raise CollectionError("汇总被拒绝 / roll-up refused", problems)
    version = sources[0].format_version
    year = sources[0].year
    derived = derived_cells(version)
    contributions: dict[str, tuple[Number, ...]] = {}
    totals: dict[str, Number] = {}
    for spec in tx.cell_specs(version):
        values = tuple(column[spec.id] for column in columns)
        contributions[spec.id] = values
        if spec.id not in derived:
            total: Number = 0
            for value in values:
                total += value
            totals[spec.id] = total
    known = [fee for fee in fees if fee is not None]
    fee_total: Decimal | None = sum(known, Decimal(0)) if known else None
    try:
        report = from_values(
            totals,
            metadata=Metadata(agency=agency, year=year, format_version=version, scope=scope),
            preamble=PREAMBLE.format(year=year, count=len(sources)),
            other_matters=OtherMatters(info_processing_fee_yuan=fee_total),
        )
    except InvariantViolation as exc:  # only a sum past the cell bound can fail here
        raise CollectionError(
            "汇总被拒绝 / roll-up refused",
            [Problem(f.path or "$", f.message_zh + " / " + f.message_en) for f in exc.findings],
        ) from None
    from .narrate import narrate

    report = attrs.evolve(report, overview=Overview(on_request=narrate(report).text))
    missing, unexpected = _roster_check(roster, sources, agency)
    return Rollup(
        report=report,
        sources=tuple(sources),
        contributions=contributions,
        fees=tuple(fees),
        warnings=tuple(warnings),
        missing=tuple(missing),
        unexpected=tuple(unexpected),
    )


def rollup_tree(
    reports: Iterable[AnnualReport],
    roster: Roster,
    root: str,
    *,
    scope: Scope | str = Scope.JURISDICTION,
) -> Rollup:
    """Roll up following the roster's hierarchy: each body's total holds its own report and
    the totals of the bodies below it.

    Reports of bodies outside ``root``'s part of the roster are added at the top and named in
    ``unexpected``; a body given twice is refused, as by :func:`rollup`.

    Examples:
        >>> import attrs, govinfo_report as gr
        >>> roster = Roster.from_text("县\\n局,县\\n镇,县\\n村,镇\\n")
        >>> base = gr.load("examples/county/2024/justice.yaml")
        >>> def named(name):
        ...     return attrs.evolve(base, metadata=attrs.evolve(base.metadata, agency=name))
        >>> tree = rollup_tree([named(n) for n in ("县", "局", "镇", "村")], roster, "县")
        >>> [s.agency for s in tree.sources]
        ['县', '局', '镇', '村']
    """
    reports = list(reports)
    by_agency: dict[str, int] = {}
    for n, report in enumerate(reports):
        by_agency.setdefault(report.metadata.agency, n)
    used: set[int] = set()

    def parts_of(body: str) -> list[AnnualReport | Rollup]:
        parts: list[AnnualReport | Rollup] = []
        own = by_agency.get(body)
        if own is not None:
            used.add(own)
            parts.append(reports[own])
        for child in roster.children(body):
            below = parts_of(child)
            if len(below) == 1:
                parts += below
            elif below:
                parts.append(
                    rollup(
                        below, agency=child, roster=Roster(roster.subtree(child), roster.parents)
                    )
                )
        return parts

    parts = parts_of(root)
    parts += [r for n, r in enumerate(reports) if n not in used]
    return rollup(
        parts, agency=root, scope=scope, roster=Roster(roster.subtree(root), roster.parents)
    )


class Verdict(enum.StrEnum):
    """How a published total compares with the sum of its parts.

    Examples:
        >>> Verdict("uncertain") is Verdict.UNCERTAIN
        True
    """

    MATCHES = "matches"
    DIFFERS = "differs"
    UNCERTAIN = "uncertain"  # it differs, but parts are missing: the sum is not the whole


@attrs.frozen
class CellDifference:
    """A cell where a published total and the sum of its parts differ.

    Examples:
        >>> d = CellDifference("requests.new_requests.total", ("一", "总计"), 30, 21, ())
        >>> d.difference
        9
    """

    id: str
    labels: tuple[str, ...]
    published: Number
    summed: Number
    contributions: tuple[tuple[str, Number], ...]

    @property
    def difference(self) -> Number:
        """Published minus summed."""
        return self.published - self.summed


@attrs.frozen
class RollupCheck:
    """The verdict on a published total, its differing cells, and the bodies missing.

    Examples:
        >>> RollupCheck(Verdict.MATCHES, (), (), None).verdict.value
        'matches'
    """

    verdict: Verdict
    differences: tuple[CellDifference, ...]
    missing: tuple[str, ...]
    total: Rollup | None

    @property
    def text(self) -> str:
        """The result for a person: verdict, then each differing cell with each body's share."""
        verdicts = {
            Verdict.MATCHES: "一致 / the total matches the sum of its parts",
            Verdict.DIFFERS: "不一致 / the total differs from the sum of its parts",
            Verdict.UNCERTAIN: "无法确定：缺少部分单位的报告 / uncertain: parts are missing",
        }
        lines = [f"结论 / verdict: {verdicts[self.verdict]}"]
        if self.missing:
            lines.append(f"缺少 / missing: {'、'.join(self.missing)}")
        for d in self.differences:
            shares = "，".join(f"{a} {v}" for a, v in d.contributions)
            lines.append(
                f"  {' / '.join(d.labels)}: 公布 {d.published}，各单位合计 {d.summed}，"
                f"差 {d.difference}（{shares}）"
            )
        return "\n".join(lines)


def check_rollup(
    parent: AnnualReport,
    parts: Iterable[AnnualReport | Rollup],
    *,
    roster: Roster | None = None,
    files: Sequence[str | None] | None = None,
) -> RollupCheck:
    """Compare a published jurisdiction report with the sum of its parts, cell by cell.

    Missing parts (bodies on the roster without a report) make a difference "uncertain", not
    "wrong": the sum is not the whole.

    Raises:
        CollectionError: if the parts cannot be added, or differ from the parent in year or
            format version.

    Examples:
        >>> import govinfo_report as gr
        >>> parts = [gr.load(f"examples/county/2024/{n}.yaml") for n in ("office", "justice")]
        >>> total = rollup(parts, agency="示例县人民政府").report
        >>> check_rollup(total, parts).verdict.value
        'matches'
    """
    total = rollup(parts, agency=parent.metadata.agency, roster=roster, files=files)
    first = total.sources[0]
    problems = []
    if parent.metadata.year != first.year:
        problems.append(
            Problem(
                "metadata.year",
                f"公布的总数为 {parent.metadata.year} 年度，各单位为 {first.year} 年度 / "
                f"the total is for {parent.metadata.year}, the parts for {first.year}",
            )
        )
    if parent.format_version is not first.format_version:
        problems.append(
            Problem(
                "metadata.format_version",
                f"格式版本不同（{parent.format_version.value} 与 {first.format_version.value}） / "
                "different format versions",
            )
        )
    if problems:
        raise CollectionError("无法核对 / cannot check the total", problems)
    summed = total.report.values()
    differences = []
    for spec in tx.cell_specs(parent.format_version):
        published = parent.cell(spec.id)
        if published != summed[spec.id]:
            differences.append(
                CellDifference(
                    spec.id, spec.labels, published, summed[spec.id], total.provenance(spec.id)
                )
            )
    if not differences:
        verdict = Verdict.MATCHES
    elif total.missing:
        verdict = Verdict.UNCERTAIN
    else:
        verdict = Verdict.DIFFERS
    return RollupCheck(verdict, tuple(differences), total.missing, total)
