"""Lint rules, one module per family; each exposes ``check(doc) -> Iterable[Finding]``.

``RULES`` lists the families in report order.  Every rule is general (nothing keyed to
one article) and tuned for few false alarms: a rule that is unsure stays silent or
reports at ``info``.
"""

from __future__ import annotations

from citekeeper.lint.rules import citations, dates, duplicates, fields, urls

RULES = (citations, dates, urls, duplicates, fields)
