# The follow-up questions after a story is saved (cogs/stories/followups.py): private,
# the member's language. Brand names are member text, shown as values.

followup-saved = ✅ Your story is saved.
followup-brand-option = **{ $brand }** ({ $stories })
followup-did-you-mean = Did you mean { $options }?
followup-industry = **{ $brand }** is new here. What kind of business is it?
followup-touchpoints = Your story also mentions { $mentioned }. Add to the story's touchpoints?
# $kind is the kind the member chose: great or disaster.
followup-rating-check = { $kind ->
    [great] You described a great experience but gave it { $stars }. Which is right?
   *[disaster] You described a disastrous experience but gave it { $stars }. Which is right?
}
followup-recommend = Would you recommend **{ $brand }** to a friend? 0 = never, 10 = absolutely.
followup-resolution = Did **{ $brand }** put it right?
followup-preview = Here is how your story will look. Publish it?

followup-yes-brand = Yes, { $brand }
followup-keep-brand = No, “{ $brand }” is different
followup-skip = Skip
followup-thats-all = No, that's all
followup-add-touchpoint = Add { $touchpoint }
followup-keep-rating = Keep { $rating } ★
# $kind is the other kind, the one the button switches to.
followup-switch-kind = { $kind ->
    [disaster] It was a disaster
   *[great] It was great
}
followup-publish = Publish
followup-pick-industry = Pick an industry
followup-change-rating = Or change the rating
followup-zero-to-ten = 0 to 10

resolution-yes = Yes
resolution-partly = Partly
resolution-no = No
resolution-not_contacted = I didn't contact them

followup-only-author = Only the author of this story can answer its questions.
followup-already-published = This story was already published.
followup-waiting-review = 📝 Thanks! Your story is waiting for a moderator's review.
followup-published = 🎉 Your story is published. { $where }
followup-timed-out = ⏱️ No more questions. { $note }
