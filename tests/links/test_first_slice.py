"""The shards' first list of links (``runner._first_urls``): every host it names gets
its ``per_host`` links, so no host's slot waits for the second list."""

from __future__ import annotations

from collections import Counter

from citekeeper.links import runner


def _bib(n: int, hosts: int) -> str:
    return "".join(f"@misc{{e{i},\n  title = {{t {i}}},\n  url = {{http://h{i % hosts}.example:8080/p/{i}}}\n}}\n\n"
                   for i in range(n))


def _hosts(targets: list) -> Counter[str]:
    return Counter(t.target.split("/")[2] for t in targets)


def test_the_first_list_goes_on_until_each_of_its_hosts_has_per_host_links() -> None:
    text = _bib(4000, 20)
    cut = 2_000  # a few links of a few hosts
    first, second = runner._first_urls(text, (cut, len(text)), per_host=4)
    per = _hosts(first)
    assert len(per) == 20 and min(per.values()) >= 4  # every host's 4 slots from the start
    assert len(first) < 100  # and not much more: 20 x 4, ending at an entry
    # nothing lost or sent twice between the two lists
    assert {t.target for t in first}.isdisjoint(t.target for t in second)
    assert len(first) + len(second) == 4000


def test_without_per_host_the_first_list_ends_where_it_is_told() -> None:
    text = _bib(400, 20)
    cut = 2_000
    first, _ = runner._first_urls(text, (cut, len(text)))
    assert 0 < len(first) < 40 and max(_hosts(first).values()) < 4  # ~2,000 characters of entries


def test_many_hosts_with_one_link_each_stop_the_first_list_at_its_cap() -> None:
    text = _bib(5000, 5000)  # each host once: never 4 of any
    assert len(text) > 2 * runner.FIRST_CAP
    first, second = runner._first_urls(text, (1_000, len(text)), per_host=4)
    last = text.rindex("@misc", 0, text.index(first[-1].target))  # the last entry's start
    assert runner.FIRST_CAP - 200 <= last < runner.FIRST_CAP
    assert len(first) + len(second) == 5000
