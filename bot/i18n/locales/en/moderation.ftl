# Moderators' private answers (cogs/moderation/).

language-name-en = English
language-name-fr = French
language-set = Public posts in this server (stories, the weekly digest, notes to moderators) are now in { $language }. Each member's private answers stay in their own Discord language.
language-follows-discord = Public posts in this server follow its language on Discord: { $language } for now. Each member's private answers stay in their own Discord language.
