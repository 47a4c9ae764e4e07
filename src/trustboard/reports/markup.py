"""The plain text an officer edits a report's sections in, and what it means.

Paragraphs are separated by a blank line. Inside a paragraph, a line starting "- " is a
point and one starting "  - " (indented) is an item under the point before it; other
lines are the paragraph's own text. So the 2013 report's paragraph 18 reads:

    In summary, these performance reports indicate that:
    - good progress is being made in achieving the identified key actions...
    - of the sixteen performance indicators where comparison information is available,
      eight show that Nottinghamshire performance exceeds the national average. These are:
      - obesity in primary school age children in Reception Year
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_BLANK_LINES = re.compile(r"\n[ \t]*\n+")


@dataclass
class Point:
    text: str
    items: list[str] = field(default_factory=list)


@dataclass
class Block:
    """One paragraph: its own lines (kept as lines for addresses and signatures) and points."""

    lines: list[str] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def split_paragraphs(text: str) -> list[str]:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return [part.strip("\n") for part in _BLANK_LINES.split(text) if part.strip()]


def parse_block(text: str) -> Block:
    block = Block()
    for raw in text.split("\n"):
        if not raw.strip():
            continue
        stripped = raw.lstrip()
        indent = len(raw) - len(stripped)
        if stripped.startswith(("- ", "* ")) or stripped in {"-", "*"}:
            content = stripped[2:].strip()
            if indent >= 2 and block.points:
                block.points[-1].items.append(content)
            else:
                block.points.append(Point(content))
        elif block.points and indent >= 2:
            # A wrapped line continues the point or item above it.
            target = block.points[-1]
            if target.items:
                target.items[-1] += " " + stripped
            else:
                target.text += " " + stripped
        else:
            block.lines.append(stripped)
    return block


def parse(text: str) -> list[Block]:
    """The paragraphs of a section's text, each with its points."""
    return [parse_block(part) for part in split_paragraphs(text)]
