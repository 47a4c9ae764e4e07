"""Turn a chart's SVG into PNG for documents that cannot hold SVG (DOCX)."""

from __future__ import annotations

from .model import ChartInputError


def to_png(svg: str, width_px: int) -> bytes:
    """Render the SVG as a PNG `width_px` wide on white, its height in proportion.

    CairoSVG renders with Cairo and the machine's fonts (Arial falls back to Liberation
    Sans through fontconfig). It runs in its safe mode, which fetches nothing: no
    external files, no URLs, no XML entities.
    """
    if width_px < 1:
        raise ChartInputError("A PNG must be at least one pixel wide.")
    # Imported here so the charts can be drawn, and tested, where Cairo is missing.
    import cairosvg

    return cairosvg.svg2png(
        bytestring=svg.encode("utf-8"),
        output_width=width_px,
        background_color="#ffffff",
        unsafe=False,
    )
