"""An inline SVG bar chart of the dimension profile (no external resources)."""

from __future__ import annotations

from html import escape

from adviseur.report.view import number

ROW, LABEL, BAR = 28, 200, 320


def profile_svg(profile: tuple[tuple[str, str, float], ...]) -> str:
    height = ROW * len(profile) + 10
    width = LABEL + BAR + 60
    rows = []
    for n, (_id, name, score) in enumerate(profile):
        y = 5 + n * ROW
        colour = "#c0392b" if score >= 0.7 else "#e0a800" if score >= 0.4 else "#2e8b57"
        rows.append(
            f'<text x="{LABEL - 8}" y="{y + 18}" text-anchor="end">{escape(name)}</text>'
            f'<rect x="{LABEL}" y="{y + 4}" width="{BAR}" height="18" fill="#eee"/>'
            f'<rect x="{LABEL}" y="{y + 4}" width="{round(BAR * score)}" height="18" fill="{colour}"/>'
            f'<text x="{LABEL + BAR + 8}" y="{y + 18}">{number(score)}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13">'
        f"<title>Profiel per dimensie</title>{''.join(rows)}</svg>"
    )
