# La ligne de commande (bot/cli.py) : pour les opérateurs, qui lisent l'anglais ; en
# français seulement pour que chaque langue ait chaque message.

n-servers = { $count ->
    [one] { $count } serveur
   *[other] { $count } serveurs
}
n-migrations = { $count ->
    [one] { $count } migration
   *[other] { $count } migrations
}
