# The read-only web pages (bot/web/templates), in the server's language. Card figures
# come from brand_card.ftl (card-…), as on Discord.

page-this-server = This server
page-past-digests = Past digests
page-footer = Stories told by members of { $server } with Experience It. Only published stories count; authors are never shown here.
page-too-few = Not enough stories yet: a brand needs { $count ->
    [one] { $count } story
   *[other] { $count } stories
} in the period to be ranked.
page-best = 🌟 Best
page-worst = 💥 Worst
page-row = { $count ->
    [one] { $count } story
   *[other] { $count } stories
} · { $great } great / { $disaster } disaster
page-totals = { $total ->
    [one] { $total } published story
   *[other] { $total } published stories
} ({ $great } great, { $disaster } disaster). Bayesian score against the average { $mean }, weight { $weight }.
page-so-far = { $period }, so far
page-latest-digest = Latest digest
page-no-digest = No weekly digest has been posted yet.
page-week-of = Week of { $date }
page-digest-title = Digest: week of { $date }
page-aliases = Also known as { $names }
page-published = Published stories
page-by-month = Score by month
page-bar = { $month }: { $score } ({ $count ->
    [one] { $count } story
   *[other] { $count } stories
})
page-stories = Stories
page-in-discord = in Discord
page-newer = ← Newer
page-older = Older →
page-page = Page { $page } of { $pages }
