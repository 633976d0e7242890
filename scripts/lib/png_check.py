#!/usr/bin/env python3
"""Checks that PNG screenshots are not blank, with the standard library only.

    python3 scripts/lib/png_check.py shot.png...

Decodes each PNG (8-bit greyscale, RGB or RGBA, not interlaced: what Chromium writes),
finds its most common colour, and fails unless at least MIN_INK of the pixels differ from
it and the pixels' brightness varies (a page that failed to render is one flat colour).
Prints one line per file; exits 1 if any is blank or unreadable.
"""
import struct
import sys
import zlib

MIN_INK = 0.005  # at least 0.5% of the pixels are not background
MIN_STDDEV = 4.0  # brightness standard deviation, on 0..255


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat.append(chunk)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                line[i] = (line[i] + pred) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def stats(path):
    width, height, channels, rows = read_png(path)
    counts, total, sum_b, sum_b2 = {}, 0, 0.0, 0.0
    # Every second pixel of every second row: plenty for a screenshot, four times faster.
    for row in rows[::2]:
        for x in range(0, width, 2):
            px = row[x * channels:x * channels + min(channels, 3)]
            counts[px] = counts.get(px, 0) + 1
            b = sum(px) / len(px)
            sum_b += b
            sum_b2 += b * b
            total += 1
    background = max(counts.values())
    ink = 1 - background / total
    mean = sum_b / total
    stddev = max(sum_b2 / total - mean * mean, 0) ** 0.5
    return width, height, ink, stddev


def main(paths):
    failed = False
    for path in paths:
        try:
            width, height, ink, stddev = stats(path)
        except (OSError, ValueError, zlib.error, TypeError) as e:
            print(f"FAIL {path}: cannot read: {e}")
            failed = True
            continue
        blank = ink < MIN_INK or stddev < MIN_STDDEV
        verdict = "FAIL" if blank else "ok"
        print(f"{verdict:4} {path}: {width}x{height}, {ink:.1%} non-background, brightness stddev {stddev:.1f}"
              + (" (blank)" if blank else ""))
        failed |= blank
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
