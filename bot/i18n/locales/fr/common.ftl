# Mots partagés par plusieurs parties.

n-stories = { $count ->
    [one] { $count } histoire
   *[other] { $count } histoires
}

# Un jour sans son année, en lettres de date CLDR (Babel met les noms).
day-pattern = EEEE d MMMM

# Listes : « A, B ou C », « A, B et C » (`first` déjà joint par des virgules).
list-or = { $first } ou { $last }
list-and = { $first } et { $last }
