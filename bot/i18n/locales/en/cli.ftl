# The command line (bot/cli.py): for operators, who read English; French only so
# that every language has every message.

n-servers = { $count ->
    [one] { $count } server
   *[other] { $count } servers
}
n-migrations = { $count ->
    [one] { $count } migration
   *[other] { $count } migrations
}
