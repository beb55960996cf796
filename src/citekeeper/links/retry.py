"""The retry policy, in one place.

* HTTP 408, 429, 500, 502, 503 and 504 are retried (``retries`` times, default 2)
  with exponential back-off (``backoff`` doubling) that honours ``Retry-After``; a
  ``Retry-After`` longer than ``max_retry_after`` gives up at once, with the reason.
* A request that got no answer (timeout, dropped or reset connection) is retried
  once, after a short jittered pause: a second silence is an answer.
* A connection refused, a name that does not exist, a TLS failure and a private
  address are answers too, and are never retried.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

RETRY_CODES = frozenset({408, 429, 500, 502, 503, 504})
RETRY_NET = frozenset({"timeout", "connect-timeout", "reset", "closed", "other"})


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta seconds or an HTTP date)."""
    if not value:
        return None
    v = value.strip()
    if v.isdigit():
        return float(v)
    import email.utils  # only for HTTP dates: 2 ms of start-up a checking shard need not pay

    try:
        when = email.utils.parsedate_to_datetime(v)
    except (TypeError, ValueError, IndexError):  # 3.10+: an invalid date raises, never None
        return None
    return max(0.0, when.timestamp() - time.time())


@dataclass(frozen=True)
class RetryPolicy:
    retries: int = 2
    backoff: float = 0.5
    max_retry_after: float = 30.0

    def after_status(self, attempt: int, status: int, retry_after: str | None) -> tuple[float | None, str]:
        """``(seconds to wait, "")`` before retry number ``attempt + 1``, or ``(None, why)``."""
        if status not in RETRY_CODES or attempt >= self.retries:
            return None, ""
        wait = self.backoff * (2 ** attempt)
        after = parse_retry_after(retry_after)
        if after is not None:
            if after > self.max_retry_after:
                return None, f"Retry-After {after:.0f} s is over the cap"
            wait = max(wait, after)
        return wait, ""

    def after_error(self, kind: str, net_retries: int) -> float | None:
        """Seconds to wait before retrying a request that got no answer, or None."""
        if kind in RETRY_NET and net_retries == 0 and self.retries > 0:
            return self.backoff * random.uniform(0.5, 1.0)
        return None
