"""Build a city-wide annual report in code and print it as JSON (or YAML).

The numbers are illustrative (示例市 is not a real city) but realistic in size: thousands of
requests, a few hundred review and litigation cases. The 2021 report follows the 2021 format; with
``--format-version 2019`` the same city's 2020 report is built in the 2019 trial format.

Run::

    python examples/build_report.py                 # 2021 format, JSON on standard output
    python examples/build_report.py --to yaml --format-version 2019
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from decimal import Decimal

import govinfo_report as gr

AGENCY = "示例市人民政府"


def row(
    natural: int, business: int, research: int, welfare: int, legal: int, other: int
) -> gr.ApplicantCounts:
    """A table 三 row from its six applicant counts; 总计 is derived."""
    return gr.ApplicantCounts(
        natural_person=natural,
        commercial_enterprise=business,
        research_institution=research,
        public_welfare_org=welfare,
        legal_service_org=legal,
        other_org=other,
    )


def requests(v2019: bool) -> gr.Requests:
    """Section 三: 3119 new requests, 34 carried in, 3050 answered, 103 carried forward."""
    other_handling: gr.OtherHandling | gr.ApplicantCounts = gr.OtherHandling(
        no_amendment=row(120, 6, 0, 0, 2, 1),
        fee_unpaid=row(3, 0, 0, 0, 0, 0),
        other=row(210, 9, 1, 0, 3, 2),
    )
    if v2019:
        other_handling = row(333, 15, 1, 0, 5, 3)
    return gr.Requests(
        new_requests=row(2860, 180, 6, 3, 52, 18),
        carried_in=row(30, 3, 0, 0, 1, 0),
        granted=row(1107, 78, 3, 2, 21, 7),
        partially_granted=row(160, 12, 0, 0, 4, 1),
        withheld=gr.Withheld(
            state_secret=row(2, 0, 0, 0, 0, 0),
            prohibited_by_law=row(14, 1, 0, 0, 0, 0),
            security_stability=row(3, 0, 0, 0, 0, 0),
            third_party_rights=row(21, 2, 0, 0, 1, 0),
            internal_affairs=row(9, 0, 0, 0, 0, 0),
            process_info=row(25, 3, 0, 0, 1, 0),
            enforcement_files=row(11, 1, 0, 0, 0, 0),
            query_matter=row(30, 2, 0, 0, 1, 1),
        ),
        unavailable=gr.Unavailable(
            not_held=row(790, 45, 2, 1, 12, 4),
            needs_creation=row(64, 4, 0, 0, 1, 0),
            unclear_after_amendment=row(58, 3, 0, 0, 1, 0),
        ),
        not_processed=gr.NotProcessed(
            petition_complaint=row(88, 5, 0, 0, 1, 0),
            duplicate=row(57, 3, 0, 0, 1, 1),
            publication=row(6, 0, 0, 0, 0, 0),
            excessive=row(18, 0, 0, 0, 0, 0),
            confirm_or_reissue=row(4, 1, 0, 0, 0, 0),
        ),
        other_handling=other_handling,
        carried_forward=row(90, 8, 0, 0, 4, 1),
    )


def proactive(v2019: bool) -> gr.ProactiveDisclosure | gr.ProactiveDisclosure2019:
    """Section 二, in the shape of the chosen format."""
    if v2019:
        changes = gr.ItemChanges
        return gr.ProactiveDisclosure2019(
            art20_1=gr.Art20Item1V2019(
                rules=gr.PublishedDocuments(newly_made=3, newly_published=3, total_published=58),
                normative_documents=gr.PublishedDocuments(
                    newly_made=41, newly_published=41, total_published=612
                ),
            ),
            art20_5=gr.Art20Item5V2019(
                licensing=changes(prior_year_items=1290, change=-36, decisions=186344),
                other_admin_services=changes(prior_year_items=820, change=15, decisions=92711),
            ),
            art20_6=gr.Art20Item6V2019(
                penalty=changes(prior_year_items=4180, change=102, decisions=61320),
                coercion=changes(prior_year_items=212, change=-4, decisions=1893),
            ),
            art20_8=gr.Art20Item8V2019(admin_fees=gr.FeeItems(prior_year_items=96, change=-3)),
            art20_9=gr.Art20Item9V2019(
                central_procurement=gr.Procurement(
                    procurement_items=1461, procurement_amount=Decimal("235187.53")
                )
            ),
        )
    return gr.ProactiveDisclosure(
        art20_1=gr.Art20Item1(
            rules=gr.DocumentCounts(issued=2, repealed=1, in_force=12),
            normative_documents=gr.DocumentCounts(issued=50, repealed=27, in_force=420),
        ),
        art20_5=gr.Art20Item5(licensing=gr.DecisionCount(decisions=201377)),
        art20_6=gr.Art20Item6(
            penalty=gr.DecisionCount(decisions=58902),
            coercion=gr.DecisionCount(decisions=1718),
        ),
        art20_8=gr.Art20Item8(admin_fees=gr.FeeAmount(amount_wan_yuan=Decimal("96171.6"))),
    )


def build(version: gr.FormatVersion) -> gr.AnnualReport:
    """The illustrative city report of ``version``."""
    v2019 = version is gr.FormatVersion.V2019
    year = 2020 if v2019 else 2024
    return gr.AnnualReport(
        metadata=gr.Metadata(
            agency=AGENCY,
            year=year,
            format_version=version,
            scope=gr.Scope.JURISDICTION,
            published=dt.date(year + 1, 1, 20),  # the date the report is signed and published
        ),
        preamble=(
            f"本报告根据《中华人民共和国政府信息公开条例》编制，统计期限自{year}年1月1日起"
            f"至{year}年12月31日止。"
        ),
        overview=gr.Overview(
            summary=f"{year}年，全市深入贯彻落实《中华人民共和国政府信息公开条例》，持续提升政务公开质量。",
            proactive="全市各级行政机关主动公开政府信息18.6万条，发布政策解读材料1260篇。",
            on_request=(
                "全市共新收政府信息公开申请3119件，上年结转34件，办结3050件，"
                "结转下年度继续办理103件。"
            ),
            information_management="严格落实公开属性源头认定和保密审查制度。",
            platform="优化政府网站政府信息公开专栏，完善政策文件库。",
            oversight="将政务公开纳入年度绩效考核，开展社会评议。",
        ),
        proactive_disclosure=proactive(v2019),
        requests=requests(v2019),
        review_litigation=gr.ReviewLitigation(
            review=gr.CaseOutcomes(upheld=72, corrected=64, other_result=178, pending=37),
            litigation_direct=gr.CaseOutcomes(upheld=13, corrected=4, other_result=8, pending=1),
            litigation_after_review=gr.CaseOutcomes(
                upheld=12, corrected=1, other_result=1, pending=6
            ),
        ),
        problems_improvements=gr.ProblemsImprovements(
            problems="部分单位政策解读形式单一，依申请公开答复规范化水平有待提高。",
            improvements="加强业务培训，推行答复文书模板，开展案例评查。",
        ),
        other_matters=gr.OtherMatters(
            text="全市共收取政府信息公开信息处理费3940元。",
            info_processing_fee_yuan=Decimal(3940),
        ),
    )


def main(argv: list[str] | None = None) -> int:
    """Build the report and print it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--format-version", choices=[v.value for v in gr.FormatVersion], default="2021"
    )
    parser.add_argument("--to", choices=("json", "yaml", "toml"), default="json")
    args = parser.parse_args(argv)
    report = build(gr.FormatVersion(args.format_version))
    sys.stdout.write(gr.dumps(report, args.to))
    return 0


if __name__ == "__main__":
    sys.exit(main())
