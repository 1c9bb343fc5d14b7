"""The county supervisor's job (政务公开办), start to finish, on the bundled example county.

示例县 (not a real county) collects the 2024 reports of its government office, seven departments
and two townships (``examples/county/2024``) plus one report that arrived late and is wrong
(``examples/county/incoming``). The job:

1. validate every report and write a summary page (invalid first);
2. add up the valid ones into the county-wide total, with the provenance sheet, and say which
   bodies on the roster are missing;
3. check the county's published total against the sum of its parts;
4. compare the county with last year (cells, indicators, cross-year findings);
5. write the generated 依申请公开 paragraph, and start next year's form.

Run::

    python examples/supervisor.py               # writes into build/county
    python examples/supervisor.py --out /tmp/x
"""

from __future__ import annotations

import argparse
from pathlib import Path

import govinfo_report as gr
from govinfo_report.collect import (
    Roster,
    SummaryRow,
    check_rollup,
    compare,
    load_report,
    narrate,
    next_year,
    rollup,
    summary_html,
    write_report,
)
from govinfo_report.collect.indicators import show
from govinfo_report.validate import validate

COUNTY = Path(__file__).resolve().parent / "county"
AGENCY = "示例县人民政府"


def run(out: Path) -> dict[str, object]:
    """Do the whole job, writing into ``out``; return the figures it printed."""
    out.mkdir(parents=True, exist_ok=True)
    files = sorted((COUNTY / "2024").glob("*.yaml")) + sorted((COUNTY / "incoming").glob("*.yaml"))

    # 1. Validate every file; a file that cannot be loaded strictly is read leniently.
    rows, valid = [], []
    for path in files:
        lenient = gr.validate.load_lenient(path)
        result = validate(lenient)
        rows.append(SummaryRow.of(str(path.relative_to(COUNTY)), lenient, result))
        if result.valid:
            valid.append(load_report(path))
    gr.atomic_write(out / "summary.html", summary_html(rows))
    invalid = [r.file for r in rows if not r.valid]
    print(f"1. {len(files)} 份报告，{len(invalid)} 份未通过：{'、'.join(invalid)}")

    # 2. Add up the valid ones.
    roster = Roster.read(COUNTY / "roster.csv")
    total = rollup(valid, agency=AGENCY, roster=roster)
    write_report(total.report, out / "county-total-2024.yaml", header=total.report.title)
    gr.atomic_write(out / "provenance.csv", total.provenance_csv().encode("utf-8-sig"))
    new = total.report.requests.new_requests.total
    print(
        f"2. 汇总 {len(total.sources)} 个单位，新收申请 {new} 件；缺少：{'、'.join(total.missing)}"
    )

    # 3. Check the published county total against its parts.
    published = gr.load(COUNTY / "county-2024.yaml")
    check = check_rollup(published, valid, roster=roster)
    print(
        f"3. 已发布的全县数据与各单位合计：{check.verdict.value}，{len(check.differences)} 格不同"
    )

    # 4. Compare with last year.
    last = gr.load(COUNTY / "county-2023.yaml")
    diff = compare(last, published)
    rate = next(i for i in diff.indicators if i.indicator.key == "disclosure_rate")
    print(
        f"4. 公开率 {show(rate.previous)} → {show(rate.current)}；跨年度提示 {len(diff.findings)} 条"
    )

    # 5. The generated paragraph, and next year's form.
    text = narrate(published, previous=last)
    gr.atomic_write(out / "narrative.txt", (text.text + "\n").encode("utf-8"))
    form = next_year(published)
    write_report(form, out / "county-2025-form.yaml", header=f"{form.title}（草稿）")
    print(f"5. 已生成文字 {len(text.text)} 字，并写好 {form.metadata.year} 年的表格")
    return {
        "invalid": invalid,
        "missing": total.missing,
        "verdict": check.verdict.value,
        "new_requests": new,
    }


def main() -> None:
    """Parse the command line and run the job."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("build") / "county")
    run(parser.parse_args().out)


if __name__ == "__main__":
    main()
