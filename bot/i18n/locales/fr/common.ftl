# Mots partagés par plusieurs parties.

n-stories = { $count ->
    [one] { $count } histoire
   *[other] { $count } histoires
}

# Un jour sans son année, en lettres de date CLDR (Babel met les noms).
day-pattern = EEEE d MMMM

n-seconds = { $count ->
    [one] { $count } seconde
   *[other] { $count } secondes
}
n-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
n-hours = { $count ->
    [one] { $count } heure
   *[other] { $count } heures
}
duration-hours-minutes = { $hours } h { $minutes } min

# Les limites de publication d'un serveur (bot/domain/posting_limits.py).
limits-none = plus de nouvelle histoire pour l'instant
limits-one-a-day = une histoire par jour
limits-per-day = { $count ->
    [one] { $count } histoire
   *[other] { $count } histoires
} par jour
limits-apart = { $per_day }, espacées d'au moins { $wait }

# Listes : « A, B ou C », « A, B et C » (`first` déjà joint par des virgules).
list-or = { $first } ou { $last }
list-and = { $first } et { $last }
