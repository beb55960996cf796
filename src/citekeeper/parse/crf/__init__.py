"""A trained reference-string parser (linear-chain CRF, python-crfsuite).

``features`` describes tokens, ``labels`` maps the training corpora onto one label set,
``tagger`` loads the shipped ``model.crfsuite`` and tags, ``fields`` turns tagged tokens
into a ``Reference``.  ``citekeeper.parse.combine`` joins it with the rule parsers.
"""
