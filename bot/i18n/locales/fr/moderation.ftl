# Réponses privées aux modérateurs (cogs/moderation/).

language-name-en = anglais
language-name-fr = français
language-set = Les publications de ce serveur (histoires, résumé hebdomadaire, notes aux modérateurs) sont désormais en { $language }. Les réponses privées restent dans la langue Discord de chaque membre.
language-follows-discord = Les publications de ce serveur suivent sa langue sur Discord : { $language } pour l'instant. Les réponses privées restent dans la langue Discord de chaque membre.

mod-refused-not-in-server = Les outils de modération ne fonctionnent que dans un serveur, pas en message privé.
mod-refused-not-a-moderator = Seuls les modérateurs peuvent faire cela : il faut la permission Gérer le serveur ou Gérer les messages, ou le rôle de modérateur du serveur.

# /storymod web (cogs/moderation/web.py)
web-indexed = Les moteurs de recherche peuvent lister les pages.
web-not-indexed = Les moteurs de recherche sont priés de ne pas les lister (noindex).
web-off = La page web est **désactivée** : son adresse répond « introuvable ». La réactiver rend la même adresse (choisissez `new address` pour en avoir une autre).
web-no-server = L'opérateur du bot n'a pas démarré le serveur web (WEB_PORT, PUBLIC_URL) : il n'y a pas encore d'adresse à partager ; elle apparaîtra ici dès qu'il l'aura fait.
web-address = Adresse : { $address }
web-on =
    La page web est **activée**. { $where }
    Toute personne qui a l'adresse peut la lire : elle montre ce que les lecteurs voient dans Discord (histoires publiées, auteurs anonymes exclus). { $indexing }
