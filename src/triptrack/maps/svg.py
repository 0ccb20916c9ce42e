"""A trip's map as SVG, clean enough for a slide: land in a pale fill, the route as red
great-circle arcs, each place as a numbered disc (a square for home) with its name.

Every name goes through `html.escape`, so `<script>` or `&` in a city is text, never markup.
"""

from __future__ import annotations

from html import escape

from triptrack.maps.braille import unwrapped
from triptrack.maps.geometry import split_at
from triptrack.maps.land import rings
from triptrack.maps.trip_map import TripMap

WIDTH = 960
MAX_HEIGHT = 600
TITLE_HEIGHT = 40
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
SEA, LAND, COAST, ROUTE, INK = "#eef3f7", "#e2ddd0", "#b8b0a0", "#c0392b", "#1d2733"


def render(drawn: TripMap, *, title: bool = True) -> str:
    view = drawn.view
    width = WIDTH
    height = min(MAX_HEIGHT, round(width / view.aspect))
    width = min(WIDTH, round(height * view.aspect))
    top = TITLE_HEIGHT if title else 0
    note = drawn.shortfall()
    bottom = 28 if note else 0

    def xy(lon: float, lat: float) -> str:
        x = (lon - view.west) / (view.east - view.west) * width
        y = top + (view.north - lat) / (view.north - view.south) * height
        return f"{x:.1f},{y:.1f}"

    land = []
    for ring in rings():
        points = unwrapped(ring, view.place(ring[0][0]))
        for shift in (-360.0, 0.0, 360.0):
            lons = [p[0] + shift for p, _ in points]
            if max(lons) < view.west or min(lons) > view.east:
                continue
            land.append("M" + "L".join(xy(p[0] + shift, p[1]) for p, _ in points) + "Z")
    route = []
    for leg in drawn.legs:
        for piece in split_at(leg, view.cut):
            route.append("M" + "L".join(xy(lon, lat) for lon, lat in piece))
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {top + height + bottom}" '
            f'width="{width}" height="{top + height + bottom}" font-family="{FONT}" role="img" '
            f'aria-label="{escape(f"Map of {drawn.trip_id}: {drawn.title}")}">'
        ),
        f'<title>{escape(drawn.trip_id)}: {escape(drawn.title)}</title>',
        f'<defs><clipPath id="map-frame"><rect x="0" y="{top}" width="{width}" height="{height}"/></clipPath></defs>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        f'<rect x="0" y="{top}" width="{width}" height="{height}" fill="{SEA}"/>',
        '<g clip-path="url(#map-frame)">',
        f'<path d="{"".join(land)}" fill="{LAND}" stroke="{COAST}" stroke-width="0.8" stroke-linejoin="round" fill-rule="evenodd"/>',
        (
            f'<path d="{"".join(route)}" fill="none" stroke="{ROUTE}" stroke-width="3" stroke-linecap="round" '
            'stroke-linejoin="round" opacity="0.9"/>'
        ),
        "</g>",
    ]
    if title:
        out.append(
            f'<text x="12" y="26" font-size="18" font-weight="600" fill="{INK}">{escape(drawn.trip_id)}'
            f'<tspan font-weight="400" fill="#555"> · {escape(drawn.title)}</tspan></text>'
        )
    out.extend(_markers(drawn, xy, width, top, height))
    if note:
        out.append(f'<text x="12" y="{top + height + 19}" font-size="14" fill="#8a5a00">{escape(note)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _markers(drawn: TripMap, xy, width: int, top: int, height: int) -> list[str]:
    view = drawn.view
    out, boxes = [], []
    spots = []
    for marker in drawn.markers:
        x, y = (float(v) for v in xy(view.place(marker.position[0]), marker.position[1]).split(","))
        x, y = min(max(x, 11.0), width - 11.0), min(max(y, top + 11.0), top + height - 11.0)  # pinned to the edge
        # (a place beyond the map's latitudes, McMurdo Station or the North Pole), as in the terminal
        for earlier in spots:  # two places a few km apart (Rome, the Vatican): set them side by side
            if abs(earlier[0] - x) < 20 and abs(earlier[1] - y) < 20:
                x = earlier[0] + 22
        spots.append((x, y))
        boxes.append((x - 11, y - 11, x + 11, y + 11))
        if marker.home:
            shape = f'<rect x="{x - 9:.1f}" y="{y - 9:.1f}" width="18" height="18" rx="3" fill="{INK}" stroke="#fff" stroke-width="2"/>'
        else:
            shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="10" fill="{ROUTE}" stroke="#fff" stroke-width="2"/>'
        out.append(
            f'<g class="place">{shape}<text x="{x:.1f}" y="{y + 4.5:.1f}" font-size="12" font-weight="700" '
            f'fill="#fff" text-anchor="middle">{escape(marker.label)}</text></g>'
        )
    for marker, (x, y) in zip(drawn.markers, spots):
        name = marker.city + (" (home)" if marker.home else "")
        length = 7.6 * len(name)
        for anchor, lx, ly in (("start", x + 15, y + 5), ("end", x - 15, y + 5), ("middle", x, y - 16), ("middle", x, y + 26)):
            left = lx if anchor == "start" else lx - length if anchor == "end" else lx - length / 2
            box = (left, ly - 13, left + length, ly + 4)
            inside = box[0] >= 2 and box[2] <= width - 2 and box[1] >= top and box[3] <= top + height
            if inside and not any(_overlap(box, other) for other in boxes):
                break
        boxes.append(box)
        out.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="14" font-weight="600" fill="{INK}" text-anchor="{anchor}" '
            f'stroke="#fff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">{escape(name)}</text>'
        )
    return out


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
