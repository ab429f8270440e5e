"""Text from outside (file names, problems quoting them) made safe to print on one terminal line.

A file name may hold any character but '/' and NUL: a newline in it would start a line of our
output that it wrote itself (a forged `failed:` line), an escape sequence would move the cursor
or clear the screen, and U+2028 or a bidirectional override would do the same in some terminals.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, the line and paragraph separators, the bidirectional controls, and
# the lone surrogates that stand for bytes of a name that are not UTF-8 (they cannot be printed).
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text) -> str:
    """`text` (a str or path) with every character that could break or take over a terminal line
    written as an escape (\\n, \\e, \\x07, \\u202e); all other characters, Chinese included, stay.

    >>> printable("plan\\nfailed: x.txt: forged")
    'plan\\\\nfailed: x.txt: forged'
    >>> printable("\\x1b[2J实施方案.txt")
    '\\\\e[2J实施方案.txt'
    """
    return _UNSAFE.sub(_escape, str(text))
