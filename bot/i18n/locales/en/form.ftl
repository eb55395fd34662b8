# The story form (cogs/stories/form.py): the member's language.

form-title-great = A great experience
form-title-disaster = A disastrous experience
form-headline = Headline
form-headline-placeholder = In a few words
form-body = Your story
form-body-placeholder = What happened with { $brand }?
form-rating = Rating
form-rating-placeholder = How many stars for the whole experience?
form-touchpoints = Touchpoints
form-touchpoints-description = One to three parts of the experience the story is about
form-touchpoints-placeholder = Which parts of the experience?
form-product = Product or service (optional)
form-product-placeholder = e.g. a flight, a phone plan, a sofa

touchpoint-finding = Finding & researching
touchpoint-buying = Buying
touchpoint-delivery = Delivery & unboxing
touchpoint-using = Using the product
touchpoint-service = Customer service & support
touchpoint-billing = Billing & account
touchpoint-follow_up = Follow-up & loyalty
