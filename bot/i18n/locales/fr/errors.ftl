# Le chemin d'erreur unique (bot/interaction_errors.py) : privé, dans la langue du membre.

error-busy = Je suis très occupé en ce moment et je n'ai pas pu terminer à temps. Veuillez réessayer dans un instant.
error-unexpected = Un problème est survenu de notre côté (code d'erreur `{ $code }`). Rien de ce que vous avez fait n'est perdu ; veuillez réessayer, et donnez ce code à un modérateur si cela se reproduit.
error-server-only = Cette commande ne fonctionne que dans un serveur.
error-member-lacks-permission = { $count ->
    [one] Il vous faut la permission { $permissions } pour faire cela.
   *[other] Il vous faut les permissions { $permissions } pour faire cela.
}
error-bot-lacks-permission = { $count ->
    [one] J'ai besoin de la permission { $permissions } ici pour faire cela. Demandez à un administrateur du serveur.
   *[other] J'ai besoin des permissions { $permissions } ici pour faire cela. Demandez à un administrateur du serveur.
}
error-slow-down = { $seconds ->
    [one] Doucement : réessayez dans { $seconds } seconde.
   *[other] Doucement : réessayez dans { $seconds } secondes.
}
error-bad-value = « { $value } » n'est pas une valeur valide pour cette option.
error-not-here = Vous ne pouvez pas utiliser ceci ici.

# Les permissions, nommées comme dans les paramètres de Discord.
permission-administrator = Administrateur
permission-manage_guild = Gérer le serveur
permission-manage_messages = Gérer les messages
permission-manage_channels = Gérer les salons
permission-manage_roles = Gérer les rôles
permission-view_channel = Voir le salon
permission-send_messages = Envoyer des messages
permission-embed_links = Intégrer des liens
permission-attach_files = Joindre des fichiers
permission-read_message_history = Voir les anciens messages
