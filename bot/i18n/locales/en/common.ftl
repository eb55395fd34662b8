# Words shared by several areas.

n-stories = { $count ->
    [one] { $count } story
   *[other] { $count } stories
}

# A day without its year, in CLDR date letters (Babel fills in the names).
day-pattern = EEEE, MMMM d

n-seconds = { $count ->
    [one] { $count } second
   *[other] { $count } seconds
}
n-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
n-hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
n-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
n-servers = { $count ->
    [one] { $count } server
   *[other] { $count } servers
}
n-migrations = { $count ->
    [one] { $count } migration
   *[other] { $count } migrations
}
duration-hours-minutes = { $hours } h { $minutes } min

# A server's posting limits (bot/i18n/limits.py).
limits-none = no new stories for now
limits-one-a-day = one story a day
limits-per-day = { $count ->
    [one] { $count } story
   *[other] { $count } stories
} a day
limits-apart = { $per_day }, at least { $wait } apart
