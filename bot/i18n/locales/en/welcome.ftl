# Joining a server (cogs/welcome.py): a public note in the server's language.

welcome-what-it-is = **Experience It** collects this community's stories of great and disastrous customer experiences (`/story great`, `/story disaster`) and posts a weekly digest of the brands that delighted and the ones that let people down.
welcome-next-step = **Next step**, for someone with Manage Server: run `/storymod setup` and choose the stories, digest and moderators' channels. `/help` explains the rest.
welcome-channel-note =
    👋 Thanks for adding me!
    { welcome-what-it-is }
    { welcome-next-step }
welcome-owner-note =
    👋 I was just added to **{ $server }**, and I cannot post in its system channel, so I am telling you, its owner.
    { welcome-what-it-is }
    { welcome-next-step }
