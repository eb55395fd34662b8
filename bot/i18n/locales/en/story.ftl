# Telling a story: the form's answers (cogs/stories/cog.py) and refusals, private, in the
# member's language; the channel post and its buttons (cogs/stories/render.py,
# reactions.py), public, in the server's language.

story-already-saved = This story is already saved.
story-not-saved-problems =
    Your story was not saved yet:
    { $problems }
story-not-saved-because = Your story was not saved yet. { $reason }
story-not-saved-busy = Your story was not saved yet: I'm very busy right now. Press **Fix it** in a moment to send it again; what you wrote is kept.
story-fix-button = Fix it

story-gone = That story no longer exists.
story-left-questions = This story has already left the questions (it was published or sent for review); change it with `/story edit`.
story-not-published = That story is not published any more.
brand-gone-meanwhile = That brand was removed meanwhile; the story stays where it was.
relatable-own-story = It's your own story: others decide whether it's relatable.
report-own-story = You can't report your own story; edit it with `/story edit` or remove it with `/story delete`.
report-already = You already reported this story; the moderators will look.
report-reason-too-short = Please give a reason of at least { $least } visible characters.
report-reason-too-long = Please keep the reason under { $most } characters (it has { $written }).

# Where the post is, told to its author.
post-live = It is live: { $url }
post-shortly = It will appear in { $channel } shortly.
post-no-channel = It will appear in the stories channel once the moderators choose one (`/storymod setup`).
post-waiting-review = It is waiting for a moderator's review.
post-not-published = It is not published.

# The post (server's language; the preview: the member's).
post-brand = Brand
post-rating = Rating
post-touchpoints = Touchpoints
post-product = Product or service
post-recommend = Would recommend
post-recommend-score = { $score }/10
post-resolution = Did they put it right?
post-told-by = Told by
post-anonymous = an anonymous member
# Also how a post is found again after a crash: keep " · " before "edited".
post-footer = Story #{ $id }
post-footer-edited = { $footer } · edited
post-relatable = Relatable
post-relatable-count = Relatable ({ $count })
post-report = Report

# A reader's report (the reader's language).
report-title = Report this story
report-reason = Reason
report-placeholder = What is wrong with it? Moderators will read this.
report-thanks = Thank you. The moderators will review this story.

# The brand option's autocomplete (cogs/brand_choices.py): the member's language.
brand-choice-stories = { " · " }{ $stories }
brand-choice-new = ➕ New brand: { $brand }
