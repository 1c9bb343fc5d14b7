"""The taxonomy is the contract: labels verbatim, counts and orders as in FORMAT.md."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report import taxonomy as tx
from govinfo_report.taxonomy import FormatVersion

V21, V19 = FormatVersion.V2021, FormatVersion.V2019


def test_section_titles_are_the_official_ones() -> None:
    assert [s.title for s in tx.sections(V21)] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert tx.sections(V19)[4].title == "五、政府信息公开工作存在的主要问题及改进情况"


@pytest.mark.parametrize(("version", "rows", "outcomes"), [(V21, 25, 21), (V19, 23, 19)])
def test_table3_has_the_format_s_rows(version: FormatVersion, rows: int, outcomes: int) -> None:
    assert len(tx.request_row_leaves(version)) == rows
    assert len(tx.outcome_leaves(version)) == outcomes


def test_table3_row_labels_verbatim_2021() -> None:
    labels = [path[-1].label for path in tx.request_row_leaves(V21)]
    assert labels[:4] == [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ]
    assert "3.危及\u201c三安全一稳定\u201d" in labels  # curly quotes U+201C/U+201D
    assert labels[-2:] == ["（七）总计", "四、结转下年度继续办理"]
    assert labels[-5:-2] == [
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
    ]


def test_group_spans_match_the_printed_merges() -> None:
    groups = {n.key: len(n.children) for n in tx.request_rows(V21) if n.children}
    assert groups == {"withheld": 8, "unavailable": 3, "not_processed": 5, "other_handling": 3}
    assert all(not n.children for n in tx.request_rows(V19) if n.key == "other_handling")


def test_columns_of_table3_and_table4() -> None:
    assert [c.label for c in tx.REQUEST_COLUMNS] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    assert [c.label for c in tx.CASE_COLUMNS] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
    ]
    assert [g.label for g, _ in tx.CASE_GROUPS] == ["行政复议", "未经复议直接起诉", "复议后起诉"]


def test_labels_use_full_width_punctuation() -> None:
    for version in FormatVersion:
        for spec in tx.cell_specs(version):
            for label in spec.labels:
                assert not re.search(r"[(),:\"]", label), label


@pytest.mark.parametrize(("version", "count"), [(V21, 200), (V19, 198)])
def test_cell_ids_are_unique_and_counted(version: FormatVersion, count: int) -> None:
    ids = [s.id for s in tx.cell_specs(version)]
    assert len(ids) == len(set(ids)) == count
    assert "requests.withheld.state_secret.natural_person" in ids
    assert tx.cell_index(version)["requests.withheld.state_secret.natural_person"].labels == (
        "（三）不予公开",
        "1.属于国家秘密",
        "自然人",
    )


def test_2019_section_two_differs() -> None:
    keys = [t.key for t in tx.subtables(V19)]
    assert keys == ["art20_1", "art20_5", "art20_6", "art20_8", "art20_9"]
    art20_1 = tx.subtables(V19)[0]
    assert [c.label for c in art20_1.columns] == [
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
    ]
    assert art20_1.rows[1].label == "规范性文件"
    assert tx.subtables(V21)[3].columns[0].kind is tx.CellKind.AMOUNT


def test_format_for_each_year() -> None:
    assert tx.version_for_year(2018) is None
    assert tx.version_for_year(2019) is tx.FormatVersion.V2019
    assert tx.version_for_year(2020) is tx.FormatVersion.V2019
    assert tx.version_for_year(2021) is tx.FormatVersion.V2021
    assert tx.version_for_year(2030) is tx.FormatVersion.V2021


def test_metadata_fields_are_the_model_fields() -> None:
    import attrs

    from govinfo_report.model import Metadata

    assert [f.name for f in attrs.fields(Metadata)] == [n.key for n in tx.METADATA_FIELDS]
    assert tx.fee_labels(tx.FormatVersion.V2021) == ("六、其他需要报告的事项", "信息处理费（元）")


@pytest.mark.parametrize("version", [V21, V19])
def test_cell_id_spells_every_cell_of_the_index(version: FormatVersion) -> None:
    rebuilt = [
        tx.cell_id("proactive_disclosure", table, row, column)
        for table in tx.subtables(version)
        for row in table.rows
        for column in table.columns
    ]
    rebuilt += [
        tx.cell_id("requests", path, column)
        for path in tx.request_row_leaves(version)
        for column in tx.REQUEST_COLUMNS
    ]
    rebuilt += [
        tx.cell_id("review_litigation", group, column)
        for group, _ in tx.CASE_GROUPS
        for column in tx.CASE_COLUMNS
    ]
    assert rebuilt == [spec.id for spec in tx.cell_specs(version)]
    assert all(tx.row_id(path) == tx.cell_id(path) for path in tx.request_row_leaves(version))


def test_known_cells_passes_cells_through_and_checks_the_version() -> None:
    assert tx.known_cells() == ()
    assert tx.known_cells("requests.granted.total", "review_litigation.review.upheld") == (
        "requests.granted.total",
        "review_litigation.review.upheld",
    )
    # 2021 splits （六）其他处理 into three rows: its own 总计 is a cell of 2019 only
    only_2019 = "requests.other_handling.total"
    assert tx.known_cells(only_2019, version=V19) == (only_2019,)
    with pytest.raises(ValueError, match=r"format 2021: requests\.other_handling\.total"):
        tx.known_cells(only_2019, version=V21)
    with pytest.raises(ValueError, match="format 2019, 2021"):
        tx.known_cells(only_2019)


def test_known_cells_names_every_unknown_id_at_once() -> None:
    with pytest.raises(ValueError, match="不是格式中的单元格 / not cells") as caught:
        tx.known_cells("review_litigation.review.uphold", "requests.granted.total", "requests.x")
    message = str(caught.value)
    assert message.endswith("review_litigation.review.uphold, requests.x")
    assert "requests.granted.total" not in message


def test_prose_names_of_the_outcome_groups() -> None:
    heads = dict.fromkeys(path[0].prose_name for path in tx.outcome_leaves(V21))
    assert list(heads) == ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"]
    assert tx.request_rows(V19)[0].prose_name == "一、本年新收政府信息公开申请数量"


_COMMON_IDS = sorted(set(tx.cell_index(V21)) & set(tx.cell_index(V19)))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_COMMON_IDS), max_size=5), st.data())
def test_known_cells_keeps_cells_and_refuses_any_misspelt_step(ids: list[str], data) -> None:
    assert tx.known_cells(*ids) == tuple(ids)
    cell = data.draw(st.sampled_from(_COMMON_IDS))
    steps = cell.split(".")
    at = data.draw(st.integers(0, len(steps) - 1))
    misspelt = tx.cell_id(*steps[:at], steps[at] + "s", *steps[at + 1 :])
    with pytest.raises(ValueError, match=re.escape(misspelt)):
        tx.known_cells(*ids, misspelt)
