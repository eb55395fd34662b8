# Refus d'entretien des marques (le stockage donne la raison et les noms ;
# bot/i18n/refusals.py les formule). Les noms arrivent en gras, échappés.

brand-refused-brand-gone = Cette marque n'existe plus (elle vient peut-être d'être fusionnée ou renommée). Rien n'a changé ; choisissez-la de nouveau dans la liste.
brand-refused-already-called = La marque s'appelle déjà { $name }. Rien n'a changé.
brand-refused-name-taken = { $name } est déjà le nom (ou un alias) de { $owner }. S'il s'agit de la même entreprise, fusionnez-les avec `/storymod brand merge`. Rien n'a changé.
brand-refused-alias-already-there = { $brand } répond déjà à { $alias }. Rien n'a changé.
brand-refused-alias-taken = { $alias } mène déjà à { $owner }. Une orthographe ne peut mener qu'à une seule marque ; s'il s'agit de la même entreprise, fusionnez-les avec `/storymod brand merge`. Rien n'a changé.
brand-refused-alias-is-name = C'est le nom de la marque, pas un alias : donnez-lui un autre nom avec `/storymod brand rename`. Rien n'a changé.
brand-refused-no-such-alias = { $brand } n'a pas cet alias (choisissez-en un dans la liste). Rien n'a changé.
brand-refused-already-in-industry = { $brand } est déjà dans le secteur { $industry }. Rien n'a changé.
brand-refused-merge-into-itself = Une marque ne peut pas être fusionnée avec elle-même. Rien n'a changé.
brand-refused-no-such-merge = Il n'y a pas de fusion n° { $merge } sur ce serveur.
brand-refused-merge-undone = La fusion n° { $merge } a déjà été annulée. Rien n'a changé.
brand-refused-undo-after-later-merge = La fusion n° { $merge } ne peut pas encore être annulée : la marque qui l'a reçue a été fusionnée depuis (fusion n° { $successor }) ; annulez d'abord celle-là.
brand-refused-undo-target-removed = La fusion n° { $merge } ne peut pas encore être annulée : la marque qui l'a reçue a été supprimée depuis.
brand-refused-undo-name-on-target = { $brand } porte maintenant le nom { $name } : renommez-la d'abord, puis annulez la fusion. Rien n'a changé.
brand-refused-undo-name-taken = Le nom { $name } appartient maintenant à { $owner } : retirez cet alias ou renommez cette marque d'abord. Rien n'a changé.

industry-airline = Aérien, voyages
industry-telecom = Télécoms, internet
industry-retail = Commerce
industry-food_drink = Restauration
industry-cars = Auto, transports
industry-tech = Tech, logiciels
industry-beauty = Beauté et mode
industry-finance = Banque et finance
industry-utilities = Énergie, services
industry-health = Santé, soins
industry-entertainment = Loisirs et médias
industry-other = Autre

brand-refused-already-one-brand = { $source } et { $target } sont déjà une seule marque ({ $brand }). Rien n'a changé.
brand-refused-no-merge-for-name = Aucune fusion en vigueur n'a fait disparaître une marque appelée { $name }. Choisissez-en une dans la liste, ou donnez le numéro de la fusion (il figurait dans la réponse à la fusion et dans le journal). Rien n'a changé.
brand-refused-pick-alias = Choisissez dans la liste l'alias à retirer. Rien n'a changé.
brand-refused-reason-too-long = Gardez la raison sous { $max } caractères (elle en a { $length }). Rien n'a été changé.
brand-refused-name-needs-letter = Le nom de la marque doit contenir au moins une lettre ou un chiffre. Rien n'a été changé.
brand-refused-name-too-long = Le nom de la marque peut avoir au plus { $max } caractères (vous en avez écrit { $length }). Rien n'a été changé.
brand-refused-alias-needs-letter = L'alias doit contenir au moins une lettre ou un chiffre. Rien n'a été changé.
brand-refused-type-a-name = Tapez un nom de marque avec au moins une lettre ou un chiffre.
brand-refused-unknown-brand = Je ne connais aucune marque appelée { $name } ici. Choisissez-en une dans la liste en tapant. Rien n'a été changé.
brand-refused-unknown-brand-suggest = Je ne connais aucune marque appelée { $name } ici. Vouliez-vous dire { $suggestions } ? Choisissez-en une dans la liste en tapant. Rien n'a été changé.
brand-refused-pick-industry = Choisissez un secteur dans la liste. Rien n'a été changé.

# Réponses aux modérateurs (cogs/moderation/brand_upkeep.py).
upkeep-merged =
    ✅ { $from } fusionnée dans { $into } (fusion n° { $merge }) : { $count ->
        [one] { $count } histoire déplacée
       *[other] { $count } histoires déplacées
    }, et { $names } à { $into }.
    Annulez avec `/storymod brand unmerge merge:#{ $merge }`.
upkeep-name-leads = son nom mène désormais
upkeep-names-lead = son nom et { $aliases } alias mènent désormais
upkeep-unmerged = ↩️ Fusion n° { $merge } annulée : { $restored } revient avec { $count ->
    [one] { $count } histoire
   *[other] { $count } histoires
} et { $aliases } alias.{ $kept } Les histoires racontées sous { $into } depuis la fusion y restent.
upkeep-kept-elsewhere = { $count ->
    [one] { $count } histoire qu'elle avait déplacée n'est plus sur { $into } (supprimée ou déplacée depuis) et reste où elle est.
   *[other] { $count } histoires qu'elle avait déplacées ne sont plus sur { $into } (supprimées ou déplacées depuis) et restent où elles sont.
}
upkeep-merge-choice = n° { $merge } · { $from } → { $into } · { $count ->
    [one] { $count } histoire
   *[other] { $count } histoires
}
upkeep-removed-brand = une marque supprimée
upkeep-renamed = ✏️ { $before } renommée en { $after }.{ $kept }
upkeep-still-lands = Les membres qui tapent { $before } y arrivent toujours.
upkeep-alias-added = 🏷️ { $alias } mène désormais à { $brand }.
upkeep-alias-removed = 🗑️ { $alias } ne mène plus à { $brand }.
upkeep-industry-set = 🏭 { $brand } est désormais dans le secteur { $industry }.
upkeep-industry-changed = 🏭 { $brand } est désormais dans le secteur { $industry } (avant : { $previous }).
upkeep-duplicates-title = Marques probablement en double
upkeep-no-duplicates = ✅ Aucune marque ne se ressemble : rien à examiner.
upkeep-duplicate = { $rank }. { $merge } ({ $merge_count ->
    [one] { $merge_count } histoire
   *[other] { $merge_count } histoires
}) → { $keep } ({ $keep_count ->
    [one] { $keep_count } histoire
   *[other] { $keep_count } histoires
}) · ressemblance { $score } %
upkeep-duplicates-more = { $count } autres paires après celles-ci.
upkeep-duplicates-footer = Les nombres sont ceux des histoires publiées. Examinez chaque paire ; s'il s'agit de la même entreprise, /storymod brand merge from: (gauche) into: (droite). Les fusions peuvent être annulées.
