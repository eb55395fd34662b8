# /help (cogs/help.py)

help-title = Experience It
help-intro = **Experience It** collects the community's customer-experience stories.
    • `/story great` or `/story disaster` — tell the story of an experience with a brand.
    • `/brand` — look up how a brand is doing.
    • `/leaderboard` — this week's best- and worst-rated brands.
    Your stories are yours: `/story mine`, `/story export` and `/story forget-me`.
help-moderator-tools =
    `/storymod setup` — channels, review mode, digest schedule and every other setting, with what needs fixing.
    `/storymod queue` — stories waiting for review or reported.
    `/storymod brand …` — merge, rename and tidy brands. `/storymod audit` — who did what.
    `/digest preview` — the next digest, privately.
help-field-server = This server
help-field-server-moderated = This server (you moderate it)
help-field-moderator-tools = Moderator tools
help-footer = Experience It { $version }
help-not-set-up = Not set up yet: stories are saved but not posted until a moderator runs `/storymod setup`.
help-posted-with-digest = Stories are posted in { $stories }; the weekly digest in { $digest }.
help-posted-no-digest = Stories are posted in { $stories }; no weekly digest yet.
help-all-set = ✅ Set up: everything works as configured. `/storymod setup` changes it.
help-not-ready = ⚠️ Not ready: { $count ->
    [one] { $count } thing needs
   *[other] { $count } things need
} attention ({ $listing }). Run `/storymod setup` to see each fix.

