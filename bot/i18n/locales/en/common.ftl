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
duration-hours-minutes = { $hours } h { $minutes } min

# A server's posting limits (bot/domain/posting_limits.py).
limits-none = no new stories for now
limits-one-a-day = one story a day
limits-per-day = { $count ->
    [one] { $count } story
   *[other] { $count } stories
} a day
limits-apart = { $per_day }, at least { $wait } apart

# Lists: "A, B or C", "A, B and C" (`first` already joined with commas).
list-or = { $first } or { $last }
list-and = { $first } and { $last }
