"""The aiohttp application: routes, security headers, Jinja2 rendering (autoescape on).

Routes, all under a server's current address (``/s/<token>/``):

- ``/s/<token>/?period=week|month|quarter|all`` the period's best and worst brands and
  the latest posted digest;
- ``/s/<token>/digests/`` past digests, ``/s/<token>/digests/<YYYY-MM-DD>`` one of them;
- ``/s/<token>/brands/<id>?page=N`` a brand: figures, monthly chart, its stories.

Pages are in the server's language (its `/storymod language` setting, else its
preferred locale on Discord): the `lang` attribute, the words (the catalogs, through
`t`) and the numbers and dates (Babel). Anything else, a server whose page is off and an
address that was replaced all get the same plain 404 (in English: no server is known).
Every response forbids scripts (no page needs any), sends no referrer
(the address is a key: a click on a link to Discord must not carry it away) and asks
search engines not to index unless the server's moderators allowed it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import date
from functools import partial
from importlib import resources
from typing import Any

import jinja2
from aiohttp import web

from bot.domain.monthly_chart import CHART_HEIGHT, CHART_WIDTH, Bar
from bot.domain.periods import Period
from bot.domain.web_access import WebAccess
from bot.i18n import Lang, lang_of, tr
from bot.i18n import figures as figure_words
from bot.i18n.formats import decimal, month_short, month_year, plain_number, short_date
from bot.services.web_pages import WebPageService

log = logging.getLogger(__name__)

GuildName = Callable[[int], str | None]
GuildLocale = Callable[[int], str | None]  # the server's preferred locale on Discord
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; "  # not for people
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
NOINDEX = "noindex, nofollow"  # not for people
_INDEXABLE = "X-Experience-It-Indexable"  # handler -> middleware only, removed before sending
SERVICE_KEY = web.AppKey("service", WebPageService)
NAME_KEY = web.AppKey("guild_name", object)
LOCALE_KEY = web.AppKey("guild_locale", object)
ENV_KEY = web.AppKey("jinja", jinja2.Environment)
_STYLE = resources.files("bot.web").joinpath("static/style.css").read_bytes()


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("bot.web", "templates"),
        autoescape=True,  # every page is HTML: member text is always escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        if isinstance(exc, web.HTTPNotFound) and not isinstance(exc, _NotFound):
            exc = _not_found()  # aiohttp's own ("404: Not Found"), for an unknown path
        exc.headers.update(SECURITY_HEADERS)
        exc.headers["X-Robots-Tag"] = NOINDEX
        raise exc from None
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if response.headers.pop(_INDEXABLE, None) is None:
        response.headers["X-Robots-Tag"] = NOINDEX
    return response


def not_found_text(lang: Lang | None = None) -> str:
    """The 404's words: in the server's language on a server's pages; in English and
    French on an address that leads to no server (off, replaced or never given), whose
    language nobody knows, and which must not tell which of those it is."""
    if lang is None:
        return " / ".join(tr(each, "page-not-found") for each in ("en", "fr"))
    return tr(lang, "page-not-found")


class _NotFound(web.HTTPNotFound):
    """A 404 worded by this module (any other is replaced by one)."""


def _not_found(lang: Lang | None = None) -> web.HTTPNotFound:
    return _NotFound(text=not_found_text(lang))


async def _access(request: web.Request) -> WebAccess:
    access = await request.app[SERVICE_KEY].server(request.match_info["token"])
    if access is None:
        raise _not_found()
    return access


async def _missing(request: web.Request, access: WebAccess) -> web.HTTPNotFound:
    """A 404 inside a server's pages (a brand, week or period it does not have)."""
    return _not_found(await _page_lang(request, access))


def _words(lang: Lang) -> dict[str, Any]:
    """What templates word and write numbers with, in one language."""

    def day(value: date | str) -> str:
        return short_date(lang, date.fromisoformat(value) if isinstance(value, str) else value)

    def bar_label(bar: Bar) -> str:
        month = month_year(lang, bar.month)
        return tr(lang, "page-bar", month=month, score=decimal(lang, bar.score), count=bar.count)

    return {
        "lang": lang,
        "t": partial(tr, lang),
        "number": partial(decimal, lang),
        "weight": partial(plain_number, lang),
        "date": day,
        "month": partial(month_short, lang),
        "bar_label": bar_label,
        "period_name": partial(figure_words.period_name, lang),
        "period_title": partial(figure_words.period_title, lang),
        "figures": figure_words,
    }


async def _page_lang(request: web.Request, access: WebAccess) -> Lang:
    """The server's language, as its public posts use it."""
    settings = await request.app[SERVICE_KEY].settings(access)
    if settings.language is not None:
        return lang_of(settings.language)
    locale_of: GuildLocale = request.app[LOCALE_KEY]  # type: ignore[assignment]
    return lang_of(locale_of(access.guild_id))


async def _render(
    request: web.Request, access: WebAccess, template: str, **context: Any
) -> web.Response:
    name_of: GuildName = request.app[NAME_KEY]  # type: ignore[assignment]
    token = request.match_info["token"]
    lang = await _page_lang(request, access)
    html = (
        request.app[ENV_KEY]
        .get_template(template)
        .render(
            server_name=name_of(access.guild_id) or tr(lang, "page-this-server"),
            root=f"/s/{token}/",
            indexable=access.indexable,
            periods=list(Period),
            period=context.pop("period", None),
            chart_width=CHART_WIDTH,
            chart_height=CHART_HEIGHT,
            **_words(lang),
            **context,
        )
    )
    response = web.Response(text=html, content_type="text/html", charset="utf-8")
    if access.indexable:
        response.headers[_INDEXABLE] = "1"
    return response


async def overview(request: web.Request) -> web.Response:
    access = await _access(request)
    try:
        period = Period(request.query.get("period", Period.WEEK.value))
    except ValueError:
        raise await _missing(request, access) from None
    data = await request.app[SERVICE_KEY].overview(access, period)
    return await _render(request, access, "overview.html", overview=data, period=period)


async def digests(request: web.Request) -> web.Response:
    access = await _access(request)
    found = await request.app[SERVICE_KEY].digests(access)
    return await _render(request, access, "digests.html", digests=found)


async def digest(request: web.Request) -> web.Response:
    access = await _access(request)
    found = await request.app[SERVICE_KEY].digest(access, request.match_info["week"])
    if found is None:
        raise await _missing(request, access)
    return await _render(request, access, "digest.html", digest=found)


async def brand(request: web.Request) -> web.Response:
    access = await _access(request)
    try:
        brand_id = int(request.match_info["brand_id"])
        page = int(request.query.get("page", "1"))
    except ValueError:
        raise await _missing(request, access) from None
    found = await request.app[SERVICE_KEY].brand(access, brand_id, page)
    if found is None:
        raise await _missing(request, access)
    return await _render(request, access, "brand.html", brand=found)


async def style(_: web.Request) -> web.Response:
    return web.Response(
        body=_STYLE,
        content_type="text/css",
        headers={"Cache-Control": "public, max-age=3600"},  # not for people
    )


def no_locale(_: int) -> str | None:
    """No preferred locale known (tests, tools): pages follow the language setting only."""
    return None


def build_app(
    service: WebPageService, guild_name: GuildName, guild_locale: GuildLocale = no_locale
) -> web.Application:
    app = web.Application(middlewares=[security_headers])
    app[SERVICE_KEY] = service
    app[NAME_KEY] = guild_name
    app[LOCALE_KEY] = guild_locale
    app[ENV_KEY] = _environment()
    app.router.add_get("/static/style.css", style)
    app.router.add_get("/s/{token}/", overview)
    app.router.add_get("/s/{token}/digests/", digests)
    app.router.add_get(r"/s/{token}/digests/{week:\d{4}-\d{2}-\d{2}}", digest)
    app.router.add_get(r"/s/{token}/brands/{brand_id:\d{1,18}}", brand)
    return app
