"""The pages' language: which one a request gets, how it is kept, and the words in it.

A page is English or Russian. The reader picks it with ``?lang=`` (every link of a page keeps
it: ``api/pages.py`` ``Pages.href``) and the choice is remembered in a cookie, so a link made
elsewhere (the SPARQL page's results, a typed address) opens in the same language; without
either, ``Accept-Language`` decides. The words are gettext catalogs
(``api/locale/<lang>/LC_MESSAGES/messages.po``, gathered by ``make messages``) with their plural
forms (three in Russian: 1 государство, 2 государства, 5 государств); names of things that a
Russian phrase governs are put in its case (``как член Шанхайской организации
сотрудничества``).
"""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.extract.russian import in_case

LANGUAGES = ("en", "ru")
COOKIE = "lang"
COOKIE_SECONDS = 365 * 24 * 3600
LOCALE = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"


def N_(message: str) -> str:
    """Marks a word for the catalogs that a template shows through a variable (a stance, a
    filter's label): ``pybabel extract`` finds it here, the page translates it where shown."""
    return message


# words the templates translate from a variable: extraction cannot see them there
SHOWN_FROM_VARIABLES = (
    # stances (api/views/topics.py STANCE_HEADINGS: the supporters page's heading)
    N_("supports"),
    N_("opposes"),
    N_("concerned"),
    N_("States that support"),
    N_("States that oppose"),
    N_("States concerned about"),
    # the lists the home and state pages link by name
    N_("States"),
    N_("Organizations"),
    N_("Instruments"),
    N_("Agreements"),
    N_("Meetings"),
    N_("Topics"),
    N_("Positions"),
    N_("Persons"),
    N_("Sources"),
    N_("Queries"),
    # the labels of the filter forms: the query parameters (or titles) of the list routes
    N_("organization"),
    N_("members of"),
    N_("on"),
    N_("region"),
    N_("issuer"),
    N_("holder"),
    N_("topic"),
    N_("type"),
    N_("status"),
    N_("from"),
    N_("to"),
    N_("participant"),
    N_("kind"),
    N_("state"),
    N_("stance"),
    N_("language"),
    N_("acts for"),
    # a membership's side, and its roles (api/templates/_macros.html timeline: by their key
    # when a view does not give their labels)
    N_("member"),
    N_("associate member"),
    N_("observer"),
    # list titles
    N_("Named queries"),
    # view titles the page heading translates (api/views/*: page_document's title)
    N_("Positions by state and topic"),
    N_("Timeline"),
    N_("Search"),
    N_("Compare states"),
    N_("Compare"),
)


@lru_cache(maxsize=len(LANGUAGES))
def catalog(lang: str) -> Catalog:
    """The words of the pages in ``lang``: ``api/locale/<lang>/LC_MESSAGES/messages.po``, read
    as it is (the .po files are the only copy: nothing is compiled before the app runs). English
    is the catalogs' own message ids: its catalog is empty."""
    path = LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN)
    with path.open("rb") as po:
        return read_po(po, locale=lang, domain=DOMAIN)


@lru_cache(maxsize=len(LANGUAGES))
def translations(lang: str) -> Translations:
    """``lang``'s catalog as gettext translations, compiled in memory (plural forms included)."""
    compiled = BytesIO()
    write_mo(compiled, catalog(lang))
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


@lru_cache(maxsize=len(LANGUAGES))
def phrases(lang: str) -> dict[str, str]:
    """The catalog's singular messages that have a translation, longest first: the words a
    title built by a view (``Search: …``, ``Positions by state and topic: members of SCO``)
    is translated by."""
    found = {
        str(m.id): str(m.string)
        for m in catalog(lang)
        if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string
    }
    return dict(sorted(found.items(), key=lambda kv: len(kv[0]), reverse=True))


def language(request: Request) -> str:
    """``?lang=`` if it names a language of the pages, else the one the reader chose before
    (the cookie), else the first of Accept-Language, else English."""
    asked = request.query_params.get("lang", "")
    if asked in LANGUAGES:
        return asked
    if request.cookies.get(COOKIE, "") in LANGUAGES:
        return request.cookies[COOKIE]
    for part in request.headers.get("accept-language", "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return "en"


def named_in_case(name: str, case: str, lang: str) -> str:
    """A thing's name as a phrase of ``lang`` governs it: in Russian, put in ``case``
    (pymorphy3's grammeme: ``gent`` after "как член"); other languages leave it as it is.

    >>> named_in_case("Шанхайская организация сотрудничества", "gent", "ru")
    'Шанхайской организации сотрудничества'
    >>> named_in_case("Shanghai Cooperation Organisation", "gent", "en")
    'Shanghai Cooperation Organisation'
    """
    return in_case(name, case) if lang == "ru" else name


class RememberLanguage:
    """ASGI middleware: a page asked for with ``?lang=`` sets the language cookie, so the
    reader's next pages keep the language without the parameter; pages say they vary by it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def remembering(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/html"):
                    headers.add_vary_header("Cookie")
                    # read for pages only: a SPARQL query in the URL is long to parse
                    asked = Request(scope).query_params.get("lang", "")
                    if asked in LANGUAGES:
                        headers.append(
                            "set-cookie",
                            f"{COOKIE}={asked}; Max-Age={COOKIE_SECONDS}; Path=/; SameSite=Lax",
                        )
            await send(message)

        await self.app(scope, receive, remembering)
