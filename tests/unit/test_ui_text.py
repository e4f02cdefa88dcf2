"""Words around numbers, and text made safe for Markdown."""

from ui.text import counted, escape_markdown, plain


def test_counted_agrees_with_its_number() -> None:
    assert counted(1, "mention") == "1 mention"
    assert counted(0, "win") == "0 wins"
    assert counted(2, "match", "matches") == "2 matches"
    assert counted(1, "match", "matches") == "1 match"
    assert counted(12345, "verbatim quote") == "12,345 verbatim quotes"


def test_markdown_specials_are_escaped_and_missing_cells_are_empty() -> None:
    assert escape_markdown("*3-0* $x") == r"\*3\-0\* \$x"
    assert plain(None) == "" and plain(float("nan")) == "" and plain("Almaty") == "Almaty"
