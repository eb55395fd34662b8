# /storymod audit et /storymod export (cogs/moderation/audit.py). Les noms d'actions
# sont aussi les choix de l'option `action`.

audit-action-settings = Réglages changés
audit-action-digest_repost = Résumé republié
audit-action-approve = Approbation
audit-action-hide = Masquage
audit-action-restore = Rétablissement
audit-action-highlight = Mise en avant
audit-action-unhighlight = Fin mise en avant
audit-action-delete = Suppression
audit-action-brand_merge = Fusion
audit-action-brand_unmerge = Fusion annulée
audit-action-brand_rename = Renommage
audit-action-brand_alias_add = Alias ajouté
audit-action-brand_alias_remove = Alias retiré
audit-action-brand_industry = Secteur choisi
audit-action-export = Export
audit-action-web_page = Page web changée

audit-title = Journal de modération
audit-by = par { $moderator }
audit-story = histoire n° { $id }
audit-brand = marque { $name }
audit-brand-gone = marque n° { $id } (disparue)
audit-why = Pourquoi : { $reason }
audit-setting-change = { $setting } : { $old } → { $new }
audit-intro-filtered = Entrées { $filters }, les plus récentes d'abord.
audit-intro-all = Toutes les entrées, les plus récentes d'abord.
audit-footer = Page { $page } sur { $pages } · { $total ->
    [one] { $total } entrée
   *[other] { $total } entrées
}
audit-none-filtered = Aucune entrée { $filters }.
audit-empty = Le journal est vide : aucun modérateur n'a encore rien changé.
audit-no-such-brand = Il n'y a pas de marque « { $name } » sur ce serveur. Choisissez-en une dans la liste en tapant, ou laissez l'option marque vide.
audit-pick-action = Choisissez l'action dans la liste proposée par l'option.
audit-previous = Précédent
audit-next = Suivant

server-export-done = 📦 { $count ->
    [one] La { $count } histoire
   *[other] Les { $count } histoires
} de ce serveur, en CSV (pour les tableurs) et en JSON. Les histoires anonymes n'ont pas d'auteur. L'export est noté dans le journal de modération.
server-export-compressed = Compressé avec gzip pour tenir dans la limite de taille de Discord.
server-export-nothing = Ce serveur n'a encore aucune histoire : rien à exporter.
server-export-too-large = Les histoires de ce serveur sont trop nombreuses pour être envoyées ici en fichiers, même compressées. Demandez une copie de la base de données à l'opérateur du bot.
