# Les questions de suivi après l'enregistrement d'une histoire (cogs/stories/followups.py) :
# privées, dans la langue du membre. Les noms de marque sont du texte de membre (des valeurs).

followup-saved = ✅ Votre histoire est enregistrée.
followup-brand-option = **{ $brand }** ({ $stories })
followup-did-you-mean = Vouliez-vous dire { $options } ?
followup-industry = C'est la première fois qu'on parle de **{ $brand }** ici. De quel type d'entreprise s'agit-il ?
followup-touchpoints = Votre histoire parle aussi de { $mentioned }. Ajouter aux étapes de l'histoire ?
# $kind est le type choisi par le membre : great (réussie) ou disaster (désastreuse).
followup-rating-check = { $kind ->
    [great] Vous décrivez une expérience réussie, mais vous lui donnez { $stars }. Qu'est-ce qui est juste ?
   *[disaster] Vous décrivez une expérience désastreuse, mais vous lui donnez { $stars }. Qu'est-ce qui est juste ?
}
followup-recommend = Recommanderiez-vous **{ $brand }** à un proche ? 0 = jamais, 10 = sans hésiter.
followup-resolution = La marque **{ $brand }** a-t-elle réglé le problème ?
followup-preview = Voici à quoi ressemblera votre histoire. La publier ?

followup-yes-brand = Oui, { $brand }
followup-keep-brand = Non, « { $brand } » est une autre marque
followup-skip = Passer
followup-thats-all = Non, c'est tout
followup-add-touchpoint = Ajouter « { $touchpoint } »
followup-keep-rating = Garder { $rating } ★
# $kind est l'autre type, celui vers lequel le bouton bascule.
followup-switch-kind = { $kind ->
    [disaster] C'était un désastre
   *[great] C'était une réussite
}
followup-publish = Publier
followup-pick-industry = Choisissez un secteur
followup-change-rating = Ou changez la note
followup-zero-to-ten = De 0 à 10

resolution-yes = Oui
resolution-partly = En partie
resolution-no = Non
resolution-not_contacted = Je ne les ai pas contactés

followup-only-author = Seule la personne qui a raconté cette histoire peut répondre à ses questions.
followup-already-published = Cette histoire a déjà été publiée.
followup-waiting-review = 📝 Merci ! Votre histoire attend la relecture d'un modérateur.
followup-published = 🎉 Votre histoire est publiée. { $where }
followup-timed-out = ⏱️ Plus de questions. { $note }
