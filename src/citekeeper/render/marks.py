"""Private-use marks that carry structure through citeproc-py's plain strings.

citeproc-py renders to strings, so structure that matters later (where a quotation opens and
closes, which text must keep its case, where a ``display="left-margin"`` block ends) is kept as
private-use characters and resolved once, in ``output.finish``.  Item data never contains them
(``source`` strips them from input).
"""

from __future__ import annotations

OPEN_QUOTE = "\ue000"  # a quotation opens (outer or inner is decided by nesting depth)
CLOSE_QUOTE = "\ue001"
LEFT_MARGIN_END = "\ue002"  # end of a display="left-margin" element
NOCASE_START = "\ue003"  # <span class="nocase"> in item data: text-case leaves it alone
NOCASE_END = "\ue004"
OPEN_CURLY = "\ue005"  # a “ from item data: prints as is, but moves punctuation like a quote
CLOSE_CURLY = "\ue006"
OPEN_SINGLE = "\ue007"  # a '...' pair from item data: a quote, but title case skips its first word
CLOSE_SINGLE = "\ue008"
KEEP_SPACE = "\ue009"  # a space the doubled-space clean-up must keep
NUM_END = "\ue00a"  # end of a numeric variable's output: punctuation never merges into it
APOSTROPHE = "\u2019"

ALL = OPEN_QUOTE + CLOSE_QUOTE + LEFT_MARGIN_END + NOCASE_START + NOCASE_END + OPEN_CURLY + CLOSE_CURLY + OPEN_SINGLE + CLOSE_SINGLE + KEEP_SPACE + NUM_END
STRIP_TABLE = {ord(c): None for c in ALL}
