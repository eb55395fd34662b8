# Limites de publication et délais (bot/domain/posting_limits.py), dans d'autres phrases.

duration-seconds = { $count ->
    [one] { $count } seconde
   *[other] { $count } secondes
}
duration-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
duration-hours = { $count ->
    [one] { $count } heure
   *[other] { $count } heures
}
duration-hours-minutes = { $hours } h { $minutes } min

limits-none = aucune nouvelle histoire pour le moment
limits-one-a-day = une histoire par jour
limits-per-day = { $count ->
    [one] { $count } histoire par jour
   *[other] { $count } histoires par jour
}
limits-per-day-apart = { $count ->
    [one] { $count } histoire par jour, à au moins { $gap } d'intervalle
   *[other] { $count } histoires par jour, à au moins { $gap } d'intervalle
}

# $when est un horodatage Discord : le client de chaque membre l'affiche dans sa
# langue et son fuseau horaire (« dans 4 minutes »).
post-wait = Vous pourrez raconter une autre histoire { $when } (ce serveur permet { $limits }).
