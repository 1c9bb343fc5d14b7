"""The view the checks read of a draft: values as the identities read them."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from govinfo_report import taxonomy as tx
from govinfo_report.taxonomy import FormatVersion
from govinfo_report.validate._subject import subject_of

AMOUNT = "proactive_disclosure.art20_8.admin_fees.amount_wan_yuan"
COUNT = "requests.carried_in.natural_person"
PROCUREMENT = "proactive_disclosure.art20_9.central_procurement.procurement_amount"


def test_draft_values_are_in_the_column_unit(city, draft_of, edit):
    draft = edit(
        draft_of(city),
        proactive_disclosure__art20_8__admin_fees__amount_wan_yuan="251000元",
        requests__carried_in__natural_person="5元",
    )
    subject = subject_of(draft)
    assert subject.value(AMOUNT) == Decimal("25.1")
    assert not subject.has(COUNT)  # a money unit in a count is not usable
    assert subject.values == draft.values()


def test_undeclared_version_reads_units_in_the_detected_columns(city2020, draft_of, edit):
    draft = draft_of(city2020)
    draft = attrs.evolve(draft, metadata=attrs.evolve(draft.metadata, format_version=None))
    # The 采购 amount exists only in the 2019 format.
    draft = edit(
        draft, proactive_disclosure__art20_9__central_procurement__procurement_amount="251000元"
    )
    subject = subject_of(draft)
    assert subject.version is FormatVersion.V2019
    assert subject.value(PROCUREMENT) == Decimal("25.1")


def test_a_subject_is_frozen_and_reads_a_model_s_texts_once(city):
    subject = subject_of(city)
    assert attrs.has(type(subject))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        subject.values = {}  # type: ignore[misc]
    calls = []

    def texts() -> dict[str, str]:
        calls.append(1)
        return {"preamble": "前言"}

    lazy = attrs.evolve(subject, texts=texts)
    assert calls == []  # nothing is joined until a check reads the texts
    assert lazy.texts == {"preamble": "前言"}
    assert lazy.texts is lazy.texts
    assert calls == [1]


def test_a_subject_carries_the_metadata_fields_of_the_taxonomy(city, draft_of):
    for subject in (subject_of(city), subject_of(draft_of(city))):
        meta = city.metadata
        assert (subject.agency, subject.year, subject.scope, subject.published) == (
            meta.agency,
            meta.year,
            meta.scope,
            meta.published,
        )
    assert subject_of(draft_of(city)).cell_sections == frozenset(tx.TABLE_SECTIONS)
    assert subject_of(city).cell_sections == frozenset()
