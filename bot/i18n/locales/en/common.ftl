# Words shared by several areas.

n-stories = { $count ->
    [one] { $count } story
   *[other] { $count } stories
}

# A day without its year, in CLDR date letters (Babel fills in the names).
day-pattern = EEEE, MMMM d

# Lists: "A, B or C", "A, B and C" (`first` already joined with commas).
list-or = { $first } or { $last }
list-and = { $first } and { $last }
