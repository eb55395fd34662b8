# Ce qui ne va pas dans un formulaire d'histoire (bot/domain/submission.py) : privé, langue du membre.
# $field est le champ du formulaire : brand (la marque), headline (le titre), body (l'histoire) ou product.

submit-missing = { $field ->
    [brand] Le nom de la marque manque.
    [headline] Le titre manque.
    [body] L'histoire manque.
   *[product] Le produit manque.
}
submit-not-text = { $field ->
    [brand] Le nom de la marque doit être du texte.
    [headline] Le titre doit être du texte.
    [body] L'histoire doit être du texte.
   *[product] Le produit doit être du texte.
}
submit-too-short = { $field ->
    [headline] Le titre doit compter au moins { $least } caractères visibles (vous en avez écrit { $written }).
   *[body] L'histoire doit compter au moins { $least } caractères visibles (vous en avez écrit { $written }).
}
submit-too-long = { $field ->
    [headline] Le titre peut compter au plus { $most } caractères (vous en avez écrit { $written }).
    [body] L'histoire peut compter au plus { $most } caractères (vous en avez écrit { $written }).
   *[product] Le produit peut compter au plus { $most } caractères (vous en avez écrit { $written }).
}
submit-kind = Indiquez si l'expérience a été réussie ou désastreuse.
submit-rating = Donnez à l'expérience de { $least } à { $most } étoiles.
submit-touchpoints-count = Choisissez d'une à trois étapes.
submit-touchpoints-unknown = Choisissez les étapes dans la liste.
submit-touchpoints-twice = Choisissez chaque étape une seule fois.
submit-anonymous = Indiquez si l'histoire doit être publiée anonymement.
submit-not-understood = Une partie du formulaire n'a pas été comprise ; veuillez réessayer.

brand-name-no-letter = Le nom de la marque doit contenir au moins une lettre ou un chiffre.
brand-name-too-long = Le nom de la marque peut compter au plus { $most } caractères (vous en avez écrit { $written }).
# Le nouveau nom ou l'alias d'une marque proposé par un modérateur est refusé ($problem : l'un des messages ci-dessus).
brand-name-refused = { $problem } Rien n'a changé.
