"""Organizations a Russian text names that the reference data does not list."""

from __future__ import annotations

from graph.extract import extract


def test_an_organization_the_reference_data_does_not_list_is_kept_as_unlisted() -> None:
    doc = extract(
        "Об этом сообщили в пресс-службе Совета Безопасности Российской Федерации. Стороны "
        "обсудили вопросы международной информационной безопасности в рамках ШОС.",
        "u.txt",
    )
    assert [(u.name, u.evidence.exact) for u in doc.unlisted] == [
        ("Совет Безопасности", "Совета Безопасности")
    ]
    assert doc.unlisted[0].found.method == "model"
    assert "SCO" in doc.mentioned("organization")


def test_known_units_and_lone_anaphors_are_not_unlisted_organizations() -> None:
    doc = extract(
        "Министры согласовали проекты решений Совета министров иностранных дел и Совета глав "
        "государств СНГ. Организации договорились о сотрудничестве.",
        "k.txt",
    )
    assert doc.unlisted == ()
    assert {"CIS", "CIS-CFM", "CIS-CHS"} <= set(doc.mentioned("organization"))
