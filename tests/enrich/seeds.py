"""The test look-alike's registry: real works (metadata as the registries publish it)
and the decoys that make DOI matching hard.

Decoys, each next to the work it imitates: the same title in another year by another
author, a book and its chapter, a review of a book, a correction notice with the
article's title, a journal version and a conference version with one title, a
preprint of an article, and DOIs that differ by one character.
"""

from __future__ import annotations

from typing import TypedDict

from lookalike import Seed, update


class _Journal(TypedDict):
    """The container fields one journal's seeds share (spread into ``Seed``)."""

    container: str
    short_container: str
    publisher: str
    issn: str


NATURE = _Journal(container="Nature", short_container="Nature", publisher="Springer Science and Business Media LLC",
                  issn="0028-0836")

SEEDS: list[Seed] = [
    # --- real works -------------------------------------------------------------------
    Seed("10.1038/nature14539", "Deep learning", [("Yann", "LeCun"), ("Yoshua", "Bengio"), ("Geoffrey", "Hinton")],
         2015, volume="521", issue="7553", page="436-444", **NATURE),
    Seed("10.1038/171737a0", "Molecular Structure of Nucleic Acids: A Structure for Deoxyribose Nucleic Acid",
         [("J. D.", "Watson"), ("F. H. C.", "Crick")], 1953, volume="171", issue="4356", page="737-738", **NATURE),
    Seed("10.1371/journal.pmed.0020124", "Why Most Published Research Findings Are False",
         [("John P. A.", "Ioannidis")], 2005, container="PLoS Medicine", short_container="PLoS Med",
         volume="2", issue="8", page="e124", publisher="Public Library of Science (PLoS)", issn="1549-1676"),
    Seed("10.1073/pnas.0507655102", "An index to quantify an individual's scientific research output",
         [("J. E.", "Hirsch")], 2005, container="Proceedings of the National Academy of Sciences",
         short_container="Proc. Natl. Acad. Sci. U.S.A.", volume="102", issue="46", page="16569-16572",
         publisher="Proceedings of the National Academy of Sciences", issn="0027-8424"),
    Seed("10.1109/cvpr.2016.90", "Deep Residual Learning for Image Recognition",
         [("Kaiming", "He"), ("Xiangyu", "Zhang"), ("Shaoqing", "Ren"), ("Jian", "Sun")], 2016,
         type="proceedings-article", container="2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)",
         page="770-778", publisher="IEEE"),
    Seed("10.1016/s0140-6736(97)11096-0",
         "RETRACTED: Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children",
         [("AJ", "Wakefield"), ("SH", "Murch"), ("A", "Anthony")], 1998, container="The Lancet",
         short_container="The Lancet", volume="351", issue="9103", page="637-641", publisher="Elsevier BV",
         issn="0140-6736",
         updated_by=[update("retraction", "10.1016/s0140-6736(10)60175-4", 2010),
                     update("retraction", "10.1016/s0140-6736(10)60175-4", 2010, "retraction-watch",
                            record_id="8122")]),
    Seed("10.1016/s0140-6736(10)60175-4", "Retraction—Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in children",
         [("The Editors of The", "Lancet")], 2010, container="The Lancet", volume="375", issue="9713", page="445",
         publisher="Elsevier BV", update_to=[update("retraction", "10.1016/s0140-6736(97)11096-0", 2010)]),
    # Retracted, but only the notice says so (Retraction Watch's update-to, no updated-by).
    Seed("10.1038/nature12968", "Stimulus-triggered fate conversion of somatic cells into pluripotency",
         [("Haruko", "Obokata"), ("Teruhiko", "Wakayama")], 2014, volume="505", issue="7485", page="641-647",
         **NATURE),
    Seed("10.1038/nature13598", "Retraction Note: Stimulus-triggered fate conversion of somatic cells into pluripotency",
         [("Haruko", "Obokata")], 2014, volume="511", issue="7507", page="112", **NATURE,
         update_to=[update("retraction", "10.1038/nature12968", 2014, "retraction-watch", record_id="11187")]),
    # Corrected, and an expression of concern.
    Seed("10.1126/science.1259855", "Systematic analysis of the kinetics of protein turnover in yeast",
         [("Maria", "Okonkwo"), ("Peter", "Lindqvist")], 2014, container="Science", volume="346",
         issue="6215", page="1381-1385", publisher="American Association for the Advancement of Science (AAAS)",
         issn="0036-8075", updated_by=[update("correction", "10.1126/science.aaa2731", 2015)]),
    Seed("10.1186/s12916-019-1432-7", "Vitamin D supplementation and fracture risk in older adults: a cohort study",
         [("Ana", "Ferreira"), ("Tomás", "Ruiz")], 2019, container="BMC Medicine", volume="17", page="171",
         publisher="Springer Science and Business Media LLC", issn="1741-7015",
         updated_by=[update("expression_of_concern", "10.1186/s12916-021-02011-x", 2021, "retraction-watch",
                            record_id="40112")]),
    # A book and one of its chapters.
    Seed("10.1093/oxfordhb/9780199286546.001.0001", "The Oxford Handbook of Political Methodology", [],
         2008, type="book", publisher="Oxford University Press", isbn="9780199286546",
         editors=[("Janet M.", "Box-Steffensmeier"), ("Henry E.", "Brady"), ("David", "Collier")]),
    Seed("10.1093/oxfordhb/9780199286546.003.0002", "Normative Methodology",
         [("Russell", "Hardin")], 2008, type="book-chapter", container="The Oxford Handbook of Political Methodology",
         page="35-48", publisher="Oxford University Press", isbn="9780199286546",
         editors=[("Janet M.", "Box-Steffensmeier")]),
    # DataCite: a preprint server's DOI and a data set.
    Seed("10.48550/arxiv.1706.03762", "Attention Is All You Need",
         [("Ashish", "Vaswani"), ("Noam", "Shazeer"), ("Niki", "Parmar")], 2017, type="Preprint",
         agency="datacite", publisher="arXiv"),
    Seed("10.5061/dryad.8515j", "Data from: Rapid evolution of a native species following invasion by a congener",
         [("Yoel E.", "Stuart"), ("Todd S.", "Campbell")], 2014, type="Dataset", agency="datacite",
         publisher="Dryad"),
    # Only OpenAlex (and the handle API) know it: a JaLC DOI.
    Seed("10.11501/3141592", "Sakura no kenkyu: Nihon ni okeru sakura no bunrui",
         [("Taro", "Yamada")], 1972, agency="other", container="Shokubutsugaku Zasshi", volume="85", page="1-20"),
    # Registered (the handle API knows it) with an agency none of the three indexes.
    Seed("10.3969/j.issn.1000-0000.2019.01.001", "Zhongguo nongye jingji yanjiu", [("Wei", "Zhang")], 2019,
         agency="other", openalex=False, container="Nongye Jingji"),
    # A journal article that needs its online-first year.
    Seed("10.1111/ecog.04617", "Global patterns of tree density and their drivers",
         [("Lena", "Hoffmann"), ("Ravi", "Kumar")], 2020, online_year=2019, container="Ecography",
         volume="43", issue="2", page="211-224", publisher="Wiley", issn="0906-7590"),

    # --- decoys -----------------------------------------------------------------------
    # Same title, another year, another author.
    Seed("10.1007/s10462-016-9502-2", "Deep learning", [("Li", "Deng")], 2016,
         container="Artificial Intelligence Review", volume="46", page="1-30", publisher="Springer"),
    # A correction notice that repeats the article's title.
    Seed("10.1371/journal.pmed.1004085", "Correction: Why Most Published Research Findings Are False",
         [("The PLOS Medicine", "Staff")], 2022, container="PLoS Medicine", volume="19", page="e1004085",
         update_to=[update("correction", "10.1371/journal.pmed.0020124", 2022)]),
    # One character from the Ioannidis DOI: another PLoS Medicine paper.
    Seed("10.1371/journal.pmed.0020125", "Prevalence of hepatitis B in pregnant women in rural Ghana",
         [("Kwame", "Mensah")], 2005, container="PLoS Medicine", volume="2", issue="8", page="e125"),
    # A review of a book that Crossref does not have.
    Seed("10.1257/jel.50.4.1080", "Psychologists at the Gate: A Review of Daniel Kahneman's Thinking, Fast and Slow",
         [("Andrei", "Shleifer")], 2012, container="Journal of Economic Literature", volume="50", issue="4",
         page="1080-1091", publisher="American Economic Association",
         relation={"is-review-of": [{"id-type": "isbn", "id": "9780374275631", "asserted-by": "subject"}]}),
    # One title, two versions in one year: a conference paper and its journal version.
    Seed("10.1145/3292500.3330701", "Graph Convolutional Networks for Traffic Forecasting",
         [("Wei", "Chen"), ("Mei", "Lin")], 2019, type="proceedings-article",
         container="Proceedings of the 25th ACM SIGKDD International Conference on Knowledge Discovery & Data Mining",
         page="1720-1730", publisher="ACM"),
    Seed("10.1109/tits.2019.2935152", "Graph Convolutional Networks for Traffic Forecasting",
         [("Wei", "Chen"), ("Mei", "Lin")], 2019, container="IEEE Transactions on Intelligent Transportation Systems",
         short_container="IEEE Trans. Intell. Transport. Syst.", volume="21", page="3848-3858", publisher="IEEE"),
    # A preprint of the tree density article.
    Seed("10.1101/2019.12.10.871962", "Global patterns of tree density and their drivers",
         [("Lena", "Hoffmann"), ("Ravi", "Kumar")], 2019, type="posted-content", publisher="Cold Spring Harbor Laboratory"),
    # A slow record (answers after the client's timeout in the offline/slow tests).
    Seed("10.5555/slow.1", "A record that answers slowly", [("Sam", "Slow")], 2020, container="Journal of Delays",
         delay=3.0),
]
