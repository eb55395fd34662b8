# Réponses privées aux modérateurs (cogs/moderation/).

language-name-en = anglais
language-name-fr = français
language-set = Les publications de ce serveur (histoires, résumé hebdomadaire, notes aux modérateurs) sont désormais en { $language }. Les réponses privées restent dans la langue Discord de chaque membre.
language-follows-discord = Les publications de ce serveur suivent sa langue sur Discord : { $language } pour l'instant. Les réponses privées restent dans la langue Discord de chaque membre.

mod-refused-not-in-server = Les outils de modération ne fonctionnent que dans un serveur, pas en message privé.
mod-refused-not-a-moderator = Seuls les modérateurs peuvent faire cela : il faut la permission Gérer le serveur ou Gérer les messages, ou le rôle de modérateur du serveur.
