"""Small inline-SVG charts for the review page: no library, no network."""

from __future__ import annotations

from html import escape

BAR_HEIGHT = 18
LABEL_WIDTH = 120
CHART_WIDTH = 300


def bar_chart(title: str, counts: list[tuple[str, int]]) -> str:
    """Horizontal bars, one per (label, count), longest first as given."""
    top = max((c for _, c in counts), default=0) or 1
    height = BAR_HEIGHT * max(len(counts), 1) + 24
    rows = []
    for i, (label, count) in enumerate(counts):
        y = 20 + i * BAR_HEIGHT
        width = (CHART_WIDTH - LABEL_WIDTH - 50) * count / top
        rows.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 13}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 2}" width="{width:.1f}" height="{BAR_HEIGHT - 4}">'
            f'<title>{escape(label)}: {count}</title></rect>'
            f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{y + 13}">{count}</text>')
    if not counts:
        rows.append(f'<text x="{LABEL_WIDTH}" y="33">none</text>')
    return _svg(title, CHART_WIDTH, height, "".join(rows))


def histogram(title: str, bins: list[int], low: float = 0.0, high: float = 1.0) -> str:
    """Vertical columns over equal bins of [low, high], labelled at both ends."""
    top = max(bins, default=0) or 1
    plot_height, column = 90, (CHART_WIDTH - 40) / max(len(bins), 1)
    step = (high - low) / max(len(bins), 1)
    columns = []
    for i, count in enumerate(bins):
        h = plot_height * count / top
        x = 20 + i * column
        columns.append(
            f'<rect x="{x + 1:.1f}" y="{20 + plot_height - h:.1f}" width="{column - 2:.1f}" height="{h:.1f}">'
            f'<title>{low + i * step:.1f}-{low + (i + 1) * step:.1f}: {count}</title></rect>')
    axis = (f'<text x="20" y="{plot_height + 36}">{low:g}</text>'
            f'<text x="{CHART_WIDTH - 20}" y="{plot_height + 36}" text-anchor="end">{high:g}</text>')
    return _svg(title, CHART_WIDTH, plot_height + 42, "".join(columns) + axis)


def _svg(title: str, width: float, height: float, body: str) -> str:
    return (f'<figure><figcaption>{escape(title)}</figcaption>'
            f'<svg width="{width}" height="{height}" '
            f'role="img" aria-label="{escape(title)}">{body}</svg></figure>')
