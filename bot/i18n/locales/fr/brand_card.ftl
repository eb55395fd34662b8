# /marque (cogs/brands.py), la page web d'une marque, et les chiffres partagés avec les
# classements (bot/i18n/figures.py). Les nombres arrivent déjà écrits pour la langue.

card-rating = { $stars } { $mean } / 5
card-score = { $score } / 5 — { $count ->
    [one] { $count } histoire comparée
   *[other] { $count } histoires comparées
} à { $prior }, poids { $weight }
card-prior-week = la moyenne du serveur sur 12 semaines, { $mean }
card-prior-all = la moyenne du serveur depuis toujours, { $mean }
card-prior-period = la moyenne du serveur sur la période ({ $period }), { $mean }
card-prior-neutral = une valeur neutre de { $mean } (pas d'histoire récente sur le serveur)
card-nps = { $score } ({ $answers ->
    [one] { $answers } réponse
   *[other] { $answers } réponses
})
card-split = 🌟 { $great ->
    [one] { $great } réussite
   *[other] { $great } réussites
} ({ $great_share } %) · 💥 { $disaster ->
    [one] { $disaster } désastre
   *[other] { $disaster } désastres
} ({ $disaster_share } %)
card-touchpoint = { $emoji } { $touchpoint } — { $mean } ★ ({ $count ->
    [one] { $count } histoire
   *[other] { $count } histoires
})

card-published = { $count ->
    [one] { $count } histoire publiée
   *[other] { $count } histoires publiées
}
card-no-stories = Aucune histoire publiée pour l'instant.
card-no-stories-in = Aucune histoire publiée sur cette période ({ $period }).
card-field-rating = Note moyenne
card-field-score = Score bayésien
card-field-nps = Net Promoter Score (NPS)
card-field-split = Réussites / désastres
card-field-strongest = Point de contact le plus fort
card-field-weakest = Point de contact le plus faible
card-field-industry = Secteur
card-field-aliases = Aussi appelée
card-field-recent = Histoires récentes
card-footer = Seules les histoires publiées comptent. Racontez la vôtre avec /story.
card-no-letters = Tapez un nom de marque avec au moins une lettre ou un chiffre.
card-unknown = Je ne connais aucune marque appelée « { $name } » sur ce serveur.
card-did-you-mean = { $unknown } Vouliez-vous dire { $names } ?
card-suggestion = { $name } ({ $count ->
    [one] { $count } histoire
   *[other] { $count } histoires
})
card-pick-from-list = { $unknown } Choisissez une marque dans la liste en tapant, ou racontez la première histoire avec /story.

# Périodes : onglets de la page web, titres.
period-week = Cette semaine
period-month = Ce mois-ci
period-quarter = Ce trimestre
period-all = Depuis toujours
period-title-week = Semaine du { $date }
period-title-quarter = { $quarter ->
    [one] 1er
   *[other] { $quarter }e
} trimestre { $year }
