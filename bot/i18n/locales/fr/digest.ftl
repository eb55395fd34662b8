# Le résumé hebdomadaire et son graphique (cogs/digest/render.py, chart.py), /classement
# pour une semaine ou une période plus longue (period_render.py), /digest (cogs/digest/cog.py).

digest-title = 📰 Résumé de la semaine du { $date }
digest-title-so-far = 📊 La semaine en cours (depuis le { $date })
digest-totals = **{ $total }** { $total ->
    [one] histoire publiée
   *[other] histoires publiées
} : { $great } 🌟 { $great ->
    [one] réussite
   *[other] réussites
} · { $disaster } 💥 { $disaster ->
    [one] désastre
   *[other] désastres
}.
digest-late = _Ce résumé arrive en retard : le bot était absent à l'heure prévue._
digest-too-few = Pas assez d'histoires pour classer les marques cette semaine : une marque doit en avoir au moins { $count } dans la semaine pour apparaître.
# Sert aussi au bot à retrouver sa publication après un plantage : garder la semaine.
digest-marker = Résumé hebdomadaire d'Experience It · semaine { $week }
digest-best = 🏆 Les mieux notées
digest-worst = ⚠️ Les moins bien notées
digest-movers = 📈 Évolutions
digest-mover = { $name } : désastres { $before } → { $now }
digest-touchpoints = 🧭 Points de contact
digest-praised = 👍 Le plus salué : { $touchpoint } ({ $count })
digest-criticised = 👎 Le plus critiqué : { $touchpoint } ({ $count })
digest-relatable = 🤝 Celle qui a le plus parlé aux lecteurs
digest-highlights = ✨ Coups de cœur de la modération
digest-new-brands = 🆕 Nouvelles cette semaine
digest-row = `{ $rank }.` { $name } — { $score } · { $count ->
    [one] { $count } histoire
   *[other] { $count } histoires
} ({ $great } 🌟 / { $disaster } 💥) · { $movement }
digest-and-more = …et { $count } de plus
movement-new = nouvelle

chart-best = Les mieux notées
chart-worst = Les moins bien notées
chart-server-mean = moyenne du serveur { $mean }
chart-too-few = Pas assez d'histoires cette semaine
chart-title-so-far = La semaine en cours
chart-title = Semaine du { $date }

board-title = 🏆 Classement · { $period }
board-totals = { $total ->
    [one] { $total } histoire publiée
   *[other] { $total } histoires publiées
} · { $great } 🌟 / { $disaster } 💥
board-too-few = Pas encore assez d'histoires
board-too-few-why = Une marque doit avoir { $count ->
    [one] { $count } histoire
   *[other] { $count } histoires
} sur la période pour être classée.
board-row = `{ $rank }.` { $name } — { $score } · { $count ->
    [one] { $count } histoire
   *[other] { $count } histoires
} ({ $great } 🌟 / { $disaster } 💥)
board-best = 🌟 Les meilleures
board-worst = 💥 Les pires
board-footer = Score bayésien face à la moyenne de la période, { $mean } (poids { $weight }) ; au moins { $count ->
    [one] { $count } histoire
   *[other] { $count } histoires
} pour être classée.

leaderboard-week-or-period = Choisissez une semaine passée ou une période, pas les deux.
digest-not-over = Cette semaine n'est pas finie ; utilisez `/digest preview` pour la voir.
digest-no-channel = Choisissez d'abord un salon pour le résumé avec `/storymod setup`.
digest-channel-unseen = Je ne vois pas le salon du résumé ; choisissez-en un autre dans la configuration.
digest-reposted = Résumé de la semaine du { $week } publié : { $link }

week-no-stories-yet = Ce serveur n'a encore aucune histoire publiée.
week-before-first-story = Aucune histoire de la semaine du { $week } : la première histoire publiée sur ce serveur est plus récente.
week-bad-date = Donnez la semaine par sa date de début, par exemple 2026-11-16.
week-wrong-weekday = Le { $date } est un { $weekday } ; sur ce serveur, les semaines commencent le { $start }.
week-not-started = La semaine du { $week } n'a pas encore commencé.
