"""The shortcuts of decode_text give what the full computation gives: _mostly_utf8 (decided from
the first kilobytes when they break often enough) against counting U+FFFD over the whole text
read leniently as UTF-8."""

from __future__ import annotations

import random

from policygraph.ingest.readers import _mostly_utf8

PLAN = "一、总体要求\n(一)推进科普基地建设。(牵头单位:市科协,责任单位:市教育局、市科技局)\n" * 400


def _whole_count(data: bytes) -> bool:
    lenient = data.decode("utf-8", errors="replace")
    return lenient.count("\ufffd") * 50 <= len(lenient)


def test_mostly_utf8_agrees_with_the_whole_count():
    rng = random.Random(5)
    samples = [PLAN.encode("gb18030"), PLAN.encode("big5", errors="replace"), PLAN.encode("utf-8")]
    utf8 = bytearray(PLAN.encode("utf-8"))
    for k in range(0, len(utf8), 997):  # a few broken bytes in UTF-8 text
        utf8[k] = 0xFF
    samples.append(bytes(utf8))
    samples += [bytes(rng.randrange(256) for _ in range(n)) for n in (10, 5000, 40000)]
    # text in another encoding after a long UTF-8 stretch (the piece is UTF-8: the whole is counted)
    mixed = ("说明" * 3000).encode("utf-8") + PLAN.encode("gb18030")
    samples += [mixed[:n] for n in range(len(mixed) - 2000, len(mixed), 97)]
    # the piece read first ends anywhere: in UTF-8 text, in GB18030 text, inside a character
    short = "说明".encode() * 10 + PLAN.encode("gb18030")
    samples += [short[:n] for n in range(100, 8000, 13)]
    decided_early = 0
    for data in samples:
        assert (_mostly_utf8(data) is not None) == _whole_count(data), len(data)
        piece = data[: 512 + len(data) // 20]
        broken = piece.decode("utf-8", errors="replace").count("\ufffd")
        decided_early += len(piece) < len(data) and (broken - 1) * 50 > len(data)
    assert decided_early > 100  # the shortcut is taken, not only the whole count
    assert _mostly_utf8(PLAN.encode("gb18030")) is None
    assert _mostly_utf8(bytes(utf8)) == bytes(utf8).decode("utf-8", errors="replace")
