# The outbox's notes and notices (bot/i18n/outbox.py), worded when they are delivered.

# A member's private notice about their story (by DM, or on their next command).
notice-header = 📬 **Pendant votre absence**
notice-approved = ✅ Un modérateur a approuvé votre histoire n° { $id } « { $headline } » sur **{ $server }** : elle est publiée.
notice-hidden = 🙈 Un modérateur a masqué votre histoire n° { $id } « { $headline } » sur **{ $server }** ; les lecteurs ne la voient plus.{ $why }
    Vous pouvez encore la modifier avec `/story edit` ou la supprimer avec `/story delete`.
notice-deleted = 🗑️ Un modérateur a supprimé votre histoire n° { $id } « { $headline } » sur **{ $server }**.{ $why }
notice-reason = Motif : { $reason }

# Notes in the moderators' channel.
mod-note-review-waiting = 📝 L'histoire n° { $id } attend une relecture.
mod-note-reported = 🚩 L'histoire n° { $id } a été signalée par { $reporter } : { $reason }
mod-note-reported-hidden = Elle a atteint { $reports } signalements et reste masquée jusqu'à votre décision.
mod-note-reported-post = Message : { $url }
# Identifies a note or a DM in a channel's history (crash recovery); `ref` is a code.
outbox-marker = -# réf. { $ref }

# A delivery that failed for good, in the moderators' channel and in /storymod setup.
outbox-waiting = ⚠️ { $count ->
    [one] 1 envoi attend
   *[other] { $count } envois attendent
} : { $reason }.
outbox-fix = Corrigez-le, puis enregistrez `/storymod setup` (ou appuyez sur son bouton **Vérifier à nouveau**) : tout ce qui attend est envoyé, au plus { $pace } messages par minute.
parked-no-stories-channel = aucun salon des histoires n'est choisi
parked-no-mod-channel = aucun salon des modérateurs n'est choisi pour mes notes
parked-forbidden = je n'ai pas le droit d'écrire dans <#{ $channel }> (erreur Discord { $code }) ; donnez-moi Voir le salon, Envoyer des messages, Intégrer des liens et Voir les anciens messages
parked-channel-gone = le salon <#{ $channel }> n'existe plus ; choisissez-en un autre dans `/storymod setup`
parked-not-text = <#{ $channel }> n'est pas un salon textuel ; choisissez-en un autre
