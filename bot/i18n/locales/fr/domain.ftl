# Réglages refusés par le modèle des réglages lui-même (bot/domain/moderators.py), après
# les bornes que /storymod setup vérifie d'abord. $setting est le nom du réglage, formulé.
settings-not-whole-number = { $setting } doit être un nombre entier.
settings-not-yes-no = { $setting } doit être oui ou non.
settings-too-small = { $setting } doit valoir au moins { $low }.
settings-too-large = { $setting } doit valoir au plus { $high }.
settings-invalid-value = { $setting } ne peut pas prendre cette valeur.
