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
