# /storymod setup: the panel (cogs/moderation/setup_panel.py), its quick fixes
# (cogs/moderation/setup.py); setting names are shared with the audit log and /help.

setting-stories_channel_id = Stories channel
setting-digest_channel_id = Digest channel
setting-mod_channel_id = Moderators' channel
setting-moderator_role_id = Moderator role
setting-review_mode = Review mode
setting-digest_weekday = Digest day
setting-digest_hour = Digest hour
setting-timezone = Time zone
setting-leaderboard_size = Leaderboard size
setting-min_stories = Minimum stories to rank
setting-prior_weight = Prior weight
setting-cooldown_seconds = Cooldown between stories
setting-daily_cap = Stories per member per day
setting-report_threshold = Reports before a story is hidden
setting-quiet_week_post = Post the digest in quiet weeks
setting-retention_days = Data kept after the bot is removed
setting-language = Language of public posts

value-not-set = not set
value-none = none
value-yes = yes
value-no = no
value-follow-discord = the server's language on Discord
review-open = open (published at once)
review-review = review (moderators approve first)

setup-title = Experience It — server setup
setup-intro = Current settings. Change any of them with `/storymod setup` and its options.
setup-saved = Saved:
setup-unchanged = Nothing changed: those already were the settings.
setup-change = • { $setting }: { $old } → { $new }
setup-channels = Channels
setup-channels-value =
    Stories: { $stories }
    Digest: { $digest }
    Moderators: { $moderators }
setup-moderators = Moderators
setup-moderators-value = Manage Server or Manage Messages permission; moderator role: { $role }
setup-stories = Stories
setup-stories-value =
    Review mode: { $review }
    Each member: { $limits }
    Hidden after { $reports ->
        [one] { $reports } report
       *[other] { $reports } reports
    } until reviewed
setup-digest = Weekly digest
setup-digest-value =
    { $weekday }s at { $hour } ({ $zone })
    Top { $size } each way; a brand needs { $min ->
        [one] { $min } story
       *[other] { $min } stories
    }; prior weight { $weight }
    Quiet weeks: { $quiet }
setup-quiet-posted = posted
setup-quiet-skipped = skipped
setup-language = Language
setup-language-chosen = Public posts (stories, the weekly digest, notes to moderators) are in { $language }. Change it with `/storymod language`.
setup-language-discord = Public posts follow the server's language on Discord: { $language } for now. Change it with `/storymod language`.
setup-data = Data
setup-data-value = If the bot is removed from this server, its stories and settings are kept for { $days }, then erased. `/storymod export` downloads the stories.
setup-all-good-name = Needs attention
setup-all-good = ✅ Nothing: everything is set up.

setup-fix = `/storymod setup { $option }:`
problem-not-set = Not set: { $consequence }. Fix: { $fix }
problem-deleted = Deleted: { $consequence }. Fix: choose another with { $fix }
problem-not-text = { $channel } is not a text channel. Fix: { $fix }
problem-lacks = I lack { $missing } in { $channel }, so { $consequence }. Fix: allow my role { $missing } in that channel, or choose another with { $fix }
problem-role-deleted = Deleted: only members with Manage Server or Manage Messages can moderate. Fix: { $fix }
problem-review-no-channel = On, but there is no moderators' channel: nobody is told when a story waits for approval. Fix: { $fix }
consequence-stories_channel_id = stories are saved but not posted
consequence-digest_channel_id = the weekly digest is not posted
consequence-mod_channel_id = moderators are not told about reports and stories waiting for review
problem-parked-name = Waiting to be posted
problem-parked = { $count ->
    [one] { $count } delivery
   *[other] { $count } deliveries
}: { $reason }. Save this setup (or press Check again) once it is fixed.
problem-digest-name = Weekly digest
problem-digest-failed = The digest of the week of { $week } could not be posted: { $reason }. It is retried automatically once the cause is fixed.
problem-unknown-reason = unknown reason

setup-pick-stories-channel = Post stories in…
setup-time-zone-button = Time zone…
setup-check-again = Check again
setup-zone-title = Digest time zone
setup-zone-label = Time zone (IANA name)

setup-refused = Nothing was changed:
setup-refused-role-everyone = Nothing was changed: @everyone cannot be the moderator role (everyone would moderate). Choose a role that only moderators have.
setup-refused-role-managed = Nothing was changed: that role is managed by an integration and cannot be given to members. Choose a role that only moderators have.
settings-not-a-setting = `{ $setting }` is not a setting.
settings-unknown-zone = “{ $zone }” is not a time zone I know. Use an IANA name such as `Europe/Paris` or `America/Toronto` (the option suggests them as you type).
settings-not-a-number = { $setting } must be a number.
settings-out-of-range = { $setting } must be between { $low } and { $high }, not { $value }.
zone-empty = Give a time zone such as Europe/Berlin or America/Toronto.
zone-unknown = I don't know the time zone “{ $zone }”. Use an IANA name such as Europe/Berlin or America/Toronto.
hour-invalid = The digest hour must be a whole hour from 0 to 23.
weekday-invalid = The digest day must be from 0 (Monday) to 6 (Sunday).
digest-failed-channel-gone = the digest channel is gone or I cannot see it; pick another in setup
digest-failed-timeout = Discord did not answer within { $seconds } s
digest-failed-refused = Discord refused the post ({ $status }, code { $code })
digest-failed-internal = an internal error; see the bot's log
