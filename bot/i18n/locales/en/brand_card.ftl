# /brand (cogs/brands.py), the brand's web page, and figures shared with the leaderboards
# (bot/i18n/figures.py). Numbers arrive already written for the language.

card-rating = { $stars } { $mean } / 5
card-score = { $score } / 5 — { $count ->
    [one] { $count } story
   *[other] { $count } stories
} weighed against { $prior }, weight { $weight }
card-prior-week = the server's 12-week average { $mean }
card-prior-all = the server's all-time average { $mean }
card-prior-period = the server's average for { $period } { $mean }
card-prior-neutral = a neutral { $mean } (no recent stories in the server)
card-nps = { $score } ({ $answers ->
    [one] { $answers } answer
   *[other] { $answers } answers
})
card-split = 🌟 { $great } great ({ $great_share }%) · 💥 { $disaster } disaster ({ $disaster_share }%)
card-touchpoint = { $emoji } { $touchpoint } — { $mean } ★ ({ $count ->
    [one] { $count } story
   *[other] { $count } stories
})

card-published = { $count ->
    [one] { $count } published story
   *[other] { $count } published stories
}
card-no-stories = No published stories yet.
card-no-stories-in = No stories published in { $period }.
card-field-rating = Average rating
card-field-score = Bayesian score
card-field-nps = Net Promoter Score
card-field-split = Great / disaster
card-field-strongest = Strongest touchpoint
card-field-weakest = Weakest touchpoint
card-field-industry = Industry
card-field-aliases = Also known as
card-field-recent = Recent stories
card-footer = Only published stories count. Tell yours with /story.
card-no-letters = Type a brand name with at least one letter or digit.
card-unknown = I don't know a brand called “{ $name }” in this server.
card-did-you-mean = { $unknown } Did you mean { $names }?
card-suggestion = { $name } ({ $count ->
    [one] { $count } story
   *[other] { $count } stories
})
card-pick-from-list = { $unknown } Pick a brand from the list as you type, or tell the first story with /story.

# Periods: tabs of the web page, titles.
period-week = This week
period-month = This month
period-quarter = This quarter
period-all = All time
period-title-week = Week of { $date }
period-title-quarter = Q{ $quarter } { $year }
