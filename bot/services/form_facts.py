"""What the story form needs before it opens, from memory: no storage trip on the way.

Opening the form used to cost three reads (the member's posting times, the brand, its
touchpoint totals): in a burst of a hundred members that is three hundred hand-overs to
the database's threads before the modals can go out. Two small caches answer instead:

- **Recent posters** of a server: who posted a story there in the last 24 hours, one
  read for the whole server. A member outside it has no posting times to read (their
  limits cannot stop them); a member inside it still has theirs read, as before. The set
  only has to hold *at least* everyone who posted: `noted_post` adds the author of every
  story this process creates (after its commit, or its failure), a load that overlapped
  such a note is not kept, and deletions (forget-me) may leave a name in it, which only
  costs that member a read.
- **Usual touchpoints** of a brand (what the form pre-selects), per server and brand
  name. Valid while `Database.data_version` has not moved: any write transaction of this
  process (a story, a vote, a merge, a forget-me, a purge) drops them all, so a change is
  seen at once; concurrent misses for the same brand share one read (`SingleFlight`).

Another process writing the same database (an operator's tool, a rolling restart) is
seen within `TTL_SECONDS`, like the servers' settings. Both caches are bounded: 2,000
brands, and 200 servers holding at most 20,000 member ids in all (~1 MB; a server with
more posters in a day is not kept: its members are read as before). The bot's memory
budget is tight (< 100 MB).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from bot.clock import Clock
from bot.domain.brands import brand_key
from bot.domain.posting_limits import DAY
from bot.domain.touchpoints import Touchpoint
from bot.single_flight import SingleFlight
from bot.versioned_cache import VersionedCache
from storage.sqlite import Storage

TTL_SECONDS = 60.0
MAX_BRANDS = 2_000
MAX_SERVERS = 200
# Member ids kept across all servers (about 50 bytes each: ~1 MB at most).
MAX_POSTERS = 20_000


def usual_touchpoints(story_count: int, counts: dict[Touchpoint, int]) -> list[Touchpoint]:
    """What at least half of the brand's stories were about, the two most common first."""
    if story_count < 2:
        return []
    common = [t for t, count in counts.items() if count * 2 >= story_count]
    return sorted(common, key=lambda t: -counts[t])[:2]


class FormFacts:
    def __init__(
        self,
        storage: Storage,
        clock: Clock,
        *,
        ttl: float = TTL_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._storage = storage
        self._clock = clock
        self._ttl = ttl
        self._monotonic = monotonic
        self._touchpoints: VersionedCache[tuple[int, str], list[Touchpoint]] = VersionedCache(
            lambda: storage.database.data_version,
            ttl=ttl,
            max_entries=MAX_BRANDS,
            monotonic=monotonic,
        )
        # server -> (loaded at, who posted since a day before)
        self._posters: dict[int, tuple[float, set[int]]] = {}
        self._poster_reads: SingleFlight[int, set[int] | None] = SingleFlight()
        self._notes = 0  # bumped by every noted post: a load that overlapped one is not kept

    async def usual_touchpoints(self, guild_id: int, brand: str) -> list[Touchpoint]:
        """What the form pre-selects for this brand (a copy: the caller may change it)."""
        key = brand_key(brand)
        found = await self._touchpoints.get(
            (guild_id, key), lambda: self._read_touchpoints(guild_id, key)
        )
        return list(found)

    async def _read_touchpoints(self, guild_id: int, key: str) -> list[Touchpoint]:
        brand = await self._storage.brands.find(guild_id, key)
        if brand is None:
            return []
        return usual_touchpoints(*await self._storage.brands.touchpoint_history(brand.id))

    async def may_have_posted(self, guild_id: int, author_id: int) -> bool:
        """False only if the member surely posted no story in this server in the last day."""
        entry = self._posters.get(guild_id)
        if entry is None or not self._fresh(entry[0]):
            posters = await self._poster_reads.run(guild_id, lambda: self._read_posters(guild_id))
            if posters is None:  # too many to keep, or a post was noted meanwhile
                return True
        else:
            posters = entry[1]
        return author_id in posters

    async def _read_posters(self, guild_id: int) -> set[int] | None:
        notes, started = self._notes, self._monotonic()
        posters = await self._storage.stories.recent_posters(guild_id, self._clock() - DAY)
        if notes != self._notes or len(posters) > MAX_POSTERS:
            return None
        self._posters.pop(guild_id, None)
        self._posters[guild_id] = (started, posters)
        # The oldest servers go first, until both bounds hold (the newest always fits).
        while len(self._posters) > MAX_SERVERS or self.posters_kept() > MAX_POSTERS:
            del self._posters[next(iter(self._posters))]
        return posters

    def noted_post(self, guild_id: int, author_id: int) -> None:
        """This process created (or tried to create) a story by this member here."""
        self._notes += 1
        entry = self._posters.get(guild_id)
        if entry is not None:
            entry[1].add(author_id)  # the cache's own set: nobody else holds it

    def posters_kept(self) -> int:
        """Member ids held in memory, across servers (bounded by MAX_POSTERS)."""
        return sum(len(posters) for _, posters in self._posters.values())

    def _fresh(self, loaded_at: float) -> bool:
        return self._monotonic() - loaded_at < self._ttl
