"""URL parsing for requests, and redaction of credentials."""

from __future__ import annotations

import pytest

from citekeeper.links.urls import _endpoint_yarl, endpoint, redact, redact_text, strip_credentials


@pytest.mark.parametrize("url", [
    "http://ex.org", "http://ex.org/a/b?c=d#x", "https://EX.org:443/a", "http://ex.org:8080/a/../b",
    "http://127.0.0.1:80/p", "https://ex.org/a?b=c&d=e", "http://Ex.Org:80/", "http://0x7f.1:81/x",
    "http://2130706433/",
])
def test_short_path_agrees_with_yarl(url: str) -> None:
    assert endpoint(url) == _endpoint_yarl(url)


def test_non_ascii_and_spaces_are_encoded() -> None:
    assert endpoint("http://a.b/x y").target == "/x%20y"
    assert endpoint("http://a.b/ü").target == "/%C3%BC"
    assert endpoint("http://bücher.example/").host == "xn--bcher-kva.example"


def test_bad_urls_raise() -> None:
    for url in ("ftp://x/", "http:///nohost", "http://a.b:99999/"):
        with pytest.raises(ValueError):
            endpoint(url)


def test_credentials_become_a_header_and_never_text() -> None:
    ep = endpoint("http://user:s3cret@ex.org/p")
    assert ep.host == "ex.org" and ep.authorization.startswith("Basic ")
    assert redact("http://user:s3cret@ex.org/p") == "http://***@ex.org/p"
    assert "s3cret" not in redact_text("see http://user:s3cret@ex.org/p and https://a:b@c.d/")
    assert strip_credentials("https://user:s3cret@ex.org:8443/p?q#f") == "https://ex.org:8443/p?q#f"
    assert strip_credentials("https://ex.org/@x") == "https://ex.org/@x"
    assert redact("mailto:someone@example.org") == "mailto:someone@example.org"


def test_host_key_is_the_endpoints_key_remembered_per_authority() -> None:
    from citekeeper.links import urls

    urls._HOST_KEYS.clear()
    for u in ["http://Example.ORG/a", "http://example.org:80/b?x#y", "https://example.org/c", "https://example.org:8443/",
              "http://user:pw@example.org/", "http://ＥＸＡＭＰＬＥ.org/d", "http://[::1]:8080/e", "http://127.0.0.1/%41",
              "https://example.org?q=1", "http://bücher.example/f"]:
        assert urls.host_key(u) == urls.endpoint(u).key, u
        assert urls.host_key(u) == urls.endpoint(u).key, u  # the remembered answer is the same
    assert urls.host_key("mailto:x@example.org") == "?" and urls.host_key("http:///nohost") == "?"
    urls.HOST_KEYS_KEPT, kept = 2, urls.HOST_KEYS_KEPT
    try:
        keys = [urls.host_key(f"http://h{i}.example/") for i in range(5)]
        assert keys == [f"h{i}.example:80" for i in range(5)] and len(urls._HOST_KEYS) <= 2
    finally:
        urls.HOST_KEYS_KEPT = kept
