# Raconter une histoire : les réponses au formulaire (cogs/stories/cog.py) et les refus,
# privés, dans la langue du membre ; la publication et ses boutons (cogs/stories/render.py,
# reactions.py), publics, dans la langue du serveur.

story-already-saved = Cette histoire est déjà enregistrée.
story-not-saved-problems =
    Votre histoire n'est pas encore enregistrée :
    { $problems }
story-not-saved-because = Votre histoire n'est pas encore enregistrée. { $reason }
story-not-saved-busy = Votre histoire n'est pas encore enregistrée : je suis très occupé en ce moment. Appuyez sur **Corriger** dans un instant pour l'envoyer de nouveau ; ce que vous avez écrit est conservé.
story-fix-button = Corriger

story-gone = Cette histoire n'existe plus.
story-left-questions = Les questions de cette histoire sont terminées (elle a été publiée ou envoyée en relecture) ; modifiez-la avec `/story edit`.
story-not-published = Cette histoire n'est plus publiée.
brand-gone-meanwhile = Cette marque a été supprimée entre-temps ; l'histoire reste où elle était.
relatable-own-story = C'est votre propre histoire : c'est aux autres de dire si elle leur est arrivée aussi.
report-own-story = Vous ne pouvez pas signaler votre propre histoire ; modifiez-la avec `/story edit` ou supprimez-la avec `/story delete`.
report-already = Vous avez déjà signalé cette histoire ; les modérateurs vont l'examiner.
report-reason-too-short = Veuillez donner un motif d'au moins { $least } caractères visibles.
report-reason-too-long = Le motif peut compter au plus { $most } caractères (il en compte { $written }).

# Où en est la publication, dit à son auteur.
post-live = Elle est en ligne : { $url }
post-shortly = Elle apparaîtra dans { $channel } sous peu.
post-no-channel = Elle apparaîtra dans le salon des histoires dès que les modérateurs en auront choisi un (`/storymod setup`).
post-waiting-review = Elle attend la relecture d'un modérateur.
post-not-published = Elle n'est pas publiée.

# La publication (langue du serveur ; l'aperçu : celle du membre).
post-brand = Marque
post-rating = Note
post-touchpoints = Étapes
post-product = Produit ou service
post-recommend = Recommandation
post-recommend-score = { $score }/10
post-resolution = Problème réglé par la marque ?
post-told-by = Racontée par
post-anonymous = un membre anonyme
# Sert aussi à retrouver une publication après un plantage : garder « · » avant « modifiée ».
post-footer = Histoire n° { $id }
post-footer-edited = { $footer } · modifiée
post-relatable = Ça m'est arrivé
post-relatable-count = Ça m'est arrivé ({ $count })
post-report = Signaler

# Le signalement d'un lecteur (dans sa langue).
report-title = Signaler cette histoire
report-reason = Motif
report-placeholder = Qu'est-ce qui ne va pas ? Les modérateurs liront ceci.
report-thanks = Merci. Les modérateurs examineront cette histoire.

# L'autocomplétion de l'option marque (cogs/brand_choices.py) : la langue du membre.
brand-choice-stories = { " · " }{ $stories }
brand-choice-new = ➕ Nouvelle marque : { $brand }
