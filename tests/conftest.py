"""Settings shared by every test folder.

Hypothesis runs derandomized: the same examples on every run, so a CI run on a clean clone
cannot fail on an example no earlier run saw (found failures become explicit tests). Set
``HYPOTHESIS_PROFILE=explore`` to search new random examples locally.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
