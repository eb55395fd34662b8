# Arrivée sur un serveur (cogs/welcome.py) : une note publique dans la langue du serveur.

welcome-what-it-is = **Experience It** rassemble les histoires d'expériences client réussies ou désastreuses de cette communauté (`/story great`, `/story disaster`) et publie chaque semaine un résumé des marques qui ont ravi et de celles qui ont déçu.
welcome-next-step = **Prochaine étape**, pour quelqu'un qui peut gérer le serveur : lancez `/storymod setup` et choisissez les salons des histoires, du résumé et des modérateurs. `/aide` explique le reste.
welcome-channel-note =
    👋 Merci de m'avoir ajouté !
    { welcome-what-it-is }
    { welcome-next-step }
welcome-owner-note =
    👋 On vient de m'ajouter à **{ $server }**, et je ne peux pas écrire dans son salon système : je vous préviens donc, vous qui en êtes propriétaire.
    { welcome-what-it-is }
    { welcome-next-step }
