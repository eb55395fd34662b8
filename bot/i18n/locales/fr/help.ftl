# /help (cogs/help.py)

help-title = Experience It
help-intro = **Experience It** rassemble les histoires d'expériences client de la communauté.
    • `/story great` ou `/story disaster` — racontez une expérience avec une marque.
    • `/marque` — voyez comment se porte une marque.
    • `/classement` — les marques les mieux et les moins bien notées de la semaine.
    Vos histoires vous appartiennent : `/story mine`, `/story export` et `/story forget-me`.
help-moderator-tools =
    `/storymod setup` — salons, relecture, horaire du résumé et tous les autres réglages, avec ce qu'il faut corriger.
    `/storymod queue` — les histoires à relire ou signalées.
    `/storymod brand …` — fusionner, renommer et ranger les marques. `/storymod audit` — qui a fait quoi.
    `/digest preview` — le prochain résumé, en privé.
help-field-server = Ce serveur
help-field-server-moderated = Ce serveur (vous le modérez)
help-field-moderator-tools = Outils de modération
help-footer = Experience It { $version }
help-not-set-up = Pas encore configuré : les histoires sont enregistrées mais pas publiées tant qu'un modérateur n'a pas lancé `/storymod setup`.
help-posted-with-digest = Les histoires sont publiées dans { $stories } ; le résumé hebdomadaire dans { $digest }.
help-posted-no-digest = Les histoires sont publiées dans { $stories } ; pas encore de résumé hebdomadaire.
help-all-set = ✅ Configuré : tout fonctionne comme prévu. `/storymod setup` permet de le changer.
help-not-ready = ⚠️ Pas prêt : { $count ->
    [one] { $count } point demande
   *[other] { $count } points demandent
} votre attention ({ $listing }). Lancez `/storymod setup` pour voir chaque correction.

