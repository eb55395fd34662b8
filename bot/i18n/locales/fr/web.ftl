# Les pages web en lecture seule (bot/web/templates), dans la langue du serveur. Les
# chiffres des fiches viennent de brand_card.ftl (card-…), comme sur Discord.

page-this-server = Ce serveur
page-past-digests = Résumés précédents
page-footer = Histoires racontées par les membres de { $server } avec Experience It. Seules les histoires publiées comptent ; les auteurs n'apparaissent jamais ici.
page-too-few = Pas encore assez d'histoires : une marque doit en avoir { $count } sur la période pour être classée.
page-best = 🌟 Les meilleures
page-worst = 💥 Les pires
page-row = { $count ->
    [one] { $count } histoire
   *[other] { $count } histoires
} · { $great ->
    [one] { $great } réussite
   *[other] { $great } réussites
} / { $disaster ->
    [one] { $disaster } désastre
   *[other] { $disaster } désastres
}
page-totals = { $total ->
    [one] { $total } histoire publiée
   *[other] { $total } histoires publiées
} ({ $great ->
    [one] { $great } réussite
   *[other] { $great } réussites
}, { $disaster ->
    [one] { $disaster } désastre
   *[other] { $disaster } désastres
}). Score bayésien face à la moyenne, { $mean }, poids { $weight }.
page-so-far = { $period }, jusqu'ici
page-latest-digest = Dernier résumé
page-no-digest = Aucun résumé hebdomadaire n'a encore été publié.
page-week-of = Semaine du { $date }
page-digest-title = Résumé de la semaine du { $date }
page-aliases = Aussi appelée { $names }
page-published = Histoires publiées
page-by-month = Score par mois
page-bar = { $month } : { $score } ({ $count ->
    [one] { $count } histoire
   *[other] { $count } histoires
})
page-stories = Histoires
page-in-discord = sur Discord
page-newer = ← Plus récentes
page-older = Plus anciennes →
page-page = Page { $page } sur { $pages }
