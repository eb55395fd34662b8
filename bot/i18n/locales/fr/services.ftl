# Refus et mots des services (bot/services/*) et du serveur des pages web
# (bot/web/app.py) : les services donnent une clé et ses faits, l'interface les formule.

# /storymod web (bot/services/web_access.py) : un changement qui ne change rien.
web-already-off = La page web est déjà désactivée ; rien n'a changé.
web-no-page-yet = Ce serveur n'a pas encore de page web : activez-la avec `/storymod web action:on`.

# /story export (bot/services/member_stories.py) : la première ligne du fichier, dans
# la langue du membre.
my-data-about = Tout ce qu'Experience It conserve sur vous, sur tous les serveurs.

# Les pages web (bot/web/app.py) : une adresse qui ne mène nulle part.
page-not-found = Page introuvable.
