#!/usr/bin/env python3
"""Turns bench/http/run's results into a markdown table and an SVG bar chart.

usage: report.py results.tsv http.md http.svg "machine line"

results.tsv rows: server  route  connections  req/s  p50_ms  p99_ms  errors  [max_ms]
where server is go4j, jdkvt or go.
"""
import sys
from html import escape

SERVERS = [("go4j", "go4j"), ("jdkvt", "JDK VT"), ("go", "Go net/http")]
COLORS = {"go4j": "#2f7ed8", "jdkvt": "#f28f43", "go": "#00add8"}
WORK_MS = 10  # the route /work?ms=10 waits this long


def load(path):
    """One dict per (server, route, connections): the median of each figure over its runs."""
    runs = {}
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        if len(f) < 7:
            continue
        server, route, conns, rps, p50, p99, errs = f[:7]
        mx = f[7] if len(f) > 7 else "0"
        runs.setdefault((server, route, int(conns)), []).append(
            dict(rps=float(rps or 0), p50=float(p50 or 0), p99=float(p99 or 0), max=float(mx or 0),
                 errs=int(errs or 0)))
    return {k: {m: median([r[m] for r in v]) for m in v[0]} for k, v in runs.items()}


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def lat(r):
    return f"{r['p50']:.2f} / {r['p99']:.2f} / {r['max']:.0f}"


def ratio(a, b):
    return f"{a / b:.2f}" if b else "-"


def table(rows, machine):
    keys = sorted({(r, c) for (_, r, c) in rows}, key=lambda k: (k[0] != "/", k[0], k[1]))
    out = ["# HTTP hello server: go4j vs JDK virtual threads vs Go", "",
           f"Loopback, one process per server, {machine}.", "",
           "req/s (higher is better); p50 / p99 / max latency in ms (lower is better).", "",
           "| route | conns | go4j req/s | JDK VT req/s | Go req/s | go4j/Go | go4j/JDK-VT "
           "| go4j p50/p99/max | JDK VT p50/p99/max | Go p50/p99/max | errors go4j/VT/Go |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for route, conns in keys:
        g = {s: rows.get((s, route, conns), dict(rps=0, p50=0, p99=0, max=0, errs=0)) for s, _ in SERVERS}
        out.append(
            f"| `{route}` | {conns} | {g['go4j']['rps']:,.0f} | {g['jdkvt']['rps']:,.0f} | {g['go']['rps']:,.0f} "
            f"| {ratio(g['go4j']['rps'], g['go']['rps'])} | {ratio(g['go4j']['rps'], g['jdkvt']['rps'])} "
            f"| {lat(g['go4j'])} | {lat(g['jdkvt'])} | {lat(g['go'])} "
            f"| {g['go4j']['errs']:.0f}/{g['jdkvt']['errs']:.0f}/{g['go']['errs']:.0f} |")
    out.append("")
    # The ideal for /work?ms=10: every connection always has one request waiting 10 ms, so
    # conns / 10 ms requests per second, unless the CPU cannot serve that many: the CPU's cap is
    # the best rate any server reached on / (no waiting) at the same connection count.
    for conns in sorted({c for (_, r, c) in rows if r.startswith("/work")}):
        wait_ideal = conns * 1000.0 / WORK_MS
        cpu_cap = max((rows.get((s, "/", conns), {}).get("rps", 0) for s, _ in SERVERS), default=0)
        ideal = min(wait_ideal, cpu_cap) if cpu_cap else wait_ideal
        parts = ", ".join(
            f"{label} {rows.get((s, '/work?ms=10', conns), {}).get('rps', 0) / ideal:.2f}" for s, label in SERVERS)
        out.append(f"Ideal for `/work?ms=10` at {conns} connections: {conns} / {WORK_MS} ms = {wait_ideal:,.0f} req/s"
                   f", capped by the CPU (best `/` rate at {conns} connections: {cpu_cap:,.0f}) = {ideal:,.0f} req/s;"
                   f" ratio to ideal: {parts}.")
        out.append("")
    return "\n".join(out)


def svg(rows):
    keys = sorted({(r, c) for (_, r, c) in rows}, key=lambda k: (k[0] != "/", k[0], k[1]))
    top = max([v["rps"] for v in rows.values()] + [1])
    w, h, left, bottom, top_pad = 760, 380, 70, 60, 40
    plot_h = h - bottom - top_pad
    group_w = (w - left - 20) / max(len(keys), 1)
    bar_w = group_w / (len(SERVERS) + 1)
    s = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="11">',
         f'<rect width="{w}" height="{h}" fill="white"/>',
         f'<text x="{w / 2}" y="18" text-anchor="middle" font-size="14">HTTP hello server, requests/s (higher is better)</text>']
    for i in range(5):  # grid
        v = top * i / 4
        y = top_pad + plot_h - plot_h * i / 4
        s.append(f'<line x1="{left}" y1="{y:.1f}" x2="{w - 20}" y2="{y:.1f}" stroke="#ddd"/>')
        s.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{v / 1000:,.0f}k</text>')
    for gi, (route, conns) in enumerate(keys):
        x0 = left + gi * group_w + bar_w / 2
        for si, (server, label) in enumerate(SERVERS):
            v = rows.get((server, route, conns), {}).get("rps", 0)
            bh = plot_h * v / top
            x = x0 + si * bar_w
            y = top_pad + plot_h - bh
            s.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{bh:.1f}" fill="{COLORS[server]}">'
                     f'<title>{escape(label)} {escape(route)} c={conns}: {v:,.0f} req/s</title></rect>')
            s.append(f'<text x="{x + bar_w / 2 - 1:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="9">{v / 1000:.0f}k</text>')
        s.append(f'<text x="{x0 + bar_w * len(SERVERS) / 2:.1f}" y="{h - bottom + 16}" text-anchor="middle">'
                 f'{escape(route)}</text>')
        s.append(f'<text x="{x0 + bar_w * len(SERVERS) / 2:.1f}" y="{h - bottom + 30}" text-anchor="middle">'
                 f'{conns} conns</text>')
    for si, (server, label) in enumerate(SERVERS):  # legend
        x = left + si * 130
        s.append(f'<rect x="{x}" y="{h - 18}" width="12" height="12" fill="{COLORS[server]}"/>')
        s.append(f'<text x="{x + 16}" y="{h - 8}">{escape(label)}</text>')
    s.append("</svg>")
    return "\n".join(s) + "\n"


def main():
    results, md, svg_path, machine = sys.argv[1:5]
    rows = load(results)
    with open(md, "w") as f:
        f.write(table(rows, machine) + "\n")
    with open(svg_path, "w") as f:
        f.write(svg(rows))


if __name__ == "__main__":
    main()
