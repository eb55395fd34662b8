# La fiche d'une histoire pour les modérateurs et ses boutons (cogs/moderation/queue_items.py, queue.py).

queue-empty = ✅ Rien n'attend de décision : aucune histoire en attente ni signalée.
queue-header = 🗂️ File de relecture : { $position } sur { $total }
queue-not-in-queue = 🗂️ L'histoire n° { $id } n'est pas dans la file de relecture ({ $waiting })
queue-waiting = { $count ->
    [one] { $count } en attente
   *[other] { $count } en attente
}
queue-is-empty = la file est vide

queue-button-approve = Approuver
queue-button-hide = Masquer
queue-button-restore = Rétablir
queue-button-highlight = Mettre en avant
queue-button-unhighlight = Retirer la mise en avant
queue-button-delete = Supprimer
queue-button-keep = Garder (ignorer les signalements)
queue-button-prev = Précédente
queue-button-next = Suivante

queue-status-draft = 📝 Brouillon : son auteur répond encore aux questions
queue-status-pending = ⏳ En attente de relecture
queue-status-published = ✅ Publiée
queue-status-hidden = 🙈 Masquée
queue-highlighted = ⭐ Mise en avant : elle figurera dans le prochain résumé
queue-hidden-by-reports = signalée par les lecteurs
queue-open-post = Ouvrir la publication
queue-field-status = État
queue-field-author = Auteur
queue-anonymous = { $author } (anonyme pour les lecteurs)
queue-field-reports = Signalements
queue-open-reports = 🚩 { $count ->
    [one] { $count } signalement ouvert
   *[other] { $count } signalements ouverts
}
queue-more-reports = … et { $count } de plus

queue-done-kept = ✅ Gardée publiée (signalements ignorés)
queue-done-approve = ✅ Approuvée
queue-done-hide = 🙈 Masquée
queue-done-restore = ↩️ Rétablie
queue-done-highlight = ⭐ Mise en avant (dans le prochain résumé)
queue-done-unhighlight = ✖️ Plus mise en avant
queue-done-delete = 🗑️ Supprimée définitivement
queue-done-story = { $done } : histoire n° { $id }.
queue-done-by = { $done } par { $moderator } { $when }
queue-post-taken-down = Sa publication a été retirée.
queue-post-taken-down-soon = Sa publication sera retirée sous peu.
queue-author-told = L'auteur a été prévenu en message privé.
queue-author-told-soon = L'auteur sera prévenu en message privé sous peu.
queue-author-later = L'auteur n'accepte pas les messages privés : il verra une note privée la prochaine fois qu'il utilisera le bot.

queue-form-delete-title = Supprimer l'histoire n° { $id } ?
queue-form-hide-title = Masquer l'histoire n° { $id }
queue-form-delete-warning = Cela retire l'histoire, avec sa publication, ses votes et ses signalements s'il y en a. C'est définitif. Fermez ce formulaire pour garder l'histoire.
queue-form-reason = Raison
queue-form-reason-placeholder = L'auteur verra cette raison (pas qui vous êtes).

# Pourquoi une action ne s'applique pas (bot/domain/curation.py donne la clé et les valeurs).
# Un numéro d'histoire est un nom, pas une quantité : jamais groupé (n° 1234).
curation-gone = L'histoire n° { NUMBER($id, useGrouping: 0) } n'existe plus sur ce serveur (supprimée entre-temps ?). Rien n'a été changé.
curation-reason-missing = Rien n'a été changé : donnez une raison d'au moins { $min } caractères (l'auteur la verra).
curation-reason-short = Rien n'a été changé : donnez une raison d'au moins { $min } caractères visibles.
curation-reason-long = Rien n'a été changé : gardez la raison sous { $max } caractères.
curation-draft-only-delete = L'histoire n° { NUMBER($id, useGrouping: 0) } est { $status } : seule la suppression s'y applique.
curation-already-published = L'histoire n° { NUMBER($id, useGrouping: 0) } est déjà publiée : rien à approuver.
curation-hidden-use-restore = L'histoire n° { NUMBER($id, useGrouping: 0) } est masquée : utilisez Rétablir pour la republier.
curation-already-hidden = L'histoire n° { NUMBER($id, useGrouping: 0) } est déjà masquée.
curation-not-hidden = L'histoire n° { NUMBER($id, useGrouping: 0) } n'est pas masquée (elle est { $status }) : rien à rétablir.
curation-highlight-unpublished = L'histoire n° { NUMBER($id, useGrouping: 0) } est { $status } : seules les histoires publiées peuvent être mises en avant.
curation-already-highlighted = L'histoire n° { NUMBER($id, useGrouping: 0) } est déjà mise en avant.
curation-not-highlighted = L'histoire n° { NUMBER($id, useGrouping: 0) } n'est pas mise en avant.
curation-status-draft = encore un brouillon (son auteur ne l'a pas terminée)
curation-status-pending = en attente de relecture
curation-status-published = publiée
curation-status-hidden = masquée
