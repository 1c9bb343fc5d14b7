"""Error localisation (Fellegi–Holt): the fewest cells whose change makes every identity hold."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report.cli import main
from govinfo_report.identities import check, identities
from govinfo_report.taxonomy import FormatVersion
from govinfo_report.testing.strategies import drafts
from govinfo_report.validate import localize, validate

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
V21 = FormatVersion.V2021
CE = "commercial_enterprise"


def _worked_example(hongqi, draft_of, edit):
    """The issue's body: 予以公开 5|2|0|0|0|0|5, 总计 12|2|0|0|0|0|12, 新收/结转 商业企业 0."""
    return edit(
        draft_of(hongqi),
        requests__new_requests__natural_person=10,
        requests__new_requests__total=10,
        requests__carried_in__natural_person=2,
        requests__carried_in__total=2,
        requests__granted__natural_person=5,
        requests__granted__commercial_enterprise=2,
        requests__granted__total=5,
        requests__unavailable__not_held__natural_person=7,
        requests__unavailable__not_held__total=7,
        requests__outcomes_total__natural_person=12,
        requests__outcomes_total__commercial_enterprise=2,
        requests__outcomes_total__total=12,
    )


def test_worked_example_two_cells_not_a_negative_count(hongqi, draft_of, edit):
    draft = _worked_example(hongqi, draft_of, edit)
    values = dict(draft.values())
    # One identity at a time: 结转下年度 商业企业 = 0 + 0 − 2 = −2, an impossible count.
    (balance,) = [f for f in check(V21, values) if f.code == "t3-balance"]
    assert (balance.path, balance.expected) == (f"requests.carried_forward.{CE}", -2)
    result = validate(draft)
    assert sorted(f.code for f in result.errors) == ["t3-balance", "t3-row-total", "t3-row-total"]
    found = result.errors[0].localisation
    assert found is not None
    assert found.unique
    assert found.size == 2
    assert found.best is not None
    assert [(c.path, c.current, c.value) for c in found.best.changes] == [
        (f"requests.granted.{CE}", 2, 0),
        (f"requests.outcomes_total.{CE}", 2, 0),
    ]
    for finding in result.errors:
        assert finding.localisation == found
        suggestion = finding.suggestion
        assert suggestion is not None
        assert suggestion.value >= 0  # never a negative count
        assert "−2" not in finding.message_zh.split("；", 1)[1]
    (balance,) = result.by_code("t3-balance")
    assert balance.suggestion is not None
    assert balance.suggestion.path == f"requests.outcomes_total.{CE}"
    assert "（七）总计 / 商业企业，填写 2，与各勾稽关系一致的值为 0" in balance.message_zh


def test_table_four_is_ambiguous_and_says_how_many_ways(city, draft_of, edit):
    result = validate(edit(draft_of(city), review_litigation__review__upheld=70))
    (finding,) = result.errors
    found = finding.localisation
    assert found is not None
    assert not found.unique
    assert found.complete
    assert found.size == 1
    # The total, or any of the four results (each can grow back to a count ≥ 0).
    assert len(found.solutions) == 5
    assert finding.suggestion is None
    assert "共 5 种改法" in finding.message_zh
    assert "in 5 ways" in finding.message_en


def test_the_narrative_breaks_a_tie(city, draft_of, edit, with_text):
    draft = edit(draft_of(city), review_litigation__review__upheld=70)
    draft = with_text(draft, "other_matters", "本年度共发生行政复议349件，均已审结。")
    (finding,) = validate(draft).errors
    found = finding.localisation
    assert found is not None
    assert found.by_text
    assert not found.unique
    best = found.best
    assert best is not None
    assert [(c.path, c.value) for c in best.changes] == [("review_litigation.review.total", 349)]
    assert best.disagreements == 0
    assert all((s.disagreements or 0) > 0 for s in found.solutions[1:])
    assert finding.suggestion == best.changes[0]
    assert "正文所述数字支持此改法" in finding.message_zh


def test_blank_cells_are_filled_before_printed_ones_change(city, draft_of, edit):
    draft = edit(draft_of(city), requests__granted__total="", requests__partially_granted__total="")
    found = validate(draft).errors[0].localisation
    assert found is not None
    assert found.unique
    assert {(c.path, c.current, c.value) for c in found.solutions[0].changes} == {
        ("requests.granted.total", None, 1218),
        ("requests.partially_granted.total", None, 177),
    }


def test_exact_search_and_milp_agree(hongqi, city, draft_of, edit):
    cases = [
        _worked_example(hongqi, draft_of, edit),
        edit(draft_of(city), review_litigation__review__upheld=70),
        edit(
            draft_of(city),
            requests__granted__natural_person=1010,
            requests__not_processed__duplicate__other_org=7,
            requests__carried_forward__total=104,
        ),
        edit(  # a cell not found: free in both solvers
            draft_of(city),
            requests__granted__natural_person=1170,
            requests__withheld__state_secret__research_institution=None,
            requests__carried_in__total=None,
        ),
        edit(draft_of(city), requests__granted__total=None, requests__granted__other_org=9),
        edit(  # blank totals, one printed typo
            draft_of(city),
            requests__granted__total="",
            requests__partially_granted__total="",
            requests__withheld__state_secret__natural_person=5,
        ),
    ]
    for draft in cases:
        values = dict(draft.values())
        fast = localize(V21, values)
        milp = localize(V21, values, weights={})  # any weights: the MILP decides
        assert fast is not None
        assert milp is not None
        assert {s.paths for s in fast.solutions} == {s.paths for s in milp.solutions}
        assert (fast.unique, fast.complete) == (milp.unique, milp.complete)


_CELLS = {v: [c for i in identities(v) for c in i.cells] for v in FormatVersion}


@st.composite
def _typos(draw):
    draft = draw(drafts())
    version = draft.format_version
    cells = sorted(set(_CELLS[version]))
    k = draw(st.integers(1, 3))
    chosen = draw(st.lists(st.sampled_from(cells), min_size=k, max_size=k, unique=True))
    values = dict(draft.values())
    truth = {c: values[c] for c in chosen}
    for cell in chosen:
        original = values[cell]
        assert isinstance(original, int)
        values[cell] = draw(st.integers(0, original + 1000).filter(lambda v, o=original: v != o))
    return version, values, truth


@settings(max_examples=60, deadline=None)
@given(_typos())
def test_k_random_changes_are_localised_by_at_most_k_cells(case):
    version, values, truth = case
    found = localize(version, values)
    assert found is not None
    if not check(version, values):  # the changes happened to cancel out
        assert found.solutions == ()
        return
    assert 1 <= found.size <= len(truth)
    for solution in found.solutions:
        fixed = dict(values)
        fixed.update({c.path: c.value for c in solution.changes})
        assert check(version, fixed) == []
        assert all(c.value >= 0 for c in solution.changes)
    if found.unique and found.size == len(truth):
        (solution,) = found.solutions
        assert {c.path: c.value for c in solution.changes} == truth


def test_json_and_cli_show_the_localisation(tmp_path, capsys):
    text = (EXAMPLES / "city-2024.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("natural_person: 1107", "natural_person: 1170", 1), "utf-8")
    assert main(["validate", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "错误定位 / error localisation: 最少改动 1 格 / 1 cell(s), 唯一 / unique" in out
    assert "1. （一）予以公开 / 自然人 1170 → 1107" in out
    assert main(["validate", str(broken), "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    finding = document["files"][0]["findings"][0]
    assert finding["localisation"] == {
        "unique": True,
        "complete": True,
        "size": 1,
        "by_text": False,
        "solutions": [
            {
                "determined": True,
                "disagreements": None,
                "changes": [
                    {
                        "path": "requests.granted.natural_person",
                        "labels": ["（一）予以公开", "自然人"],
                        "current": 1170,
                        "value": 1107,
                    }
                ],
            }
        ],
    }
