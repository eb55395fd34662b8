# The single error path (bot/interaction_errors.py): private, in the member's language.

error-busy = I'm very busy right now and couldn't finish that in time. Please try again in a moment.
error-unexpected = Something went wrong on our side (error code `{ $code }`). Nothing you did is lost; please try again, and quote the code to a moderator if it keeps happening.
error-server-only = This command only works inside a server.
error-member-lacks-permission = { $count ->
    [one] You need the { $permissions } permission to do that.
   *[other] You need the { $permissions } permissions to do that.
}
error-bot-lacks-permission = { $count ->
    [one] I need the { $permissions } permission here to do that. Ask a server admin.
   *[other] I need the { $permissions } permissions here to do that. Ask a server admin.
}
error-slow-down = { $seconds ->
    [one] Slow down: try again in { $seconds } second.
   *[other] Slow down: try again in { $seconds } seconds.
}
error-bad-value = “{ $value }” is not a valid value for that option.
error-not-here = You can't use this here.

# Permissions as Discord's own settings name them.
permission-administrator = Administrator
permission-manage_guild = Manage Server
permission-manage_messages = Manage Messages
permission-manage_channels = Manage Channels
permission-manage_roles = Manage Roles
permission-view_channel = View Channel
permission-send_messages = Send Messages
permission-embed_links = Embed Links
permission-attach_files = Attach Files
permission-read_message_history = Read Message History
