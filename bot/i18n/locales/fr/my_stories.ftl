# Les histoires d'un membre (cogs/stories/my_stories.py) : réponses privées.

n-relatable-votes = { $count ->
    [one] { $count } vote « ça m'est arrivé »
   *[other] { $count } votes « ça m'est arrivé »
}
n-reports = { $count ->
    [one] { $count } signalement
   *[other] { $count } signalements
}
n-unread-notices = { $count ->
    [one] { $count } avis non lu
   *[other] { $count } avis non lus
}
story-kind-great = Super expérience
story-kind-disaster = Désastre
story-status-published = 🟢 publiée
story-status-pending = 🕒 en attente de relecture
story-status-hidden = 🙈 masquée
story-status-draft = 📝 brouillon

mine-empty = Vous n'avez encore raconté aucune histoire sur ce serveur. Racontez-en une avec `/story great` (ou `/story disaster`).
mine-not-your-buttons = Ces boutons appartiennent à quelqu'un d'autre. Lancez la commande vous-même.
mine-server-only = Cette commande ne fonctionne que dans un serveur.
mine-label = « { $headline } » sur **{ $brand }**
mine-post-link = publication
mine-title = Vos histoires sur ce serveur
mine-footer = Page { $page } sur { $pages } · { $stories } · /story edit ou /story delete avec un numéro
mine-button-previous = Précédent
mine-button-next = Suivant

# Ce que la suppression d'une histoire enlève aussi.
mine-goes-post = sa publication dans le salon des histoires
mine-goes-votes = ses { $votes }
mine-goes-reports = ses éventuels signalements
mine-list-and = { $first } et { $last }

edit-title = Modifier l'histoire n° { $id }
edit-not-changed = L'histoire n° { $id } n'a pas été modifiée :
edit-fix = Corriger
edit-updated = ✏️ L'histoire n° { $id } est à jour. { $note }
edit-note-review = Ce serveur relit les histoires : elle quitte le salon des histoires jusqu'à ce qu'un modérateur approuve la nouvelle version.
edit-note-published = Sa publication montre la nouvelle version : { $url }
edit-note-no-channel = Elle apparaîtra dans le salon des histoires dès que les modérateurs en auront choisi un.
edit-note-pending = Elle attend toujours la relecture d'un modérateur.
edit-note-hidden = Elle reste masquée jusqu'à ce qu'un modérateur la rétablisse.
edit-note-draft = Répondez à ses questions pour la publier.
# Dans le salon des modérateurs : la langue du serveur.
edit-mod-note = ✏️ L'histoire n° { $id } a été modifiée par son auteur et attend de nouveau une relecture.

confirm-already-done = C'est déjà fait ; il n'y a plus rien à confirmer.
confirm-expired = ⌛ Cette confirmation a expiré ; rien n'a changé.

delete-button = Supprimer pour de bon
delete-keep-button = La garder
delete-question = Supprimer pour de bon l'histoire n° { $id }, { $label } ? C'est définitif.
delete-question-with = Supprimer pour de bon l'histoire n° { $id }, { $label } ? Cela enlève aussi { $extras }. C'est définitif.
delete-done = 🗑️ L'histoire n° { $id } est supprimée.
delete-done-with = 🗑️ L'histoire n° { $id } est supprimée, avec { $extras }.
delete-kept = Gardée : l'histoire n° { $id } n'a pas changé.

export-done = 📦 Tout ce qu'Experience It conserve sur vous, **sur tous les serveurs** : { $stories }, { $votes }, { $reports }. `/story forget-me` efface tout.

forget-button = Tout supprimer
forget-cancel-button = Annuler
forget-cancelled = Annulé : rien n'a été supprimé.
forget-done = ✅ C'est fait. Supprimé : { $stories } (avec leurs publications), { $votes } et { $reports }. Il ne reste rien de vous dans la base de données d'Experience It.
forget-nothing = Experience It ne conserve rien sur vous : ni histoires, ni votes, ni signalements.
forget-intro = Ceci efface tout ce qu'Experience It conserve sur vous, **sur tous les serveurs** :
forget-line-stories = • { $stories } de votre part, avec leurs publications dans les salons des histoires et les votes et signalements qu'elles ont reçus
forget-line-votes = • { $votes } de votre part sur les histoires des autres membres
forget-line-reports = • { $reports } de votre part sur des histoires d'autres membres
forget-line-notices = • { $notices } pour vous
forget-outro = C'est définitif. Une copie d'abord ? Lancez `/story export`.
mine-no-such-story = Vous n'avez pas d'histoire n° { $id } sur ce serveur. `/story mine` liste les vôtres.
export-too-large = Vos données sont trop volumineuses pour être envoyées en un seul fichier ici. Demandez-en une copie à l'opérateur du bot, ou supprimez quelques histoires et réessayez.
