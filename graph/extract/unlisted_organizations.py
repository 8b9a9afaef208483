"""Organizations a Russian text names that the reference data does not list (national bodies)."""

from __future__ import annotations

from graph.extract import russian
from graph.extract.actors import Names
from graph.extract.dates import publisher_names
from graph.extract.field_words import institution
from graph.extract.text import words
from graph.model import Span, UnlistedOrganization
from graph.namespaces import slug


def find_unlisted_organizations(names: Names) -> list[UnlistedOrganization]:
    """Organizations a Russian text names that the reference data does not list, by natasha's
    NER, run only on sentences that name an institution no known name covers ("Совет
    Безопасности Российской Федерации", a national body). English texts have no NER here."""
    page = names.page
    if page.language != "ru":
        return []
    found: dict[str, UnlistedOrganization] = {}
    for sentence in page.body():
        cues = [
            m for m in institution().finditer(page.norm, sentence.start, sentence.end)
            if not any(h.start <= m.start() < h.end for h in names.hits)
        ]  # fmt: skip
        if not cues:
            continue
        for start, end in russian.organization_spans(page.norm, sentence.start, sentence.end):
            ws = words(page.norm, start, end)
            if not ws or page.is_ignored(start) or all(names.covers(w) for w in ws):
                continue
            if not institution().search(page.norm, start, end) or _is_publisher(
                page.norm[start:end]
            ):
                continue
            paren = page.norm.find("(", start, end)  # "Совета безопасности (СБ)"
            ws = words(page.norm, start, paren if paren > start else end)
            if len(ws) < 2:
                continue  # a lone "Организации" is an anaphor, not a name
            name = _head_nominative([w.text for w in ws])
            key = slug(russian.to_latin(name))
            found.setdefault(name, UnlistedOrganization(name, key, Span.of(page.text, start, end)))
    return list(found.values())


def _head_nominative(parts: list[str]) -> str:
    """An organization's name with its head (the adjectives before and the first noun) in the
    nominative and its complements as written: "Совета министров иностранных дел" → "Совет
    министров иностранных дел"."""
    head = next((i for i, w in enumerate(parts) if not russian.is_adjective(w)), len(parts) - 1)
    return " ".join(russian.nominative(parts[: head + 1]) + parts[head + 1 :])


def _is_publisher(text: str) -> bool:
    return any(pattern.fullmatch(text) for pattern in publisher_names())
