"""The parts of a customer experience, and suggestions of them from a story's text.

Suggestions only pre-select options in the form; the member always decides. A wrong
pre-selection costs the member a click and skews the stats if unnoticed, so a
touchpoint is suggested only on whole-word keyword matches, never on substrings.

The keyword tables (`_KEYWORDS`, `_FRENCH_KEYWORDS`) are matchers over what members write,
never shown to anyone: the names people read are in the catalogs (`touchpoint-<value>`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from enum import StrEnum

__all__ = [
    "MAX_TOUCHPOINTS",
    "Touchpoint",
    "merge_suggestions",
    "suggest_touchpoints",
    "touchpoint_scores",
]

MAX_TOUCHPOINTS = 3


class Touchpoint(StrEnum):
    FINDING = "finding"
    BUYING = "buying"
    DELIVERY = "delivery"
    USING = "using"
    SERVICE = "service"
    BILLING = "billing"
    FOLLOW_UP = "follow_up"

    @property
    def emoji(self) -> str:
        """Shown beside its name (the name is in the catalogs: `touchpoint-<value>`)."""
        return _EMOJI[self]


_EMOJI: dict[Touchpoint, str] = {
    Touchpoint.FINDING: "🔎",
    Touchpoint.BUYING: "🛒",
    Touchpoint.DELIVERY: "📦",
    Touchpoint.USING: "🧰",
    Touchpoint.SERVICE: "🎧",
    Touchpoint.BILLING: "🧾",
    Touchpoint.FOLLOW_UP: "🔁",
}

# Regex fragments, matched case-insensitively between word boundaries. Inflections are
# spelled out ("refund(s|ed)?") rather than matched as prefixes, which would let
# "bill" match "billion" or "box" match "boxing".
_KEYWORDS: dict[Touchpoint, tuple[str, ...]] = {
    Touchpoint.FINDING: (
        r"research(ed|ing)?", r"compar(e|ed|ing|ison)", r"reviews?", r"website",
        r"ads", r"advert(s|isement|isements)?", r"brochures?", r"search(ed|ing)?",
        r"recommend(ed|ation)", r"brows(e|ed|ing)", r"found (it|them) online",
    ),
    Touchpoint.BUYING: (
        r"bought", r"buy(ing)?", r"purchas(e|ed|ing)", r"checkout", r"check-out",
        r"(placed|place) (an |the |my )?order", r"ordered", r"booked", r"booking",
        r"in-store", r"salesperson", r"sales(man|woman|people)?", r"cashier",
    ),
    Touchpoint.DELIVERY: (
        r"deliver(y|ies|ed)", r"courier", r"parcels?", r"packages?", r"arrived",
        r"shipp(ed|ing)", r"shipment", r"dispatch(ed)?", r"unbox(ed|ing)?", r"boxe?s?",
        r"tracking( number)?", r"lost in the post", r"doorstep", r"packaging",
    ),
    Touchpoint.USING: (
        r"broke", r"broken", r"stopped working", r"faulty", r"defect(s|ive)?",
        r"quality", r"battery", r"works? (great|perfectly|well)", r"durable", r"flimsy",
        r"easy to use", r"setup", r"set up", r"installed?", r"installation",
        r"delayed", r"cancell?ed", r"seats?", r"legroom", r"tastes?", r"food",
        r"signal", r"connection", r"outages?", r"battery life",
    ),
    Touchpoint.SERVICE: (
        r"agents?", r"support", r"customer service", r"call cent(re|er)",
        r"helpline", r"help desk", r"helpdesk", r"live chat", r"chat(bot)?",
        r"on hold", r"hold music", r"representative", r"rep", r"staff", r"manager",
        r"complain(t|ts|ed)?", r"escalat(e|ed|ion)", r"hung up", r"phoned", r"called them",
    ),
    Touchpoint.BILLING: (
        r"refund(s|ed)?", r"charged?", r"charges", r"overcharged", r"double charged",
        r"invoices?", r"bills?", r"billed", r"billing", r"direct debit", r"subscription",
        r"account", r"fees?", r"chargeback", r"credit card", r"payments?", r"paid",
        r"receipt", r"auto-?renew(al|ed)?",
    ),
    Touchpoint.FOLLOW_UP: (
        r"loyalty", r"(loyalty|reward|bonus) points", r"rewards?", r"follow(ed)?[- ]up", r"survey",
        r"thank[- ]you (note|card|email)", r"came back", r"regular customer",
        r"years? (as a )?customer", r"loyal", r"membership", r"renewal offer",
        r"checked in on me", r"will be back",
    ),
}  # fmt: skip

# The same in French, for members who write in French (Canadian and European usage:
# "service à la clientèle", "clavardage", "magasiner"). Same rules: whole words,
# inflections spelled out.
_FRENCH_KEYWORDS: dict[Touchpoint, tuple[str, ...]] = {
    Touchpoint.FINDING: (
        r"recherches?", r"compar(er|é|ée|aison|aisons)", r"avis", r"site web",
        r"site internet", r"publicités?", r"dépliants?", r"magasin(er|age)",
    ),
    Touchpoint.BUYING: (
        r"acheté(e|s|es)?", r"achat", r"acheter", r"commandé(e|s|es)?", r"commande",
        r"réserv(é|ée|és|ation)", r"en magasin", r"vendeu(r|rs|se|ses)", r"caissi(er|ère)",
    ),
    Touchpoint.DELIVERY: (
        r"livr(ée|ées|aison|aisons)", r"livreur", r"colis", r"expédi(é|ée|tion)",
        r"déball(é|age)", r"emballage", r"boîtes?", r"suivi du colis",
    ),
    Touchpoint.USING: (
        r"cass(é|ée|és|ées)", r"brisé(e|s|es)?", r"ne fonctionne plus", r"défectueu(x|se)",
        r"qualité", r"batterie", r"installation", r"installé(e)?", r"retardé(e)?",
        r"annulé(e)?", r"sièges?", r"nourriture", r"repas", r"en panne", r"réseau",
    ),
    Touchpoint.SERVICE: (
        r"agentes?", r"service (à la )?clientèle", r"service client", r"centre d'appels?",
        r"clavardage", r"en attente", r"représentante?s?", r"personnel", r"employée?s?",
        r"gérante?", r"plaintes?", r"raccroché", r"appelé(e)?",
    ),
    Touchpoint.BILLING: (
        r"rembours(é|ée|ement|ements)", r"factur(e|es|é|ée|ation)", r"frais",
        r"prélèvements?", r"abonnement", r"mon compte", r"carte de crédit", r"paiements?",
        r"payé(e)?",
    ),
    Touchpoint.FOLLOW_UP: (
        r"fidélité", r"points (de fidélité|bonis?)", r"récompenses?", r"sondage",
        r"client(e)? fidèle", r"reviendrai", r"abonné(e)? depuis",
    ),
}  # fmt: skip


# French words whose spelling without accents is another word ("livre": a book), so
# they are matched only as written with their accents.
_ACCENTED_KEYWORDS: dict[Touchpoint, tuple[str, ...]] = {
    Touchpoint.DELIVERY: (r"livrés?",),
}


def fold(text: str) -> str:
    """Text without accents or case: "Remboursé", "rembourse" and "REMBOURSE" read alike,
    since members type French without accents as often as with them. Keywords and the
    story are folded alike, so whole-word matching is unchanged."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(keywords) + r")\b")


_FOLDED_PATTERNS: dict[Touchpoint, re.Pattern[str]] = {
    touchpoint: _pattern(tuple(fold(w) for w in words + _FRENCH_KEYWORDS[touchpoint]))
    for touchpoint, words in _KEYWORDS.items()
}
_ACCENTED_PATTERNS: dict[Touchpoint, re.Pattern[str]] = {
    touchpoint: _pattern(words) for touchpoint, words in _ACCENTED_KEYWORDS.items()
}


def touchpoint_scores(text: str) -> dict[Touchpoint, int]:
    """Keyword hits per touchpoint (each distinct keyword counts once), in English or
    French, with or without accents."""
    folded = fold(text)
    as_written = unicodedata.normalize("NFC", text).casefold()
    scores: dict[Touchpoint, int] = {}
    for touchpoint, pattern in _FOLDED_PATTERNS.items():
        hits = {match.group() for match in pattern.finditer(folded)}
        accented = _ACCENTED_PATTERNS.get(touchpoint)
        if accented is not None:
            hits |= {match.group() for match in accented.finditer(as_written)}
        if hits:
            scores[touchpoint] = len(hits)
    return scores


def suggest_touchpoints(text: str, max_count: int = MAX_TOUCHPOINTS) -> list[Touchpoint]:
    """Touchpoints the text clearly talks about, strongest first; [] if none is clear.

    Ties keep the order of the experience (finding before buying before delivery...).
    """
    order = list(Touchpoint)
    scores = touchpoint_scores(text)
    ranked = sorted(scores, key=lambda t: (-scores[t], order.index(t)))
    return ranked[:max_count]


def merge_suggestions(
    from_text: list[Touchpoint],
    from_brand_history: Mapping[Touchpoint, int],
    max_count: int = MAX_TOUCHPOINTS,
) -> list[Touchpoint]:
    """Pre-selection for the form: the text's suggestions, then the brand's usual ones.

    ``from_brand_history`` counts the touchpoints of the brand's earlier stories.
    """
    order = list(Touchpoint)
    merged = list(dict.fromkeys(from_text))[:max_count]
    history = sorted(
        (t for t, n in from_brand_history.items() if n > 0 and t not in merged),
        key=lambda t: (-from_brand_history[t], order.index(t)),
    )
    return (merged + history)[:max_count]
