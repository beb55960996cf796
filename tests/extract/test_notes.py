"""Notes-style rules one at a time: markers, wrapped lines, comments, splitting, repeats."""

from __future__ import annotations

import pytest

from citekeeper.extract import extract_article
from citekeeper.extract.cues import holds_citation, strip_signal
from citekeeper.extract.lines import incomplete, join_lines, join_wrapped
from citekeeper.extract.notes import citing_part, marker, split_footnote
from citekeeper.extract.repeats import Cited, find_repeat, locator
from citekeeper.extract.segment import segment


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("Handbuch der Stadt-", "forschung. Berlin", "Handbuch der Stadtforschung. Berlin"),
        ("Bauer, Karl-", "Heinz: Titel", "Bauer, Karl-Heinz: Titel"),
        ("in Ost-", "und Westdeutschland", "in Ost- und Westdeutschland"),
        ("COVID-", "19 pandemic", "COVID-19 pandemic"),
        ("S. 45–", "67.", "S. 45–67."),
        ("исследова-", "ния", "исследования"),
        ("Stadt\u00ad", "forschung", "Stadtforschung"),
        ("URL: https://a.org/x-y-", "z-w/ (accessed: 1.1.2020)", "URL: https://a.org/x-y-z-w/ (accessed: 1.1.2020)"),
        ("Frankfurt am Main:", "Suhrkamp, 1987", "Frankfurt am Main: Suhrkamp, 1987"),
    ],
)
def test_join_wrapped(left, right, joined):
    assert join_wrapped(left, right) == joined


def test_join_lines_cleans_markup_across_a_wrap():
    assert join_lines("Meier, K.: *Handbuch der\nStadt-\nforschung*. Berlin 2005.") == (
        "Meier, K.: Handbuch der Stadtforschung. Berlin 2005."
    )


@pytest.mark.parametrize(
    ("text", "open_"),
    [
        ("Meier, K. (Hg.): Handbuch. 2. Aufl.", True),
        ("Vgl. Meier, K.", True),
        ("Häußermann/Siebel, a. a. O.", False),
        ("Москва : МГИМО, 2004. 250 с.", False),
        ("Berlin: Springer, 2005, S. 45–67.", False),
        ("Vgl. ebd., S.", True),
    ],
)
def test_incomplete_knows_abbreviations(text, open_):
    assert incomplete(text) is open_


@pytest.mark.parametrize(
    ("line", "number", "style"),
    [
        ("¹ Vgl. Meier", 1, "superscript"),
        ("12 Ebenda, S. 4.", 12, "numeric"),
        ("3. Ebd.", 3, "numeric"),
        ("[4] Smith", 4, "numeric"),
        ("(5) Ibid., p. 3.", 5, "numeric"),
        ("[^6]: See Smith", 6, "markdown"),
    ],
)
def test_markers(line, number, style):
    found = marker(line)
    assert found is not None and found[0] == number and found[2] == style


def test_plain_numbers_without_a_marker_are_not_footnotes():
    assert marker("1.5 million people") is None
    assert marker("12") is None


@pytest.mark.parametrize(
    ("text", "cites"),
    [
        ("Vgl. Meier 2005, S. 50.", True),
        ("Ebenda.", True),
        ("Там же.", True),
        ("Id. at 415.", True),
        ("Cronon, Nature's Metropolis, 110.", True),
        ("Die Zahlen beziehen sich auf das Jahr 2019.", False),
        ("I am grateful to the participants of the workshop for comments.", False),
        ("Cette remarque vaut surtout pour les villes de plus de 50 000 habitants.", False),
    ],
)
def test_holds_citation(text, cites):
    assert holds_citation(text) is cites


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("Vgl. ebd., S. 11; Schulz, Suburbanisierung, S. 205; Meier 2005, S. 50.", 3),
        ("Meier, K.: Krieg; Frieden. Berlin 2010, S. 4.", 1),
        ("Smith, „Titel; Untertitel“, Berlin 2010, S. 4; Jones 2011, S. 5.", 2),
        ("Meier 2010, S. 4; 7; 9.", 1),
        ("Sur ce point les rapports sont explicites ; voir Richter, op. cit., p. 40.", 1),
        ("Id. at 415 (Sotomayor, J., concurring); see also Kerr, supra note 1, at 570.", 2),
    ],
)
def test_split_footnote(text, pieces):
    assert len(split_footnote(text)) == pieces


def test_a_comment_before_a_signal_is_dropped():
    assert split_footnote("Sur ce point les rapports sont explicites ; voir Richter, op. cit., p. 40.") == [
        "voir Richter, op. cit., p. 40."
    ]


def _cited(text, families=(), year="", footnote=1):
    return Cited(text, tuple(families), year, footnote)


def test_find_repeat_kinds():
    cited = [
        _cited("Laband, Paul: Das Staatsrecht des Deutschen Reiches. Tübingen 1911, S. 56.", ["laband"], "1911", 1),
        _cited("Gierke, Otto von: Labands Staatsrecht. In: Schmollers Jahrbuch 7 (1883).", ["gierke"], "1883", 2),
    ]
    assert find_repeat("Ebenda, S. 60.", cited).target == 1
    assert find_repeat("Laband, a. a. O., S. 70.", cited).target == 0
    short = find_repeat("Laband, Staatsrecht, S. 70.", cited)
    assert short.target == 0 and short.page == "70"  # not Gierke's "Labands Staatsrecht"
    assert find_repeat("Gierke 1883, S. 1100.", cited).target == 1
    assert find_repeat("Meier, Handbuch, S. 3.", cited) is None  # no such author: its own citation
    assert find_repeat("Laband, Paul: Deutsches Reichsstaatsrecht. Tübingen 1912.", cited) is None


def test_supra_note_links_to_that_footnote():
    cited = [
        _cited("Orin S. Kerr, The Case for the Third-Party Doctrine, 107 MICH. L. REV. 561 (2009).", ["kerr"], "2009", 1),
        _cited("Carpenter v. United States, 138 S. Ct. 2206 (2018).", [], "2018", 2),
    ]
    found = find_repeat("Kerr, supra note 1, at 570.", cited)
    assert found.target == 0 and found.page == "570"
    assert find_repeat("Carpenter, 138 S. Ct. at 2220.", cited).target == 1


@pytest.mark.parametrize(
    ("rest", "page"),
    [("S. 45 f.", "45 f."), ("p. 23-31.", "23-31"), ("at 415 (Sotomayor, J.)", "415"), (", 45.", "45"), ("", "")],
)
def test_locator(rest, page):
    assert locator(rest) == page


GERMAN_ONE_PER_LINE = """\
Text mit Fußnoten.

1 Vgl. Meier, Klaus: Handbuch der Stadtforschung. Berlin: Springer, 2005, S. 45.
2 Ebenda.
3 Ebd., S. 50.
4 Die Zahlen beziehen sich auf 2019.
5 Schulz, Martina: Suburbanisierung. In: Raumforschung 58 (2000), S. 201–214.
6 Meier, a. a. O., S. 60.
"""


def test_ebenda_and_comments_never_end_detection():
    seg = segment(GERMAN_ONE_PER_LINE)
    assert [f.number for f in seg.footnotes] == [1, 2, 3, 4, 5, 6]
    assert seg.footnotes[2].text == "Ebd., S. 50."


def test_repeats_are_linked_and_keep_their_page():
    ex = extract_article(GERMAN_ONE_PER_LINE, file="de.txt")
    by_note = {r.footnote: r for r in ex.footnotes}
    assert 4 not in by_note  # a comment is no citation
    full = by_note[1]
    assert not full.repeats
    assert by_note[2].repeats == full.id and by_note[2].get("page") == full.get("page")
    assert by_note[3].repeats == full.id and by_note[3].get("page") == "50"
    assert by_note[6].repeats == full.id and by_note[6].get("page") == "60"
    assert by_note[3].title == full.title and by_note[3].id != full.id


def test_named_markdown_footnotes_are_numbered_in_order():
    text = (
        "Body.[^Bennett] More.[^Bennett2]\n\n"
        "[^Bennett]: Jane Bennett, *Vibrant Matter: A Political Ecology of Things* (Durham, NC: Duke University Press, 2009).\n"
        "[^Bennett2]: Ibid., viii.\n"
    )
    ex = extract_article(text, file="md.txt")
    assert [r.footnote for r in ex.footnotes] == [1, 2]
    assert ex.footnotes[1].repeats == ex.footnotes[0].id and ex.footnotes[1].get("page") == "viii"


def test_leading_prose_before_a_citation_is_no_part_of_it():
    from citekeeper.extract.notes import citing_part

    note = (
        "Fortunately the programme was able to be tested on the university machine several months "
        "after the original paper was written. Ibid., 296."
    )
    assert citing_part(note) == "Ibid., 296."
    full = "Gierke, Otto von: Labands Staatsrecht und die deutsche Rechtswissenschaft. In: Schmollers Jahrbuch 7 (1883)."
    assert citing_part(full) == full
    chicago = "William Cronon, Nature's Metropolis: Chicago and the Great West (New York: W. W. Norton, 1991), 97–102."
    assert citing_part(chicago) == chicago


def test_op_cit_needs_the_whole_word():
    cited = [_cited("John Smith, Citizens and States (London: Verso, 2001), 4.", ["smith"], "2001", 1)]
    assert find_repeat("Smith, citizenship and the state in question.", cited) is None
    assert find_repeat("Smith, cit., p. 9.", cited).target == 0
    assert find_repeat("Ibíd., p. 5.", cited).page == "5"


PDF_TO_MARKDOWN = """\
1 Maßnahme „Datenatlas der Bundesverwaltung“ aus der Datenstrategie der Bundesregierung.

2 Z. B. dem Beratungszentrum für KI.

3 Datenstrategie der Bundesregierung, Aktualisierung vom 25. April 2023, S. 46.

4 Ebenda.

#### **15**

Der Bericht fährt hier mit dem Haupttext fort und spricht über die Datenlabore des Bundes, die seit 2021 bestehen.

5 Die digitalpolitische St-Runde erteilte auch Aufträge an die für die jeweiligen Themen zuständigen

Bundesministerien.

6 Datenstrategie, S. 50.
"""


def test_notes_that_only_comment_start_a_run_and_wrapped_paragraphs_join():
    seg = segment(PDF_TO_MARKDOWN)
    assert [f.number for f in seg.footnotes] == [1, 2, 3, 4, 5, 6]
    assert seg.footnotes[4].text.endswith("zuständigen Bundesministerien.")
    ex = extract_article(PDF_TO_MARKDOWN, file="brh.md")
    by_note = {r.footnote: r for r in ex.footnotes}
    assert sorted(by_note) == [3, 4, 6]
    assert by_note[4].repeats == by_note[3].id and by_note[4].get("page") == "46"
    assert by_note[6].repeats == by_note[3].id and by_note[6].get("page") == "50"


def test_a_numbered_list_in_the_body_is_no_run_of_notes():
    text = "Steps:\n\n1. Open the file.\n2. Read every line of it.\n3. Close the file again.\n"
    assert segment(text).footnotes == []


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("Ebd., S. 4. Vgl. auch Meier 2005, S. 3.", ["Ebd., S. 4.", "Vgl. auch Meier 2005, S. 3."]),
        ("Ibid. See also Smith, Vigorous Spirit, 88.", ["Ibid.", "See also Smith, Vigorous Spirit, 88."]),
        ("Meier, K.: „Krieg. Vgl. Frieden“. Berlin 2010, S. 4.", ["Meier, K.: „Krieg. Vgl. Frieden“. Berlin 2010, S. 4."]),
    ],
)
def test_a_sentence_opening_with_a_signal_is_a_citation_of_its_own(text, pieces):
    assert split_footnote(text) == pieces


PAGE_SPLIT = """\
Der Text beginnt hier und verweist auf die Literatur.1 Dann folgt mehr.2

1 Vgl. Meier, Klaus: Handbuch der Stadtforschung. Berlin: Springer, 2005, S. 45.

2 Vgl. Schulz, Martina: Suburbanisierung in Ost- und Westdeutschland. In: Raum-

13

Der Haupttext der nächsten Seite setzt sich fort und behandelt die Stadtentwicklung in Leipzig.

forschung und Raumordnung 58 (2000), H. 3, S. 201–214.

3 Ebenda, S. 205.
"""


def test_a_note_cut_at_a_page_break_is_rejoined_with_its_hyphen_repaired():
    seg = segment(PAGE_SPLIT)
    assert [f.number for f in seg.footnotes] == [1, 2, 3]
    assert seg.footnotes[1].text.endswith("In: Raumforschung und Raumordnung 58 (2000), H. 3, S. 201–214.")
    assert any("Haupttext" in p.text for p in seg.body)


def test_a_signal_before_prose_is_no_new_citation():
    text = "Smith, Vigorous Spirit (Boston: Beacon, 2005), 88. See also the discussion in chapter three."
    assert len(split_footnote(text)) == 1


GOST_WITH_EDN = """\
Body text.¹

¹ Maletin N. P. Cambodia's Foreign Policy 1953–1998 : Student Book. Moscow : MGIMO Universitet publ., 2004. (In Russian). EDN: QOXNHB

The principle of non-interference is one of the fundamental principles of law.

² Report // Site. 2016. URL:

the political, trade and economic fields (Kostyunina, 2019, p. 5) were discussed.

https://example.org/a.pdf (accessed: 05.02.2024).
"""


def test_notes_ending_in_an_identifier_or_url_label_do_not_swallow_body_text():
    seg = segment(GOST_WITH_EDN)
    assert seg.footnotes[0].text.endswith("EDN: QOXNHB")
    assert seg.footnotes[1].text.endswith("URL: https://example.org/a.pdf (accessed: 05.02.2024).")
    body = " ".join(p.text for p in seg.body)
    assert "principle of non-interference" in body and "the political, trade" in body


def test_a_number_glued_to_the_note_is_a_marker():
    assert marker("12Vgl. Meier 2005, S. 4.")[:2] == (12, "Vgl. Meier 2005, S. 4.")
    assert marker("3D printing is common.") is None
    assert segment("Body.\n\n3Dimensional printing changed the field.\n").footnotes == []


@pytest.mark.parametrize(
    ("text", "citation"),
    [
        ("Zur Kritik siehe Lange, Bastian: Städte. 2008.", "Lange, Bastian: Städte. 2008."),
        ("On this point, see Smith, Title, 4.", "Smith, Title, 4."),
        ("The Case for Seeing: A Study. 2001.", "The Case for Seeing: A Study. 2001."),
        ("Vgl. auch Meier 2005, S. 3.", "Meier 2005, S. 3."),
    ],
)
def test_strip_signal_and_lead_in(text, citation):
    from citekeeper.extract.cues import strip_signal

    assert strip_signal(text) == citation


def test_gost_splits_between_authors_not_between_issues():
    assert len(split_footnote("Иванов И. И. Книга. М., 2001. С. 5; Петров П. П. Статья // Журнал. 2002. № 3. С. 4.")) == 2
    assert len(split_footnote("Иванов И. И. Статья // Вестник МГУ. 2001. № 2. С. 5; 2002. № 3. С. 7.")) == 1


LONE_MARKERS = """\
Die Stadt wuchs nach 1990 rasch.1 Die Verwaltung reagierte spät.2
1
Vgl. Meier, Klaus: Handbuch der Stadtforschung. Berlin: Springer, 2005, S. 45.
2
Ebenda, S. 50.
3
Die Stadtverwaltung reagierte mit einem Programm, das 2001 beschlossen und 2005 auf S. 3 des Berichts erläutert wurde.
"""


def test_a_note_number_on_a_line_of_its_own():
    seg = segment(LONE_MARKERS)
    assert [f.number for f in seg.footnotes] == [1, 2]  # "3" over a comment may be a page number
    assert seg.footnotes[1].text == "Ebenda, S. 50."
    assert segment("Body text.\n\n1\n\nThe next page begins here and says more.\n").footnotes == []
    page_after_note = "Text.1\n1\nVgl. Meier, K.: Handbuch. Berlin 2005, S. 4.\n2\nThe next page begins with body text (Meier 2005).\n"
    assert [f.number for f in segment(page_after_note).footnotes] == [1]


# Rules learnt on real PDF text (data/dev/notes); each case is a made-up note of the same shape.


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("Vgl Luhmann, Rechtssoziologie (1972), 239.", "Luhmann, Rechtssoziologie (1972), 239."),
        ("Vgl. dazu nur: Raue, CR 2017, 656 ff.", "Raue, CR 2017, 656 ff."),
        ("Dazu ausführlich: Peukert, GRUR-Beilage 2014, 77 ff.", "Peukert, GRUR-Beilage 2014, 77 ff."),
        ("See, e.g., Smith, Title, 4.", "Smith, Title, 4."),
        ("For Austria: Somek, Grundrecht, Die Presse, 15.04.2024.", "Somek, Grundrecht, Die Presse, 15.04.2024."),
        ("Vielleicht ist das nicht so.", "Vielleicht ist das nicht so."),
    ],
)
def test_signals_of_notes(text, rest):
    assert strip_signal(text) == rest


def test_cross_references_are_notes_that_cite_nothing():
    text = (
        "Body.1 More.2 And more.3\n\n1\n\nSee Emily Kadens, Justice Blackstone’s Common Law Orthodoxy, "
        "103 NW. U. L. REV. 1553, 1566 (2009).\n2\nSee infra notes 45-54 and accompanying text.\n"
        "3\nDANIEL J. BOORSTIN, THE MYSTERIOUS SCIENCE OF THE LAW, at vii (1941).\n"
    )
    result = extract_article(text)
    assert [f.number for f in result.segments.footnotes] == [1, 2, 3]
    assert [r.footnote for r in result.footnotes] == [1, 3]


def test_back_references_to_a_note_link_the_short_form():
    text = (
        "Text.1 More.2 Again.3\n"
        "1 J. Poumarède, Défense et illustration de la coutume, in: La coutume et la loi, Lyon 1986, 95–107.\n"
        "2 O. Motte, Savigny et la France, Berne, 1983, p. 13.\n"
        "3 Poumarède, Défense et illustration (n. 1) 109.\n"
    )
    notes = extract_article(text).footnotes
    assert notes[2].repeats == notes[0].id and notes[2].get("page") == "109"
    german = _cited("Bauer, Volker, Repertorium territorialer Amtskalender, Frankfurt a. M. 1997", ("bauer",), "1997")
    found = find_repeat("Bauer, Repertorium (wie Fn. 1) Bd. 1, 1 f.", [german])
    assert found is not None and found.target == 0


def test_supra_with_a_short_title_and_with_a_wrong_note_number():
    cited = [
        _cited("RICHARD A. POSNER, THE ECONOMICS OF JUSTICE (1981)", ("posner",), "1981", footnote=2),
        _cited("RICHARD A. POSNER, ECONOMIC ANALYSIS OF LAW (9th ed. 2014)", ("posner",), "2014", footnote=2),
        _cited("Macmillan Dictionary. (n.d.). K-12.", (), "", footnote=3),
        _cited("Feinstein, S., & Wood, R. (1995). History of law-related education", ("feinstein", "wood"), "1995", 4),
    ]
    assert find_repeat("POSNER [ECONOMIC ANALYSIS OF LAW], supra note 2", cited).target == 1
    assert find_repeat("Feinstein & Wood, supra note 3 at 12.", cited).target == 3


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        # String cites running on as sentences, or joined by "und".
        (
            "Flecker, Arbeit und Beschäftigung (2017), 9-44. Böhle, Arbeit als Handeln, in Böhle/Voß (Hrsg), "
            "Handbuch Arbeitssoziologie (2010), 151-176.",
            ["Flecker", "Böhle"],
        ),
        (
            "Julian Martin, Francis Bacon, the State and the Reform of Natural Philosophy, Cambridge 1992, "
            "und Barbara J. Shapiro, A Culture of Fact: England, 1550–1720, Ithaca, London 2000.",
            ["Julian Martin", "Barbara J. Shapiro"],
        ),
        # One citation: a colon after the author, a place and a publisher, an initial.
        ("Meier, Klaus: Neue Urbanität, Frankfurt am Main: Suhrkamp, 1987, S. 12.", ["Meier"]),
        ("Stolleis, Michael: Geschichte des öffentlichen Rechts. Bd. 2. München: C. H. Beck, 1992, S. 341.", ["Stolleis"]),
        ("Albert W. Alschuler, Rediscovering Blackstone, 145 U. PA. L. REV. 1, 2 (1996).", ["Albert"]),
        ("Anne-Marie Chartier et Jean Hébrard, Discours sur la lecture, Paris, Fayard, 2000, p. 201.", ["Anne-Marie"]),
    ],
)
def test_string_citations_split_where_an_author_begins(text, starts):
    pieces = split_footnote(citing_part(text))
    assert [p.split(",")[0].split(" ")[0] for p in pieces] == [s.split(" ")[0] for s in starts]


def test_a_citation_inside_a_comment_starts_at_its_author():
    note = (
        "Er hat sogar – Kafka nachdichtend – Kafka gegen dessen Interpreten verteidigt: Giorgio Agamben, "
        "Kafka Defended Against His Interpreters, in: ders., Idea of Prose, 1995, 137 f."
    )
    assert citing_part(note).startswith("Giorgio Agamben, Kafka Defended")
    court = (
        "Daneben hat auch der EuGH einige Urteile gefällt, die für Gedächtnisinstitutionen von erheblicher "
        "Bedeutung sind, vgl. nur: EuGH, Urt. v. 19.12.2019 – C-263/18, GRUR 2020, 179."
    )
    assert citing_part(court).startswith("vgl. nur: EuGH, Urt. v. 19.12.2019")


def test_a_long_note_cites_when_one_sentence_does():
    note = (
        "Eine Norm ist dann rechtsverbindlich, wenn sie ein Verhalten, das durch einen Rechtsakt für gewollt "
        "erklärt worden ist, als gesollt setzt. Ein Rechtsakt ist eine Satzung oder Gewohnheit, die nach der "
        "Verfassung als rechtsetzender Willensakt zu deuten ist. Die Frage nach der Effektivität der Verfassung "
        "ist für die Rechtsdogmatik eine Vorfrage, weshalb sie deren Maßgeblichkeit voraussetzt. "
        "Vgl Pačić, Bereinigte Rechtslogik (2022), 58, 61-64."
    )
    assert holds_citation(note)
    assert split_footnote(citing_part(note)) == ["Vgl Pačić, Bereinigte Rechtslogik (2022), 58, 61-64."]
    comment = "Diese Einteilung ist nicht unumstritten; sie dient hier nur der Gliederung, wie schon 1990. " * 4
    assert not holds_citation(comment)


def test_a_work_cited_again_by_its_title_alone():
    cited = [_cited("Bonnecase, La Thémis, 2ième ed., 1914.", ("bonnecase",), "1914", footnote=3)]
    found = find_repeat("La Thémis, 2ième éd., 1914.", cited)
    assert found is not None and found.target == 0
    assert find_repeat("La Révolution, Paris 1989.", cited) is None
    assert strip_signal("Voir notamment Bonnecase, La Thémis") == "Bonnecase, La Thémis"


@pytest.mark.parametrize(
    ("note", "starts"),
    [
        # An edited volume cited by its title: the editor follows the title, no author before it.
        ("Le pénal dans tous ses Etats. Justice, Etats et sociétés en Europe, ed. Xavier Rousseaux, "
         "René Lévy, Brüssel: Facultés universitaires Saint-Louis 1997, 462 p.", "Le pénal dans tous"),
        ("Menschen und Grenzen in der frühen Neuzeit. Studien zur Geschichte, hg. von Wolfgang Schmale, "
         "Berlin 1998.", "Menschen und Grenzen"),
        # A comment, then a chapter "in:" a volume: the comment still goes.
        ("Die ältere Forschung hat diese Frage kaum je gestellt und auch nicht beantwortet. Meier, Karl, "
         "Kapitel, in: Handbuch, hg. von Otto Schulz, Berlin 1990, S. 4.", "Meier, Karl"),
        # A lead-in longer than a clause ends at the colon before the author.
        ("Zusammenfassend zur Geschichte des archivischen Zugangsrechts: Rehm, Geheimnis – Gedächtnis. "
         "Archive und Archivrecht, in: Becker/Rehm, Archivrecht für die Praxis, 2017, S. 3 ff.", "Rehm, Geheimnis"),
        ("Zusammenfassend zu der ausbreitenden Verrechtlichung in der archivischen Praxis siehe: Rehm, Nicht "
         "nur Archivgesetze… Boden? Zustand, Ursachen, Perspektiven, in: Becker/Rehm, Archivgesetze, 2019, S. 11 ff.",
         "Rehm, Nicht nur"),
    ],
)
def test_where_the_citation_of_a_note_begins(note, starts):
    assert citing_part(note).startswith(starts)


def test_a_hyphenated_surname_after_und_starts_a_second_citation():
    note = ("Alan Rodger, Roman Law in Practice in Britain, in: RJ 12 (1993) 261–271 und Robin Evans-Jones, "
            "Roman Law in Britain (sic) Scotland, in: RJ 13 (1994) 494–505.")
    assert [p[:12] for p in split_footnote(note)] == ["Alan Rodger,", "Robin Evans-"]


def test_a_long_title_first_note_is_a_note():
    # Four lines of title before "hg. von": the whole scores low, its last sentence cites.
    text = ("Text der Seite.\n\n"
            "1 Kriminalitätsgeschichte. Beiträge zur Sozialgeschichte, hg. von Andreas Blauert, Konstanz: uvk 2000.\n\n"
            "Der Band dokumentiert aktuelle italienische und deutsche Forschungen, die als Fallstudien angelegt sind.\n\n"
            "2 Criminalità e giustizia in Germania e in Italia. Pratiche giudiziarie e\n"
            "linguaggi giuridici tra tardo Medioevo ed età moderna / Kriminalität und Justiz in Deutschland und\n"
            "Italien. Rechtspraktiken und gerichtliche Diskurse in Spätmittelalter und Früher Neuzeit, hg. von\n"
            "Marco Bellabarba, Gerd\n"
            "Schwerhoff und Andrea Zorzi, (Annali dell’Istituto storico\n"
            "italo-germanico in Trento, Con-\n\n"
            "tributi 11), Bologna: Il mulino\n2001 / Berlin: Duncker & Humblot 2001, 373 S.\n")
    assert [fn.number for fn in segment(text).footnotes] == [1, 2]


def test_a_string_of_edited_volumes_by_title_splits_into_each():
    note = ("Grenze im Kopf. Beiträge zur Geschichte, hg. von Peter Haslinger, Frankfurt am Main 1999. – Aktuelle "
            "Einblicke in die historische und anthropologische Erforschung von Herrschafts- und Staatsgrenzen bieten "
            "folgende Sammelbände: Literatur der Grenze – Theorie der Grenze, hg. von "
            "Richard Faber und Barbara Naumann, Würzburg 1995; Grenzen in Ostmitteleuropa im 19. und 20. "
            "Jahrhundert. Aktuelle Forschungsprobleme, hg. von Hans Lemberg, Marburg 2000; Frontiers in Question. "
            "Eurasian Borderlands, 700–1700, hg. von Daniel Power und Naomi Standen, Basingstoke 1999.")
    assert [p[:20] for p in split_footnote(citing_part(note))] == [
        "Grenze im Kopf. Beit", "Literatur der Grenze", "Grenzen in Ostmittel", "Frontiers in Questio"]


def test_a_margin_note_goes_on_after_an_open_quote_and_a_bare_title():
    text = ("Body text of the page, long enough to be a paragraph of prose.\n\n"
            "4 Grenzen gehören zu den Schwerpunkten des SFB\n"
            "541 »Identitäten und Alteritäten.\n"
            "Die Funktion von Alterität» der Universität Freiburg. Im Vorfeld dazu entstand:\n"
            "Grenze im Kopf, hg. von Peter Haslinger, Frankfurt am Main 1999; Frontiers and Borderlands.\n\n"
            "Anthropological Perspectives,\nhg. von Michael Rösler und\nTobias Wendl, Frankfurt am\n"
            "Main (usw.) 1999; Menschen und\nGrenzen in der Frühen Neuzeit,\nhg. von Wolfgang Schmale,\nBerlin 1998.\n")
    notes = segment(text).footnotes
    assert [fn.number for fn in notes] == [4]
    # the line after the open quote, and the title's rest after the blank line, are the note's
    assert "Die Funktion" in notes[0].text and notes[0].text.endswith("Berlin 1998.")


@pytest.mark.parametrize(
    ("note", "starts"),
    [
        # A comment that ends in the author of the work cited, French style ("Auteur. «Titre»").
        ("En particulier, le lectorat pourra trouver un grand nombre de données dans le cadre du projet CREMMA "
         "(Consortium pour la Reconnaissance). Ariane Pinche. « HTR Models and genericity for Medieval Manuscripts "
         "». 2022. https://hal.archives-ouvertes.fr/hal-03736532/.", "Ariane Pinche."),
        ("Il existe une grande variété de jeux de données réalisés dans divers cadres de recherche, disponibles "
         "dans le cadre de l'initiative HTR United. Alix Chagué, Thibault Clérice, et Laurent Romary. « HTR-United : "
         "Mutualisons la vérité de terrain ! », DHNord2021, Lille, MESHS, 2021.", "Alix Chagué, Thibault"),
        # Authors joined by "et", then a quoted title: not a sentence of comment.
        ("Bastien Kindt et Vidal-Gorène Chahan, « From Manuscript to Tagged Corpora. An Automated Process for "
         "Ancient Armenian or Other Under-Resourced Languages of the Christian East ». Armeniaca. International "
         "Journal of Armenian Studies 1, 73-96, 2022.", "Bastien Kindt"),
        # French spacing before the colon of a lead-in.
        ("Le projet CGPG poursuit ces développements dans le domaine du grec. Pour des exemples de traitement "
         "morphosyntaxique du grec ancien menés conjointement : Kindt, Bastien, Chahan Vidal-Gorène, et Saulo Delle "
         "Donne. « Analyse automatique du grec ancien ». BABELAO 10-11 (2022), 525-550.", "Kindt, Bastien"),
    ],
)
def test_a_comment_before_the_author_is_dropped(note, starts):
    assert citing_part(note).startswith(starts)


def test_an_author_list_with_initials_is_one_citation():
    note = ("See e.g., Y. Lin, J.-B. Michel, E. Aiden Lieberman, J. Orwant, W. Brockman, S. Petrov, Syntactic "
            "Annotations for the Google Books NGram Corpus, in: Proceedings of the ACL 2012 System Demonstrations, "
            "2012, pp. 169–174; G. Iacino, P. Kamocki, P. Leinen, Assessment of the Impact, 2024.")
    assert [p[:9] for p in split_footnote(strip_signal(note))] == ["Y. Lin, J", "G. Iacino"]


def test_entities_of_markdown_notes_are_decoded():
    text = "Texte.[^1]\n\n[^1]: Jean-Baptiste Camps. «&nbsp;Introduction à la philologie&nbsp;», Paris, 2020, 12.\n"
    [note] = segment(text).footnotes
    assert note.text == "Jean-Baptiste Camps. « Introduction à la philologie », Paris, 2020, 12."


def test_a_body_list_restarting_at_one_is_not_a_note():
    text = ("Body text that cites a directive.1 More text.\n"
            "1 Directive (EU) 2019/790 of the European Parliament, https://eur-lex.europa.eu/x.\n"
            "2 See art. 2.2 DSM Directive.\n\n"
            "There are three groups listed below.\n"
            "1) Statistical DTFs: extract features (see e.g., Jett et al. 2020, Organisciak et al. 2017, Parulian "
            "et al. 2022) and publish them.\n"
            "3 J. Baudry (2023), Non-consumptive research use, on Couperin.org, https://www.couperin.org/x.\n")
    assert [fn.number for fn in segment(text).footnotes] == [1, 2, 3]


def test_an_author_date_cite_broken_before_its_year_goes_on():
    text = ("Body.\n\n"
            '1 Some authors distinguish between "token-based" and "vector-based" DTF, see Schöch et al.\n'
            "2020, F. Barth, J. Calvo Tello, K. Du, Liste der Abgeleiteten\n"
            "Textformate (working title), forthcoming, 2025.\n")
    [note] = segment(text).footnotes
    assert note.text.endswith("forthcoming, 2025.")


def test_a_citation_after_semicolon_and():
    note = ('Glenn Fung, "The disputed Federalist papers", TAPIA \'03: Proceedings of the 2003 conference, pp. 42-46; '
            "and Robert A. Bosch and Jason A. Smith, “Separating Hyperplanes,” The American Mathematical Monthly, "
            "vol. 105, no. 7 (1998), pp. 601–8.")
    assert [p[:12] for p in split_footnote(note)] == ["Glenn Fung, ", "Robert A. Bo"]


def test_a_given_name_with_a_particle_starts_a_second_citation():
    note = ("Bauer, Repertorium (wie Fn. 1) Bd. 1, 1 f. und Joachim von Schwarzkopf, Ueber Staats- und "
            "Adress-Calender. Ein Beytrag zur Staatenkunde, Berlin 1792, 1–4.")
    assert [p[:12] for p in split_footnote(note)] == ["Bauer, Reper", "Joachim von "]


def test_a_lead_in_after_a_semicolon_ends_at_the_colon_before_an_author():
    note = ("Dorfmüller, Bestandsaufbau an wissenschaftlichen Bibliotheken, 1989, S. 36–38; instruktiv zur "
            "Erwerbungspraxis in einer juristischen Spezialbibliothek: Knudsen, Von Tausendfüsslern, in: "
            "Recht, Bibliothek, Dokumentation 45 (2015), S. 12.")
    assert [p[:12] for p in split_footnote(note)] == ["Dorfmüller, ", "Knudsen, Von"]


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("Chahan Vidal-Gorène, Boris Dupin, Aliénor Decours-Perez, et Thomas Riccioli. « A modular and automated "
         "annotation platform for handwritings : evaluation on under-resourced languages ». In ICDAR 2021, 2021.",
         "Vidal-Gorène, Dupin, Decours-Perez, Riccioli. « A modular and automated annotation platform for "
         "handwritings: evaluation on under-resourced languages », 507-522."),
        ('Jeffrey Wu et al., "Language Models Are Unsupervised Multitask Learners," OpenAI, (February 2019): 7.',
         "Jeffrey Wu et al., 7."),
    ],
)
def test_short_forms_of_several_authors_link_to_the_full_citation(full, short):
    found = find_repeat(short, [Cited(full, (), "", 1), Cited("Other, Book, Berlin 2000.", ("other",), "2000", 2)])
    assert found is not None and found.target == 0


def test_and_between_two_title_words_splits_nothing():
    note = ("Phillip Benjamin Ströbel, Simon Clematide, et Martin Volk. « How Much Data Do You Need? ». In "
            "Proceedings of the 12th Language Resources and Evaluation Conference, 3551-3559. Marseille: ACL, 2020.")
    assert len(split_footnote(note)) == 1


def test_a_note_rest_glued_to_a_body_paragraph_at_a_page_break():
    text = ("Body text of the first page, which cites.1\n"
            "1 See e.g., Y. Lin, J.-B. Michel, Syntactic Annotations for the Google Books NGram Corpus, in: Proceedings\n"
            "of the ACL 2012 System Demonstrations, Jeju Island, Korea,\n\n"
            "More precisely, different kinds of transformation are being applied to the source\n"
            "2012, pp. 169–174, https://aclanthology.org/P12-3029; S. Bhattacharyya, P. Organisciak, J. S.\n"
            "Downie, A Fragmentizing Interface, Interdisciplinary Science Reviews 40 (2015) 61–77.\n")
    seg = segment(text)
    assert seg.footnotes[0].text.endswith("Reviews 40 (2015) 61–77.")
    assert seg.body[-1].text.endswith("applied to the source")


@pytest.mark.parametrize(
    "note",
    ["Vgl.: Art. 10 Bayerisches Archivgesetz, wonach die Benutzung nur nach Antragstellung erfolgen kann.",
     "See s. 12 and Art. 5 Copyright Act, which allows the use of short excerpts for teaching."],
)
def test_a_named_act_in_a_comment_is_cited(note):
    assert holds_citation(note)


def test_a_margin_note_printed_after_its_own_rest():
    text = ("Body text of the page, long enough to be a paragraph of prose.\n\n"
            "und 19. Jahrhundert, hg. von\nHelmut Berding, Diethelm\nKlippel und Günther Lottes,\n"
            "Göttingen: Vandenhoeck & Ruprecht 1999, 206 S.\n\n"
            "1 Kriminalitätsgeschichte, hg. von Andreas Blauert, Konstanz: uvk 2000.\n"
            "2 Kriminalität und abweichendes\nVerhalten. Deutschland im 18.\n")
    notes = segment(text).footnotes
    assert notes[1].text.startswith("Kriminalität und abweichendes Verhalten. Deutschland im 18. und 19. Jahrhundert")


def test_a_list_of_works_by_title_in_a_margin_column():
    text = ("Body text of the page, a long line of prose that runs as wide as the body column does.\n\n"
            "2 Matthias Beltz: Audio-, Video\n"
            "und Bibliographie: ich bin nichts.\n"
            "ich hab nichts. aber ich lach’ mich\n"
            "tot. Ein Hörspiel, ca. 70\n"
            "Min., ISBN 3-7857-1197-2.\n"
            "Eigenes Konto. Wenn alles sich\n"
            "rechnet. ca. 70\n"
            "Min., ISBN 3-7857-1118-2.\n\n"
            "Gute Nacht, Europa, wo immer du\n"
            "auch bist, München: Goldmann\n"
            "2000.\n"
            "Die paar Tage noch, Zürich: Ammann Verlag 1994.\n")
    text = "1 Vgl. Meier, Handbuch, Berlin 2000, S. 4.\n\n" + text
    starts = [r.raw[:14] for r in extract_article(text).footnotes if r.footnote == 2]
    assert starts[1:] == ["Eigenes Konto.", "Gute Nacht, Eu", "Die paar Tage "]
