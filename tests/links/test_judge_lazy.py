"""The judge's two costly patterns are compiled at their first use, not at import
(``judge._Lazy``): a checking shard imports the judge while its first connections
open, and most answers never need them."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_judge_compiles_neither_costly_pattern() -> None:
    code = ("from citekeeper.links import judge\n"
            "print(judge.NOT_FOUND._rx is None, judge.LOGIN_PATH._rx is None)\n"
            "print(judge.soft_404_text(b'<html><head><title>live page</title></head></html>', 'text/html'))\n"
            "print(judge.NOT_FOUND._rx is None)\n"
            "print(judge.soft_404_text(b'<html><head><title>Seite nicht gefunden</title></head></html>',"
            " 'text/html'), judge.NOT_FOUND._rx is None)\n"
            "print(judge.generic_landing('http://a.example/x/y', 'http://a.example/users/login'),"
            " judge.LOGIN_PATH._rx is None)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[:5] == ["True True", "None", "True", "Seite nicht gefunden False", "login False"]


def test_a_lazy_pattern_is_a_pattern() -> None:
    from citekeeper.links import judge

    assert judge.NOT_FOUND.search("Error 404")
    assert judge.NOT_FOUND.findall("not found, nicht gefunden") == ["not found", "nicht gefunden"]
    assert judge.NOT_FOUND.flags & 2  # re.IGNORECASE, forwarded to the compiled pattern
