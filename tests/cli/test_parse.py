"""``citekeeper parse`` prints BibTeX and CSL-JSON for strings and files."""

from __future__ import annotations

import json

from click.testing import CliRunner

from citekeeper.cli import cli

VANCOUVER = ("Hamer CJ, Pauli HC, Brodsky SJ. Light-cone quantization of gauge theories. "
             "Phys Rev D. 1990;41(12):3814-21.")
GOST = "Иванов И. И. Политика Вьетнама в регионе // Вопросы экономики. 2019. Т. 5, № 3. С. 10–20."


def test_parse_string_to_bibtex():
    result = CliRunner().invoke(cli, ["parse", VANCOUVER])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("@article{")
    assert "title = {Light-cone quantization of gauge theories}" in result.output
    assert "volume = {41}" in result.output


def test_parse_file_to_csl_json(tmp_path):
    src = tmp_path / "refs.txt"
    src.write_text(VANCOUVER + "\n\n" + GOST + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", "--file", str(src), "--to", "csl-json"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert len(items) == 2
    assert items[0]["title"] == "Light-cone quantization of gauge theories"
    assert items[1]["container-title"] == "Вопросы экономики"
    assert items[1]["page"] == "10–20"
    assert len({i["id"] for i in items}) == 2
    assert items[0]["citekeeper"]["provenance"]["title"][0] == "rule"  # parse.vancouver


def test_low_confidence_goes_to_stderr():
    result = CliRunner().invoke(cli, ["parse", "zzq 77 kk ## ??"])
    assert result.exit_code == 0
    assert "low confidence" in result.stderr


def test_nothing_to_parse_is_a_usage_error():
    result = CliRunner().invoke(cli, ["parse"])
    assert result.exit_code != 0


def test_help_has_examples():
    result = CliRunner().invoke(cli, ["parse", "--help"])
    assert result.exit_code == 0 and "--file refs.txt" in result.output
