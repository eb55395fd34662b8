# The weekly digest and its chart (cogs/digest/render.py, chart.py), /leaderboard for
# a week or a longer period (period_render.py), /digest (cogs/digest/cog.py).

digest-title = 📰 Weekly digest — week of { $date }
digest-title-so-far = 📊 The week so far (since { $date })
digest-totals = **{ $total }** published { $total ->
    [one] story
   *[other] stories
}: { $great } 🌟 great · { $disaster } 💥 { $disaster ->
    [one] disaster
   *[other] disasters
}.
digest-late = _This digest is late: the bot was away when it was due._
digest-too-few = Not enough stories to rank brands this week: a brand needs at least { $count ->
    [one] { $count } story
   *[other] { $count } stories
} in the week to appear.
# Also how the bot finds its own post again after a crash: keep the week in it.
digest-marker = Experience It weekly digest · week { $week }
digest-best = 🏆 Best-rated
digest-worst = ⚠️ Worst-rated
digest-movers = 📈 Movers
digest-mover = { $name }: disasters { $before } → { $now }
digest-touchpoints = 🧭 Touchpoints
digest-praised = 👍 Praised most: { $touchpoint } ({ $count })
digest-criticised = 👎 Complained about most: { $touchpoint } ({ $count })
digest-relatable = 🤝 Most relatable
digest-highlights = ✨ Moderators' highlights
digest-new-brands = 🆕 New this week
digest-row = `{ $rank }.` { $name } — { $score } · { $count ->
    [one] { $count } story
   *[other] { $count } stories
} ({ $great } 🌟 / { $disaster } 💥) · { $movement }
digest-and-more = …and { $count } more
movement-new = new

chart-best = Best rated
chart-worst = Worst rated
chart-server-mean = server mean { $mean }
chart-too-few = Not enough stories this week
chart-title-so-far = This week so far
chart-title = Week of { $date }

board-title = 🏆 Leaderboard · { $period }
board-totals = { $total ->
    [one] { $total } published story
   *[other] { $total } published stories
} · { $great } 🌟 / { $disaster } 💥
board-too-few = Not enough stories yet
board-too-few-why = A brand needs { $count ->
    [one] { $count } story
   *[other] { $count } stories
} in the period to be ranked.
board-row = `{ $rank }.` { $name } — { $score } · { $count ->
    [one] { $count } story
   *[other] { $count } stories
} ({ $great } 🌟 / { $disaster } 💥)
board-best = 🌟 Best
board-worst = 💥 Worst
board-footer = Bayesian score against the period's average { $mean } (weight { $weight }); at least { $count ->
    [one] { $count } story
   *[other] { $count } stories
} to rank.

leaderboard-week-or-period = Choose either a past week or a period, not both.
digest-not-over = That week is not over yet; use `/digest preview` to see it.
digest-no-channel = Choose a digest channel first with `/storymod setup`.
digest-channel-unseen = I cannot see the digest channel; pick another in setup.
digest-reposted = Posted the digest of { $week }: { $link }

week-no-stories-yet = This server has no published stories yet.
week-before-first-story = There are no stories from the week of { $week }: this server's first published story came later.
week-bad-date = Give the week as the date it starts on, like 2026-11-16.
week-wrong-weekday = { $date } is a { $weekday }; weeks on this server start on { $start }.
week-not-started = The week of { $week } hasn't started yet.
