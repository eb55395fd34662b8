# Posting limits and waits (bot/domain/posting_limits.py), inside other sentences.

duration-seconds = { $count ->
    [one] { $count } second
   *[other] { $count } seconds
}
duration-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
duration-hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
duration-hours-minutes = { $hours } h { $minutes } min

limits-none = no new stories for now
limits-one-a-day = one story a day
limits-per-day = { $count ->
    [one] { $count } story a day
   *[other] { $count } stories a day
}
limits-per-day-apart = { $count ->
    [one] { $count } story a day, at least { $gap } apart
   *[other] { $count } stories a day, at least { $gap } apart
}

# $when is a Discord timestamp: each member's client shows it in their own language
# and time zone ("in 4 minutes", "dans 4 minutes").
post-wait = You can share another story { $when } (this server allows { $limits }).
