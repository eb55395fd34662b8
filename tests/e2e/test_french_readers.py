"""French for readers and moderators through the stand-in: /brand and /leaderboard in
the member's language, the weekly digest and its chart in the server's, the setup
panel, the review queue, the audit log and the web pages; and the mixed cases."""

from __future__ import annotations

import copy
import io
from datetime import UTC, datetime
from typing import Any

from PIL import Image

from bot.domain.stories import StoryStatus
from bot.i18n import tr
from bot.services.digest_posting import LEASE, digest_nonce
from standin import limits
from standin.state import Message
from tests.e2e.conftest import App
from tests.e2e.digest_helpers import (
    WEEK,
    WEEK_END,
    WEEK_START,
    add_story,
    cog,
    digest_rows,
    digests_in,
    field,
    restarted,
)
from tests.e2e.queue_helpers import refused
from tests.e2e.test_french import english_words
from tests.e2e.web_helpers import serving, turn_on

DUE = datetime(2026, 11, 23, 0, 3, tzinfo=UTC)  # the week of 16 Nov is due
PERIODS = (None, "week", "month", "quarter", "all")


async def french_week(app: App, guild_id: int | None = None) -> None:
    """The digest helpers' week of stories, with headlines a French member wrote (member
    text is never translated, so English headlines would be English in any language)."""
    for rating in (5, 5, 4):
        await add_story(app, "Porter Airlines", rating, headline="Vol parfait", guild_id=guild_id)
    for rating in (1, 2, 1):
        await add_story(app, "Rogers", rating, headline="Facture salée", guild_id=guild_id)
    for rating in (3, 4):
        await add_story(app, "Bell", rating, headline="Service correct", guild_id=guild_id)


def chart_words(message: Message) -> str:
    """The words drawn on the digest's chart (the PNG's Description text)."""
    (attachment,) = message.attachments
    image = Image.open(io.BytesIO(attachment.data))
    text = image.info.get("Description")
    assert isinstance(text, str), image.info
    return text


def everything_in(message: Message) -> str:
    """What a member reads: text, embeds and the labels of buttons and selects."""
    labels: list[str] = []

    def collect(component: dict[str, Any]) -> None:
        for key in ("label", "placeholder"):
            if isinstance(component.get(key), str):
                labels.append(component[key])
        for inner in component.get("components") or []:
            collect(inner)

    for row in message.components:
        collect(row)
    return "\n".join([message.content, message.embed_text(), *labels])


def test_the_english_detector_can_fail() -> None:
    assert english_words(tr("en", "board-too-few-why", count=2)) != []
    assert english_words(tr("en", "digest-late")) != []
    assert english_words(tr("fr", "board-too-few-why", count=2)) == []
    assert english_words(tr("fr", "digest-late")) == []


async def test_a_french_member_reads_a_brand_card_in_french_for_every_period(app: App) -> None:
    await french_week(app)
    alice = app.standin.user("alice").speaking("fr")
    for period in PERIODS:
        options: dict[str, Any] = {"name": "Bell"}
        if period is not None:
            options["period"] = period
        result = await alice.run_command("brand", **options)
        message = await result.wait_for_message()
        assert result.ephemeral
        text = everything_in(message)
        assert english_words(text) == [], (period, text)
        assert "Seules les histoires publiées comptent" in text
        if period == "week":  # the week in progress (from 23 Nov) has no story yet
            assert "Aucune histoire publiée sur cette période (Semaine du 23 nov. 2026)." in text
            continue
        assert "**2 histoires publiées**" in text, period
        assert field(message, "Note moyenne") == "★★★★☆ 3,50 / 5"
    quarter = await alice.run_command("brand", name="Bell", period="quarter")
    (embed,) = (await quarter.wait_for_message()).embeds
    assert embed["author"]["name"] == "4e trimestre 2026"


async def test_a_french_member_is_refused_in_french_and_nothing_changes(app: App) -> None:
    await french_week(app)
    alice = app.standin.user("alice").speaking("fr")
    unknown = await alice.run_command("brand", name="Belle")
    text = (await unknown.wait_for_message()).content
    assert unknown.ephemeral
    assert text.startswith("Je ne connais aucune marque appelée « Belle »")
    assert "Vouliez-vous dire **Bell** (2 histoires) ?" in text
    assert english_words(text) == []
    wrong_day = await alice.run_command("leaderboard", week="2026-11-17")
    text = (await wrong_day.wait_for_message()).content
    assert text == (
        "Le 2026-11-17 est un mardi ; sur ce serveur, les semaines commencent le lundi."
    )
    both = await alice.run_command("leaderboard", week="2026-11-16", period="month")
    text = (await both.wait_for_message()).content
    assert text == "Choisissez une semaine passée ou une période, pas les deux."
    assert [p.week for p in await app.storage.web_reads.posted_digests(app.guild_id, 5)] == []


async def test_a_french_member_reads_every_leaderboard_in_french(app: App) -> None:
    await french_week(app)
    alice = app.standin.user("alice").speaking("fr")
    for period in PERIODS:
        options: dict[str, Any] = {} if period is None else {"period": period}
        result = await alice.run_command("leaderboard", **options)
        message = await result.wait_for_message()
        assert result.ephemeral
        text = everything_in(message)
        assert english_words(text) == [], (period, text)
        if period in (None, "week"):  # the week in progress (from 23 Nov) has no story yet
            assert "**0** histoire publiée : 0 🌟 réussite · 0 💥 désastre." in text
        else:
            assert "Porter Airlines" in text
    past = await alice.run_command("leaderboard", week="2026-11-16")
    message = await past.wait_for_message()
    text = everything_in(message)
    assert "📰 Résumé de la semaine du 16 nov. 2026" in text
    assert "**8** histoires publiées : 5 🌟 réussites · 3 💥 désastres." in text
    assert english_words(text) == []
    chart = chart_words(message)
    assert "Les mieux notées" in chart
    assert "moyenne du serveur 3,13" in chart  # 25 / 8 = 3.125
    assert english_words(chart) == []


async def test_a_french_servers_weekly_digest_and_chart_are_in_french(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"), language="fr")
    await french_week(app)
    app.clock.now = DUE
    await cog(app).post_due_digests()
    (post,) = digests_in(app)
    text = post.embed_text()
    assert text.startswith("📰 Résumé de la semaine du 16 nov. 2026")
    assert "🏆 Les mieux notées" in text
    assert "· nouvelle" in text  # every brand is new in the first digest
    assert "👍 Le plus salué : Utilisation du produit (5)" in text
    assert english_words(text) == []
    chart = chart_words(post)
    assert "Semaine du 16 nov. 2026" in chart
    assert english_words(chart) == []
    # An English moderator re-posts it: the post is the server's, the answer theirs.
    repost = await app.standin.user("moderator").run_command("digest repost", week=WEEK)
    answer = (await repost.wait_for_message()).content
    assert answer.startswith("Posted the digest of 2026-11-16: https://discord.com/channels/")
    again = digests_in(app)[-1]
    assert again.id != post.id
    assert again.embed_text().startswith("📰 Résumé de la semaine du 16 nov. 2026")


async def test_a_french_post_is_recovered_after_a_crash_even_if_the_language_changed(
    app: App,
) -> None:
    """Sent in French, crashed before recording it, restarted in an English server: the
    footer is recognised in either language, so the digest is not posted twice."""
    await app.configure(digest_channel_id=app.channel_id("digest"), language="fr")
    await french_week(app)
    settings = await app.storage.guild_settings.get(app.guild_id)
    claim = await app.storage.digests.claim(
        app.guild_id, WEEK, app.clock(), LEASE, start=WEEK_START, end=WEEK_END, owner="crashed"
    )
    assert claim is not None
    window = (await app.bot.digests.week_for(settings, WEEK))[0]
    digest = await app.bot.digests.build(settings, window)
    assert settings.digest_channel_id is not None
    await cog(app).courier.send(
        settings.digest_channel_id, digest, digest_nonce(app.guild_id, WEEK)
    )
    # ...the process died before recording the message id; the server went English.
    await app.configure(language="en")
    app.standin.clock.advance(3600)  # an hour down: Discord forgot the nonce
    app.clock.advance(hours=1)

    await restarted(app).post_due_digests()
    (post,) = digests_in(app)
    assert post.embed_text().startswith("📰 Résumé de la semaine du 16 nov. 2026")
    assert digest_rows(app) == [(app.guild_id, WEEK, "posted", 1)]


async def test_mixed_a_french_member_in_an_english_server_and_the_reverse(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await french_week(app)
    french = app.standin.user("alice").speaking("fr")
    answer = await french.run_command("leaderboard", week="2026-11-16")
    assert "Résumé de la semaine" in (await answer.wait_for_message()).embed_text()
    app.clock.now = DUE
    await cog(app).post_due_digests()
    (post,) = digests_in(app)
    assert post.embed_text().startswith("📰 Weekly digest — week of Nov 16, 2026")
    assert "Résumé" not in post.embed_text()
    assert "Best rated" in chart_words(post)

    # The reverse: an English member in a French server reads English, privately.
    await app.configure(language="fr")
    english = await app.standin.user("bob").run_command("brand", name="Bell")
    text = everything_in(await english.wait_for_message())
    assert "**2 published stories**" in text
    assert "histoires" not in text
    preview = await app.standin.user("moderator").run_command("digest preview")
    assert "The week so far" in (await preview.wait_for_message()).embed_text()


async def test_a_french_moderator_sets_up_in_french_and_sees_the_servers_language(
    app: App,
) -> None:
    moderator = app.standin.user("moderator").speaking("fr")
    result = await moderator.run_command("storymod setup")
    message = await result.wait_for_message()
    text = everything_in(message)
    assert result.ephemeral
    assert "Experience It — configuration du serveur" in text
    assert "Les publications suivent la langue du serveur sur Discord : anglais" in text
    assert "Non défini : les histoires sont enregistrées mais pas publiées." in text
    assert "Chaque lundi à 00:00 (UTC)" in text
    assert "Publier les histoires dans…" in text  # the quick fixes too
    assert english_words(text) == []

    await app.configure(language="fr")
    changed = await moderator.run_command(
        "storymod setup", digest_weekday=4, cooldown_minutes=90, prior_weight=2.5
    )
    text = everything_in(await changed.wait_for_message())
    assert "Les publications (histoires, résumé hebdomadaire" in text
    assert "sont en français" in text
    assert "• Jour du résumé : lundi → vendredi" in text
    assert "• Délai entre deux histoires : 5 minutes → 1 h 30 min" in text
    assert "• Poids de la moyenne : 3 → 2,5" in text
    assert english_words(text) == []

    audit = await moderator.run_command("storymod audit")
    text = everything_in(await audit.wait_for_message())
    assert "Journal de modération" in text
    assert "**Réglages changés**" in text
    assert "Jour du résumé : lundi → vendredi" in text
    assert english_words(text) == []


async def test_a_french_moderator_exports_in_french(app: App) -> None:
    moderator = app.standin.user("moderator").speaking("fr")
    empty = await moderator.run_command("storymod export")
    text = (await empty.wait_for_message()).content
    assert text == "Ce serveur n'a encore aucune histoire : rien à exporter."
    await french_week(app)
    done = await moderator.run_command("storymod export")
    message = await done.wait_for_message()
    assert message.content.startswith("📦 Les 8 histoires de ce serveur, en CSV")
    assert english_words(message.content) == []
    assert len(message.attachments) == 2


async def test_a_french_moderator_reviews_the_queue_in_french(app: App) -> None:
    alice = app.standin.users["alice"].id
    story_id = await add_story(
        app, "Bell", 2, headline="Attente", status=StoryStatus.PENDING, author=alice
    )
    moderator = app.standin.user("moderator").speaking("fr")
    result = await moderator.run_command("storymod queue")
    message = await result.wait_for_message()
    assert message.content == "🗂️ File de relecture : 1 sur 1"
    labels = everything_in(message).split("\n")
    assert {"Approuver", "Masquer", "Supprimer", "Précédente", "Suivante"} <= set(labels)
    assert field(message, "État") == "⏳ En attente de relecture"
    assert english_words(message.content) == []
    stale = copy.deepcopy(message)
    approved = await moderator.click(message, "Approuver")
    done = await approved.wait_for_message()
    assert done.content.startswith("🗂️ L'histoire n° ")
    assert f"✅ Approuvée : histoire n° {story_id}." in done.content
    # The same click on the card as it was: refused in French, nothing changed.
    again = await refused(moderator.click(stale, "Approuver"))
    assert again == f"L'histoire n° {story_id} est déjà publiée : rien à approuver."
    story = await app.storage.stories.get(story_id)
    assert story is not None
    assert story.status is StoryStatus.PUBLISHED


async def test_a_french_servers_web_pages_are_in_french(app: App) -> None:
    await app.configure(language="fr", min_stories=2)
    await french_week(app)
    token = await turn_on(app)
    async with serving(app) as site:
        status, html, _ = await site.get(f"/s/{token}/?period=month")
        assert status == 200
        assert '<html lang="fr">' in html
        assert "Résumés précédents" in html
        assert "novembre 2026, jusqu&#39;ici" in html
        assert "Les meilleures" in html
        assert "Past digests" not in html
        assert "stories" not in html
        brands = await app.storage.brands.candidates(app.guild_id)
        bell = next(c.brand_id for c in brands if c.name == "Bell")
        status, html, _ = await site.get(f"/s/{token}/brands/{bell}")
        assert status == 200
        assert "★★★★☆ 3,50 / 5" in html
        assert "Note moyenne" in html
        assert "Average rating" not in html
    await app.configure(language="en")
    async with serving(app) as site:
        status, html, _ = await site.get(f"/s/{token}/?period=month")
        assert '<html lang="en">' in html
        assert "Past digests" in html


def _choices(command: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for option in command.get("options") or []:
        found += option.get("choices") or []
        found += _choices(option)
    return found


async def test_every_choice_has_a_french_name_and_storymod_still_fits(app: App) -> None:
    commands = app.standin.registered_commands()
    choices = [choice for command in commands for choice in _choices(command)]
    assert len(choices) > 20  # periods (twice), review modes, weekdays, audit actions
    untranslated = [c["name"] for c in choices if "fr" not in (c.get("name_localizations") or {})]
    # The language choices name each language in itself, the same for everyone.
    bilingual = ["English", "Français", "Discord's server language · langue du serveur"]
    assert untranslated == bilingual
    # Discord counts each field's longest language; the stand-in refused nothing above.
    (storymod,) = [c for c in commands if c["name"] == "storymod"]
    used = limits._command_chars(storymod)
    assert used <= limits.COMMAND_TOTAL_CHARS_MAX, used
