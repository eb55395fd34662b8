# Words shared by several areas.

n-stories = { $count ->
    [one] { $count } story
   *[other] { $count } stories
}

# A day without its year, in CLDR date letters (Babel fills in the names).
day-pattern = EEEE, MMMM d
