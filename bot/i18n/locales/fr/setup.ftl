# /storymod setup : le panneau (cogs/moderation/setup_panel.py), ses corrections rapides
# (cogs/moderation/setup.py) ; les noms de réglages servent aussi au journal et à /aide.

setting-stories_channel_id = Salon des histoires
setting-digest_channel_id = Salon du résumé
setting-mod_channel_id = Salon des modérateurs
setting-moderator_role_id = Rôle de modérateur
setting-review_mode = Mode relecture
setting-digest_weekday = Jour du résumé
setting-digest_hour = Heure du résumé
setting-timezone = Fuseau horaire
setting-leaderboard_size = Taille des classements
setting-min_stories = Histoires minimum pour être classée
setting-prior_weight = Poids de la moyenne
setting-cooldown_seconds = Délai entre deux histoires
setting-daily_cap = Histoires par membre et par jour
setting-report_threshold = Signalements avant de masquer une histoire
setting-quiet_week_post = Poster le résumé les semaines calmes
setting-retention_days = Conservation des données après le départ du bot
setting-language = Langue des publications

value-not-set = non défini
value-none = aucun
value-yes = oui
value-no = non
value-follow-discord = la langue du serveur sur Discord
review-open = ouvert (publiées tout de suite)
review-review = relecture (un modérateur approuve d'abord)

setup-title = Experience It — configuration du serveur
setup-intro = Réglages actuels. Changez-les avec `/storymod setup` et ses options.
setup-saved = Enregistré :
setup-unchanged = Rien n'a changé : c'étaient déjà les réglages.
setup-change = • { $setting } : { $old } → { $new }
setup-channels = Salons
setup-channels-value =
    Histoires : { $stories }
    Résumé : { $digest }
    Modérateurs : { $moderators }
setup-moderators = Modérateurs
setup-moderators-value = Permission Gérer le serveur ou Gérer les messages ; rôle de modérateur : { $role }
setup-stories = Histoires
setup-stories-value =
    Mode : { $review }
    Chaque membre : { $limits }
    Masquée après { $reports ->
        [one] { $reports } signalement
       *[other] { $reports } signalements
    } jusqu'à relecture
setup-digest = Résumé hebdomadaire
setup-digest-value =
    Chaque { $weekday } à { $hour } ({ $zone })
    Top { $size } dans chaque sens ; une marque doit avoir { $min ->
        [one] { $min } histoire
       *[other] { $min } histoires
    } ; poids de la moyenne { $weight }
    Semaines calmes : { $quiet }
setup-quiet-posted = publié
setup-quiet-skipped = sauté
setup-language = Langue
setup-language-chosen = Les publications (histoires, résumé hebdomadaire, notes aux modérateurs) sont en { $language }. Changez-la avec `/storymod language`.
setup-language-discord = Les publications suivent la langue du serveur sur Discord : { $language } pour l'instant. Changez-la avec `/storymod language`.
setup-data = Données
setup-data-value = Si le bot quitte ce serveur, ses histoires et réglages sont gardés { $days }, puis effacés. `/storymod export` télécharge les histoires.
setup-all-good-name = À corriger
setup-all-good = ✅ Rien : tout est configuré.

setup-fix = `/storymod setup { $option }:`
problem-not-set = Non défini : { $consequence }. Correction : { $fix }
problem-deleted = Supprimé : { $consequence }. Correction : choisissez-en un autre avec { $fix }
problem-not-text = { $channel } n'est pas un salon textuel. Correction : { $fix }
problem-lacks = Il me manque { $missing } dans { $channel }, donc { $consequence }. Correction : donnez à mon rôle { $missing } dans ce salon, ou choisissez-en un autre avec { $fix }
problem-role-deleted = Supprimé : seuls les membres avec Gérer le serveur ou Gérer les messages peuvent modérer. Correction : { $fix }
problem-review-no-channel = Activé, mais sans salon des modérateurs : personne n'est prévenu quand une histoire attend une approbation. Correction : { $fix }
consequence-stories_channel_id = les histoires sont enregistrées mais pas publiées
consequence-digest_channel_id = le résumé hebdomadaire n'est pas publié
consequence-mod_channel_id = les modérateurs ne sont prévenus ni des signalements ni des histoires à relire
problem-parked-name = En attente de publication
problem-parked = { $count ->
    [one] { $count } envoi
   *[other] { $count } envois
} : { $reason }. Enregistrez cette configuration (ou appuyez sur Vérifier à nouveau) une fois le problème réglé.
problem-digest-name = Résumé hebdomadaire
problem-digest-failed = Le résumé de la semaine du { $week } n'a pas pu être publié : { $reason }. Il sera retenté automatiquement une fois la cause corrigée.
problem-unknown-reason = raison inconnue

setup-pick-stories-channel = Publier les histoires dans…
setup-time-zone-button = Fuseau horaire…
setup-check-again = Vérifier à nouveau
setup-zone-title = Fuseau horaire du résumé
setup-zone-label = Fuseau horaire (nom IANA)

setup-refused = Rien n'a été changé :
setup-refused-role-everyone = Rien n'a été changé : @everyone ne peut pas être le rôle de modérateur (tout le monde modérerait). Choisissez un rôle que seuls les modérateurs ont.
setup-refused-role-managed = Rien n'a été changé : ce rôle est géré par une intégration et ne peut pas être donné aux membres. Choisissez un rôle que seuls les modérateurs ont.
settings-not-a-setting = `{ $setting }` n'est pas un réglage.
settings-unknown-zone = « { $zone } » n'est pas un fuseau horaire que je connais. Utilisez un nom IANA comme `Europe/Paris` ou `America/Toronto` (l'option en propose pendant la saisie).
settings-not-a-number = { $setting } doit être un nombre.
settings-out-of-range = { $setting } doit être entre { $low } et { $high }, pas { $value }.
zone-empty = Donnez un fuseau horaire comme Europe/Berlin ou America/Toronto.
zone-unknown = Je ne connais pas le fuseau horaire « { $zone } ». Utilisez un nom IANA comme Europe/Berlin ou America/Toronto.
hour-invalid = L'heure du résumé doit être une heure entière de 0 à 23.
weekday-invalid = Le jour du résumé doit aller de 0 (lundi) à 6 (dimanche).
digest-failed-channel-gone = le salon du résumé n'existe plus ou je ne le vois pas ; choisissez-en un autre dans la configuration
digest-failed-timeout = Discord n'a pas répondu en { $seconds } s
digest-failed-refused = Discord a refusé la publication ({ $status }, code { $code })
digest-failed-internal = une erreur interne ; voir le journal du bot
