"""Metadata and boilerplate on the five sample articles, and the other input formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.cleaning import clean_article, paragraphs
from index.loaders import load_sources

SAMPLES = {
    "000_d651e93081fd5d48": dict(
        title=None, outlet="Yonhap", published="2023-11-09", byline="Kim Seung-yeon"
    ),
    "001_f0a162c93224fefe": dict(
        title="Blinken arrives in S. Korea for talks on N. Korea, alliance",
        outlet="Yonhap", published=None, byline=None,
    ),
    "002_36e99d0637d3099e": dict(
        title=None, outlet="Reuters", published="2023-11-09", byline="Soo-hyang Choi and Jack Kim"
    ),
    "003_e278d5e711c7fb92": dict(title=None, outlet=None, published="2023-11-09", byline=None),
    "004_17a147cfee9b25fc": dict(
        title=None, outlet="Stars and Stripes", published=None, byline="David Choi"
    ),
}  # fmt: skip

# Text that is not the story and must not reach the index.
BOILERPLATE = {
    "000_d651e93081fd5d48": ["date 2023-11-09", "ATTN:", "By Kim Seung-yeon", "(Yonhap) --"],
    "001_f0a162c93224fefe": ["Source: Yonhap", "(LEAD)", "waves as he arrives"],
    "002_36e99d0637d3099e": ["date 2023-11-09", "By Soo-hyang", "(Reuters) -", "'EXTENDED DETERRENCE'"],
    "003_e278d5e711c7fb92": ["loading…", "Photo/Illustration", "SEOUL –"],
    "004_17a147cfee9b25fc": [
        "Sign Up", "Sign up to receive", "(Alex Brandon/AP)", "speaks at the State Department",
    ],
}  # fmt: skip

# Story sentences that must survive cleaning.
KEPT = {
    "000_d651e93081fd5d48": "Foreign Minister Park Jin and U.S. Secretary of State Antony Blinken held talks",
    "001_f0a162c93224fefe": "U.S. Secretary of State Antony Blinken arrived in South Korea on Wednesday",
    "002_36e99d0637d3099e": "U.S. Secretary of State Antony Blinken held talks in South Korea on Thursday",
    "003_e278d5e711c7fb92": "Minister of Foreign Affairs United States of America (AS) Antony Blinken",
    "004_17a147cfee9b25fc": "KCNA in a report Thursday criticized Blinken and Austin",
}  # fmt: skip


@pytest.mark.parametrize("article_id", sorted(SAMPLES))
def test_sample_metadata(seeds_dir: Path, article_id: str) -> None:
    clean = clean_article((seeds_dir / f"{article_id}.txt").read_text())
    for field, expected in SAMPLES[article_id].items():
        assert getattr(clean, field) == expected, field


@pytest.mark.parametrize("article_id", sorted(SAMPLES))
def test_sample_boilerplate_removed_and_story_kept(seeds_dir: Path, article_id: str) -> None:
    raw = (seeds_dir / f"{article_id}.txt").read_text()
    clean = clean_article(raw)
    for junk in BOILERPLATE[article_id]:
        assert junk in raw  # the case is real
        assert junk not in clean.text, junk
    assert clean.text.startswith(KEPT[article_id]) or KEPT[article_id] in clean.text
    for paragraph in clean.text.split("\n\n"):
        assert " ".join(paragraph.split()) in " ".join(raw.split())  # verbatim


def test_an_author_bio_names_the_byline_and_stays_in_the_story(seeds_dir: Path) -> None:
    """ "Who is David Choi?" and "Where did he study?" are asked of the bio: it is kept."""
    clean = clean_article((seeds_dir / "004_17a147cfee9b25fc.txt").read_text())
    assert clean.byline == "David Choi"
    assert "David Choi is based in South Korea" in clean.text
    assert clean.text.rstrip().endswith(
        "He graduated from the University of California, Los Angeles."
    )


def test_display_title_falls_back_to_the_lead(seeds_dir: Path) -> None:
    clean = clean_article((seeds_dir / "002_36e99d0637d3099e.txt").read_text())
    assert clean.display_title().startswith("U.S. Secretary of State Antony Blinken held talks")
    assert len(clean.display_title()) <= 91


@pytest.mark.parametrize(
    ("raw", "field", "expected"),
    [
        ("Title: Big news\n\nURL: https://ex.com/a\n\nBody text of the story goes here.", "url", "https://ex.com/a"),
        ("Title: Big news\n\nBody text of the story goes here.", "title", "Big news"),
        ("WASHINGTON (Reuters) - The story starts here and goes on.", "outlet", "Reuters"),
        ("LONDON, March 3 (AP) -- Story here.\n\nMore.", "outlet", "AP"),
        ("Author: Jane Roe\n\nThe story starts here and goes on.", "byline", "Jane Roe"),
        ("Published: 2024-01-05\n\nThe story starts here.", "published", "2024-01-05"),
    ],
)  # fmt: skip
def test_header_forms(raw: str, field: str, expected: str) -> None:
    assert getattr(clean_article(raw), field) == expected


def test_markdown_html_and_pdf_files(tmp_path: Path) -> None:
    (tmp_path / "story.md").write_text(
        "# Mars probe lands\n\nThe probe landed on **Mars** on Tuesday, [NASA](https://nasa.gov) said.\n"
    )
    (tmp_path / "page.html").write_text(
        "<html><head><title>Dam opens | The Daily</title>"
        '<meta property="og:site_name" content="The Daily">'
        '<meta name="author" content="Ann Lee">'
        '<meta property="article:published_time" content="2024-02-03">'
        '<link rel="canonical" href="https://daily.example/dam"></head><body>'
        "<nav>Home | World | Sport</nav><article><h1>Dam opens</h1>"
        "<p>The new dam on the river opened on Monday after ten years of building work.</p>"
        "<p>Officials said it would supply power to two million homes in the region.</p>"
        "</article><footer>Subscribe to our newsletter. All rights reserved.</footer></body></html>"
    )
    (tmp_path / "report.pdf").write_bytes(
        _tiny_pdf("Budget vote passes in parliament after long debate.")
    )
    loaded = {a.article_id: a.clean for a in load_sources([str(tmp_path)])}
    assert loaded["story"].title == "Mars probe lands"
    assert "The probe landed on Mars on Tuesday, NASA said." in loaded["story"].text
    page = loaded["page"]
    assert page.outlet == "The Daily" and page.byline == "Ann Lee"
    assert page.published == "2024-02-03" and page.url == "https://daily.example/dam"
    assert "two million homes" in page.text and "Subscribe" not in page.text
    assert "Home | World" not in page.text
    assert "Budget vote passes in parliament" in loaded["report"].text


def _tiny_pdf(text: str) -> bytes:
    """A one-page PDF with one line of Helvetica text."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


WRAPPED = (
    "The harbour will reopen in June, Mayor Ada Lind said, and the repairs will\n"
    "cost 12 million crowns, the largest sum the town has spent on its quay since\n"
    "the war. Fishermen welcomed the news."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a hard-wrapped paragraph is one paragraph, its line breaks spaces
        (WRAPPED, [" ".join(WRAPPED.split())]),
        # a line that stops mid-sentence goes on in a line that starts in lower case
        ("It will cost 12 million\ncrowns.", ["It will cost 12 million crowns."]),
        # one paragraph per line, no blank lines: each line stays a paragraph
        ("He left.\nShe stayed on for a week.", ["He left.", "She stayed on for a week."]),
        # a headline above the story is not its first words
        (
            "Harbour to reopen\nThe harbour will reopen in June after two years of repairs, the mayor said.",
            [
                "Harbour to reopen",
                "The harbour will reopen in June after two years of repairs, the mayor said.",
            ],
        ),
        # header lines and list items stand alone
        ("Title: Harbour news\nSource: Quay Times", ["Title: Harbour news", "Source: Quay Times"]),
        (
            "The plan has two parts\n- new cranes\n- a longer quay",
            ["The plan has two parts", "- new cranes", "- a longer quay"],
        ),
        # a blank line always ends a paragraph
        ("The council met on\n\ntuesday", ["The council met on", "tuesday"]),
        ("He said:\nthe quay is safe.", ["He said:", "the quay is safe."]),
    ],
)
def test_paragraphs(text: str, expected: list[str]) -> None:
    assert paragraphs(text) == expected


def test_a_hard_wrapped_file_keeps_its_sentences_whole(tmp_path: Path) -> None:
    path = tmp_path / "wrapped.txt"
    path.write_text(f"Title: Harbour repairs\nSource: Quay Times\n\n{WRAPPED}\n")
    [loaded] = load_sources([str(path)])
    assert "will cost 12 million crowns, the largest sum" in loaded.clean.text
    assert loaded.clean.outlet == "Quay Times"
