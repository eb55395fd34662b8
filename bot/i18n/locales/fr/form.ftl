# Le formulaire d'histoire (cogs/stories/form.py) : la langue du membre.

form-title-great = Une expérience réussie
form-title-disaster = Une expérience désastreuse
form-headline = Titre
form-headline-placeholder = En quelques mots
form-body = Votre histoire
form-body-placeholder = Que s'est-il passé avec { $brand } ?
form-rating = Note
form-rating-placeholder = Combien d'étoiles pour l'ensemble de l'expérience ?
form-touchpoints = Étapes
form-touchpoints-description = Une à trois étapes de l'expérience dont parle l'histoire
form-touchpoints-placeholder = Quelles étapes de l'expérience ?
form-product = Produit ou service (facultatif)
form-product-placeholder = p. ex. un vol, un forfait mobile, un canapé

touchpoint-finding = Recherche et comparaison
touchpoint-buying = Achat
touchpoint-delivery = Livraison et déballage
touchpoint-using = Utilisation du produit
touchpoint-service = Service client et assistance
touchpoint-billing = Facturation et compte
touchpoint-follow_up = Suivi et fidélité
