"""The old home of the checker, kept so that ``from citekeeper.links.http import ...``
still works.  The parts live where lychee keeps them: ``transport`` (HTTP/1.1 and the
pool), ``limits`` (per-host gates, descriptor budget), ``retry`` (the policy),
``fetch`` (the public API), ``judge`` (soft 404s), ``checker`` (following and judging)."""

from citekeeper.links.checker import Checker
from citekeeper.links.fetch import USER_AGENT, Fetcher, HttpSettings
from citekeeper.links.judge import page_title, sent_home, soft_404_text
from citekeeper.links.limits import HostGate
from citekeeper.links.retry import parse_retry_after
from citekeeper.links.transport import NetError, Response
from citekeeper.links.urls import host_key

Exchange = Response

__all__ = [
           "USER_AGENT",
           "Checker",
           "Exchange",
           "Fetcher",
           "HostGate",
           "HttpSettings",
           "NetError",
           "Response",
           "host_key",
           "page_title",
           "parse_retry_after",
           "sent_home",
           "soft_404_text",
]
