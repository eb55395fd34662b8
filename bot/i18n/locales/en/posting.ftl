# Posting limits (the words are in common.ftl: limits-…, n-seconds…).

# $when is a Discord timestamp: each member's client shows it in their own language
# and time zone ("in 4 minutes", "dans 4 minutes").
post-wait = You can share another story { $when } (this server allows { $limits }).
