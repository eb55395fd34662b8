# Mots partagés par plusieurs parties.

n-stories = { $count ->
    [one] { $count } histoire
   *[other] { $count } histoires
}

# Un jour sans son année, en lettres de date CLDR (Babel met les noms).
day-pattern = EEEE d MMMM
