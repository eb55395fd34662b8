# Réponses privées aux modérateurs (cogs/moderation/).

language-name-en = anglais
language-name-fr = français
language-set = Les publications de ce serveur (histoires, résumé hebdomadaire, notes aux modérateurs) sont désormais en { $language }. Les réponses privées restent dans la langue Discord de chaque membre.
language-follows-discord = Les publications de ce serveur suivent sa langue sur Discord : { $language } pour l'instant. Les réponses privées restent dans la langue Discord de chaque membre.
