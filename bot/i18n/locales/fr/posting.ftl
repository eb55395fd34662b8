# Limites de publication (les mots sont dans common.ftl : limits-…, n-seconds…).

# $when est un horodatage Discord : le client de chaque membre l'affiche dans sa
# langue et son fuseau horaire (« dans 4 minutes »).
post-wait = Vous pourrez raconter une autre histoire { $when } (ce serveur permet { $limits }).
