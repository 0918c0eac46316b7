"""redact's own Presidio recognizers for social content.

Each recognizer is registered in :data:`REGISTRY` under a stable, versioned name
(``profile_url_v1``); profiles refer to recognizers by that name only. The
registry maps a name to ``"module:Class"`` so that a profile which does not use
a recognizer never imports it. Third-party packages add recognizers through
the ``redact.recognizers`` entry-point group, with the same ``"module:Class"``
value.

A recognizer that takes parameters from a profile (``{name: phone_v1, params: {...}}``) names
its pydantic model of them in :data:`PARAMS`; a plugin's class may carry its own as ``Params``.
"""

REGISTRY: dict[str, str] = {
    "profile_url_v1": "recognizers.profile_url:ProfileUrlRecognizer",
    "social_handle_v1": "recognizers.social_handle:SocialHandleRecognizer",
    "phone_v1": "recognizers.phone:SocialPhoneRecognizer",
    "obfuscated_email_v1": "recognizers.obfuscated_email:ObfuscatedEmailRecognizer",
    "street_address_v1": "recognizers.street_address:StreetAddressRecognizer",
    "person_context_v1": "recognizers.person.context:PersonContextRecognizer",
    "card_v1": "recognizers.card:CardRecognizer",
    "ner_names_v1": "recognizers.ner_names:NerNameRecognizer",
    "iban_v1": "recognizers.iban:AnyCaseIbanRecognizer",
    "person_cues_v1": "recognizers.person.multilingual:PersonCuesRecognizer",
    "person_model_v1": "recognizers.person.recognizer:PersonModelRecognizer",
    "person_hashtag_v1": "recognizers.person.hashtags:HashtagNameRecognizer",
}

PARAMS: dict[str, str] = {
    "phone_v1": "recognizers.params:PhoneParams",
    "person_context_v1": "recognizers.params:PersonContextParams",
}
