"""Pictures as inline SVG, drawn on the server from query results: no script, no external library.

`gap_chart` draws a category's general classification (gap to the leader after each stage for the
crews the source ranks); `route_timeline` draws the route day by day (distance bars, countries,
rest days and cancellations). Colours are presentation attributes, not style attributes, so the
pages keep a strict Content-Security-Policy.
"""

from __future__ import annotations

from html import escape

from endpoint.web.story import CategoryStory, Day
from loader.parsing import format_duration

# Colours told apart by everyone (Okabe and Ito's, for colour-blind readers too, then Tol's); no two alike. Lines
# also differ by dash and marker, so that a reader who cannot tell two colours apart can still follow each line.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#882255", "#999933", "#6b6b6b")
DASHES = ("", "7 3", "2 3", "9 3 2 3", "4 4")
MARKERS = ("circle", "square", "diamond", "triangle")
NICE_STEPS = (60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 14400, 21600, 43200, 86400)
ORDINALS = {1: "1st", 2: "2nd", 3: "3rd"}


def tick_step(largest: int, most: int = 6) -> int:
    """Return a round step (in seconds) that divides 0..largest into at most `most` ticks.

    >>> tick_step(3000), tick_step(60858), tick_step(0)
    (600, 10800, 60)
    """
    for step in NICE_STEPS:
        if largest / step <= most:
            return step
    return NICE_STEPS[-1] * (largest // (NICE_STEPS[-1] * most) + 1)


def _marker(shape: str, cx: float, cy: float, colour: str, title: str) -> str:
    """Return one point's marker: a circle, square, diamond or triangle (each line has its own)."""
    if shape == "square":
        return f'<rect x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" fill="{colour}">{title}</rect>'
    if shape == "diamond":
        points = f"{cx:.1f},{cy - 5:.1f} {cx + 5:.1f},{cy:.1f} {cx:.1f},{cy + 5:.1f} {cx - 5:.1f},{cy:.1f}"
        return f'<polygon points="{points}" fill="{colour}">{title}</polygon>'
    if shape == "triangle":
        points = f"{cx:.1f},{cy - 5:.1f} {cx + 5:.1f},{cy + 4:.1f} {cx - 5:.1f},{cy + 4:.1f}"
        return f'<polygon points="{points}" fill="{colour}">{title}</polygon>'
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="{colour}">{title}</circle>'


def _ordinal(n: int) -> str:
    return ORDINALS.get(n, f"{n}th")


def gap_chart(story: CategoryStory, chart_id: str) -> str:
    """Return an SVG of a category's general classification: gap to the leader after each stage, per crew."""
    width, height, left, right, top, bottom = 780, 340, 72, 190, 24, 44
    stages = story.stages or sorted({p.stage for c in story.crews for p in c.points})
    if not stages:
        return ""
    largest = max([p.gap for c in story.crews for p in c.points] + [1])
    step = tick_step(largest)
    ceiling = step * -(-largest // step)
    plot_w, plot_h = width - left - right, height - top - bottom
    first, last = stages[0], stages[-1]

    def x(stage: int) -> float:
        return left + (stage - first) * plot_w / max(last - first, 1)

    def y(gap: int) -> float:
        return top + gap * plot_h / ceiling

    title = f"{story.name}: gap to the leader of the general classification after each stage"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart gc" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" id="{chart_id}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">One line per crew the source ranks in the top of the general classification; '
        f"the leader sits on the top line (gap 0), lower is further behind. Points carry the exact position and gap.</desc>",
    ]
    for stage, what in story.no_contest:
        if first <= stage <= last:
            band = plot_w / max(last - first, 1)
            parts.append(
                f'<rect class="cancelled" x="{x(stage) - band / 2:.1f}" y="{top}" width="{band:.1f}" height="{plot_h}" fill="#eeeeee"/>'
                f'<text class="note" x="{x(stage):.1f}" y="{top + plot_h - 6}" text-anchor="middle">{escape(what)}</text>'
            )
    for tick in range(0, ceiling + 1, step):
        parts.append(
            f'<line class="grid" x1="{left}" x2="{left + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#dddddd"/>'
            f'<text class="axis" x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{"leader" if tick == 0 else "+" + format_duration(tick)}</text>'
        )
    for stage in stages:
        parts.append(f'<text class="axis" x="{x(stage):.1f}" y="{top + plot_h + 16}" text-anchor="middle">{stage}</text>')
    parts.append(f'<text class="axis-title" x="{left + plot_w / 2:.1f}" y="{height - 6}" text-anchor="middle">after stage</text>')
    for index, crew in enumerate(story.crews):
        colour = PALETTE[index % len(PALETTE)]
        dash = DASHES[index % len(DASHES)]
        marker = MARKERS[index % len(MARKERS)]
        points = sorted(crew.points, key=lambda p: p.stage)
        runs: list[list[tuple[float, float]]] = []
        for previous, point in zip([None, *points], points):
            if previous is None or _next_stage(stages, previous.stage) != point.stage:
                runs.append([])
            runs[-1].append((x(point.stage), y(point.gap)))
        parts.append(f'<g class="crew" data-crew="{escape(crew.name)}">')
        for run in runs:
            if len(run) > 1:
                coords = " ".join(f"{px:.1f},{py:.1f}" for px, py in run)
                dashed = f' stroke-dasharray="{dash}"' if dash else ""
                parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"{dashed}/>')
        for point in points:
            behind = "leader" if point.gap == 0 else f"{format_duration(point.gap)} behind"
            title = f"<title>After stage {point.stage}: {escape(crew.name)}, {_ordinal(point.position)}, {behind}</title>"
            parts.append(_marker(marker, x(point.stage), y(point.gap), colour, title))
        legend_y = top + 10 + index * 20
        sample = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<a href="{escape(crew.href)}"><line x1="{width - right + 8}" x2="{width - right + 30}" y1="{legend_y - 3}" '
            f'y2="{legend_y - 3}" stroke="{colour}" stroke-width="2"{sample}/>'
            + _marker(marker, width - right + 19, legend_y - 3, colour, "")
            + f'<text class="legend" x="{width - right + 36}" y="{legend_y + 1}">{escape(crew.name)}</text></a></g>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _next_stage(stages: list[int], stage: int) -> int | None:
    later = [s for s in stages if s > stage]
    return later[0] if later else None


def route_timeline(days: list[Day], chart_id: str) -> str:
    """Return an SVG of the route: one row per day, a bar per stage's distance, coloured by country."""
    if not days:
        return ""
    row, top, width = 26, 30, 900
    height = top + row * len(days) + 10
    bar_x, bar_w = 420, 250
    longest = max([d.distance or 0 for d in days] + [1])
    colours: dict[str, str] = {}
    for day in days:
        for country in day.countries:
            colours.setdefault(country, PALETTE[len(colours) % len(PALETTE)])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart route" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title" id="{chart_id}">',
        f'<title id="{chart_id}-title">The route day by day: stages with their distance and the country they finish in</title>',
    ]
    legend_x = 0
    for country, colour in colours.items():
        parts.append(
            f'<rect x="{legend_x}" y="6" width="12" height="12" fill="{colour}"/>'
            f'<text class="legend" x="{legend_x + 16}" y="16">{escape(country)}</text>'
        )
        legend_x += 22 + 7 * len(country)
    for index, day in enumerate(days):
        y = top + index * row
        label = f"Stage {day.number}" if day.number is not None else "Rest day"
        where = f"{day.start} → {day.finish}" if day.number is not None else f"rest in {day.rest}"
        parts.append(f'<a href="{escape(day.href)}"><g class="day">')
        parts.append(f'<text class="date" x="0" y="{y + 17}">{escape(day.date.rsplit(" ", 1)[0])}</text>')
        parts.append(f'<text class="stage" x="90" y="{y + 17}">{escape(label)}</text>')
        parts.append(f'<text class="where" x="160" y="{y + 17}">{escape(where)}</text>')
        if day.distance is not None:
            length = bar_w * day.distance / longest
            colour = colours.get(day.countries[0], "#888888") if day.countries else "#888888"
            parts.append(f'<rect x="{bar_x}" y="{y + 5}" width="{length:.1f}" height="15" fill="{colour}"/>')
            parts.append(f'<text class="km" x="{bar_x + length + 4:.1f}" y="{y + 17}">{day.distance:g} km</text>')
        if day.no_contest:
            parts.append(
                f'<text class="note" x="{bar_x + (bar_w * (day.distance or 0) / longest) + 64:.1f}" y="{y + 17}">{escape("; ".join(day.no_contest))}</text>'
            )
        parts.append(f"<title>{escape(day.date)}: {escape(label)}, {escape(where)}</title></g></a>")
    parts.append("</svg>")
    return "\n".join(parts)
